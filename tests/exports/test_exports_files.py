"""The open-data files: CSV read back by Python's csv module, JSON records valid against the schemas."""

import csv
import io
import json

import pytest
from babel.messages.pofile import read_po

from exports.conftest import FORMULA_NAME, page_url
from portfolio.exports.columns import COLUMNS, FIELDS
from portfolio.exports.records import VERSION, enterprises_json, institutions_json
from portfolio.exports.table import enterprises_csv, neutralise
from support.record_schemas import validator
from support.tools import REPO

LICENCE = {"name": {"fr": "Licence", "en": "Licence"}, "url": "https://licence.example/"}


def csv_text(portfolio):
    return enterprises_csv(portfolio.enterprises, lambda e, lang: page_url(("enterprise", e.slug), lang))


def rows(text):
    assert text.startswith("\ufeff"), "the CSV must start with a UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(text.encode("utf-8").decode("utf-8-sig"), newline="")))


def test_csv_has_one_row_per_enterprise_with_every_column(portfolio):
    read = rows(csv_text(portfolio))
    assert [r["slug"] for r in read] == [e.slug for e in portfolio.enterprises]
    assert list(read[0]) == list(COLUMNS)
    assert len(set(COLUMNS)) == len(COLUMNS)


def test_csv_values_are_bilingual_and_keep_accents(portfolio):
    read = {r["slug"]: r for r in rows(csv_text(portfolio))}
    for e in portfolio.enterprises:
        row = read[e.slug]
        assert row["summary_fr"] == e.summary.fr
        assert row["summary_en"] == (e.summary.en or "")
        assert row["sectors"].split("; ") == [t.key for t in e.sectors]
        assert row["sectors_fr"].split("; ") == [t.fr for t in e.sectors]
        assert row["sectors_en"].split("; ") == [t.en for t in e.sectors]
        assert row["email"] == e.contact.email
        assert row["page_en"] == page_url(("enterprise", e.slug), "en")
        if not e.name.startswith("="):
            assert row["name"] == e.name
    assert any(c in r["name"] for r in read.values() for c in "éèàç"), "sample names should carry accents"


def test_csv_is_deterministic(portfolio):
    assert csv_text(portfolio) == csv_text(portfolio)


def test_formula_cells_are_made_inert(portfolio):
    read = rows(csv_text(portfolio))
    assert "'" + FORMULA_NAME in [r["name"] for r in read]
    assert all(not r[c].startswith(("=", "+", "@")) for r in read for c in COLUMNS)
    assert neutralise("-73.5556") == "-73.5556"
    assert neutralise("+1 514 555-0100") == "'+1 514 555-0100"
    assert neutralise("-cmd") == "'-cmd"


def test_json_records_have_a_version_and_validate_against_the_record_schemas(portfolio, export_root):
    for kind, make, schema in (("enterprises", enterprises_json, "enterprise"),
                               ("institutions", institutions_json, "institution")):
        document = json.loads(make(portfolio, page_url, LICENCE))
        assert document["format"] == f"economie-sociale-jachete/{kind}"
        assert document["version"] == VERSION
        assert document["licence"] == LICENCE
        assert document["count"] == len(document[kind]) > 0
        check = validator(export_root, schema)
        for record in document[kind]:
            assert set(record["pages"]) == {"fr", "en"}
            plain = {k: v for k, v in record.items() if k not in ("slug", "pages")}
            errors = [e.message for e in check.iter_errors(plain)]
            assert not errors, (record["slug"], errors)


def test_json_keeps_every_enterprise_and_the_vocabulary_labels(portfolio):
    document = json.loads(enterprises_json(portfolio, page_url, LICENCE))
    assert [r["slug"] for r in document["enterprises"]] == [e.slug for e in portfolio.enterprises]
    sectors = document["vocabulary"]["sectors"]
    assert sectors["alimentation-traiteur"] == {"fr": "Alimentation et traiteur", "en": "Food and catering"}
    first = document["enterprises"][0]
    assert list(first)[:2] == ["slug", "name"]
    assert "source" not in first and "logo" not in first


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_column_description_is_translated(lang):
    with (REPO / "theme" / "translations" / lang / "LC_MESSAGES" / "catalogue.po").open("rb") as po:
        catalog = read_po(po, locale=lang)
    for field in FIELDS:
        message = catalog.get(field.description)
        assert message is not None and message.string, f"{field.name}: description missing from {lang} catalogue.po"
