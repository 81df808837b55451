"""Session fixtures: the sample site built once, served by nginx, and a Chromium to visit it."""

import os
from urllib.parse import urlsplit

import pytest

from support.browser import chromium
from support.server import nginx
from support.site import build_site

# Every build and validation in the tests happens on this day (America/Montreal), whatever the clock says.
TEST_TODAY = "2026-11-29"
os.environ["PORTFOLIO_TODAY"] = TEST_TODAY


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """Folder of the sample site, built once per test session with warnings fatal and PDFs made."""
    output = tmp_path_factory.mktemp("site")
    build_site(output, extra_env={"PORTFOLIO_PDF": "1"})
    return output


@pytest.fixture(scope="session")
def site_url(built_site, tmp_path_factory):
    """Base URL (no trailing slash) of the sample site served by nginx."""
    with nginx(built_site, tmp_path_factory.mktemp("nginx")) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with chromium() as instance:
        yield instance


@pytest.fixture
def page(browser, site_url):
    """A fresh browser page; any request to another host than the test server fails the test."""
    context = browser.new_context(locale="fr-CA")
    allowed = urlsplit(site_url).netloc
    outside: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).netloc == allowed:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not outside, f"requests to other hosts: {outside}"
    assert not errors, f"JavaScript errors: {errors}"
