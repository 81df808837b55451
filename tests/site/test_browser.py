"""In Debian's Chromium, served by nginx with a strict CSP: axe-core finds no violation on any page kind in
either language, and a hostile record renders as inert text."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from portfolio.records.load import load_portfolio
from portfolio.records.model import Text
from portfolio.contribute import stage as contribute_stage
from portfolio.site import freshness, pages
from support.engine import make_build, make_site
from support.browser import axe_violations, describe
from support.server import nginx
from support.site import build_site
from support.tools import REPO
from support.html_scan import scan
from test_build import kinds

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE_NAME = f'Coop {SCRIPT} </script> "quoted" & <b>bold</b>'
HOSTILE_SUMMARY = '</script><script>window.__pwned=2</script><img src=x onerror="window.__pwned=3">'
HOSTILE_URL = 'https://evil.example/"><script>window.__pwned=4</script>'
HOSTILE_MARKDOWN = ('Hello <script>window.__pwned=5</script> [click](javascript:window.__pwned=6) '
                    '<img src=x onerror="window.__pwned=7"> <a href="javascript:alert(1)">a</a>')


@contextmanager
def checked_page(browser, **options):
    """A fresh page in its own context; JavaScript errors on it fail the test."""
    context = browser.new_context(**options)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


@pytest.mark.parametrize("kind", sorted(kinds()))
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_axe_finds_no_violation(page, site_url, kind, lang):
    url = kinds()[kind][0 if lang == "fr" else 1]
    page.goto(site_url + url)
    violations = axe_violations(page)
    assert not violations, f"{url}:\n{describe(violations)}"


def test_axe_on_the_404_page(page, site_url):
    page.goto(site_url + "/no-such-page/")
    assert page.locator("h1").count() == 1
    assert not (violations := axe_violations(page)), describe(violations)


@pytest.mark.parametrize("kind", sorted(kinds()))
def test_pages_load_under_the_strict_csp_without_errors(page, site_url, kind):
    for url in kinds()[kind]:
        response = page.goto(site_url + url)
        assert response.status == 200
        assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")


def assert_inert(page, url: str, shown: list[str]) -> None:
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert not dialogs
    body = page.inner_text("body")
    for text in shown:
        assert text in body, text
    assert page.locator("main script:not([type='application/ld+json'])").count() == 0
    assert page.locator("main img[onerror], main [src='x']").count() == 0


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """A portfolio root with the sample institutions and one hostile enterprise, built with Pelican."""
    root = tmp_path_factory.mktemp("hostile-root")
    for folder in ("data", "schema", "institutions"):
        shutil.copytree(REPO / folder, root / folder)
    source = REPO / "enterprises" / "traiteur-la-marmite-solidaire.yaml"
    record = yaml.safe_load(source.read_text(encoding="utf-8"))
    record["last_verified"] = record["last_verified"].isoformat()
    record.update(name=HOSTILE_NAME, website=HOSTILE_URL, summary={"fr": HOSTILE_SUMMARY})
    person = record["contact"]["person"]
    person.update(name=HOSTILE_NAME, consent=person["consent"].isoformat())  # published: consent recorded
    record["certifications"][0]["issuer"] = HOSTILE_NAME
    record["offer"][0]["name"] = {"fr": HOSTILE_SUMMARY}
    for key in ("logo", "photos", "social"):
        record.pop(key, None)
    for offer in record["offer"]:
        offer.pop("photo", None)
    (root / "enterprises").mkdir()
    (root / "enterprises" / "coop-hostile.yaml").write_text(yaml.safe_dump(record, allow_unicode=True),
                                                             encoding="utf-8")
    output = tmp_path_factory.mktemp("hostile-site")
    build_site(output, root, extra_env={"PORTFOLIO_CACHE": str(tmp_path_factory.mktemp("cache"))})
    return output


@pytest.fixture
def hostile_url(hostile_site, tmp_path):
    with nginx(hostile_site, tmp_path) as url:
        yield url


@pytest.fixture
def hostile_page(browser, hostile_url):
    with checked_page(browser) as page:
        yield page


def test_hostile_record_renders_as_inert_text(hostile_page, hostile_url):
    for path in ("/entreprises/coop-hostile/", "/en/enterprises/coop-hostile/", "/entreprises/",
                 "/secteurs/alimentation-traiteur/", "/institutions/stm/"):
        assert_inert(hostile_page, hostile_url + path, [SCRIPT] if "coop-hostile" in path or path == "/entreprises/"
                     else [])


def test_hostile_values_stay_text_in_the_built_files(hostile_site):
    html = (hostile_site / "entreprises" / "coop-hostile" / "index.html").read_text(encoding="utf-8")
    assert SCRIPT not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert 'href="https://evil.example/&#34;&gt;&lt;script&gt;' in html
    page = scan(hostile_site / "entreprises" / "coop-hostile" / "index.html")
    assert all(s["src"] or s["type"] == "application/ld+json" for s in page.scripts)
    assert page.json_ld()[0]["name"] == HOSTILE_NAME


def test_hostile_markdown_through_the_render_path(browser, tmp_path):
    """The validator refuses HTML and javascript: links in Markdown fields, so this record is rendered
    directly through the page stage's own path, then loaded in Chromium."""
    portfolio = load_portfolio(REPO).portfolio
    enterprise = next(e for e in portfolio.enterprises if e.slug == "traiteur-la-marmite-solidaire")
    hostile = replace(enterprise, description=Text(HOSTILE_MARKDOWN, HOSTILE_MARKDOWN),
                      impact=replace(enterprise.impact, text=Text(HOSTILE_SUMMARY)))
    site = make_site(tmp_path, portfolio=portfolio)
    site.media.publish(enterprise.images, site.writer, "test")
    build = make_build(site, "en", globals_of=[contribute_stage])
    pages._enterprise(build, hostile, {i.slug: i for i in portfolio.institutions},
                      freshness.badges(hostile, site.settings.build_date))
    site.writer.commit()
    output = site.writer.output
    built = scan(output / "en" / "enterprises" / enterprise.slug / "index.html")
    assert not built.handlers and "x" not in built.images
    assert not [link for link in built.links if "javascript" in link.lower()]
    assert all(s["src"] or s["type"] == "application/ld+json" for s in built.scripts)
    (tmp_path / "nginx").mkdir()
    with nginx(output, tmp_path / "nginx") as url, checked_page(browser) as page:
        assert_inert(page, f"{url}/en/enterprises/{enterprise.slug}/", ["Hello", "click"])
        assert page.locator("main a:text('click')").get_attribute("href") is None
