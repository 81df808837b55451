"""The open-data spreadsheet read back by openpyxl: rows, types, links, no formula, and identical bytes."""

import datetime as dt
import io
import re
import zipfile

import openpyxl
import pytest

from exports.conftest import HOSTILE_NAMES, page_url
from portfolio.exports.columns import COLUMNS, FIELDS, row_cells
from portfolio.exports.spreadsheet import enterprise_row, enterprises_xlsx, linked_columns
from portfolio.exports.xlsx import LINK_LIMIT, block
from portfolio.site.i18n import load_translations
from support.tools import REPO

LICENCE = {"name": {"fr": "Licence ouverte", "en": "Open licence"}, "url": "https://licence.example/"}
SOURCE = {"fr": "https://portfolio.example/donnees/", "en": "https://portfolio.example/en/data/"}
GETTEXTS = {lang: load_translations(REPO / "theme" / "translations", lang).gettext for lang in ("fr", "en")}


def make(enterprises, run: int | None = None):
    """The spreadsheet of `enterprises`; with `run`, its rows put together in blocks of `run`, as the build does."""
    links = linked_columns(len(enterprises))
    rows = [enterprise_row(row_cells(e, lambda e, lang: page_url(("enterprise", e.slug), lang)), links)
            for e in enterprises]
    if run:
        rows = [block(rows[n:n + run], n + 2) for n in range(0, len(rows), run)]
    return enterprises_xlsx(rows, max((e.last_verified for e in enterprises), default=None), GETTEXTS, LICENCE,
                            SOURCE, "Portfolio")


@pytest.fixture(scope="module")
def data(portfolio):
    return make(portfolio.enterprises)


@pytest.fixture(scope="module")
def book(data):
    return openpyxl.load_workbook(io.BytesIO(data))


def by_name(sheet):
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, row)) for row in sheet.iter_rows(min_row=2)]


def test_one_row_per_enterprise_under_the_csv_header(book, portfolio):
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert [r["slug"].value for r in by_name(sheet)] == [e.slug for e in portfolio.enterprises]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(COLUMNS))}{len(portfolio.enterprises) + 1}"



def test_columns_are_sized_to_their_text(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    cols = [(int(a), int(b), float(w)) for a, b, w in re.findall(r'<col min="(\d+)" max="(\d+)" width="([\d.]+)"', sheet)]
    assert [n for a, b, _ in cols for n in range(a, b + 1)] == list(range(1, len(COLUMNS) + 1))
    assert all(8 <= width < 63 for _, _, width in cols) and len({width for _, _, width in cols}) > 3


def test_cells_are_typed(book, portfolio):
    rows = {r["slug"].value: r for r in by_name(book.worksheets[0])}
    for e in portfolio.enterprises:
        row = rows[e.slug]
        assert row["last_verified"].value == dt.datetime.combine(e.last_verified, dt.time())
        assert row["last_verified"].is_date
        assert row["example"].value is e.example and row["example"].data_type == "b"
        assert row["employees"].value == e.impact.employees
        assert row["neq"].value == e.neq and (e.neq is None or row["neq"].data_type == "s")
        assert row["postal_code"].value == e.address.postal_code and row["postal_code"].data_type == "s"
        if e.address.lat is not None:
            assert row["latitude"].value == e.address.lat and row["latitude"].data_type == "n"
        if e.procurement and e.procurement.max_contract_value:
            assert row["max_contract_value"].value == e.procurement.max_contract_value
        assert row["summary_en"].value == e.summary.en  # None (an empty cell) without English
        assert row["sectors_fr"].value == "; ".join(t.fr for t in e.sectors)


def test_hostile_text_stays_text_and_nothing_is_a_formula(book, data):
    names = [r["name"].value for r in by_name(book.worksheets[0])]
    assert all(name in names for name in HOSTILE_NAMES), "names must be kept as they are, as text"
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(c.data_type != "f" for c in row)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for part in archive.namelist():
            if part.startswith("xl/worksheets/sheet"):
                assert not re.search(rb"<f[ >]", archive.read(part)), f"a formula in {part}"


def test_web_pages_and_emails_are_links(book, portfolio):
    rows = {r["slug"].value: r for r in by_name(book.worksheets[0])}
    for e in portfolio.enterprises:
        row = rows[e.slug]
        assert row["page_fr"].hyperlink.target == page_url(("enterprise", e.slug), "fr")
        assert row["page_en"].hyperlink.target == page_url(("enterprise", e.slug), "en")
        assert row["email"].hyperlink.target == "mailto:" + e.contact.email
        assert row["email"].value == e.contact.email
        assert (row["website"].hyperlink.target if e.website else None) == e.website
        assert row["name"].hyperlink is None


def test_links_stay_within_excels_limit_per_sheet():
    assert list(linked_columns(40)) == ["page_fr", "page_en", "website", "email"]
    for rows in (10_000, 20_000, 40_000, 70_000):
        chosen = linked_columns(rows)
        assert len(chosen) * rows <= LINK_LIMIT
        assert list(chosen) == ["page_fr", "page_en", "website", "email"][:len(chosen)]
    assert list(linked_columns(10_000)) == ["page_fr", "page_en", "website", "email"]
    assert list(linked_columns(40_000)) == ["page_fr"]


def test_second_sheet_explains_every_column_and_the_licence(book):
    notes = book.worksheets[1]
    assert book.sheetnames == ["Entreprises – Enterprises", "Colonnes – Columns"]
    rows = list(notes.iter_rows(min_row=2, values_only=True))
    described = [r[0] for r in rows[:len(FIELDS)]]
    assert described == [", ".join(f.column_names) for f in FIELDS]
    assert rows[FIELDS.index(next(f for f in FIELDS if f.name == "neq"))][1:] == (
        "Numéro d’entreprise du Québec (NEQ).", "Québec enterprise number (NEQ).")
    licence = [r for r in notes.iter_rows(min_row=2) if r[0].value == "Licence"][0]
    assert (licence[1].value, licence[2].value) == ("Licence ouverte", "Open licence")
    assert any(c.hyperlink and c.hyperlink.target == LICENCE["url"] for row in notes.iter_rows() for c in row)
    assert notes.auto_filter.ref is None


def test_identical_data_give_identical_bytes_dated_from_the_data(data, portfolio, book):
    assert make(portfolio.enterprises) == data
    latest = max(e.last_verified for e in portfolio.enterprises)
    assert book.properties.created == dt.datetime.combine(latest, dt.time())
    assert make(portfolio.enterprises[:5]) != data
    assert openpyxl.load_workbook(io.BytesIO(make([]))).worksheets[0].max_row == 1
