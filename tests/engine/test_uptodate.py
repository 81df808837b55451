"""A build is skipped only when nothing it reads or wrote changed since the last build that succeeded; the
check is made before Pelican reads anything (engine/start.py)."""

import copy
import dataclasses
import datetime as dt
import logging
import os
import sys
import time
from types import ModuleType, SimpleNamespace

import pytest
from pelican.settings import DEFAULT_CONFIG

from portfolio.engine import uptodate
from portfolio.engine.start import UnchangedBuild, generator_for
from portfolio.engine.uptodate import STAMP, UpToDate, hand_over, launched_as, rescan, untouched
from portfolio.settings import Settings
from portfolio.synthetic import write_portfolio
from support.site import build_site, output_tree, settled

DAY = dt.date(2026, 11, 29)


class Tree:
    """A root, content, theme and output, and the settings of a build of them."""

    def __init__(self, tmp):
        self.tmp = tmp
        for path in ("root/enterprises/a.yaml", "root/enterprises/media/a/logo.png", "root/data/results.yaml",
                     "content/pages/about.md", "theme/templates/base.html", "output/index.html"):
            (tmp / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp / path).write_text(path, encoding="utf-8")
        self.settings = Settings(root=tmp / "root", cache=tmp / "cache", theme=tmp / "theme", today=DAY.isoformat())
        self.pelican = {"PATH": str(tmp / "content"), "PAGE_URL": "{slug}/"}

    def check(self) -> UpToDate:
        return UpToDate(self.settings, self.pelican, self.tmp / "output")

    def recorded(self) -> "Tree":
        """Record a build of the tree once the file system's clock has moved past its files."""
        settled(self.tmp)
        self.check().record("a warning", ["index.html"])
        assert (self.tmp / "cache" / STAMP).is_file()
        return self


def test_nothing_changed_gives_the_last_build_with_its_warnings(tmp_path):
    tree = Tree(tmp_path).recorded()
    stamp = tree.check().unchanged()
    assert stamp is not None and stamp.report == "a warning" and stamp.output_files == 1
    assert list(stamp.output_folders) == [str(tmp_path / "output")]


def test_a_large_tree_is_scanned_by_another_process_while_the_build_imports(tmp_path, monkeypatch):
    """Past SCAN_BESIDE_AFTER inputs in the last stamp, another process scans while this one takes the steps
    of `meanwhile`; the check reads the same signatures and finds the same answers."""
    tree = Tree(tmp_path)
    tree.settings = dataclasses.replace(tree.settings, workers=2)  # two processes, whatever the machine
    here = tree.recorded().check()
    monkeypatch.setattr(uptodate, "SCAN_BESIDE_AFTER", 0)
    go, scanned_here, ran = tmp_path / "go", [], []

    def scan_all(folders, real=uptodate.scan_all):
        scanned_here.append(os.getpid())  # seen here only if the scan ran here
        while not go.exists():  # in the other process: until the first step was taken
            time.sleep(0.001)
        return real(folders)

    monkeypatch.setattr(uptodate, "scan_all", scan_all)
    beside = UpToDate(tree.settings, tree.pelican, tmp_path / "output",
                      meanwhile=[lambda: (ran.append(os.getpid()), go.touch())])
    assert ran == [os.getpid()] and scanned_here == [], "scanned in another process, the step taken here"
    assert (beside.inputs, beside.links, beside.files) == (here.inputs, here.links, here.files)
    assert beside.unchanged() is not None
    (tmp_path / "root/enterprises/media/a/logo.png").write_text("another logo", encoding="utf-8")
    assert tree.check().unchanged() is None


def test_the_folders_written_into_are_checked():
    assert uptodate.output_folders("/out", ["index.html", "en/a/index.html", "en/b/index.html", "media/x.webp"]) == [
        "/out", "/out/en", "/out/en/a", "/out/en/b", "/out/media"]


def test_a_file_added_to_the_output_costs_one_build(tmp_path):
    """A build leaves a file it did not write (a host's) as it is; after one build, it is skipped with it."""
    tree = Tree(tmp_path).recorded()
    (tmp_path / "output/notes.txt").write_text("a file of the host's", encoding="utf-8")
    assert tree.check().unchanged() is None
    tree.recorded()
    assert tree.check().unchanged() is not None


def folders_asked(monkeypatch) -> list:
    """The paths whose signatures the check asks for from now on."""
    asked, real = [], uptodate.signatures

    def asking(paths):
        paths = list(paths)
        asked.extend(paths)
        return real(paths)

    monkeypatch.setattr(uptodate, "signatures", asking)
    return asked


def test_the_folders_a_build_left_as_they_were_are_recorded_as_the_check_read_them(tmp_path, monkeypatch):
    tree = Tree(tmp_path).recorded()
    check = tree.check()
    assert check.unchanged() is not None
    asked = folders_asked(monkeypatch)
    check.record("", ["index.html"], touched=[])
    assert asked == []
    assert tree.check().unchanged() is not None
    asked.clear()
    check.record("", ["index.html"], touched=["index.html"])
    assert asked == [str(tmp_path / "output")], "a folder whose file was put in place is read again"


def test_an_output_folder_changed_behind_the_builds_back_is_found_and_then_recorded_as_it_is(tmp_path):
    tree = Tree(tmp_path).recorded()
    (tmp_path / "output/notes.txt").write_text("a file of the host's", encoding="utf-8")
    (tmp_path / "root/enterprises/a.yaml").write_text("edited", encoding="utf-8")
    settled(tmp_path)
    check = tree.check()
    assert check.unchanged() is None  # the inputs changed: the output folder is not read
    check.record("", ["index.html"], touched=[])  # with the signature of the last stamp
    again = tree.check()
    assert again.unchanged() is None, "the folder's change is found"
    again.record("", ["index.html"], touched=[])
    assert tree.check().unchanged() is not None


def test_the_output_folders_the_last_build_left_as_they_were_are_told_apart(tmp_path):
    """What the writer may take from the last manifest without asking: no file added, removed or renamed."""
    tree = Tree(tmp_path)
    for name in ("a", "b"):
        (tmp_path / "output" / name).mkdir()
        (tmp_path / "output" / name / "index.html").write_text(name, encoding="utf-8")
    settled(tmp_path)
    tree.check().record("", ["index.html", "a/index.html", "b/index.html"])

    def intact() -> set:
        check = tree.check()
        check.read_output_folders(1)
        return check.intact_folders()

    assert intact() == {"", "a", "b"}
    (tmp_path / "output/b/index.html").unlink()
    assert intact() == {"", "a"}
    (tmp_path / "output/notes.txt").write_text("a file of the host's", encoding="utf-8")
    assert intact() == {"a"}
    (tmp_path / "cache" / STAMP).unlink()
    assert intact() == set()


def test_an_output_file_edited_in_place_is_left_as_a_build_would(tmp_path):
    """The writer keeps an output file whose page it would make the same, so a build would not restore it."""
    tree = Tree(tmp_path).recorded()
    (tree.tmp / "output/index.html").write_text("edited", encoding="utf-8")
    assert tree.check().unchanged() is not None


def rewrite_record(tree):
    path = tree.tmp / "root/enterprises/a.yaml"
    path.write_text(path.read_text(encoding="utf-8").upper(), encoding="utf-8")  # same size


def add_image(tree):
    (tree.tmp / "root/enterprises/media/a/photo.png").write_bytes(b"png")


def remove_content_page(tree):
    (tree.tmp / "content/pages/about.md").unlink()


def edit_template(tree):
    (tree.tmp / "theme/templates/base.html").write_text("changed", encoding="utf-8")


def change_setting(tree):
    tree.settings = Settings(**{**vars(tree.settings), "page_size": 10})


def next_day(tree):
    tree.settings = Settings(**{**vars(tree.settings), "today": (DAY + dt.timedelta(days=1)).isoformat()})


def change_pelican_setting(tree):
    tree.pelican["PAGE_URL"] = "pages/{slug}/"


def remove_output_file(tree):
    (tree.tmp / "output/index.html").unlink()


def replace_output_file(tree):
    (tree.tmp / "output/index.html.new").write_text("replaced", encoding="utf-8")
    os.replace(tree.tmp / "output/index.html.new", tree.tmp / "output/index.html")


def remove_output_folder(tree):
    (tree.tmp / "output/index.html").unlink()
    (tree.tmp / "output").rmdir()


def lose_the_stamp(tree):
    (tree.tmp / "cache" / STAMP).write_bytes(b"not a pickle")


def damage_the_stamp(tree):
    """A pickle naming a module that is not there (a stamp of another version of the plugin)."""
    (tree.tmp / "cache" / STAMP).write_bytes(b"cno_such_module\nStamp\n)R.")


CHANGES = [rewrite_record, add_image, remove_content_page, edit_template, change_setting, next_day,
           change_pelican_setting, remove_output_file, replace_output_file, remove_output_folder, lose_the_stamp,
           damage_the_stamp]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_any_change_means_a_build(tmp_path, change):
    tree = Tree(tmp_path).recorded()
    change(tree)
    assert tree.check().unchanged() is None


FILE_CHANGES = [rewrite_record, add_image, remove_content_page, edit_template, remove_output_file,
                replace_output_file, remove_output_folder, lose_the_stamp, damage_the_stamp]


def test_a_command_started_as_the_last_build_finds_its_stamp_before_pelican_is_read(tmp_path, monkeypatch):
    """`python -m portfolio`'s check: the same arguments, folder, environment and day stand for the settings;
    what a shell sets for each command does not count."""
    tree = Tree(tmp_path).recorded()
    monkeypatch.setenv("_", "/usr/bin/time")
    stamp = launched_as(tmp_path / "cache")
    assert stamp is not None and stamp.output_files == 1 and stamp.report == "a warning"
    assert untouched(stamp, rescan(tmp_path / "cache", stamp))
    assert launched_as(None) is None


def launched_otherwise(tree, monkeypatch):
    monkeypatch.setattr("sys.argv", [*sys.argv, "--fatal", "warnings"])


def launched_elsewhere(tree, monkeypatch):
    monkeypatch.chdir(tree.tmp)


def launched_with_another_variable(tree, monkeypatch):
    monkeypatch.setenv("PORTFOLIO_SITE_URL", "https://elsewhere.example/")


def launched_on_another_day(tree, monkeypatch):
    monkeypatch.setenv("PORTFOLIO_TODAY", "2031-01-01")


@pytest.mark.parametrize("launch", [launched_otherwise, launched_elsewhere, launched_with_another_variable,
                                    launched_on_another_day], ids=lambda launch: launch.__name__)
def test_a_command_started_otherwise_leaves_the_check_to_pelican(tmp_path, monkeypatch, launch):
    tree = Tree(tmp_path).recorded()
    launch(tree, monkeypatch)
    assert launched_as(tmp_path / "cache") is None


@pytest.mark.parametrize("change", FILE_CHANGES, ids=lambda change: change.__name__)
def test_any_change_of_a_file_means_a_build_at_launch_too(tmp_path, change):
    tree = Tree(tmp_path).recorded()
    change(tree)
    stamp = launched_as(tmp_path / "cache")
    assert stamp is None if change in (lose_the_stamp, damage_the_stamp) else not untouched(
        stamp, rescan(tmp_path / "cache", stamp))


def test_an_edited_settings_file_means_a_build_at_launch(tmp_path, monkeypatch):
    """The settings files (every Python file loaded from outside the packages and the plugin) are inputs."""
    conf = tmp_path / "conf" / "launch_conf.py"
    conf.parent.mkdir()
    conf.write_text("PORTFOLIO_PAGE_SIZE = 10\n", encoding="utf-8")
    module = ModuleType("launch_conf")
    module.__file__ = str(conf)
    monkeypatch.setitem(sys.modules, "launch_conf", module)  # as if imported by Pelican
    tree = Tree(tmp_path).recorded()
    stamp = launched_as(tmp_path / "cache")
    assert untouched(stamp, rescan(tmp_path / "cache", stamp))
    conf.write_text("PORTFOLIO_PAGE_SIZE = 20\n", encoding="utf-8")
    assert not untouched(stamp, rescan(tmp_path / "cache", stamp))


def test_the_build_takes_the_inputs_its_command_read_for_the_same_last_build(tmp_path, monkeypatch):
    """`python -m portfolio` hands its scan to the build it starts: the build's check reads nothing again
    and finds what its own scan would; a scan made for another last build, or other folders, is not taken."""
    tree = Tree(tmp_path).recorded()
    (tmp_path / "root/enterprises/a.yaml").write_text("changed", encoding="utf-8")
    (tmp_path / "content/pages/about.md").unlink()
    own = tree.check()
    handed = rescan(tmp_path / "cache", launched_as(tmp_path / "cache"))
    assert handed.started is not None and handed.changed and handed.gone
    scans, real = [], uptodate.scan_all
    monkeypatch.setattr(uptodate, "scan_all", lambda folders: scans.append(folders) or real(folders))

    def check_with(scan) -> tuple[UpToDate, int]:
        """The build's check given `scan`, and how many scans it made itself."""
        hand_over(scan)
        before = len(scans)
        check = tree.check()
        return check, len(scans) - before

    check, scanned = check_with(handed)
    assert scanned == 0 and check.started == handed.started
    assert (check.inputs, check.links, check.files) == (own.inputs, own.links, own.files)
    assert check.unchanged() is None
    tree.recorded()  # another last build
    assert check_with(handed)[1] == 1
    elsewhere = dataclasses.replace(rescan(tmp_path / "cache", launched_as(tmp_path / "cache")), folders=[])
    assert check_with(elsewhere)[1] == 1


def test_a_racily_clean_input_is_not_recorded(tmp_path):
    tree = Tree(tmp_path).recorded()
    record = tmp_path / "root/enterprises/a.yaml"
    future = os.stat(tmp_path / "cache").st_mtime_ns + 10**9  # as if written in the tick the build started
    os.utime(record, ns=(future, future))
    UpToDate(tree.settings, tree.pelican, tmp_path / "output").record("", ["index.html"])
    assert not (tmp_path / "cache" / STAMP).exists()
    assert tree.check().unchanged() is None


def test_a_skipped_build_logs_the_same_warnings(tmp_path):
    """Every listing is stale a year later: warnings, which `--fatal warnings` still turns into a failure
    when the build is skipped."""
    root, output = tmp_path / "root", tmp_path / "out"
    write_portfolio(root, 4, seed=3, today=DAY)
    env = {"PORTFOLIO_CACHE": str(tmp_path / "cache"), "PORTFOLIO_TODAY": "2028-01-15", "COLUMNS": "400"}
    first = build_site(output, root, extra_env=env, fatal=False)
    assert "WARNING" in first.stdout and "last_verified" in first.stdout
    settled(root)
    build_site(output, root, extra_env=env, fatal=False)  # its inputs all older than its start: recorded
    built = output_tree(output)
    skipped = build_site(output, root, extra_env=env, fatal=False)
    assert "nothing changed since the last build" in skipped.stdout
    assert "Processed 0 articles" in skipped.stdout and " 0 pages" in skipped.stdout  # Pelican read no content
    assert skipped.stdout.count("last_verified") == first.stdout.count("last_verified")
    assert output_tree(output) == built
    with pytest.raises(AssertionError, match="last_verified"):
        build_site(output, root, extra_env=env, fatal=True)


def test_a_file_that_vanishes_while_read_is_never_recorded(tmp_path, monkeypatch):
    """Deleted between the folder's listing and its reading (an editor's temporary file): the scan goes on,
    and the build does not record itself."""
    tree = Tree(tmp_path)
    settled(tmp_path)
    real = uptodate.signature

    def vanishing(stat_result):
        if stat_result.st_size == len("root/enterprises/media/a/logo.png"):
            raise FileNotFoundError("gone")
        return real(stat_result)

    monkeypatch.setattr(uptodate, "signature", vanishing)
    found, _ = uptodate.scan_all([tmp_path / "root"])
    assert found[str(tmp_path / "root/enterprises/media/a/logo.png")] == uptodate.VANISHED
    assert str(tmp_path / "root/data/results.yaml") in found  # the scan went on
    tree.check().record("", ["index.html"])
    assert not (tmp_path / "cache" / STAMP).exists()


def pelican_of(tree: Tree, monkeypatch) -> SimpleNamespace:
    """What generator_for reads of a `pelican.Pelican`, building `tree` with its settings only."""
    for name in ("PORTFOLIO_ROOT", "PORTFOLIO_CACHE", "PORTFOLIO_TODAY"):
        monkeypatch.delenv(name, raising=False)
    settings = {**copy.deepcopy(DEFAULT_CONFIG), **tree.pelican, "PORTFOLIO_ROOT": str(tree.settings.root), "PORTFOLIO_CACHE": str(tree.settings.cache),
                "PORTFOLIO_TODAY": tree.settings.today, "THEME": str(tree.settings.theme),
                "ARTICLE_PATHS": ["news"], "PAGE_PATHS": ["pages"]}
    return SimpleNamespace(settings=settings, output_path=str(tree.tmp / "output"))


def test_a_build_with_nothing_to_do_is_stood_in_for_once(tmp_path, monkeypatch, caplog, capsys):
    tree = Tree(tmp_path)
    pelican = pelican_of(tree, monkeypatch)
    build = generator_for(pelican)
    assert build.__name__ == "PortfolioGenerator" and build.portfolio_settings.root == tree.settings.root
    assert pelican.settings["ARTICLE_PATHS"] == ["news"]  # a build reads the content
    settled(tmp_path)
    build.uptodate.record("a warning", ["index.html"])

    stand_in = generator_for(pelican)
    assert issubclass(stand_in, UnchangedBuild)
    assert pelican.settings["ARTICLE_PATHS"] == [] and pelican.settings["PAGE_PATHS"] == []
    generator = stand_in(context={}, settings=pelican.settings, path=str(tmp_path / "content"),
                         theme=str(tree.settings.theme), output_path=pelican.output_path)
    with caplog.at_level(logging.WARNING):
        generator.generate_context()
    assert pelican.settings["ARTICLE_PATHS"] == ["news"] and pelican.settings["PAGE_PATHS"] == ["pages"]
    assert "a warning" in caplog.text
    generator.generate_output(None)
    assert "0 files written, 1 unchanged" in capsys.readouterr().out
