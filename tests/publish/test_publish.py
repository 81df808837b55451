"""`make publish` for a site under a sub-path (http://127.0.0.1:PORT/portfolio), served by nginx with the
snippet the build wrote: every page and file reachable from both home pages answers, with the shipped
headers and the precompressed bytes; the Nu checker and axe pass; nothing is requested from another host.
Also: the three header files say the same, and publication refuses placeholders and example records."""

from __future__ import annotations

import gzip
import re
from urllib.parse import urlsplit

import brotli
import pytest

from publishing import BASE, crawl, fetch, make, publish
from portfolio.settings import Settings
from portfolio.site.hosting import FINGERPRINT
from support.browser import axe_violations, describe
from support.checkers import nu_errors
from support.server import free_port, nginx

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """(output folder, site URL) of the published sample site, served by nginx without on-the-fly gzip."""
    tmp = tmp_path_factory.mktemp("publish")
    port = free_port()
    url = f"http://127.0.0.1:{port}{BASE}"
    publish(tmp / "output", tmp / "cache", url)
    with nginx(tmp / "output", tmp / "nginx", base=BASE, gzip=False, port=port) as served:
        assert served == url
        yield tmp / "output", url


@pytest.fixture(scope="module")
def crawled(published):
    output, url = published
    origin = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
    return crawl([url + "/", url + "/en/", url + "/sitemap.xml"], origin)


def test_nothing_reachable_from_the_home_pages_is_broken(crawled, published):
    statuses, _ = crawled
    output, url = published
    broken = {u: s for u, s in statuses.items() if s != 200}
    assert not broken, broken
    kinds = {re.sub(r".*\.", "", urlsplit(u).path) if "." in urlsplit(u).path.rsplit("/", 1)[-1] else "page"
             for u in statuses}
    assert {"page", "css", "js", "webp", "xml", "pdf", "json", "csv", "ics", "xlsx"} <= kinds, kinds
    assert all(u.startswith(url + "/") for u in statuses)
    pages = [u for u in statuses if u.endswith("/")]
    assert any("/en/" in u for u in pages) and len(pages) > 100


def test_headers_of_a_page_and_of_a_fingerprinted_asset(published):
    output, url = published
    settings = Settings()
    status, headers, body = fetch(url + "/en/")
    assert status == 200 and b"<html" in body
    for name, value in settings.security_headers.items():
        assert headers.get(name) == value, name
    assert headers["Cache-Control"] == settings.cache_control["other"]
    asset = next(p for p in (output / "theme" / "css").iterdir() if re.search(FINGERPRINT, p.name))
    status, headers, _ = fetch(f"{url}/theme/css/{asset.name}")
    assert status == 200 and headers["Cache-Control"] == settings.cache_control["fingerprinted"]
    assert headers["Content-Security-Policy"] == settings.security_headers["Content-Security-Policy"]
    search_file = next(p for p in (output / "theme" / "search").iterdir() if re.search(FINGERPRINT, p.name))
    status, headers, _ = fetch(f"{url}/theme/search/{search_file.name}")
    assert status == 200 and headers["Cache-Control"] == settings.cache_control["fingerprinted"]
    status, headers, _ = fetch(url + "/recherche/search-fr.json")  # names the others: short-lived
    assert status == 200 and headers["Cache-Control"] == settings.cache_control["other"]
    status, _, _ = fetch(url + "/nginx.conf")
    assert status == 404


@pytest.mark.parametrize("encoding, suffix, decode", [("gzip", ".gz", gzip.decompress),
                                                      ("br", ".br", brotli.decompress)])
def test_a_client_accepting_compression_gets_the_precompressed_bytes(published, encoding, suffix, decode):
    output, url = published
    for path in ("index.html", "en/enterprises/index.html", "sitemap.xml"):
        precompressed = (output / (path + suffix)).read_bytes()
        status, headers, body = fetch(f"{url}/{path.removesuffix('index.html')}", {"Accept-Encoding": encoding})
        assert status == 200 and headers.get("Content-Encoding") == encoding, path
        assert body == precompressed and decode(body) == (output / path).read_bytes(), path
    status, headers, body = fetch(url + "/", {"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in headers and body == (output / "index.html").read_bytes()


def test_the_404_page_is_served_under_the_sub_path(published):
    _, url = published
    status, headers, body = fetch(url + "/entreprises/nulle-part/")
    assert status == 404 and f'href="{BASE}/'.encode() in body
    assert headers["Content-Security-Policy"]


def test_the_published_pages_are_valid_html(published):
    output, _ = published
    errors = nu_errors(sorted(output.rglob("*.html")))
    assert not errors, "\n".join(f"{m.get('url', '?')}:{m.get('lastLine')}: {m.get('message')}" for m in errors[:30])


def test_published_pages_in_chromium_pass_axe_and_stay_on_the_server(published, browser):
    output, url = published
    allowed = urlsplit(url).netloc
    context = browser.new_context()
    outside, failed, errors = [], [], []

    def guard(route):
        if urlsplit(route.request.url).netloc == allowed or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    for path in ("/", "/en/", "/entreprises/", "/en/enterprises/traiteur-la-marmite-solidaire/",
                 "/recherche/?q=traiteur", "/en/my-list/", "/catalogue/"):
        page.goto(url + path)
        page.wait_for_load_state("networkidle")
        violations = axe_violations(page)
        assert not violations, f"{path}: {describe(violations)}"
    page.goto(url + "/recherche/?q=traiteur")
    page.wait_for_selector("#search-results li")
    assert page.locator("#search-results a").first.get_attribute("href").startswith(BASE + "/")
    context.close()
    assert not outside and not failed and not errors, (outside, failed, errors)


def test_the_three_header_files_say_the_same(published):
    output, _ = published
    nginx_conf = (output / "nginx.conf").read_text()
    htaccess = (output / ".htaccess").read_text()
    netlify = (output / "_headers").read_text()
    expected = Settings()

    def nginx_blocks():
        outer = dict(re.findall(r'^    add_header (\S+) "([^"]*)" always;', nginx_conf, re.M))
        inner = dict(re.findall(r'^        add_header (\S+) "([^"]*)" always;', nginx_conf, re.M))
        return outer, inner

    outer, inner = nginx_blocks()
    security = {k: v for k, v in outer.items() if k != "Cache-Control"}
    assert security == expected.security_headers
    assert {k: v for k, v in inner.items() if k != "Cache-Control"} == security
    assert (outer["Cache-Control"], inner["Cache-Control"]) == (expected.cache_control["other"],
                                                                  expected.cache_control["fingerprinted"])
    apache_all = dict(re.findall(r'^    Header always set (\S+) "([^"]*)"', htaccess, re.M))
    apache_cache = re.findall(r'Header set Cache-Control "([^"]*)"', htaccess)
    assert apache_all == security and apache_cache == [outer["Cache-Control"], inner["Cache-Control"]]
    rules, rule = {}, None
    for line in netlify.splitlines():
        if line.startswith("/"):
            rule = rules.setdefault(line, {})
        elif line.startswith("  ") and rule is not None:
            name, value = line.strip().split(": ", 1)
            rule[name] = value
    assert rules.pop(BASE + "/*") == security
    assert rules and all(headers == {"Cache-Control": inner["Cache-Control"]} for headers in rules.values())
    served = [f"{BASE}/{p.relative_to(output).as_posix()}" for p in output.rglob("*")
              if p.is_file() and not p.name.endswith((".gz", ".br"))]

    def covered(url):
        return url in rules or any(rule.endswith("/*") and url.startswith(rule[:-1]) for rule in rules)

    assert {url for url in served if covered(url)} == {url for url in served if re.search(FINGERPRINT, url)}
    assert len(rules) < 100  # Cloudflare Pages' limit


def test_every_page_carries_the_policy_as_a_meta_without_frame_ancestors(published):
    output, _ = published
    for path in (output / "index.html", output / "en" / "search" / "index.html", output / "404.html"):
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', path.read_text()).group(1)
        assert "script-src 'self'" in meta.replace("&#39;", "'") and "frame-ancestors" not in meta


def test_publication_refuses_placeholders_and_examples(tmp_path):
    result = make("publish", tmp_path / "out", tmp_path / "cache",
                  {"PORTFOLIO_SITE_URL": "http://localhost:8000", "PORTFOLIO_ALLOW_LOCAL": "",
                   "PORTFOLIO_ALLOW_EXAMPLES": "", "PORTFOLIO_CONTACT_EMAIL": "", "PORTFOLIO_REPOSITORY_URL": ""})
    log = result.stdout + result.stderr
    assert result.returncode != 0 and not (tmp_path / "out").exists()
    for expected in ("PORTFOLIO_CONTACT_EMAIL is 'portfolio@cesim.example', a placeholder",
                     "PORTFOLIO_REPOSITORY_URL is 'https://github.com/cesim-montreal/portfolio-economie-sociale'",
                     "PORTFOLIO_SITE_URL is 'http://localhost:8000', a local address",
                     "example record(s) or news", "PORTFOLIO_ALLOW_EXAMPLES=1"):
        assert expected in " ".join(log.split()), expected
