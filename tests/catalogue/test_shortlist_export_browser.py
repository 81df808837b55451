"""In Debian's Chromium: the shortlist exported as a spreadsheet and as CSV, read back by openpyxl, Python's
csv module and LibreOffice; the export code is fetched only when asked for."""

import csv
import datetime as dt
import io
import json
import re
import subprocess

import openpyxl
import pytest
from babel import Locale

from portfolio.catalogue.shortlist import NOTE_AT
from portfolio.records.load import load_portfolio
from portfolio.site.i18n import load_translations
from support.tools import REPO, require

pytestmark = pytest.mark.browser

SHORTLIST = {"fr": "/ma-liste/", "en": "/en/my-list/"}
ON_DEMAND = (r"/js/shortlist-export\.[0-9a-f]{10}\.js$", r"/js/xlsx\.[0-9a-f]{10}\.js$", r"/export\.[0-9a-f]{10}\.json$")  # fingerprinted
HOSTILE = '=HYPERLINK("https://evil.example","Cliquez")'


@pytest.fixture(scope="module")
def portfolio():
    return load_portfolio(REPO).portfolio


@pytest.fixture(scope="module")
def chosen(portfolio):
    """Three enterprises with procurement details."""
    return [e for e in portfolio.enterprises if e.procurement and e.procurement.max_contract_value][:3]


def gettext(lang):
    return load_translations(REPO / "theme" / "translations", lang).gettext


def listed(page):
    page.wait_for_selector("#shortlist:not([hidden])")
    return page.locator(".shortlist-items .shortlist-name").all_inner_texts()


def open_list(page, site_url, lang, enterprises, notes=None):
    """The list page of `lang` holding `enterprises` and the buyer's `notes` (slug -> text)."""
    page.goto(site_url + SHORTLIST[lang])
    page.evaluate("slugs => localStorage.setItem('portfolio-shortlist', JSON.stringify(slugs))",
                  [e.slug for e in enterprises])
    page.evaluate("notes => localStorage.setItem('portfolio-shortlist-notes', JSON.stringify(notes))", notes or {})
    page.reload()
    assert listed(page) == [e.name for e in enterprises]


def download(page, action):
    with page.expect_download() as made:
        page.click(f'button[data-action="{action}"]')
    return made.value.suggested_filename, open(made.value.path(), "rb").read()


def by_header(sheet):
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, row)) for row in sheet.iter_rows(min_row=2)]


def test_three_enterprises_added_then_exported_as_a_spreadsheet(page, site_url, chosen, tmp_path):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for enterprise in chosen:
        page.goto(f"{site_url}/entreprises/{enterprise.slug}/")
        toggle = page.locator(f'button.shortlist-toggle[data-slug="{enterprise.slug}"]')
        toggle.click()
        assert toggle.inner_text() == "Dans ma liste (retirer)"
    page.goto(site_url + SHORTLIST["fr"])
    assert listed(page) == [e.name for e in chosen]
    assert not [url for url in requested if any(re.search(part, url) for part in ON_DEMAND)], \
        "export code loaded before it was asked for"

    name, data = download(page, "xlsx")
    assert name == "ma-liste.xlsx"
    assert all(any(re.search(part, url) for url in requested) for part in ON_DEMAND)
    _ = gettext("fr")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == [_("My list"), _("Columns")]
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    rows = by_header(sheet)
    assert len(rows) == 3
    languages = Locale.parse("fr").languages
    for row, e in zip(rows, chosen):
        p = e.procurement
        assert row[_("Name")].value == e.name
        assert row[_("NEQ")].value == e.neq
        assert row[_("Contracting modes")].value == "; ".join(t.fr for t in p.contracting_modes)
        value = row[_("Maximum contract value ($)")]
        assert value.value == p.max_contract_value and value.data_type == "n"
        assert row[_("Capacity")].value == (p.capacity.fr if p.capacity else None)
        assert row[_("Lead time")].value == (p.lead_time.fr if p.lead_time else None)
        assert row[_("Languages of service")].value == ", ".join(languages[c] for c in e.languages)
        assert row[_("Street address")].value == e.address.street
        assert row[_("Postal code")].value == e.address.postal_code
        verified = row[_("Listing verified on")]
        assert verified.is_date and verified.value == dt.datetime.combine(e.last_verified, dt.time())
        assert row[_("Example")].value is e.example
        assert row[_("Email")].hyperlink.target == "mailto:" + e.contact.email
        page_link = row[_("Page on this site")]
        assert page_link.value == f"{site_url}/entreprises/{e.slug}/" == page_link.hyperlink.target
        if e.certifications:
            assert e.certifications[0].issuer in row[_("Certifications")].value
    assert all(c.data_type != "f" for s in book for row in s.iter_rows() for c in row)
    notes = list(book.worksheets[1].iter_rows(min_row=2))
    assert [r[0].value for r in notes[:3]] == [_("Name"), _("My note"), _("NEQ")]
    assert notes[2][1].value == _("Québec enterprise number (NEQ).")
    assert any(c.hyperlink and "creativecommons.org" in c.hyperlink.target for r in notes for c in r)
    assert book.properties.created == dt.datetime.combine(max(e.last_verified for e in chosen), dt.time())

    soffice = require("soffice")
    (tmp_path / name).write_bytes(data)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(tmp_path / "csv"),
                    str(tmp_path / name)], check=True, capture_output=True, timeout=180)
    converted = list(csv.DictReader(io.StringIO((tmp_path / "csv" / "ma-liste.csv").read_text("utf-8"))))
    assert [r[_("Name")] for r in converted] == [e.name for e in chosen]
    assert [r[_("Maximum contract value ($)")] for r in converted] == [str(e.procurement.max_contract_value)
                                                                         for e in chosen]


def test_identical_lists_give_identical_files(page, site_url, chosen):
    open_list(page, site_url, "fr", chosen)
    assert download(page, "xlsx") == download(page, "xlsx")


def test_csv_follows_the_pages_language(page, site_url, chosen):
    """Semicolons on the French page (French spreadsheet software), commas on the English one."""
    for lang, delimiter in (("fr", ";"), ("en", ",")):
        _ = gettext(lang)
        open_list(page, site_url, lang, chosen)
        name, data = download(page, "csv")
        assert name == _("my-list") + ".csv" and data.startswith(b"\xef\xbb\xbf")
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))
        assert [r[_("Name")] for r in rows] == [e.name for e in chosen]
        for row, e in zip(rows, chosen):
            assert row[_("Maximum contract value ($)")] == str(e.procurement.max_contract_value)
            assert row[_("Contracting modes")] == "; ".join(t.label(lang) for t in e.procurement.contracting_modes)
            assert row[_("Listing verified on")] == e.last_verified.isoformat()
            assert row[_("Example")] == (_("TRUE") if e.example else _("FALSE"))
            assert row[_("Page on this site")] == site_url + ("/en/enterprises/" if lang == "en" else "/entreprises/") \
                + e.slug + "/"
    assert any(c in "".join(e.name for e in chosen) + "".join(r[_("Territories served")] for r in rows)
               for c in "éèàô")


def test_hostile_values_stay_text(page, site_url, chosen):
    """Rows altered on the way (as a hostile record would be), and a note typed as a formula: a formula, a
    leading +, - or @ stays text."""
    # (row, column of the export rows, text): columns 0, 12 and 13 are the name, the contact person and their
    # role; in the files, the buyer's note comes in column NOTE_AT.
    hostile = [(0, 0, HOSTILE), (1, 12, "+1 514 555-0100"), (2, 0, "-2+3"), (0, 13, "@SUM(A1)")]
    note = "=1+1"
    cells = [(row, column + (column >= NOTE_AT), text) for row, column, text in hostile] + [(1, NOTE_AT, note)]

    def altered(route):
        rows = json.loads(route.fetch().text())
        for row, column, text in hostile:
            rows[chosen[row].slug][column] = text
        route.fulfill(json=rows)

    page.route("**/export.*.json", altered)
    open_list(page, site_url, "fr", chosen, {chosen[1].slug: note})
    _name, data = download(page, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert all(sheet.cell(row + 2, column + 1).value == text for row, column, text in cells)
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    _name, text = download(page, "csv")
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))
    assert all(rows[row + 1][column] == "'" + text for row, column, text in cells)
