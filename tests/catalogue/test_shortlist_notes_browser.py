"""In Debian's Chromium: the shortlist's toggle says what is true and announces it, a note per enterprise
is kept in the browser with the list, exported in the spreadsheet and CSV, and printed."""

import csv
import io

import openpyxl
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from portfolio.records.load import load_portfolio
from support.browser import axe_violations, describe
from support.tools import REPO

pytestmark = pytest.mark.browser

SHORTLIST = {"fr": "/ma-liste/", "en": "/en/my-list/"}
NOTES = {"fr": ["Devis demandé le 3 décembre.\nRappeler Chantal.", "À comparer « avec » l’autre"],
         "en": ["Quote asked for on 3 December.", "Compare with the other one"]}


@pytest.fixture(scope="module")
def chosen():
    return load_portfolio(REPO).portfolio.enterprises[:2]


def stored(page, key):
    return page.evaluate(f"JSON.parse(localStorage.getItem('{key}') || 'null')")


def test_the_toggle_says_what_is_true_and_announces_it(page, site_url, chosen):
    e = chosen[0]
    page.goto(f"{site_url}/entreprises/{e.slug}/")
    button = page.locator(f'button.shortlist-toggle[data-slug="{e.slug}"]')
    announce = page.locator("#shortlist-announce")
    expect(button).to_have_accessible_name("Ajouter à ma liste")
    expect(button).to_have_accessible_description(e.name)
    button.click()
    expect(button).to_have_accessible_name("Dans ma liste (retirer)")
    expect(button).to_have_text("Dans ma liste (retirer)", use_inner_text=True)  # after a ✓ that is not read
    expect(announce).to_have_text(f"{e.name} est maintenant dans votre liste.")
    expect(announce).to_have_attribute("role", "status")
    expect(page.locator(".main-nav .shortlist-menu-count")).to_have_text(" (1)")
    button.click()
    expect(button).to_have_accessible_name("Ajouter à ma liste")
    expect(announce).to_have_text(f"Vous avez retiré {e.name} de votre liste.")
    expect(page.locator(".main-nav .shortlist-menu-count")).to_be_hidden()


def fill_notes(page, site_url, lang, chosen):
    page.goto(site_url + SHORTLIST[lang])
    page.evaluate("slugs => localStorage.setItem('portfolio-shortlist', JSON.stringify(slugs))",
                  [e.slug for e in chosen])
    page.reload()
    for e, text in zip(chosen, NOTES[lang]):
        label = ("Ma note — " if lang == "fr" else "My note — ") + e.name
        page.get_by_role("textbox", name=label, exact=True).fill(text)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_notes_are_kept_with_the_list_and_pass_axe(page, site_url, chosen, lang):
    fill_notes(page, site_url, lang, chosen)
    page.reload()
    boxes = page.locator(".shortlist-note textarea")
    expect(boxes).to_have_count(2)
    assert [boxes.nth(n).input_value() for n in range(2)] == NOTES[lang]
    assert stored(page, "portfolio-shortlist-notes") == {e.slug: t for e, t in zip(chosen, NOTES[lang])}
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_removing_an_enterprise_or_emptying_the_list_forgets_its_notes(page, site_url, chosen):
    fill_notes(page, site_url, "fr", chosen)
    page.locator(".shortlist-item", has_text=chosen[0].name).locator('button[data-action="remove"]').click()
    assert stored(page, "portfolio-shortlist-notes") == {chosen[1].slug: NOTES["fr"][1]}
    page.click('button[data-action="clear"]')
    assert stored(page, "portfolio-shortlist-notes") == {}


def test_notes_are_in_the_spreadsheet_and_the_csv_after_the_name(page, site_url, chosen):
    fill_notes(page, site_url, "fr", chosen)
    with page.expect_download() as made:
        page.click('button[data-action="xlsx"]')
    sheet = openpyxl.load_workbook(io.BytesIO(open(made.value.path(), "rb").read())).worksheets[0]
    assert [c.value for c in sheet[1]][:2] == ["Nom", "Ma note"]
    assert [(row[0].value, row[1].value) for row in sheet.iter_rows(min_row=2)] == list(
        zip([e.name for e in chosen], NOTES["fr"]))
    with page.expect_download() as made:
        page.click('button[data-action="csv"]')
    text = open(made.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert [r["Ma note"] for r in rows] == NOTES["fr"]


def test_notes_are_printed_as_text_and_empty_ones_not_at_all(page, site_url, chosen, tmp_path):
    fill_notes(page, site_url, "fr", chosen)
    page.get_by_role("textbox", name="Ma note — " + chosen[1].name, exact=True).fill("")
    page.emulate_media(media="print")
    notes = page.locator(".shortlist-note")
    expect(notes.nth(0).locator(".shortlist-note-text")).to_be_visible()
    expect(notes.nth(0).locator("textarea")).to_be_hidden()
    expect(notes.nth(1)).to_be_hidden()
    path = tmp_path / "list.pdf"
    page.pdf(path=str(path))
    printed = " ".join(p.extract_text() for p in PdfReader(path).pages)
    assert "Rappeler Chantal." in printed and "Ma note" in printed
    assert printed.count("Ma note") == 1
