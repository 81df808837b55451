"""The header on a phone (Chromium, 375 px wide): the site's name, the language switch and a « Menu »
disclosure in at most 120 px; the menu and search box behind it, by mouse or keyboard; a plain list
without JavaScript; unchanged on a desktop."""

import pytest
from playwright.sync_api import expect

from support.browser import axe_violations, describe

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
PAGES = ["/", "/en/", "/entreprises/traiteur-la-marmite-solidaire/", "/en/search/?q=catering", "/ma-liste/"]


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


def header_height(page) -> float:
    return page.locator(".site-header").bounding_box()["height"]


@pytest.mark.parametrize("path", PAGES)
def test_the_header_takes_at_most_120_px_on_a_phone(phone, site_url, path):
    phone.goto(site_url + path)
    assert header_height(phone) <= 120
    expect(phone.locator(".main-nav")).to_be_hidden()
    expect(phone.locator(".lang-switch")).to_be_in_viewport()


def test_the_menu_opens_and_closes_by_mouse_and_keyboard(phone, site_url):
    phone.goto(site_url + "/")
    button = phone.get_by_role("button", name="Menu")
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(phone.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Entreprises")).to_be_visible()
    expect(phone.locator("#site-search")).to_be_visible()
    button.click()
    expect(phone.locator(".main-nav")).to_be_hidden()
    button.focus()
    phone.keyboard.press("Enter")
    phone.keyboard.press("Tab")
    expect(phone.get_by_role("link", name="Entreprises", exact=True).first).to_be_focused()
    phone.keyboard.press("Escape")
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    phone.keyboard.press("Space")
    phone.get_by_role("link", name="Entreprises", exact=True).first.click()
    phone.wait_for_url("**/entreprises/")


@pytest.mark.parametrize("path", ["/", "/en/search/?q=catering"])
def test_axe_with_the_menu_closed_and_open(phone, site_url, path):
    phone.goto(site_url + path)
    phone.wait_for_load_state("networkidle")
    for _ in range(2):
        violations = axe_violations(phone)
        assert not violations, describe(violations)
        phone.locator(".menu-button").click()


def test_without_javascript_the_menu_is_a_plain_list(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + "/")
    expect(page.locator(".menu-button")).to_be_hidden()
    expect(page.get_by_role("link", name="Ma liste")).to_be_visible()
    expect(page.locator("#site-search")).to_be_visible()
    context.close()


def test_a_desktop_header_shows_the_menu_without_a_button(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + "/")
    expect(page.locator(".menu-button")).to_be_hidden()
    expect(page.locator(".main-nav")).to_be_visible()
    expect(page.locator("#site-search")).to_be_visible()
