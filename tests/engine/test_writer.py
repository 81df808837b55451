"""The one writer: duplicate paths refused, unchanged bytes not rewritten, stale files removed, and the
previous output untouched by a failed build or a failed swap."""

import os

import pytest

from portfolio.engine import writer as writer_module
from portfolio.engine.writer import Writer, WriterError
from support.site import output_tree


def build(tmp_path, files: dict, fail: bool = False):
    """One build writing `files` (path -> text) into tmp_path/out; raising before commit when `fail`."""
    w = Writer(tmp_path / "out", tmp_path / "manifest.json")
    try:
        for path, text in files.items():
            w.write(path, text, by="stage-a")
        if fail:
            raise RuntimeError("the last stage failed")
        return w.commit()
    except BaseException:
        w.abort()
        raise


def test_first_build_writes_everything_and_a_manifest(tmp_path):
    summary = build(tmp_path, {"index.html": "home", "en/index.html": "en"})
    assert output_tree(tmp_path / "out") == {"en/index.html": b"en", "index.html": b"home"}
    assert (summary.written, summary.removed) == (2, 0)
    assert (tmp_path / "manifest.json").is_file() and not (tmp_path / ".out.staging").exists()


def test_unchanged_files_keep_their_inode_and_time_removed_ones_disappear(tmp_path):
    build(tmp_path, {"a.html": "a", "b.html": "b", "gone/c.html": "c"})
    before = os.stat(tmp_path / "out" / "a.html")
    summary = build(tmp_path, {"a.html": "a", "b.html": "B"})
    after = os.stat(tmp_path / "out" / "a.html")
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    assert output_tree(tmp_path / "out") == {"a.html": b"a", "b.html": b"B"}
    assert (summary.written, summary.unchanged, summary.removed) == (1, 1, 1)


def test_nothing_changed_touches_nothing(tmp_path):
    build(tmp_path, {"a.html": "a"})
    inode = os.stat(tmp_path / "out").st_ino
    summary = build(tmp_path, {"a.html": "a"})
    assert summary.written == 0 and os.stat(tmp_path / "out").st_ino == inode


def test_files_the_build_never_made_are_kept(tmp_path):
    build(tmp_path, {"a.html": "a"})
    (tmp_path / "out" / "CNAME").write_text("portfolio.example")
    build(tmp_path, {"a.html": "A"})
    assert (tmp_path / "out" / "CNAME").read_text() == "portfolio.example"


def test_two_writers_of_one_path_fail_naming_both(tmp_path):
    w = Writer(tmp_path / "out", tmp_path / "manifest.json")
    w.write("/entreprises/x/index.html", "one", by="portfolio.site.pages")
    with pytest.raises(WriterError, match="portfolio.site.pages.*portfolio.search.stage"):
        w.write("entreprises/x/index.html", "two", by="portfolio.search.stage")


@pytest.mark.parametrize("path", ["../x.html", "a/../../x.html", "", "a\\..\\b"])
def test_paths_outside_the_output_are_refused(tmp_path, path):
    with pytest.raises(WriterError):
        Writer(tmp_path / "out", tmp_path / "manifest.json").write(path, "x", by="s")


def test_a_failing_build_leaves_the_previous_output_byte_identical(tmp_path):
    build(tmp_path, {"a.html": "a", "b.html": "b"})
    before = output_tree(tmp_path / "out")
    with pytest.raises(RuntimeError):
        build(tmp_path, {"a.html": "changed", "new.html": "n"}, fail=True)
    assert output_tree(tmp_path / "out") == before and not (tmp_path / ".out.staging").exists()


def test_a_failure_during_the_commit_leaves_the_previous_output_byte_identical(tmp_path, monkeypatch):
    build(tmp_path, {"a.html": "a", "b.html": "b", "c.html": "c"})
    before = output_tree(tmp_path / "out")
    real_replace = os.replace

    def replace(source, target):
        if str(target).endswith("new/d.html"):
            raise OSError("disk failure while committing")
        real_replace(source, target)

    monkeypatch.setattr(writer_module.os, "replace", replace)
    with pytest.raises(OSError, match="committing"):
        build(tmp_path, {"a.html": "A", "b.html": "B", "new/d.html": "d"})  # c.html stale, a and b replaced
    assert output_tree(tmp_path / "out") == before and not (tmp_path / "out" / "new").exists()
    assert not (tmp_path / ".out.previous").exists()


def test_a_stale_file_takes_its_empty_folders_with_it(tmp_path):
    build(tmp_path, {"index.html": "home", "entreprises/x/index.html": "x"})
    build(tmp_path, {"index.html": "home"})
    assert not (tmp_path / "out" / "entreprises").exists()
    build(tmp_path, {"a/d.html": "d", "a/b/c.html": "c", "a/b/e/f.html": "f", "k/l.html": "l", "k/m/n.html": "n"})
    build(tmp_path, {"k/l.html": "l"})  # a/ empties only once a/b/ is gone; k/ keeps a file
    assert output_tree(tmp_path / "out") == {"k/l.html": b"l"}
    assert sorted(p.name for p in (tmp_path / "out").rglob("*")) == ["k", "l.html"]


def test_reuse_keeps_a_page_made_from_the_same_inputs(tmp_path):
    w = Writer(tmp_path / "out", tmp_path / "manifest.json")
    w.write("p.html", "page", by="s", inputs="digest-1")
    w.commit()
    w = Writer(tmp_path / "out", tmp_path / "manifest.json")
    assert not w.reuse("p.html", "digest-2", by="s")
    assert w.reuse("p.html", "digest-1", by="s")
    assert w.commit().removed == 0 and (tmp_path / "out" / "p.html").read_text() == "page"


def test_in_a_folder_known_intact_the_manifest_is_taken_without_asking(tmp_path, monkeypatch):
    """The check found the folder as the last build left it (engine/uptodate.py): its files are there."""
    w = Writer(tmp_path / "out", tmp_path / "manifest.json")
    for path in ("a/p.html", "b/q.html"):
        w.write(path, path, by="s", inputs="i")
    w.commit()
    stats = []
    isfile = os.path.isfile
    monkeypatch.setattr(writer_module.os.path, "isfile", lambda path: stats.append(path) or isfile(path))
    w = Writer(tmp_path / "out", tmp_path / "manifest.json", intact={"a"})
    assert w.reuse("a/p.html", "i", by="s") and w.reuse("b/q.html", "i", by="s")
    assert stats == [str(tmp_path / "out" / "b/q.html")]


def test_a_file_given_in_pieces_is_the_same_file(tmp_path):
    whole = Writer(tmp_path / "out", tmp_path / "manifest.json")
    whole.write("a.csv", b"abc", by="s")
    whole.commit()
    pieces = Writer(tmp_path / "out", tmp_path / "manifest.json")
    pieces.write("a.csv", [b"a", b"", b"bc"], by="s")
    assert pieces.entries["a.csv"].sha == whole.entries["a.csv"].sha and pieces.written == 0
    pieces.write("b.csv", [b"x", b"yz"], by="s")
    pieces.commit()
    assert output_tree(tmp_path / "out") == {"a.csv": b"abc", "b.csv": b"xyz"}


def test_a_twin_is_a_hard_link_to_a_file_written_now_or_kept(tmp_path):
    def twins(text):
        w = Writer(tmp_path / "out", tmp_path / "manifest.json")
        w.write("fr/data.csv", text, by="s", inputs=text)
        w.twin("en/data.csv", "fr/data.csv", by="s")
        w.commit()
        out = tmp_path / "out"
        assert (out / "en/data.csv").read_text() == text and w.entries["en/data.csv"].inputs == text
        assert (out / "en/data.csv").stat().st_ino == (out / "fr/data.csv").stat().st_ino
        return w

    assert twins("a").written == 2
    (tmp_path / "out" / "en/data.csv").unlink()
    assert twins("a").written == 1, "kept in the output: the twin links to it there"
    assert twins("b").written == 2
    with pytest.raises(WriterError, match="has not produced"):
        Writer(tmp_path / "out", tmp_path / "manifest.json").twin("en/x.csv", "fr/data.csv", by="s")


def test_a_folder_of_many_files_is_listed_once_and_answers_like_stats(tmp_path, monkeypatch):
    names = [f"media/logo-{n}.webp" for n in range(3 * writer_module.LIST_AFTER)]
    build(tmp_path, {name: name for name in names})
    (tmp_path / "out" / names[-1]).unlink()  # gone from the output: made again
    (tmp_path / "out" / names[0]).unlink()
    stats = []
    isfile = os.path.isfile
    monkeypatch.setattr(writer_module.os.path, "isfile", lambda path: stats.append(path) or isfile(path))
    summary = build(tmp_path, {name: name for name in names})
    assert summary.written == 2 and len(stats) == writer_module.LIST_AFTER
    assert output_tree(tmp_path / "out") == {name: name.encode() for name in names}


def test_the_commit_tells_which_files_it_put_in_place_or_removed(tmp_path):
    def touched(files):
        w = Writer(tmp_path / "out", tmp_path / "manifest.json")
        for path, text in files.items():
            w.write(path, text, by="stage-a")
        w.commit()
        return w.touched

    assert touched({"a.html": "a", "gone/c.html": "c"}) is None, "the first build put the whole output in place"
    assert sorted(touched({"a.html": "A", "b.html": "b"})) == ["a.html", "b.html", "gone/c.html"]
    assert touched({"a.html": "A", "b.html": "b"}) == []



def test_the_folders_of_the_files_follow_the_paths_added_and_removed(tmp_path, monkeypatch):
    def folders_of(files: dict) -> list[str]:
        w = Writer(tmp_path / "out", tmp_path / "manifest.json")
        for path, text in files.items():
            w.write(path, text, by="stage-a")
        w.commit()
        return w.folders()

    files = {"index.html": "home", "en/a/index.html": "a", "media/x.webp": "x"}
    assert folders_of(files) == ["en", "en/a", "media"]

    def found_again(paths):  # only the folders of the files added or removed: none
        assert not list(paths), "the folders of the same paths were found again"
        return []

    with monkeypatch.context() as patched:
        patched.setattr(writer_module, "folders_holding", found_again)
        assert folders_of({**files, "index.html": "changed"}) == ["en", "en/a", "media"]  # same paths
    assert folders_of({**files, "en/b/index.html": "b"}) == ["en", "en/a", "en/b", "media"]
    assert folders_of(files) == ["en", "en/a", "media"]  # en/b emptied and removed
    assert folders_of({"index.html": "home", "en/a/index.html": "a"}) == ["en", "en/a"]
    assert folders_of({"index.html": "home", "en/a/x/index.html": "x"}) == ["en", "en/a", "en/a/x"]
    assert folders_of({"index.html": "home", "en/index.html": "en"}) == ["en"]


def test_entries_packed_for_another_process_come_back_the_same(tmp_path):
    build(tmp_path, {"a.html": "a", "b.html": "b"})
    w = Writer(tmp_path / "out", tmp_path / "manifest.json")
    w.write("a.html", "a", by="stage-a")  # as the manifest has it
    w.write("b.html", "B", by="stage-a")  # changed
    w.write("c.html", "c", by="stage-b")  # new
    assert w.reuse("d.html", "x", by="stage-b") is False
    same, other = w.packed(w.entries)
    assert same == {"stage-a": ["a.html"]} and set(other) == {"b.html", "c.html"}
    assert w.unpacked((same, other)) == w.entries
    w.abort()
