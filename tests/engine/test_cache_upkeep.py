"""The build cache's upkeep (engine/cache.py): file digests reused while a file's signature is the same, only
those of the files a build read kept for the next; cache folders of earlier versions removed."""

import pickle

from portfolio.engine import cache


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
        (tmp_path / name).mkdir()
        (tmp_path / name / "values").write_bytes(b"x")
    cache.forget_obsolete(tmp_path)
    cache.forget_obsolete(tmp_path)  # nothing left to remove
    assert [path.name for path in tmp_path.iterdir()] == ["exports-runs"]
