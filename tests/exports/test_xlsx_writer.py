"""The browser's spreadsheet writer (theme/static/js/xlsx.js), run by node and read back by openpyxl,
Python's zipfile (CRC checks) and LibreOffice."""

import datetime as dt
import gzip
import io
import json
import re
import subprocess
import zipfile

import openpyxl
import pytest

from support.tools import REPO, libreoffice_sheets, require

WRITER = REPO / "theme" / "static" / "js" / "xlsx.js"
HOSTILE = ['=HYPERLINK("https://evil.example","x")', "+1 514 555-0100", "-2+3", "@SUM(A1)", "\ttab", "a<b & \"c\""]


def write(tmp_path, books: dict) -> dict:
    """Run xlsx.js in node on each book (name -> book); return name -> bytes."""
    script = tmp_path / "run.mjs"
    script.write_text(
        f"import {{ xlsx }} from {json.dumps(WRITER.as_uri())};\n"
        "import { writeFileSync, readFileSync } from 'node:fs';\n"
        "const books = JSON.parse(readFileSync(process.argv[2], 'utf8'));\n"
        "for (const [name, book] of Object.entries(books)) writeFileSync(process.argv[3] + '/' + name, xlsx(book));\n",
        encoding="utf-8")
    (tmp_path / "books.json").write_text(json.dumps(books), encoding="utf-8")
    subprocess.run([require("node"), str(script), str(tmp_path / "books.json"), str(tmp_path)], check=True,
                   capture_output=True, timeout=120)
    return {name: (tmp_path / name).read_bytes() for name in books}


COLUMNS = [{"header": "Nom", "width": 30}, {"header": "Valeur ($)", "type": "number"},
           {"header": "Vérifiée le", "type": "date"}, {"header": "Exemple", "type": "boolean"},
           {"header": "Page", "type": "url"}, {"header": "Courriel", "type": "email"}]
ROWS = [[name, 1500.5 * n, f"2026-0{n + 1}-15", n % 2 == 0, f"https://portfolio.example/é/{n}/", f"a{n}@b.example"]
        for n, name in enumerate(HOSTILE)] + [["Café \x01 Montréal", None, "", None, "", None]]
BOOK = {"created": "2026-10-15", "title": "Ma liste", "sheets": [
    {"name": "Ma liste", "filter": True, "columns": COLUMNS, "rows": ROWS},
    {"name": "Colonnes", "columns": [{"header": "Colonne"}, {"header": "Contenu", "wrap": True}],
     "rows": [["Licence", {"text": "CC BY 4.0", "link": "https://creativecommons.org/licenses/by/4.0/"}]]}]}


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("xlsx-js")
    many = [[f"https://a.example/{n}", f"https://b.example/{n}", f"https://c.example/{n}"] for n in range(22_000)]
    big = {"created": "2026-01-01", "sheets": [{"name": "Links", "columns": [{"header": h, "type": "url"} for h in "ABC"],
                                                "rows": many}]}
    files = write(tmp, {"book.xlsx": BOOK, "again.xlsx": BOOK, "big.xlsx": big})
    return tmp, files


def test_zip_is_sound_and_identical_for_identical_data(made):
    _tmp, files = made
    assert files["book.xlsx"] == files["again.xlsx"]
    with zipfile.ZipFile(io.BytesIO(files["book.xlsx"])) as archive:
        assert archive.testzip() is None
        assert archive.getinfo("xl/workbook.xml").date_time == (2026, 10, 15, 0, 0, 0)


def test_cells_are_typed_text_is_never_a_formula(made):
    _tmp, files = made
    book = openpyxl.load_workbook(io.BytesIO(files["book.xlsx"]))
    sheet = book["Ma liste"]
    assert [c.value for c in sheet[1]] == [c["header"] for c in COLUMNS]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:F{len(ROWS) + 1}"
    for n, row in enumerate(sheet.iter_rows(min_row=2, max_row=len(HOSTILE) + 1)):
        name, value, date, example, page, email = row
        assert (name.value, name.data_type) == (HOSTILE[n], "s")
        assert value.value == 1500.5 * n and value.data_type == "n"
        assert date.value == dt.datetime(2026, n + 1, 15) and date.is_date
        assert example.value is (n % 2 == 0)
        assert page.hyperlink.target == page.value == f"https://portfolio.example/é/{n}/"
        assert email.hyperlink.target == f"mailto:a{n}@b.example"
    last = [c.value for c in sheet[len(ROWS) + 1]]
    assert last == ["Café  Montréal", None, None, None, None, None], "control characters are dropped"
    assert all(c.data_type != "f" for s in book for row in s.iter_rows() for c in row)
    with zipfile.ZipFile(io.BytesIO(files["book.xlsx"])) as archive:
        assert not re.search(rb"<f[ >]", archive.read("xl/worksheets/sheet1.xml"))
    assert book.properties.created == dt.datetime(2026, 10, 15) and book.properties.title == "Ma liste"
    notes = book["Colonnes"]
    assert notes.auto_filter.ref is None
    assert notes["B2"].hyperlink.target == "https://creativecommons.org/licenses/by/4.0/"


def test_links_stop_at_excels_limit_by_whole_columns(made):
    """Read from the sheet's XML (openpyxl takes minutes to attach 44,000 links)."""
    _tmp, files = made
    with zipfile.ZipFile(io.BytesIO(files["big.xlsx"])) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
        targets = archive.read("xl/worksheets/_rels/sheet1.xml.rels").decode("utf-8")
    linked = re.findall(r'<hyperlink ref="([A-Z]+)\d+"', sheet)
    assert len(linked) == 2 * 22_000 <= 65_530
    assert set(linked) == {"A", "B"}, "the third column would pass the limit: it stays plain text"
    assert targets.count('TargetMode="External"') == len(linked)
    assert '<c r="C2" t="inlineStr"><is><t xml:space="preserve">https://c.example/0</t></is></c>' in sheet


def test_libreoffice_reads_both_sheets(made):
    tmp, _files = made
    sheets = libreoffice_sheets(tmp / "book.xlsx", tmp)
    listed = sheets["Ma liste"]
    assert listed[0] == [c["header"] for c in COLUMNS]
    assert [r[0] for r in listed[1:len(HOSTILE) + 1]] == HOSTILE
    assert listed[2][1:4] == ["1500.5", "2026-02-15", "FALSE"]
    assert listed[-1][0] == "Café  Montréal"
    notes = sheets["Colonnes"]
    assert notes[1] == ["Licence", "CC BY 4.0"]


def test_shortlist_export_code_stays_small():
    """What a visitor downloads on asking for a file (shortlist-export.js and xlsx.js), gzipped."""
    code = b"".join((REPO / "theme" / "static" / "js" / name).read_bytes()
                    for name in ("shortlist-export.js", "xlsx.js"))
    assert len(gzip.compress(code, 9)) < 8_000
