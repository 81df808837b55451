"""Paper, in Chromium: the longest enterprise page prints on at most two Letter pages with the contact on
the first and no interface elements; a declaration prints on one page."""

import io

import pytest
from pypdf import PdfReader

from portfolio.records.load import load_portfolio
from support.html_text import blocks
from support.tools import REPO

pytestmark = pytest.mark.browser


def printed(page, url) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return [p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="Letter"))).pages]


def longest_enterprise(built_site):
    portfolio = load_portfolio(REPO).portfolio
    size = {e.slug: sum(len(b.text) for b in blocks(built_site / "entreprises" / e.slug / "index.html"))
            for e in portfolio.enterprises}
    return next(e for e in portfolio.enterprises if e.slug == max(size, key=size.get))


def test_longest_enterprise_page_prints_on_two_pages_contact_first(page, site_url, built_site):
    enterprise = longest_enterprise(built_site)
    pages = printed(page, f"{site_url}/entreprises/{enterprise.slug}/")
    assert len(pages) <= 2
    first = pages[0].replace("\n", " ")
    assert enterprise.contact.email in first
    text = " ".join(pages)
    assert "Demander une soumission" not in text and "Mettre à jour cette fiche" not in text
    assert "github.com" not in text


def test_a_declaration_prints_on_one_page(page, site_url):
    pages = printed(page, f"{site_url}/declaration/stm/")
    assert len(pages) == 1 and "Pour la Société de transport de Montréal" in pages[0].replace("\n", " ")


def test_request_a_quote_opens_an_email_in_the_page_language(page, site_url):
    page.goto(f"{site_url}/en/enterprises/traiteur-la-marmite-solidaire/")
    href = page.get_by_role("link", name="Request a quote").get_attribute("href")
    assert href.startswith("mailto:") and "subject=Request%20for%20a%20quote" in href and "Quantity%3A" in href
