"""Buyers filter search by procurement facts (Chromium, nginx): the largest contract accepted, languages of
service; listings link to the search with their filter set."""

import pytest

from .test_browser import search, settle

pytestmark = pytest.mark.browser


def test_contract_value_and_language_filters(page, site_url, sample_portfolio):
    large = {e.name for e in sample_portfolio.enterprises
             if e.procurement and (e.procurement.max_contract_value or 0) >= 250_000}
    assert set(search(page, site_url, "/recherche/?valeur=250000")) == large and large
    spanish = {e.name for e in sample_portfolio.enterprises if "es" in e.languages}
    assert set(search(page, site_url, "/recherche/?langue=es")) == spanish and spanish


def test_a_sector_page_opens_the_search_with_its_filter(page, site_url):
    page.goto(site_url + "/secteurs/alimentation-traiteur/")
    page.get_by_role("link", name="Affiner cette liste dans la recherche").click()
    settle(page)
    assert page.locator("input[name=secteur][value=alimentation-traiteur]").is_checked()
    assert "Traiteur La Marmite solidaire" in page.locator("#search-results .search-result-name").all_inner_texts()


def test_an_enterprise_page_opens_the_search_for_suppliers_of_its_sector_and_contracting_modes(page, site_url,
                                                                                               sample_portfolio):
    marmite = next(e for e in sample_portfolio.enterprises if e.slug == "traiteur-la-marmite-solidaire")
    modes = {m.key for m in marmite.procurement.contracting_modes}
    page.goto(site_url + "/entreprises/traiteur-la-marmite-solidaire/")
    page.get_by_role("link", name="Autres fournisseurs du secteur Alimentation et traiteur avec ces modes "
                                  "d’octroi, dans la recherche").click()
    settle(page)
    assert page.locator("input[name=secteur][value=alimentation-traiteur]").is_checked()
    assert {box.get_attribute("value") for box in page.locator("input[name=mode]:checked").all()} == modes
    expected = {e.name for e in sample_portfolio.enterprises if "alimentation-traiteur" in {t.key for t in e.sectors}
                and e.procurement and modes & {m.key for m in e.procurement.contracting_modes}}
    assert set(page.locator("#search-results .search-result-name").all_inner_texts()) == expected
    assert marmite.name in expected
