"""The search page in Debian's Chromium, served by nginx with the strict CSP."""

from urllib.parse import parse_qs, urlsplit

import pytest

from support.browser import axe_violations, describe

pytestmark = pytest.mark.browser

MARMITE = "Traiteur La Marmite solidaire"
CARREFOUR = "Carrefour Clé en main"


def settle(page):
    """Wait until the search has answered the current state and every search file has arrived."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => document.getElementById('search-results').getAttribute('aria-busy') !== 'true'")


def names(page):
    return page.locator("#search-results .search-result-name").all_inner_texts()


def search(page, site_url, path):
    page.goto(site_url + path)
    settle(page)
    return names(page)


def type_query(page, text):
    page.fill("#search-q", "")
    page.locator("#search-q").press_sequentially(text)
    page.wait_for_function("text => new URL(location).searchParams.get('q') === text", arg=text)
    settle(page)


def test_accents_and_capitals_give_the_same_results(page, site_url):
    results = [search(page, site_url, "/recherche/?q=" + q) for q in ("economie", "ÉCONOMIE", "économie")]
    assert results[0] and results[0] == results[1] == results[2]
    assert page.locator("#search-status").get_attribute("role") == "status"


def test_prefix_finds_the_caterer_while_typing(page, site_url):
    page.goto(site_url + "/recherche/")
    type_query(page, "trait")
    assert MARMITE in names(page)
    assert "1" in page.inner_text("#search-status") or "trouvées" in page.inner_text("#search-status")


def test_example_records_are_labelled_in_results(page, site_url):
    search(page, site_url, "/recherche/?q=traiteur")
    result = page.locator("#search-results .search-result").filter(has_text=MARMITE)
    assert result.locator(".search-result-example").is_visible()
    assert result.locator(".search-result-example").inner_text() == "Fiche d’exemple"


def test_one_letter_typo_finds_the_enterprise(page, site_url):
    assert search(page, site_url, "/recherche/?q=marmitte") == [MARMITE]
    assert search(page, site_url, "/recherche/?q=traiteru")[:1] == [MARMITE]


def test_facets_combine_count_and_back_works(page, site_url):
    page.goto(site_url + "/recherche/")
    page.locator("input[name=secteur][value=formation]").check()
    settle(page)
    by_sector = names(page)
    assert CARREFOUR in by_sector and len(by_sector) > 1
    page.locator("input[name=territoire][value=ile-de-montreal]").check()
    settle(page)
    both = names(page)
    assert CARREFOUR in both and len(both) < len(by_sector)  # an enterprise of a few boroughs only is left out
    assert parse_qs(urlsplit(page.url).query) == {"secteur": ["formation"], "territoire": ["ile-de-montreal"]}
    counted = page.locator("fieldset[data-facet='0'] input[value=formation] ~ .search-count").inner_text()
    assert counted == f"({len(both)})"
    page.go_back()
    settle(page)
    assert names(page) == by_sector
    assert not page.locator("input[name=territoire][value=ile-de-montreal]").is_checked()


def test_a_shared_url_reproduces_the_results(page, site_url, browser):
    page.goto(site_url + "/recherche/")
    type_query(page, "repas")
    page.locator("input[name=secteur][value=alimentation-traiteur]").check()
    settle(page)
    shared, expected = page.url, names(page)
    assert expected
    other = browser.new_context().new_page()
    other.goto(shared)
    settle(other)
    assert names(other) == expected
    assert other.input_value("#search-q") == "repas"
    assert other.locator("input[name=secteur][value=alimentation-traiteur]").is_checked()
    other.context.close()


def test_english_site_searches_english_text_with_english_parameters(page, site_url):
    assert search(page, site_url, "/en/search/?q=boxed+lunches")[:1] == [MARMITE]
    assert page.locator("input[name=sector]").count() > 0 and page.locator("input[name=secteur]").count() == 0
    summary = page.locator("#search-results .search-result-summary").first.inner_text()
    assert summary.startswith("A work-integration caterer")
    page.wait_for_function("() => { const img = document.querySelector('#search-results img');"
                           " return img && img.complete && img.naturalWidth > 0; }")
    assert page.locator("#search-results a").first.get_attribute("href") == "/en/enterprises/traiteur-la-marmite-solidaire/"


def test_keyboard_only(page, site_url):
    page.goto(site_url + "/recherche/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "search-q":
            break
    assert page.evaluate("document.activeElement.id") == "search-q"
    page.keyboard.type("traiteur")
    page.keyboard.press("Enter")
    settle(page)
    assert names(page)[:1] == [MARMITE]
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('#search-results')"):
            break
    assert page.evaluate("document.activeElement.textContent") == MARMITE
    page.keyboard.press("Enter")
    page.wait_for_url("**/entreprises/traiteur-la-marmite-solidaire/")


@pytest.mark.parametrize("path", ["/recherche/?q=traiteur", "/en/search/?q=catering", "/recherche/"])
def test_axe_finds_no_violation(page, site_url, path):
    page.goto(site_url + path)
    settle(page)
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_the_index_is_fetched_only_when_searching_starts(page, site_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    searching = lambda: [u for u in requested if u.endswith(".json") or "/vendor/lunr/" in u]  # noqa: E731
    for path in ("/", "/recherche/", "/entreprises/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert searching() == []
    with page.expect_request(lambda request: request.url.endswith("/recherche/search-fr.json")):
        page.focus("#site-search")
    prefetch = page.locator("#site-search").evaluate("input => input.form.dataset.prefetch.split(' ')")
    assert {u.replace(site_url, "") for u in searching()} <= set(prefetch)  # no file the site does not have


def test_without_javascript_the_page_offers_the_directory_and_sectors(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/recherche/?q=traiteur")
    links = page.locator("#search-fallback a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert "/entreprises/" in hrefs and "/secteurs/alimentation-traiteur/" in hrefs
    assert page.locator("#search-fallback").is_visible() and not page.locator("#search-facets").is_visible()
    context.close()


@pytest.mark.parametrize("width", [1280, 400])
def test_results_appear_without_layout_shift(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url + "/recherche/?q=traiteur")
    settle(page)
    shifts = page.evaluate("""() => new Promise(resolve => new PerformanceObserver((list, observer) => {
        resolve(list.getEntries().filter(e => !e.hadRecentInput).map(e => e.value)); observer.disconnect();
    }).observe({type: 'layout-shift', buffered: true}) || setTimeout(() => resolve([]), 500))""")
    context.close()
    assert sum(shifts) < 0.01, shifts
