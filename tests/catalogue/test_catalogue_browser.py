"""In Debian's Chromium: printing pages (print stylesheet), the buyer's shortlist, and axe on the
catalogue, shortlist and open-data pages in both languages."""

import csv
import io
import re
import subprocess

import pytest

from portfolio.records.load import load_portfolio
from portfolio.site.i18n import load_translations
from support.browser import axe_violations, describe
from support.tools import REPO, require

pytestmark = pytest.mark.browser

SHORTLIST = {"fr": "/ma-liste/", "en": "/en/my-list/"}
PAGES = {"fr": ["/catalogue/", "/catalogue/alimentation-traiteur/", "/ma-liste/", "/donnees/"],
         "en": ["/en/catalogue/", "/en/catalogue/food-and-catering/", "/en/my-list/", "/en/data/"]}


@pytest.fixture(scope="module")
def portfolio():
    return load_portfolio(REPO).portfolio


@pytest.fixture(scope="module")
def fr():
    return load_translations(REPO / "theme" / "translations", "fr").gettext


def printed_pages(page, tmp_path, name) -> list[str]:
    """Text of each page of Chromium's print-to-PDF of the loaded page."""
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(page.pdf(format="A4", print_background=False))
    tool = require("pdftotext")
    return subprocess.run([tool, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True,
                          text=True).stdout.split("\f")[:-1]


def flat(text):
    return " ".join(text.split())


def assert_no_navigation(pages, fr, controls=("Skip to main content", "Search the portfolio", "Add to my list",
                                              "Signatories")):
    text = flat(" ".join(pages))
    for chrome in controls:
        assert flat(fr(chrome)) not in text, f"« {fr(chrome)} » is printed"


def test_printed_enterprise_page_has_no_navigation_and_keeps_the_contact(page, site_url, portfolio, fr, tmp_path):
    enterprise = portfolio.enterprises[0]
    page.goto(f"{site_url}/entreprises/{enterprise.slug}/")
    pages = printed_pages(page, tmp_path, "enterprise")
    assert_no_navigation(pages, fr)
    text = flat(" ".join(pages))
    assert enterprise.name in text and enterprise.contact.email in text
    if enterprise.website:
        assert f"({enterprise.website}" in text.replace("( ", "("), "external link address not printed"


def test_printed_catalogue_keeps_every_enterprise_block_on_one_page(page, site_url, portfolio, fr, tmp_path):
    page.goto(f"{site_url}/catalogue/")
    pages = printed_pages(page, tmp_path, "catalogue")
    assert_no_navigation(pages, fr)
    for enterprise in portfolio.enterprises:
        on = [n for n, text in enumerate(pages) if flat(enterprise.name) in flat(text)]
        with_email = [n for n, text in enumerate(pages) if enterprise.contact.email in text]
        assert on and with_email, f"{enterprise.name} is not printed with its email"
        assert set(with_email) <= set(on), f"the block of {enterprise.name} is split across pages"


def test_printed_shortlist_keeps_every_enterprise_whole(page, site_url, portfolio, fr, tmp_path):
    """Long enough to run over several pages, so that a block could be cut (catalogue sections of the
    sample data each fit on one page)."""
    page.goto(site_url + SHORTLIST["fr"])
    page.evaluate("slugs => localStorage.setItem('portfolio-shortlist', JSON.stringify(slugs))",
                  [e.slug for e in portfolio.enterprises])
    page.reload()
    listed(page)
    pages = printed_pages(page, tmp_path, "shortlist")
    assert len(pages) > 2
    assert_no_navigation(pages, fr, ("Skip to main content", "Search the portfolio", "Signatories", "Download as CSV",
                                     "Copy the link", "Remove"))
    for enterprise in portfolio.enterprises:
        on = {n for n, text in enumerate(pages) if flat(enterprise.name) in flat(text)}
        with_email = {n for n, text in enumerate(pages) if enterprise.contact.email in text}
        assert with_email and with_email <= on, f"the entry of {enterprise.name} is split across pages"


def toggle_for(page, slug):
    return page.locator(f'button.shortlist-toggle[data-slug="{slug}"]')


IN_LIST = {"fr": "Dans ma liste (retirer)", "en": "In my list (remove)"}


def listed(page):
    page.wait_for_selector("#shortlist:not([hidden])")
    return page.locator(".shortlist-items .shortlist-name").all_inner_texts()


def test_shortlist_adds_removes_survives_reload_and_exports_csv(page, site_url, portfolio, fr):
    first, second = portfolio.enterprises[0], portfolio.enterprises[1]
    page.goto(f"{site_url}/entreprises/{first.slug}/")
    button = toggle_for(page, first.slug)
    assert button.is_visible() and button.inner_text() == "Ajouter à ma liste"
    button.click()
    assert button.inner_text() == IN_LIST["fr"]
    page.reload()
    assert toggle_for(page, first.slug).inner_text() == IN_LIST["fr"]

    page.goto(f"{site_url}/entreprises/")
    card = toggle_for(page, second.slug)
    if card.count() == 0:
        page.goto(f"{site_url}/entreprises/{second.slug}/")
        card = toggle_for(page, second.slug)
    card.first.click()
    assert card.first.inner_text() == IN_LIST["fr"]

    page.goto(site_url + SHORTLIST["fr"])
    assert listed(page) == [first.name, second.name]
    with page.expect_download() as download:
        page.click('button[data-action="csv"]')
    data = open(download.value.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [r[fr("Name")] for r in rows] == [first.name, second.name]
    assert [r[fr("Email")] for r in rows] == [first.contact.email, second.contact.email]
    assert all(r[fr("Page on this site")].endswith(f"/entreprises/{e.slug}/") for r, e in zip(rows, (first, second)))

    page.locator(".shortlist-item", has_text=first.name).locator('button[data-action="remove"]').click()
    assert listed(page) == [second.name]
    assert first.name in page.locator(".shortlist-status").inner_text()
    page.reload()
    assert listed(page) == [second.name]


def test_share_link_restores_the_list_in_another_browser(page, browser, site_url, portfolio):
    chosen = portfolio.enterprises[-2:]
    page.goto(f"{site_url}{SHORTLIST['en']}")
    page.evaluate("slugs => localStorage.setItem('portfolio-shortlist', JSON.stringify(slugs))",
                  [e.slug for e in chosen])
    page.reload()
    assert listed(page) == [e.name for e in chosen]
    link = page.locator("#shortlist-link").input_value()
    assert re.search(r"/en/my-list/#list=[a-z0-9,-]+$", link)

    other = browser.new_context()
    try:
        elsewhere = other.new_page()
        elsewhere.goto(link)
        assert listed(elsewhere) == [e.name for e in chosen]
        assert "#" not in elsewhere.url
        elsewhere.goto(f"{site_url}/en/enterprises/{chosen[0].slug}/")
        assert toggle_for(elsewhere, chosen[0].slug).inner_text() == IN_LIST["en"]
    finally:
        other.close()


def test_shortlist_ignores_bad_stored_or_shared_values(page, site_url, portfolio):
    page.goto(f"{site_url}{SHORTLIST['fr']}")
    page.evaluate("localStorage.setItem('portfolio-shortlist', '[\"<img src=x onerror=alert(1)>\", 3, {}]')")
    page.goto(f"{site_url}{SHORTLIST['fr']}#list=nope,{portfolio.enterprises[0].slug},../x")
    assert listed(page) == [portfolio.enterprises[0].name]


@pytest.fixture
def axe_page(browser):
    """A page whose CSP is bypassed: axe-core is injected as an inline script."""
    context = browser.new_context(bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_catalogue_shortlist_and_data_pages_pass_axe(axe_page, site_url, portfolio, lang):
    page = axe_page
    for path in PAGES[lang]:
        page.goto(site_url + path)
        if "list" in path or "liste" in path:
            page.evaluate("slug => localStorage.setItem('portfolio-shortlist', JSON.stringify([slug]))",
                          portfolio.enterprises[0].slug)
            page.reload()
            listed(page)
        violations = axe_violations(page)
        assert not violations, f"{path}:\n{describe(violations)}"
