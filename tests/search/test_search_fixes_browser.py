"""Search as buyers type it (Chromium, nginx): words without accents, institutions by short name, the
language switch keeping the search, and a message when JavaScript is off."""

from urllib.parse import parse_qs, urlsplit

import pytest

from .test_browser import MARMITE, search, settle

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("query", ["boite a lunch", "boîte à lunch", "BOITE A LUNCH"])
def test_boxed_lunches_are_found_with_or_without_accents(page, site_url, query):
    assert search(page, site_url, "/recherche/?q=" + query)[:1] == [MARMITE]


@pytest.mark.parametrize("query, name", [("STM", "Société de transport de Montréal"),
                                         ("csdm", "Commission scolaire de Montréal")])
def test_institutions_are_found_by_short_name(page, site_url, query, name):
    search(page, site_url, "/recherche/?q=" + query)
    group = page.locator("#search-institutions")
    assert group.is_visible()
    assert group.locator("li:visible a").all_inner_texts() == [name]


def test_no_institution_group_for_a_supplier_search(page, site_url):
    search(page, site_url, "/recherche/?q=traiteur")
    assert not page.locator("#search-institutions").is_visible()


def test_language_switch_keeps_the_query_and_the_filters(page, site_url):
    search(page, site_url, "/recherche/?q=traiteur&territoire=mercier-hochelaga-maisonneuve&secteur=alimentation-traiteur")
    page.click(".lang-switch")
    page.wait_for_url("**/en/search/**")
    settle(page)
    params = parse_qs(urlsplit(page.url).query)
    assert params == {"q": ["traiteur"], "territory": ["mercier-hochelaga-maisonneuve"],
                      "sector": ["alimentation-traiteur"]}
    assert page.input_value("#search-q") == "traiteur"
    assert page.locator("input[value='mercier-hochelaga-maisonneuve']").is_checked()
    assert MARMITE in page.locator("#search-results .search-result-name").all_inner_texts()


def test_without_javascript_the_page_says_search_needs_it(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/recherche/?q=traiteur")
    assert "JavaScript" in page.inner_text(".search-noscript")
    context.close()
