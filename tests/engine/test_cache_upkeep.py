"""The build cache's upkeep (engine/cache.py): file digests reused while a file's signature is the same, only
those of the files a build read kept for the next, those seen at the start of a build not asked for again;
cache folders of earlier versions removed, not a result another process is writing."""

import pickle

from portfolio.engine import cache
from portfolio.records.cached import record_digest


def test_only_the_digests_a_build_asked_for_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "_file_digests", {})
    monkeypatch.setattr(cache, "_used", set())
    read, gone = tmp_path / "read.yaml", tmp_path / "gone.yaml"
    read.write_text("a")
    stored = {str(gone): ((1, 2, 3, 4), "digest-of-a-removed-file"), str(read): ((0, 0, 0, 0), "stale")}
    (tmp_path / cache.DIGESTS_FILE).write_bytes(pickle.dumps(stored))
    cache.load_file_digests(tmp_path)
    first = cache.file_digest(read)
    assert first != "stale", "a digest whose file changed since is made again"
    cache.save_file_digests(tmp_path)
    kept = pickle.loads((tmp_path / cache.DIGESTS_FILE).read_bytes())
    assert list(kept) == [str(read)] and kept[str(read)][1] == first


def test_cache_folders_of_earlier_versions_are_removed(tmp_path):
    for name in (*cache.OBSOLETE, "exports-runs"):
        if name.endswith(".pickle"):
            (tmp_path / name).write_bytes(b"x")
        else:
            (tmp_path / name).mkdir()
            (tmp_path / name / "values").write_bytes(b"x")
    cache.forget_obsolete(tmp_path)
    cache.forget_obsolete(tmp_path)  # nothing left to remove
    assert [path.name for path in tmp_path.iterdir()] == ["exports-runs"]


def test_files_seen_at_the_start_of_a_build_are_not_asked_for_again(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "_file_digests", {})
    monkeypatch.setattr(cache, "_seen", {})
    record, media = tmp_path / "a.yaml", tmp_path / "media" / "a"
    record.write_text("name: A")
    media.mkdir(parents=True)
    (media / "logo.png").write_bytes(b"png")
    seen = {str(path): cache.signature(path.stat()) for path in (record, media / "logo.png")}
    expected = record_digest(record)
    cache.seen_at_start(seen)

    def no_stat(*args, **kwargs):
        raise AssertionError("asked for the signature of a file seen at the start")

    with monkeypatch.context() as patched:
        patched.setattr(cache.os, "stat", no_stat)
        assert record_digest(record) == expected and cache.regular_file_size(record) == len("name: A")
    cache.seen_at_start({})
    assert not cache._seen and cache.regular_file_size(tmp_path) is None, "a folder is not a regular file"


def test_a_record_digest_follows_its_media_folder(tmp_path):
    record = tmp_path / "a.yaml"
    record.write_text("name: A")
    alone = record_digest(record)
    (tmp_path / "media" / "a").mkdir(parents=True)
    assert record_digest(record) == alone, "an empty media folder is no folder"
    (tmp_path / "media" / "a" / "logo.png").write_bytes(b"png")
    assert record_digest(record) != alone


def test_a_result_being_written_by_another_process_is_not_removed(tmp_path):
    store = cache.Cache(tmp_path, "runs")
    store.put("kept", b"1")
    store.put("old", b"2")
    writing = tmp_path / "runs" / ".new.4242.tmp"  # atomic_write's temporary, until it is renamed
    writing.write_bytes(b"3")
    store.keep_only({"kept"})
    assert sorted(path.name for path in (tmp_path / "runs").iterdir()) == [".new.4242.tmp", "kept"]
