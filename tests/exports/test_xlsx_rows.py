"""The build's spreadsheet writer (portfolio/exports/xlsx.py): kept rows give the very file, the zip is sound and
dated from the data, text never becomes a formula, links stay within Excel's limit, and LibreOffice reads the
open-data spreadsheet as openpyxl does."""

import datetime as dt
import io
import pickle
import re
import zipfile

import openpyxl
import pytest

from exports.test_exports_spreadsheet import make
from portfolio.exports.columns import COLUMNS
from portfolio.exports.xlsx import LINK_LIMIT, Link, Sheet, block, row, workbook
from support.tools import libreoffice_sheets

CELLS = ["Café \x01 Montréal", '=HYPERLINK("https://evil.example","x")', 1500.5, 7, dt.date(2026, 2, 15), True, None,
         "", Link("page", "https://portfolio.example/é/"), Link("courriel", "javascript:alert(1)"), float("nan"), 10**400, "  espacée\n"]


def book(rows, created=dt.date(2026, 10, 15)) -> bytes:
    header = row([f"c{n}" for n in range(len(CELLS))], "header")
    return workbook([Sheet("Liste d'essai", header, rows, filter=True)], "Essai", created)


def test_kept_rows_give_the_same_bytes():
    rows = [row(CELLS) for _ in range(3)]
    assert book(pickle.loads(pickle.dumps(rows))) == book(rows)


def test_zip_is_sound_and_dated_from_the_data():
    with zipfile.ZipFile(io.BytesIO(book([row(CELLS)]))) as archive:
        assert archive.testzip() is None
        assert {entry.date_time for entry in archive.infolist()} == {(2026, 10, 15, 0, 0, 0)}
    with zipfile.ZipFile(io.BytesIO(book([row(CELLS)], created=None))) as archive:
        assert archive.getinfo("xl/workbook.xml").date_time == (1980, 1, 1, 0, 0, 0)


def test_cells_are_typed_and_text_stays_text():
    sheet = openpyxl.load_workbook(io.BytesIO(book([row(CELLS)]))).worksheets[0]
    name, formula, number, count, day, flag, empty, blank, link, script, nan, huge, spaced = sheet[2]
    assert name.value == "Café  Montréal", "a character XML cannot hold is dropped"
    assert (formula.value, formula.data_type) == (CELLS[1], "s")
    assert (number.value, count.value, day.value, flag.value) == (1500.5, 7, dt.datetime(2026, 2, 15), True)
    assert day.is_date and empty.value is None and blank.value is None
    assert link.value == "page" and link.hyperlink.target == "https://portfolio.example/é/"
    assert script.value == "courriel" and script.hyperlink is None, "only http(s) and mailto addresses are links"
    assert nan.value == "nan" and nan.data_type == "s"
    assert huge.data_type == "n", "an integer too large for a float is still a number, not an error"
    assert spaced.value == "  espacée\n", "spaces at either end are kept"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:{chr(64 + len(CELLS))}2"


def test_more_links_than_excel_allows_fail():
    rows = [row([Link("a", "https://a.example/")])] * (LINK_LIMIT + 1)
    with pytest.raises(ValueError, match="65531 links"):
        workbook([Sheet("Liens", row(["lien"]), rows)], "", None)


def test_libreoffice_reads_the_open_data_spreadsheet(tmp_path, portfolio):
    data = make(portfolio.enterprises, run=3)  # in blocks compressed apart, as the build makes it
    (tmp_path / "entreprises.xlsx").write_bytes(data)
    sheets = libreoffice_sheets(tmp_path / "entreprises.xlsx", tmp_path)
    listed, notes = sheets["Entreprises – Enterprises"], sheets["Colonnes – Columns"]
    assert listed[0] == list(COLUMNS)
    assert [r[0] for r in listed[1:]] == [e.slug for e in portfolio.enterprises]
    read = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert [[str(c.value) for c in r[:2]] for r in read.iter_rows(min_row=2)] == [r[:2] for r in listed[1:]]
    assert notes[0][0] == "Colonne / Column" and any(r[0] == "Licence" for r in notes)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not re.search(rb"<f[ >]", archive.read("xl/worksheets/sheet1.xml"))


def test_a_sheet_of_blocks_is_the_sheet_of_their_rows():
    rows = [row(CELLS) for _ in range(5)]
    blocks = [block(rows[:2], 2), block(rows[2:], 4)]
    assert contents(book(blocks)) == contents(book(rows))
    with pytest.raises(ValueError, match="starts at row 5, not 4"):
        book([block(rows[:2], 2), block(rows[2:], 5)])


def contents(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}
