"""Site.cached, the one cache of the stages' work, and its per-record forms (cached_runs, write_each): reused
while records, settings and shared inputs are the same, made again when any of them changes."""

from dataclasses import replace

from portfolio.engine import stage
from support.engine import make_site


def counting(calls):
    def make():
        calls.append(1)
        return {"made": len(calls)}
    return make


def test_reused_while_inputs_are_the_same(tmp_path):
    calls = []
    site = make_site(tmp_path)
    site.inputs = "shared-1"
    first = site.cached("exports", [site.portfolio.enterprises], counting(calls))
    again = make_site(tmp_path)
    again.inputs = "shared-1"
    assert again.cached("exports", [again.portfolio.enterprises], counting(calls)) == first and len(calls) == 1


def test_made_again_when_a_record_or_the_shared_inputs_change(tmp_path):
    calls = []
    site = make_site(tmp_path)
    site.inputs = "shared-1"
    site.cached("exports", [site.portfolio.enterprises], counting(calls))
    edited = [replace(site.portfolio.enterprises[0], digest="another"), *site.portfolio.enterprises[1:]]
    site.cached("exports", [edited], counting(calls))
    site.inputs = "shared-2"
    site.cached("exports", [edited], counting(calls))
    assert len(calls) == 3
    assert len(list((tmp_path / "cache" / "exports").iterdir())) == 1  # only the latest is kept


def test_cached_runs_make_only_the_runs_of_changed_records_again(tmp_path, monkeypatch):
    monkeypatch.setattr(stage, "SHORTEST_RUN", 2)
    made = []

    def slugs(first, records):
        made.append(first)
        return [first, [r.slug for r in records]]

    site = make_site(tmp_path)
    site.inputs = "shared-1"
    records = site.portfolio.enterprises[:5]
    first = site.cached_runs("runs", records, slugs)
    assert first == [[0, [r.slug for r in records[:2]]], [2, [r.slug for r in records[2:4]]], [4, [records[4].slug]]]
    edited = [*records[:3], replace(records[3], digest="edited"), records[4]]
    assert site.cached_runs("runs", edited, slugs) == first and made == [0, 2, 4, 2]
    assert len(list((tmp_path / "cache" / "runs").iterdir())) == 3
    assert site.cached_runs("runs", edited[1:], slugs) == [[0, [r.slug for r in records[1:3]]],
                                                           [2, [r.slug for r in records[3:5]]]]
    assert made[4:] == [0, 2], "a run whose records moved is made again"
    assert len(list((tmp_path / "cache" / "runs").iterdir())) == 2, "only this build's runs are kept"


def test_runs_are_about_a_hundredth_of_the_records():
    assert [stage.run_size(n) for n in (0, 5, 40, 1_000, 10_000, 10_001)] == [10, 10, 10, 10, 100, 101]


def test_write_each_makes_only_the_files_of_changed_records(tmp_path):
    made = []

    def build(records):
        site = make_site(tmp_path)
        site.inputs = "shared-1"
        site.write_each(records, lambda r: f"fiches/{r.slug}.json", lambda r: made.append(r.slug) or r.slug.upper(),
                        "test")
        site.writer.commit()

    records = make_site(tmp_path).portfolio.enterprises[:3]
    build(records)
    build([records[0], replace(records[1], digest="edited"), records[2]])
    assert made == [r.slug for r in records] + [records[1].slug]
    assert [(tmp_path / "site" / "fiches" / f"{r.slug}.json").read_text() for r in records] == [
        r.slug.upper() for r in records]
