"""Site.cached, the one cache of the stages' work, and its per-record forms (cached_each, write_each): reused
while records, settings and shared inputs are the same, made again when any of them changes."""

from dataclasses import replace

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


def test_cached_each_makes_only_the_changed_records_again(tmp_path):
    made = []
    site = make_site(tmp_path)
    site.inputs = "shared-1"
    records = site.portfolio.enterprises[:3]
    first = site.cached_each("pages", records, lambda r: made.append(r.slug) or r.slug.upper())
    assert first == [r.slug.upper() for r in records] and len(made) == 3
    edited = [records[0], replace(records[1], digest="edited"), records[2]]
    assert site.cached_each("pages", edited, lambda r: made.append(r.slug) or r.slug.upper()) == first
    assert made[3:] == [records[1].slug]


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
