"""The fragments kept between builds (engine/fragments.py): taken again under the same identity and inputs only,
every fragment kept (not only the last build's), an enterprise's fragments forgotten when it leaves, a damaged
file taken as empty."""

import sqlite3

from portfolio.engine import sqlitecache
from portfolio.engine.fragments import FOLDER, SHARED, FragmentStore


def stored(tmp_path, slugs, *fragments) -> None:
    store = FragmentStore(tmp_path, "fr")
    for identity, slug, inputs, html in fragments:
        assert store.get(identity, inputs) is None
        store.put(identity, slug, inputs, html)
    store.save(slugs)


def test_a_fragment_is_taken_again_while_its_inputs_are_the_same(tmp_path):
    stored(tmp_path, ["a", "b"], ("card a", "a", "1", "<p>A</p>"), ("card b", "b", "1", "<p>B</p>"))
    store = FragmentStore(tmp_path, "fr")
    assert store.get("card a", "1") == "<p>A</p>" and store.get("card b", "1") == "<p>B</p>"
    assert store.get("card a", "2") is None, "the same identity made from other inputs"
    assert FragmentStore(tmp_path, "en").get("card a", "1") is None, "each language has its own"


def test_fragments_not_used_by_a_build_are_kept_and_a_new_version_replaces_the_old(tmp_path):
    stored(tmp_path, ["a", "b"], ("card a", "a", "1", "<p>A</p>"), ("block b", "b", "1", "<p>B</p>"))
    stored(tmp_path, ["a", "b"], ("card a", "a", "2", "<p>A, edited</p>"))  # block b not used by this build
    store = FragmentStore(tmp_path, "fr")
    assert store.get("block b", "1") == "<p>B</p>"
    assert store.get("card a", "2") == "<p>A, edited</p>" and store.get("card a", "1") is None


def test_the_fragments_of_a_removed_enterprise_are_forgotten(tmp_path):
    stored(tmp_path, ["a", "b"], ("card a", "a", "1", "<p>A</p>"), ("card b", "b", "1", "<p>B</p>"))
    stored(tmp_path, ["a"])
    store = FragmentStore(tmp_path, "fr")
    assert store.get("card a", "1") == "<p>A</p>" and store.get("card b", "1") is None


def test_a_part_of_no_one_enterprise_stays_when_enterprises_leave(tmp_path):
    stored(tmp_path, ["a", "b"], ("sector x", SHARED, "1", "<section>A B</section>"), ("card b", "b", "1", "<p>B</p>"))
    stored(tmp_path, ["a"])
    store = FragmentStore(tmp_path, "fr")
    assert store.get("sector x", "1") == "<section>A B</section>" and store.get("card b", "1") is None


def test_a_damaged_file_is_taken_as_empty_and_made_anew(tmp_path):
    path = tmp_path / FOLDER / "fr.sqlite"
    path.parent.mkdir()
    path.write_bytes(b"not a database" * 100)
    store = FragmentStore(tmp_path, "fr")
    assert store.get("card a", "1") is None
    store.put("card a", "a", "1", "<p>A</p>")
    store.save(["a"])
    assert FragmentStore(tmp_path, "fr").get("card a", "1") == "<p>A</p>"


def test_without_a_cache_nothing_is_kept(tmp_path):
    store = FragmentStore(None, "fr")
    store.put("card a", "a", "1", "<p>A</p>")
    store.save(["a"])
    assert store.get("card a", "1") is None and not list(tmp_path.iterdir())


def test_a_file_another_build_keeps_locked_is_waited_for_then_left_alone(tmp_path, monkeypatch):
    stored(tmp_path, ["a"], ("card a", "a", "1", "<p>A</p>"))
    monkeypatch.setattr(sqlitecache, "LOCK_WAIT", 0.1)
    other = sqlite3.connect(tmp_path / FOLDER / "fr.sqlite", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another build writing
    store = FragmentStore(tmp_path, "fr")
    assert store.get("card a", "1") is None, "not read while locked"
    store.put("card b", "b", "1", "<p>B</p>")
    store.save(["a", "b"])  # gives up without raising
    other.execute("ROLLBACK")
    other.close()
    kept = FragmentStore(tmp_path, "fr")
    assert kept.get("card a", "1") == "<p>A</p>", "the other build's file is not removed"
    assert kept.get("card b", "1") is None
