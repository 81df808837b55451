"""Inside.real: where a file really is, through links of files and of folders at any depth."""

import os

import pytest

from portfolio.engine import cache
from portfolio.engine.uptodate import scan_all
from portfolio.realpaths import Inside


@pytest.fixture
def tree(tmp_path):
    root, outside = tmp_path / "root", tmp_path / "outside"
    (root / "enterprises" / "media" / "coop").mkdir(parents=True)
    (root / "enterprises" / "media" / "coop" / "logo.png").write_bytes(b"png")
    outside.mkdir()
    (outside / "logo.png").write_bytes(b"png")
    (root / "enterprises" / "media" / "away").symlink_to(outside)  # a folder leading out
    (root / "enterprises" / "media" / "here").symlink_to(root / "enterprises" / "media" / "coop")
    (root / "enterprises" / "media" / "coop" / "link.png").symlink_to(outside / "logo.png")
    (root / "shortcut").symlink_to(root / "enterprises")  # a link higher up, staying inside
    return root


def test_files_inside_resolve_to_their_real_place(tree):
    inside = Inside(tree)
    real = os.path.realpath(tree / "enterprises" / "media" / "coop" / "logo.png")
    assert inside.real(tree / "enterprises" / "media" / "coop" / "logo.png") == real
    assert inside.real(tree / "enterprises" / "media" / "here" / "logo.png") == real
    assert inside.real(tree / "shortcut" / "media" / "coop" / "logo.png") == real
    assert inside.real(tree / "enterprises" / "media" / "coop" / ".." / "coop" / "logo.png") == real


def test_links_leading_out_are_refused_at_any_depth(tree):
    inside = Inside(tree)
    assert inside.real(tree / "enterprises" / "media" / "away" / "logo.png") is None
    assert inside.real(tree / "enterprises" / "media" / "coop" / "link.png") is None
    assert inside.real(tree / "enterprises" / ".." / ".." / "outside" / "logo.png") is None
    with pytest.raises(OSError):
        inside.real(tree / "enterprises" / "media" / "coop" / "missing.png")


def test_the_answers_agree_with_realpath_for_every_file(tree):
    inside = Inside(tree)
    for folder, _, files in os.walk(tree, followlinks=True):
        for name in files:
            path = os.path.join(folder, name)
            real = os.path.realpath(path)
            assert inside.real(path) == (real if real.startswith(str(tree.resolve()) + os.sep) else None)


def test_files_the_build_scanned_at_its_start_are_their_own_real_place_links_are_not(tree, monkeypatch):
    monkeypatch.setattr(cache, "_seen", {})
    monkeypatch.setattr(cache, "_seen_links", set())
    files, links = scan_all([tree.resolve() / "enterprises"])
    assert links == {str(tree.resolve() / "enterprises" / "media" / "coop" / "link.png")}
    cache.seen_at_start(files, links)
    inside, logo = Inside(tree), str(tree.resolve() / "enterprises" / "media" / "coop" / "logo.png")
    with monkeypatch.context() as patched:
        patched.setattr(os, "lstat", lambda *args: pytest.fail("a file seen at the start was looked at again"))
        assert inside.real(logo) == logo
    assert inside.real(next(iter(links))) is None, "a link seen at the start is still followed, and leads out"
    test_the_answers_agree_with_realpath_for_every_file(tree)
