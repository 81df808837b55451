"""Territories nest in search (Chromium, nginx): a borough finds the enterprises serving the whole island,
after those serving the borough itself, with the reason shown."""

import pytest

from .test_browser import MARMITE, names, search

pytestmark = pytest.mark.browser

BOROUGH = "mercier-hochelaga-maisonneuve"


def test_caterer_serving_the_island_is_found_in_its_borough(page, site_url):
    assert MARMITE in search(page, site_url, f"/recherche/?q=traiteur&territoire={BOROUGH}")
    result = page.locator("#search-results .search-result").filter(has_text=MARMITE)
    assert result.locator(".search-result-reason").is_visible()
    assert "Toute l’île de Montréal" in result.locator(".search-result-reason").inner_text().replace("'", "’")


def test_a_borough_lists_its_own_enterprises_first_and_not_those_of_other_boroughs(page, site_url):
    found = search(page, site_url, f"/recherche/?territoire={BOROUGH}")
    local = ["L'Entraide, services à domicile", "Théâtre La Roulotte bleue"]
    assert [name for name in found if name in local] == found[:2]
    assert "Les Jardins du Coteau vert" not in found  # serves four other boroughs only
    assert MARMITE in found
    reasons = page.locator("#search-results .search-result-reason:visible")
    assert reasons.count() == len(found) - 2
    count = page.locator(f"input[value='{BOROUGH}'] ~ .search-count").inner_text()
    assert count == f"({len(found)})"
