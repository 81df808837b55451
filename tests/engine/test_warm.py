"""The preview server's builder (warm.py): one process runs build after build while they succeed; after each
kind of edit its rebuild gives exactly the tree of a cold build, it tells a record's warnings on every build,
and a failed build, or an edit of what a process reads once, gets a fresh process."""

import gc
import re
import weakref

import pytest
from pelican import signals

from portfolio.devserver import Builds
from portfolio.settings import REPOSITORY
from portfolio.synthetic import write_portfolio
from portfolio.warm import read_once
from support.edits import EDITS, Workspace, edit_setting, revise
from support.site import build_here, output_tree


def files(*places) -> dict:
    """path -> (modification time, size) of every file of `places` (files, or folders)."""
    paths = [path for place in places for path in ([place] if place.is_file() else place.rglob("*"))]
    return {path: (path.stat().st_mtime_ns, path.stat().st_size) for path in paths if path.is_file()}


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A workspace (support/edits.py) and the builder of its preview, which has built it once."""
    space = Workspace(tmp_path_factory.mktemp("warm"))
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PORTFOLIO_ROOT", str(space.root))
        env.setenv("PORTFOLIO_CACHE", str(space.tmp / "cache"))
        builds = Builds(str(space.settings), space.tmp / "out", content=space.content)
        try:
            assert builds.run()
            yield space, builds
        finally:
            builds.stop()


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.__name__)
def test_a_warm_rebuild_equals_a_cold_build(warm, edit):
    """The edits in turn, each rebuilt by the builder that built the one before (unless the edit is of
    something a process reads once: the settings, a Python file), and compared with a cold build."""
    space, builds = warm
    edited = (space.root, space.theme, space.content, space.settings)
    before, builder = files(*edited), builds.builder.pid
    edit(space)
    changed = {path for path, _ in files(*edited).items() ^ before.items()}
    assert read_once(changed, space.root) == (edit is edit_setting)
    assert builds.run(fresh=read_once(changed, space.root))
    assert (builds.builder.pid == builder) == (edit is not edit_setting)
    cold, _ = space.cold()
    assert output_tree(space.tmp / "out") == output_tree(cold)


def test_a_records_warnings_are_told_on_every_build(tmp_path, monkeypatch):
    """A year later every listing is stale: each build tells it, not only the first (Pelican's log filter
    of repeated messages is emptied before each build)."""
    root = tmp_path / "root"
    slugs = write_portfolio(root, 4, seed=3)
    monkeypatch.setenv("PORTFOLIO_ROOT", str(root))
    monkeypatch.setenv("PORTFOLIO_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("PORTFOLIO_TODAY", "2028-01-15")
    monkeypatch.setenv("COLUMNS", "400")
    log = tmp_path / "log"
    with log.open("w") as written:
        builds = Builds(str(REPOSITORY / "pelicanconf.py"), tmp_path / "out", log=written)
        try:
            told = []
            for slug in slugs[:3]:
                revise(root, slug)
                start = log.stat().st_size
                assert builds.run()
                said = log.read_bytes()[start:].decode()
                told.append(sorted(re.findall(r"enterprises/(\S+)\.yaml:\S+ warning: last_verified", said)))
        finally:
            builds.stop()
    assert len(told[0]) == 4 and told[0] == told[1] == told[2], told


def test_a_failed_build_leaves_the_preview_and_a_fresh_builder(tmp_path, monkeypatch):
    root = tmp_path / "root"
    slugs = write_portfolio(root, 4, seed=5)
    monkeypatch.setenv("PORTFOLIO_ROOT", str(root))
    monkeypatch.setenv("PORTFOLIO_CACHE", str(tmp_path / "cache"))
    output = tmp_path / "out"
    with (tmp_path / "log").open("w") as log:
        builds = Builds(str(REPOSITORY / "pelicanconf.py"), output, log=log)
        try:
            assert builds.run()
            built, first = output_tree(output), builds.builder.pid
            record = root / "enterprises" / f"{slugs[1]}.yaml"
            text = record.read_text(encoding="utf-8")
            record.write_text(text + "unknown_field: 1\n", encoding="utf-8")
            assert not builds.run()
            assert output_tree(output) == built
            second = builds.builder.pid
            assert second != first and builds.builder.poll() is None  # waiting, its imports done meanwhile
            record.write_text(text, encoding="utf-8")
            assert builds.run() and builds.builder.pid == second
        finally:
            builds.stop()
    assert "unknown_field" in (tmp_path / "log").read_text()
    assert builds.builder is None


@pytest.mark.parametrize(("path", "kept"), [
    ("plugins/portfolio/site/pages.py", True), ("plugins/portfolio/locale/fr/LC_MESSAGES/records.po", True),
    ("ROOT/schema/enterprise.schema.json", True), ("pelicanconf.py", True), ("ROOT/enterprises/a.yaml", False),
    ("ROOT/enterprises/media/a/logo.png", False), ("ROOT/data/vocabulary.yaml", False),
    ("theme/templates/base.html", False), ("content/pages/initiative.fr.md", False),
])
def test_what_a_builder_reads_once(tmp_path, path, kept):
    root = tmp_path / "root"
    full = root / path.removeprefix("ROOT/") if path.startswith("ROOT/") else REPOSITORY / path
    assert read_once([str(full)], root) is kept


def test_nothing_of_a_build_is_kept_once_it_is_done(tmp_path, monkeypatch):
    """The builder runs build after build in one process: once a build is done and its garbage collected,
    nothing keeps its records alive (a cache of the module that made the shortlist's export file kept the
    last two builds, and all they held)."""
    write_portfolio(tmp_path / "root", 3, seed=4)
    monkeypatch.setenv("PORTFOLIO_ROOT", str(tmp_path / "root"))
    monkeypatch.setenv("PORTFOLIO_CACHE", str(tmp_path / "cache"))
    portfolios = []

    def seen(generators):
        portfolios.extend(weakref.ref(g.portfolio) for g in generators if hasattr(g, "portfolio"))

    signals.all_generators_finalized.connect(seen)
    try:
        build_here(tmp_path / "out")
    finally:
        signals.all_generators_finalized.disconnect(seen)
    assert len(portfolios) == 1
    gc.collect()
    assert [ref() for ref in portfolios] == [None]
