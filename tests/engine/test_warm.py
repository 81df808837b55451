"""The preview server's builder (warm.py): one process runs build after build while they succeed; after each
kind of edit its rebuild gives exactly the tree of a cold build, it tells a record's warnings on every build,
and a failed build, or an edit of what a process reads once, gets a fresh process."""

import gc
import os
import re
import sys
import weakref

import pytest
from pelican import parse_arguments, signals

from portfolio import warm as warm_module
from portfolio.devserver import Builds
from portfolio.records.cached import RecordCache
from portfolio.settings import REPOSITORY
from portfolio.synthetic import write_portfolio
from portfolio.warm import prime, read_once
from support.edits import EDITS, Workspace, edit_setting, revise
from support.site import build_here, build_site, output_tree


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


def test_a_builder_that_found_its_output_up_to_date_rebuilds_a_save_as_a_cold_build(tmp_path, monkeypatch):
    """Its first build reads no record (the output is up to date); it then reads them while it waits (prime),
    quietly, and the save that follows is rebuilt exactly as a cold build makes it."""
    space = Workspace(tmp_path)
    monkeypatch.setenv("PORTFOLIO_ROOT", str(space.root))
    monkeypatch.setenv("PORTFOLIO_CACHE", str(tmp_path / "cache"))
    with (tmp_path / "log").open("w") as log:
        for turn in range(2):
            builds = Builds(str(space.settings), tmp_path / "out", content=space.content, log=log)
            try:
                assert builds.run()
                if turn:
                    revise(space.root, space.slugs[0])
                    assert builds.run()
            finally:
                builds.stop()
    said = (tmp_path / "log").read_text()
    assert "nothing changed since the last build" in said and not re.search("WARNING|ERROR|Traceback", said), said
    cold, _ = space.cold()
    assert output_tree(tmp_path / "out") == output_tree(cold)


def _arguments(root, tmp_path, monkeypatch):
    monkeypatch.setenv("PORTFOLIO_ROOT", str(root))
    monkeypatch.setenv("PORTFOLIO_CACHE", str(tmp_path / "cache"))
    return parse_arguments([str(REPOSITORY / "content"), "-s", str(REPOSITORY / "pelicanconf.py"),
                            "-o", str(tmp_path / "out")])


def test_priming_reads_the_records_kept_results_and_imports_the_stages(tmp_path, monkeypatch, caplog, capsys):
    root = tmp_path / "root"
    write_portfolio(root, 3, seed=8)
    args = _arguments(root, tmp_path, monkeypatch)
    build_site(tmp_path / "out", root, extra_env={"PORTFOLIO_CACHE": str(tmp_path / "cache")})
    RecordCache._read.clear()  # as in a process that read none
    for name in ("portfolio.search.stage", "portfolio.catalogue.stage"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    prime(args)
    assert RecordCache.holding()
    assert "portfolio.search.stage" in sys.modules and "portfolio.catalogue.stage" in sys.modules
    assert not caplog.records and capsys.readouterr() == ("", "")


@pytest.mark.parametrize("broken", ["record", "setting"])
def test_priming_is_quiet_when_something_is_wrong(tmp_path, monkeypatch, caplog, capsys, broken):
    """A broken record, or a setting that stops the build: the next build's to report."""
    root = tmp_path / "root"
    slugs = write_portfolio(root, 2, seed=9)
    args = _arguments(root, tmp_path, monkeypatch)
    if broken == "record":
        (root / "enterprises" / f"{slugs[0]}.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    else:
        monkeypatch.setenv("PORTFOLIO_TODAY", "tomorrow")
    RecordCache._read.clear()
    prime(args)
    assert not caplog.records and capsys.readouterr() == ("", "")
    assert RecordCache.holding() == (broken == "record")


def test_a_builder_sees_a_build_asked_for_before_it_primes(monkeypatch):
    """The preview server asks for its first build as the builder starts: the builder then builds first
    (`_asked`), as priming would only delay that build."""
    read, write = os.pipe()
    with os.fdopen(read) as stdin, os.fdopen(write, "w") as told:
        monkeypatch.setattr(sys, "stdin", stdin)
        assert not warm_module._asked()
        told.write("build\n")
        told.flush()
        assert warm_module._asked()
