"""Incremental builds: after each kind of edit, a rebuild gives exactly the tree a cold build gives, and
renders only the pages that depend on the edit."""

import pytest

from support.edits import EDITS, Workspace, edit_content_page, edit_record, replace_logo
from support.site import output_tree, pages_rendered


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    space = Workspace(tmp_path_factory.mktemp("incremental"))
    space.first = space.incremental()
    return space


def test_a_rebuild_with_nothing_changed_renders_almost_nothing(workspace):
    before = output_tree(workspace.tmp / "out")
    result = workspace.incremental()
    assert pages_rendered(result) <= 1  # the 404 page, which has no page key
    assert "0 files written" in result.stdout and output_tree(workspace.tmp / "out") == before


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.__name__)
def test_an_incremental_build_equals_a_cold_one(workspace, edit):
    edit(workspace)
    result = workspace.incremental()
    cold, cold_result = workspace.cold()
    assert output_tree(workspace.tmp / "out") == output_tree(cold)
    if edit in (edit_record, replace_logo, edit_content_page):
        assert 0 < pages_rendered(result) <= pages_rendered(cold_result) // 4


def test_a_removed_record_has_no_page_left(workspace):
    gone = workspace.slugs[8]
    assert not (workspace.root / "enterprises" / f"{gone}.yaml").exists(), "runs after remove_record"
    assert not list((workspace.tmp / "out").rglob(f"*{gone}*"))


def test_output_files_removed_behind_the_builds_back_are_made_again(workspace):
    """The writer takes the last manifest as it is only in the folders the check found intact."""
    out = workspace.tmp / "out"
    gone = [next(out.glob("entreprises/*/index.html")), next(out.glob("media/**/*.webp"))]
    for path in gone:
        path.unlink()
    workspace.incremental()
    cold, _ = workspace.cold()
    assert all(path.is_file() for path in gone) and output_tree(out) == output_tree(cold)


def test_the_cache_keeps_this_builds_runs_and_postings_only(workspace):
    cache = workspace.tmp / "cache"
    assert [len(list((cache / "search-terms").glob(f"{lang}-postings-*"))) for lang in ("fr", "en")] == [1, 1]
    enterprises = len(list((workspace.root / "enterprises").glob("*.yaml")))
    for kind in ("exports-runs", "search-docs-fr", "shortlist-entries-en"):
        assert len(list((cache / kind).iterdir())) == -(-enterprises // 10), kind
