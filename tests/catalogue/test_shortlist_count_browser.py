"""The menu shows how many enterprises the shortlist holds (Chromium, nginx)."""

import pytest

pytestmark = pytest.mark.browser


def test_menu_shows_the_shortlist_count(page, site_url):
    page.goto(site_url + "/entreprises/")
    count = page.locator(".main-nav .shortlist-menu-count")
    assert not count.is_visible()
    toggles = page.locator("button.shortlist-toggle")
    toggles.nth(0).click()
    toggles.nth(1).click()
    assert count.inner_text().strip() == "(2)"
    toggles.nth(0).click()
    assert count.inner_text().strip() == "(1)"
    page.goto(site_url + "/secteurs/alimentation-traiteur/")
    assert page.locator(".main-nav .shortlist-menu-count").inner_text().strip() == "(1)"
    assert "Ma liste (1)" in page.locator(".main-nav").inner_text()
