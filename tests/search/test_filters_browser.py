"""Search filters as buyers use them (Chromium, nginx): a valid certification, sorting by name or by the
most recently verified listing, active filters as removable chips, long facets collapsed, all kept in the
URL and across the language switch."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from portfolio import clock
from portfolio.site.freshness import certified
from support.browser import axe_violations, describe

from .test_browser import MARMITE, names, search, settle

pytestmark = pytest.mark.browser

EVERY = "/recherche/?langue=fr"  # every sample enterprise serves in French


def params(page) -> dict:
    return parse_qs(urlsplit(page.url).query)


def test_valid_certification_filter(page, site_url, sample_portfolio):
    valid = {e.name for e in sample_portfolio.enterprises if certified(e, clock.today())}
    assert set(search(page, site_url, "/recherche/?certification=valide")) == valid and valid
    box = page.get_by_role("checkbox", name="Certification valide")
    expect(box).to_be_checked()
    assert f"({len(valid)})" in box.locator("xpath=..").inner_text()


def test_sort_by_name_or_by_the_most_recently_verified(page, site_url, sample_portfolio):
    enterprises = sample_portfolio.enterprises
    by_name = [e.name for e in sorted(enterprises, key=lambda e: e.sort_key)]
    by_date = [e.name for e in sorted(enterprises, key=lambda e: (-e.last_verified.toordinal(), e.sort_key))]
    assert by_name != by_date
    search(page, site_url, EVERY)
    page.get_by_label("Trier par").select_option(label="Fiche vérifiée le plus récemment")
    settle(page)
    assert names(page) == by_date
    assert params(page)["tri"] == ["verification"]
    page.get_by_label("Trier par").select_option(label="Nom")
    settle(page)
    assert names(page) == by_name
    page.go_back()
    settle(page)
    assert names(page) == by_date and page.get_by_label("Trier par").input_value() == "verification"


def test_relevance_stays_the_default_and_sorting_keeps_the_query(page, site_url):
    relevant = search(page, site_url, "/recherche/?q=traiteur")
    assert relevant[0] == MARMITE and page.get_by_label("Trier par").input_value() == ""
    page.get_by_label("Trier par").select_option("nom")
    settle(page)
    assert sorted(names(page)) == sorted(relevant) and params(page) == {"q": ["traiteur"], "tri": ["nom"]}


def test_active_filters_are_chips_that_remove_them(page, site_url):
    search(page, site_url, "/recherche/?q=traiteur")
    chips = page.locator("#search-chips")
    expect(chips).to_be_hidden()
    page.locator("input[name=secteur][value=alimentation-traiteur]").check()
    settle(page)
    page.get_by_role("checkbox", name="Certification valide").check()
    settle(page)
    expect(chips).to_be_visible()
    sector = page.get_by_role("button", name="Retirer le filtre : Alimentation et traiteur", exact=True)
    certification = page.get_by_role("button", name="Retirer le filtre : Certification valide", exact=True)
    expect(sector).to_be_visible()
    expect(certification).to_be_visible()
    sector.click()
    settle(page)
    assert params(page) == {"q": ["traiteur"], "certification": ["valide"]}
    expect(page.locator("input[name=secteur][value=alimentation-traiteur]")).not_to_be_checked()
    expect(certification).to_be_focused()  # the chip that took its place
    page.locator("input[name=langue][value=fr]").check()
    settle(page)
    clear = page.get_by_role("button", name="Retirer tous les filtres")
    page.evaluate("window.scrollTo(0, 0)")
    expect(clear).to_be_in_viewport()  # above the results, not at the end of the facets
    clear.click()
    settle(page)
    assert params(page) == {"q": ["traiteur"]}
    expect(chips).to_be_hidden()
    expect(page.locator("#search-q")).to_be_focused()
    assert names(page)[:1] == [MARMITE]


def test_long_facets_are_collapsed_and_never_scrolled(page, site_url):
    search(page, site_url, "/recherche/?q=traiteur")
    territory = page.locator("fieldset[data-facet='1']")
    more = territory.locator(".search-facet-more")
    hidden = territory.locator("li:not(:visible)")
    count = hidden.count()
    assert count > 0
    expect(more).to_have_text(f"Voir les {count} autres valeurs")
    expect(more).to_have_attribute("aria-expanded", "false")
    values = page.locator("fieldset[data-facet='0'] li")  # sectors: those without a caterer are collapsed
    zero = [values.nth(n) for n in range(values.count()) if values.nth(n).inner_text().endswith("(0)")]
    assert zero and not any(item.is_visible() for item in zero)
    more.click()
    expect(more).to_have_attribute("aria-expanded", "true")
    expect(more).to_have_text("Voir moins de valeurs")
    expect(hidden).to_have_count(0)
    boxes = page.locator("fieldset.search-facet")
    for n in range(boxes.count()):
        assert boxes.nth(n).evaluate("box => getComputedStyle(box).overflowY") == "visible"


def test_language_switch_keeps_the_sort_and_the_new_filters(page, site_url):
    search(page, site_url, "/recherche/?q=traiteur&certification=valide&tri=nom")
    page.click(".lang-switch")
    page.wait_for_url("**/en/search/**")
    settle(page)
    assert params(page) == {"q": ["traiteur"], "certification": ["valide"], "sort": ["nom"]}
    assert page.get_by_label("Sort by").input_value() == "nom"
    expect(page.get_by_role("button", name="Remove the filter: Valid certification", exact=True)).to_be_visible()
    assert names(page) == [MARMITE]


@pytest.mark.parametrize("path", ["/recherche/?q=traiteur&secteur=alimentation-traiteur&certification=valide&tri=nom",
                                  "/en/search/?q=catering&sector=alimentation-traiteur&certification=valide&sort=verification"])
def test_axe_finds_no_violation_with_filters_sort_and_open_facets(page, site_url, path):
    search(page, site_url, path)
    page.locator(".search-facet-more:visible").first.click()
    violations = axe_violations(page)
    assert not violations, describe(violations)
