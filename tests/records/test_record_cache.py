"""The validation results kept between runs: reused under the same environment only (the code, schemas,
vocabulary, language, build date and known institutions), and only the results of the last run; with them
the records' models, whose vocabulary terms are the build's own."""

import os
import pickle

import pytest

from portfolio import workers
from portfolio.engine import cache as engine_cache
from portfolio.records import build, cached, load
from portfolio.records.cached import RecordCache
from portfolio.records.load import load_portfolio
from portfolio.records.model import Enterprise
from portfolio.synthetic import write_portfolio
from support.tools import REPO


def kept(tmp_path, environment="env", **results) -> RecordCache:
    cache = RecordCache(tmp_path, environment)
    for key, value in results.items():
        cache.put(key, value, [])
    cache.save()
    return cache


def test_results_are_reused_under_the_same_environment_only(tmp_path):
    kept(tmp_path, a1="first", b2="second")
    again = RecordCache(tmp_path, "env")
    assert again.get("a1") == ("first", []) and again.get("b2") == ("second", [])
    assert RecordCache(tmp_path, "other env").get("a1") is None


def test_a_run_keeps_only_its_own_results(tmp_path):
    kept(tmp_path, a1="first", a2="second", b1="third")
    cache = RecordCache(tmp_path, "env")
    cache.get("a1")  # an unchanged file
    cache.put("a2x", "second, edited", [])  # a changed file; b1's file was removed
    cache.save()
    fresh = RecordCache(tmp_path, "env")
    assert fresh.get("a1") == ("first", []) and fresh.get("a2x") == ("second, edited", [])
    assert fresh.get("a2") is None and fresh.get("b1") is None


def test_another_environment_replaces_what_was_kept(tmp_path):
    kept(tmp_path, a1="first", b1="second")
    kept(tmp_path, "new env", a1="first again")
    assert RecordCache(tmp_path, "new env").get("a1") == ("first again", [])
    assert RecordCache(tmp_path, "env").get("b1") is None


def test_results_kept_by_another_process_while_this_one_goes_on(tmp_path):
    cache = RecordCache(tmp_path, "env")
    for n in range(100):
        cache.put(f"a{n}", {"name": "first"}, [])
    saving = cache.save(workers=2)
    assert not saving.here  # many files to write: by a forked process
    cache.put("a1", {"name": "changed after"}, [])  # what this process does next is not what is kept
    saving.result()
    again = RecordCache(tmp_path, "env")
    assert again.get("a1") == ({"name": "first"}, []) and all(again.get(f"a{n}") for n in range(100))
    assert again.save(workers=2).here  # the same results: nothing written, no process


def test_an_edit_writes_again_the_file_of_its_result_only(tmp_path):
    cache = RecordCache(tmp_path, "env")
    keys = [cache.key(f"enterprises/e{n}.yaml", "digest") for n in range(200)]
    for n, key in enumerate(keys):
        cache.put(key, n, [])
    cache.save(workers=1)
    written = {path.name: path.stat().st_mtime_ns for path in (tmp_path / "records").iterdir()}
    assert len(written) == cached.BUCKETS
    cache = RecordCache(tmp_path, "env")
    for key in keys[1:]:
        cache.get(key)
    edited = cache.key("enterprises/e0.yaml", "digest after the edit")
    cache.put(edited, 0, [])
    assert cache.save(workers=2).here  # one file: written here and now
    rewritten = {path.name for path in (tmp_path / "records").iterdir() if path.stat().st_mtime_ns != written[path.name]}
    assert rewritten == {f"{cached._bucket(keys[0]):02d}.pickle"} == {f"{cached._bucket(edited):02d}.pickle"}
    again = RecordCache(tmp_path, "env")
    assert again.get(keys[0]) is None and again.get(edited) == (0, []) and again.get(keys[199]) == (199, [])


def test_kept_models_are_loaded_with_the_vocabulary_terms_and_the_data_of_each_file(tmp_path, monkeypatch):
    first = load_portfolio(REPO, cache=tmp_path, workers=1).portfolio
    monkeypatch.setattr(build, "enterprise", lambda *args: pytest.fail("a kept model was built again"))
    monkeypatch.setitem(load.BUILDERS, "enterprise", build.enterprise)
    again = load_portfolio(REPO, cache=tmp_path, workers=1).portfolio
    assert again.enterprises == first.enterprises and again.institutions == first.institutions
    sector = again.enterprises[0].sectors[0]
    assert sector is again.vocabulary["sectors"][sector.key], "the vocabulary's own term, not a copy"
    source = again.enterprises[0].source
    assert again.files[source] == first.files[source] and again.files[source]["name"] == again.enterprises[0].name
    assert len(again.files) == len(first.files) == len(first.enterprises) + len(first.institutions)


def loaded_afresh(tmp_path):
    """The portfolio loaded from the kept results, as a new process loads it (one that read none before)."""
    RecordCache._read.clear()
    return load_portfolio(REPO, cache=tmp_path, workers=1).portfolio


def test_what_builds_rarely_read_of_a_kept_enterprise_is_unpacked_when_first_read(tmp_path):
    first = load_portfolio(REPO, cache=tmp_path, workers=1).portfolio
    again = loaded_afresh(tmp_path)
    assert all("_packed" in e.__dict__ and not set(Enterprise.PACKED) & e.__dict__.keys() for e in again.enterprises)
    for name in Enterprise.PACKED:  # each field, read first, unpacks them all
        kept = loaded_afresh(tmp_path).enterprises[0]
        assert getattr(kept, name) == getattr(first.enterprises[0], name) and "_packed" not in kept.__dict__
    enterprise = next(e for e in again.enterprises if e.address.borough)
    assert "_packed" not in enterprise.__dict__ and set(Enterprise.PACKED) <= enterprise.__dict__.keys()
    borough = enterprise.address.borough
    assert borough is again.vocabulary["territories"][borough.key], "the vocabulary's own term, not a copy"
    packed = again.enterprises[1]
    copy = pickle.loads(pickle.dumps(packed))  # for another process: every field
    assert "_packed" not in copy.__dict__ and copy == packed == first.enterprises[1]
    cache = RecordCache(tmp_path / "other", "env", vocabulary=again.vocabulary)
    still = again.enterprises[2]
    cache.put("k", still, [])  # kept again while packed
    cache.save()
    assert "_packed" in still.__dict__
    kept = RecordCache(tmp_path / "other", "env", vocabulary=again.vocabulary).get("k")[0]
    assert "_packed" in kept.__dict__ and kept == first.enterprises[2]


def test_digests_made_in_another_process_are_remembered_by_the_build(tmp_path, monkeypatch):
    monkeypatch.setattr(load, "DIGESTS_BESIDE_AFTER", 0)
    monkeypatch.setattr(engine_cache, "_file_digests", {})
    monkeypatch.setattr(engine_cache, "_used", set())
    jobs = []
    monkeypatch.setattr(load, "later", lambda *args: jobs.append(workers.later(*args)) or jobs[-1])
    first = load_portfolio(REPO, cache=tmp_path, workers=2).portfolio
    assert jobs and not jobs[0].here, "the digests were made in another process"
    assert {os.fspath(path) for path in load.record_files(REPO)} <= engine_cache._used
    monkeypatch.setattr(load, "_check_file", lambda *args: pytest.fail("an unchanged file was checked again"))
    assert load_portfolio(REPO, cache=tmp_path, workers=2).portfolio.enterprises == first.enterprises


def test_a_process_takes_again_the_results_it_read_or_wrote_while_their_files_are_the_same(tmp_path, monkeypatch):
    """The preview server's builder: the next build in the same process unpickles no kept result, not even
    those of the file it rewrote after an edit; a file another process changed is read again."""
    root, cache = tmp_path / "root", tmp_path / "cache"
    write_portfolio(root, 12, seed=4)
    first = load_portfolio(root, cache=cache, workers=1).portfolio
    unpickled = []
    real = pickle.Unpickler
    monkeypatch.setattr(cached.pickle, "Unpickler", type("Counted", (real,), {
        "load": lambda self: unpickled.append(1) or real.load(self)}))
    again = load_portfolio(root, cache=cache, workers=1).portfolio
    assert not unpickled and again.vocabulary is first.vocabulary
    assert again.enterprises == first.enterprises and again.enterprises[3] is first.enterprises[3]
    edited = root / first.enterprises[3].source
    edited.write_text(edited.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    third = load_portfolio(root, cache=cache, workers=1).portfolio
    assert not unpickled and third.enterprises[3] is not first.enterprises[3]
    assert third.enterprises[3] == first.enterprises[3] and third.enterprises[3].digest != first.enterprises[3].digest
    bucket = next((cache / "records").glob("*.pickle"))
    bucket.write_bytes(bucket.read_bytes())  # rewritten by another process: another signature
    fourth = load_portfolio(root, cache=cache, workers=1).portfolio
    assert len(unpickled) == 1 and fourth.enterprises == third.enterprises


def test_another_vocabulary_reads_the_results_again(tmp_path):
    root = tmp_path / "root"
    write_portfolio(root, 3, seed=4)
    first = load_portfolio(root, cache=tmp_path / "cache", workers=1).portfolio
    vocabulary = root / "data" / "vocabulary.yaml"
    if not vocabulary.exists():
        vocabulary.parent.mkdir(exist_ok=True)
        vocabulary.write_bytes((REPO / "data" / "vocabulary.yaml").read_bytes())
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8") + "\n# the same terms, another file\n",
                          encoding="utf-8")
    again = load_portfolio(root, cache=tmp_path / "cache", workers=1).portfolio
    assert again.vocabulary is not first.vocabulary and again.enterprises == first.enterprises
    sector = again.enterprises[0].sectors[0]
    assert sector is again.vocabulary["sectors"][sector.key], "the new vocabulary's own term"
