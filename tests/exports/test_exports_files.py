"""The open-data files: CSV (both dialects) read back by Python's csv module, JSON records valid against
the schemas."""

import csv
import io
import json

import pytest

from exports.conftest import FORMULA_NAME, HOSTILE_NAMES, page_url
from portfolio.exports.columns import COLUMNS, FIELDS
from portfolio.exports.records import VERSION, enterprises_json, institutions_json
from portfolio.exports.table import SEMICOLON, enterprises_csv, neutralise
from portfolio.site.i18n import merged_catalog
from support.record_schemas import validator
from support.tools import REPO

LICENCE = {"name": {"fr": "Licence", "en": "Licence"}, "url": "https://licence.example/"}


def csv_text(portfolio, *dialect):
    return enterprises_csv(portfolio.enterprises, lambda e, lang: page_url(("enterprise", e.slug), lang), *dialect)


def rows(text, delimiter=","):
    assert text.startswith("\ufeff"), "the CSV must start with a UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(text.encode("utf-8").decode("utf-8-sig"), newline=""),
                               delimiter=delimiter))


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
        assert row["name"] == neutralise(e.name)
        assert row["last_verified"] == e.last_verified.isoformat()
        assert row["example"] == ("true" if e.example else "false")
    assert any(c in r["name"] for r in read.values() for c in "éèàç"), "sample names should carry accents"


def test_csv_is_deterministic(portfolio):
    assert csv_text(portfolio) == csv_text(portfolio)
    assert csv_text(portfolio, SEMICOLON) == csv_text(portfolio, SEMICOLON)


def test_semicolon_csv_has_decimal_commas_and_the_same_values(portfolio):
    """Read back as spreadsheet software set to French (Canada) reads it: semicolons, decimal commas."""
    comma, semicolon = rows(csv_text(portfolio)), rows(csv_text(portfolio, SEMICOLON), delimiter=";")
    assert list(semicolon[0]) == list(COLUMNS)
    assert len(semicolon) == len(comma) == len(portfolio.enterprises)
    located = 0
    for plain, french, e in zip(comma, semicolon, portfolio.enterprises):
        assert {k: v for k, v in french.items() if k not in ("latitude", "longitude")} == \
               {k: v for k, v in plain.items() if k not in ("latitude", "longitude")}
        if e.address.lat is not None:
            located += 1
            assert french["latitude"] == repr(e.address.lat).replace(".", ",")
            assert float(french["longitude"].replace(",", ".")) == e.address.lon < 0
            assert "," in french["latitude"] and "." not in french["latitude"]
    assert located, "the synthetic enterprises should have coordinates"
    assert any("é" in r["summary_fr"] for r in semicolon) and any("Montréal" in r["city"] for r in semicolon)
    assert any(r["employees"].isdigit() for r in semicolon)


def test_formula_cells_are_made_inert(portfolio):
    read = rows(csv_text(portfolio))
    names = [r["name"] for r in read]
    assert all("'" + name in names for name in HOSTILE_NAMES)
    assert "'" + FORMULA_NAME in names
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
    catalog = merged_catalog(REPO / "theme" / "translations", lang)
    for field in FIELDS:
        message = catalog.get(field.description)
        assert message is not None and message.string, f"{field.name}: description missing from the {lang} catalogues"
