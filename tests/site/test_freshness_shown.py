"""Freshness badges where buyers meet listings besides their pages and cards: search results and the PDF
catalogues, in a site built on a later day (2027-07-15), when some sample listings are more than 12 months
old and the caterer's certification (valid until 2027-06-30) has expired."""

import datetime as dt
import re

import pytest
from pypdf import PdfReader

from portfolio.records.load import load_portfolio
from portfolio.site.freshness import EXPIRED, STALE, badges
from support.browser import axe_violations, describe
from support.server import nginx
from support.site import build_site
from support.tools import REPO

LATER = dt.date(2027, 7, 15)
MARMITE = "traiteur-la-marmite-solidaire"
LABELS = {"fr": {STALE: "Fiche non vérifiée depuis plus de 12\u00a0mois", EXPIRED: "Certification expirée"},
          "en": {STALE: "Listing not verified for more than 12 months", EXPIRED: "Certification expired"}}
PDFS = {"fr": "catalogue/catalogue-fr.pdf", "en": "en/catalogue/catalogue-en.pdf"}
SEARCH = {"fr": "/recherche/", "en": "/en/search/"}


@pytest.fixture(scope="module")
def enterprises():
    return load_portfolio(REPO).portfolio.enterprises


@pytest.fixture(scope="module")
def later_site(tmp_path_factory):
    """The sample site with its PDFs, built on LATER (stale listings are warnings: not fatal here)."""
    output = tmp_path_factory.mktemp("later")
    build_site(output, fatal=False, extra_env={"PORTFOLIO_PDF": "1", "PORTFOLIO_TODAY": LATER.isoformat(),
                                               "PORTFOLIO_CACHE": str(tmp_path_factory.mktemp("later-cache"))})
    return output


@pytest.fixture(scope="module")
def site_url(later_site, tmp_path_factory):
    """The later site served by nginx (this module's `page` may visit it only)."""
    with nginx(later_site, tmp_path_factory.mktemp("later-nginx")) as url:
        yield url


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'"))


def test_the_sample_has_both_badges_on_that_day(enterprises):
    found = {badge for e in enterprises for badge in badges(e, LATER)}
    assert found == {STALE, EXPIRED}
    assert EXPIRED in badges(next(e for e in enterprises if e.slug == MARMITE), LATER)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_search_results_show_the_badges(page, site_url, enterprises, lang):
    page.goto(site_url + SEARCH[lang] + ("?langue=fr" if lang == "fr" else "?language=fr"))
    page.wait_for_load_state("networkidle")
    rows = page.locator("#search-results .search-result")
    assert rows.count() == len(enterprises)
    for e in enterprises:
        row = rows.filter(has=page.get_by_role("link", name=e.name, exact=True))
        shown = row.locator(".badge-warning:visible").all_inner_texts()
        assert shown == [LABELS[lang][badge] for badge in badges(e, LATER)], e.name
    violations = axe_violations(page)
    assert not violations, describe(violations)


@pytest.mark.browser
def test_an_expired_certification_leaves_the_valid_certification_filter(page, site_url, enterprises):
    page.goto(site_url + "/recherche/?certification=valide")
    page.wait_for_load_state("networkidle")
    names = page.locator("#search-results .search-result-name").all_inner_texts()
    assert names and "Traiteur La Marmite solidaire" not in names


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pdf_catalogues_show_the_badges_of_the_enterprises_of_each_page(later_site, enterprises, lang):
    pages = [flat(page.extract_text()) for page in PdfReader(later_site / PDFS[lang]).pages]
    on_page = {}
    for e in enterprises:
        on_page.setdefault(next(n for n, text in enumerate(pages) if flat(e.name) in text
                                and e.contact.email in text), []).append(e)
    for n, listed in on_page.items():
        for badge, label in LABELS[lang].items():
            assert pages[n].count(flat(label)) == sum(badge in badges(e, LATER) for e in listed), (n, label)
