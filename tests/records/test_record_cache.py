"""The validation results kept between runs: reused under the same environment only (the code, schemas,
vocabulary, language, build date and known institutions), and only the results of the last run."""

from portfolio.records.cached import RecordCache


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
    cache.put("a1", {"name": "first"}, [])
    saving = cache.save(workers=2)
    assert not saving.here  # written by a forked process
    cache.put("a1", {"name": "changed after"}, [])  # what this process does next is not what is kept
    saving.result()
    again = RecordCache(tmp_path, "env")
    assert again.get("a1") == ({"name": "first"}, [])
    assert again.save(workers=2).here  # the same results: nothing written, no process
