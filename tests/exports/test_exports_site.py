"""The open-data files of the built sample site, and the CSV and spreadsheet opened by LibreOffice."""

import csv
import io
import json
import re
import subprocess
import zipfile

import openpyxl

from portfolio.exports.columns import COLUMNS, FIELDS
from portfolio.records.load import load_portfolio
from support.tools import REPO, require


def test_both_languages_publish_identical_files(built_site):
    pairs = [("donnees/entreprises.csv", "en/data/enterprises.csv"),
             ("donnees/entreprises-point-virgule.csv", "en/data/enterprises-semicolon.csv"),
             ("donnees/entreprises.xlsx", "en/data/enterprises.xlsx"),
             ("donnees/entreprises.json", "en/data/enterprises.json"),
             ("donnees/institutions.json", "en/data/institutions.json")]
    for fr, en in pairs:
        assert (built_site / fr).read_bytes() == (built_site / en).read_bytes(), f"{fr} and {en} differ"
    for name in ("enterprise", "institution", "common", "vocabulary"):
        assert json.loads((built_site / "donnees" / "schema" / f"{name}.schema.json").read_text("utf-8"))


def test_published_csv_and_json_hold_every_record(built_site):
    portfolio = load_portfolio(REPO).portfolio
    text = (built_site / "donnees" / "entreprises.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["slug"] for r in rows] == [e.slug for e in portfolio.enterprises]
    assert all(r["page_fr"].endswith(f"/entreprises/{r['slug']}/") for r in rows)
    assert all(r["page_en"].endswith(f"/en/enterprises/{r['slug']}/") for r in rows)
    institutions = json.loads((built_site / "donnees" / "institutions.json").read_text("utf-8"))
    assert [i["slug"] for i in institutions["institutions"]] == [i.slug for i in portfolio.institutions]


def test_data_page_documents_every_column_and_the_licence(built_site):
    for page, lang in ((built_site / "donnees" / "index.html", "fr"), (built_site / "en" / "data" / "index.html", "en")):
        html = page.read_text("utf-8")
        documented = re.findall(r"<code>([a-z_]+)</code>", html)
        assert documented == list(COLUMNS)
        assert 'rel="license"' in html and "creativecommons.org/licenses/by/4.0/" in html
        assert len(re.findall(r"<tr>", html)) == len(FIELDS) + 1
    assert "Numéro d’entreprise du Québec (NEQ)." in (built_site / "donnees" / "index.html").read_text("utf-8").replace("&#39;", "'")


def test_libreoffice_opens_the_csv_with_its_accents(built_site, tmp_path):
    """LibreOffice (headless) converts the CSV to xlsx; the accented names survive. Headless conversion
    does not sniff the byte-order mark (Excel does), so the import options name UTF-8 (76), as a person
    would in LibreOffice's import dialog; the data page says so."""
    soffice = require("soffice")
    source = tmp_path / "entreprises.csv"
    source.write_bytes((built_site / "donnees" / "entreprises.csv").read_bytes())
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    with zipfile.ZipFile(tmp_path / "entreprises.xlsx") as book:
        strings = book.read("xl/sharedStrings.xml").decode("utf-8")
    portfolio = load_portfolio(REPO).portfolio
    accented = [e.name for e in portfolio.enterprises if re.search(r"[À-ÿ]", e.name)]
    assert accented, "the sample data should have an accented enterprise name"
    for name in accented:
        assert name.replace("&", "&amp;").replace("'", "&apos;") in strings or name in strings, name
    assert "Montréal" in strings and "Ã" not in strings
    assert '<t xml:space="preserve">slug</t>' in strings or "<t>slug</t>" in strings, "the BOM leaked into the first cell"


def test_published_spreadsheet_holds_every_record_with_links(built_site):
    portfolio = load_portfolio(REPO).portfolio
    book = openpyxl.load_workbook(built_site / "donnees" / "entreprises.xlsx")
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    rows = list(sheet.iter_rows(min_row=2))
    assert [r[0].value for r in rows] == [e.slug for e in portfolio.enterprises]
    page_fr = COLUMNS.index("page_fr")
    assert all(r[page_fr].hyperlink.target.endswith(f"/entreprises/{r[0].value}/") for r in rows)
    notes = book.worksheets[1]
    assert any("creativecommons.org/licenses/by/4.0/" in str(c.value) for row in notes.iter_rows() for c in row)


def test_data_page_offers_the_spreadsheet_first(built_site):
    for page, names in ((built_site / "donnees" / "index.html", ("entreprises.xlsx", "entreprises.csv",
                                                                 "entreprises-point-virgule.csv")),
                        (built_site / "en" / "data" / "index.html", ("enterprises.xlsx", "enterprises.csv",
                                                                     "enterprises-semicolon.csv"))):
        links = re.findall(r'<a href="[^"]*/([^/"]+)"[^>]*download>', page.read_text("utf-8"))
        assert links[:3] == list(names), links


def test_libreoffice_converts_the_spreadsheet_keeping_accents_and_values(built_site, tmp_path):
    soffice = require("soffice")
    source = tmp_path / "entreprises.xlsx"
    source.write_bytes((built_site / "donnees" / "entreprises.xlsx").read_bytes())
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    converted = sorted(tmp_path.glob("entreprises-*.csv"))
    assert len(converted) == 2, converted
    data = next(p for p in converted if "Enterprises" in p.name)
    rows = list(csv.DictReader(io.StringIO(data.read_text("utf-8"), newline="")))
    portfolio = load_portfolio(REPO).portfolio
    assert [r["slug"] for r in rows] == [e.slug for e in portfolio.enterprises]
    for row, e in zip(rows, portfolio.enterprises):
        assert row["name"] == e.name and row["city"] == e.address.city
        assert row["last_verified"] == e.last_verified.isoformat()
        assert row["example"] == ("TRUE" if e.example else "FALSE")
        if e.impact.employees is not None:
            assert row["employees"] == str(e.impact.employees)
        if e.address.lat is not None:
            assert float(row["latitude"]) == e.address.lat
    assert any("é" in r["name"] for r in rows) and "Ã" not in data.read_text("utf-8")
