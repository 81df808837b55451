"""The sample site, built once with warnings fatal, checked on its parsed HTML: every page kind in both
languages, translation links both ways, hreflang pairs, JSON-LD, and every internal link and image."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from support.html_scan import scan
from portfolio.records.load import load_portfolio
from portfolio.site.urls import Urls
from support.tools import REPO

ORIGIN = "http://localhost:8000"  # PORTFOLIO_SITE_URL of pelicanconf.py
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@lru_cache(maxsize=1)
def sample():
    return load_portfolio(REPO).portfolio


def content_pair(folder: str) -> tuple[str, str]:
    """URLs (fr, en) of the first hand-written page or article of content/<folder> in both languages."""
    versions: dict[str, dict[str, str]] = {}
    for path in sorted((REPO / "content" / folder).glob("*.md")):
        meta = dict(re.findall(r"^(\w+):\s*(.+)$", path.read_text(encoding="utf-8").split("\n\n", 1)[0], re.M))
        versions.setdefault(meta.get("Key") or meta["Slug"], {})[meta.get("Lang", "fr")] = meta["Slug"]
    slugs = next(v for v in versions.values() if {"fr", "en"} <= v.keys())
    prefix = {"pages": ("/", "/en/"), "news": ("/nouvelles/", "/en/news/")}[folder]
    return f"{prefix[0]}{slugs['fr']}/", f"{prefix[1]}{slugs['en']}/"


def kinds() -> dict[str, tuple[str, str]]:
    """One page of every kind: name -> (French URL, English URL)."""
    portfolio = sample()
    urls = Urls(portfolio.vocabulary)
    enterprise = next(e for e in portfolio.enterprises if e.logo and e.offer and e.clients)
    institution = portfolio.institutions[0]
    keys = {
        "home": ("home",), "directory": ("directory",), "enterprise": ("enterprise", enterprise.slug),
        "sector": ("sector", enterprise.sectors[0].key), "territory": ("territory", enterprise.territories[0].key),
        "impact": ("impact", enterprise.impact.goals[0].key), "institutions": ("institutions",),
        "institution": ("institution", institution.slug), "signatories": ("signatories",),
        "declaration": ("declaration", institution.slug), "news": ("news",),
    }
    found = {name: (urls.url(key, "fr"), urls.url(key, "en")) for name, key in keys.items()}
    found["page"] = content_pair("pages")
    found["article"] = content_pair("news")
    return found


def file_of(site: Path, url: str) -> Path:
    path = unquote(urlsplit(url).path)
    return site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize("kind", sorted(kinds()))
def test_every_page_kind_exists_in_both_languages(built_site, kind):
    fr, en = kinds()[kind]
    assert not fr.startswith("/en/") and en.startswith("/en/")
    for url, lang in ((fr, "fr"), (en, "en")):
        page = scan(file_of(built_site, url))
        assert page.lang == lang, url
        assert page.h1 == 1, url
        assert page.title.strip(), url
        assert page.canonical == ORIGIN + url
        assert page.hreflang == {"fr": ORIGIN + fr, "en": ORIGIN + en}, url
    assert scan(file_of(built_site, fr)).switch == en
    assert scan(file_of(built_site, en)).switch == fr


def test_language_switch_goes_both_ways_on_every_page(built_site):
    for path in html_files(built_site):
        if path.name == "404.html":
            continue
        page = scan(path)
        here = "/" + path.relative_to(built_site).as_posix().removesuffix("index.html")
        assert page.switch, here
        assert (page.switch.startswith("/en/") or page.switch == "/en/") != here.startswith("/en/"), here
        if page.switch not in ("/", "/en/"):  # a real translation: it links back here
            assert scan(file_of(built_site, page.switch)).switch == here, here


def test_no_english_page_outside_en_and_no_french_page_inside(built_site):
    for path in html_files(built_site):
        relative = path.relative_to(built_site).as_posix()
        if relative == "404.html":
            continue
        assert scan(path).lang == ("en" if relative.startswith("en/") else "fr"), relative


def test_no_broken_relative_paths(built_site):
    for path in html_files(built_site):
        text = path.read_text(encoding="utf-8")
        assert "/en/../" not in text and "../" not in re.sub(r"<script.*?</script>", "", text, flags=re.S), path


def test_every_internal_link_and_image_resolves(built_site):
    broken = []
    for path in html_files(built_site):
        page = scan(path)
        for url in page.links + page.images + [s["src"] for s in page.scripts if s["src"]]:
            parts = urlsplit(url)
            if parts.scheme in ("mailto", "tel") or (parts.netloc and ORIGIN != f"{parts.scheme}://{parts.netloc}"):
                continue
            if not parts.path:
                continue  # a fragment on the same page
            if not file_of(built_site, url).is_file():
                broken.append(f"{path.relative_to(built_site)} -> {url}")
    assert not broken, "\n".join(broken[:50])


def test_pages_need_no_inline_script_style_or_handler(built_site):
    for path in html_files(built_site):
        page = scan(path)
        assert not page.handlers, path
        assert page.inline_styles == 0, path
        for script in page.scripts:
            assert script["src"] or script["type"] == "application/ld+json", path


def test_json_ld_parses(built_site):
    found = kinds()
    for kind, expected in (("home", "WebSite"), ("enterprise", "Organization"), ("institution", None)):
        for url in found[kind]:
            data = scan(file_of(built_site, url)).json_ld()
            assert len(data) == 1, url
            assert data[0]["@context"] == "https://schema.org"
            if expected:
                assert data[0]["@type"] == expected


def test_enterprise_page_content(built_site):
    portfolio = sample()
    e = next(e for e in portfolio.enterprises if e.slug == "traiteur-la-marmite-solidaire")
    html = file_of(built_site, "/en/enterprises/traiteur-la-marmite-solidaire/").read_text(encoding="utf-8")
    assert f'href="mailto:{e.contact.email}"' in html
    assert 'href="tel:+15145550142"' in html and 'href="tel:+15145550142;ext=21"' in html  # general, then direct
    assert "https://github.com/" in html and f"/edit/main/{e.source}" in html
    assert 'class="badge"' in html  # example record
    assert 'class="shortlist-toggle" data-slug="traiteur-la-marmite-solidaire"' in html
    for client in e.clients:
        assert f'href="/en/institutions/{client}/"' in html
    page = scan(file_of(built_site, "/en/enterprises/traiteur-la-marmite-solidaire/"))
    assert any(i.endswith(".webp") for i in page.images) and any(i.endswith((".png", ".jpg")) for i in page.images)
    assert re.search(r'<img [^>]*width="\d+" height="\d+"', html)


def test_french_alt_text_on_an_english_page_is_marked(built_site):
    english = file_of(built_site, "/en/enterprises/menuiserie-bois-de-coeur/").read_text(encoding="utf-8")
    french = file_of(built_site, "/entreprises/menuiserie-bois-de-coeur/").read_text(encoding="utf-8")
    alt = 'alt="Illustration : un établi avec une scie et des planches de bois" lang="fr"'
    assert alt.replace(" :", "\u00a0:") in english or alt in english
    assert 'alt="Illustration: a refurbished wooden chair"' in english
    assert ' lang="fr"' not in french.split("<body", 1)[1].split("<footer", 1)[0]


def test_sitemap_has_every_page_with_reciprocal_alternates(built_site):
    root = ET.parse(built_site / "sitemap.xml").getroot()
    entries = {u.find("s:loc", SITEMAP_NS).text: {a.get("hreflang"): a.get("href")
                                                  for a in u.findall("x:link", SITEMAP_NS)}
               for u in root.findall("s:url", SITEMAP_NS)}
    pages = {ORIGIN + "/" + p.relative_to(built_site).as_posix().removesuffix("index.html")
             for p in html_files(built_site) if p.name == "index.html"}
    assert set(entries) == pages
    paired = 0
    for loc, alternates in entries.items():
        if alternates:
            paired += 1
            assert loc in alternates.values() and set(alternates) == {"fr", "en"}
            for href in alternates.values():
                assert entries[href] == alternates
    assert paired == len(entries)  # the sample site has every page in both languages
    assert "Sitemap: " + ORIGIN + "/sitemap.xml" in (built_site / "robots.txt").read_text()


def test_feeds_and_shared_files(built_site):
    for feed in ("entreprises/atom.xml", "en/enterprises/atom.xml", "nouvelles/atom.xml", "en/news/atom.xml"):
        root = ET.parse(built_site / feed).getroot()
        assert root.tag == "{http://www.w3.org/2005/Atom}feed"
        assert root.findall("{http://www.w3.org/2005/Atom}entry"), feed
    newest = max(sample().enterprises, key=lambda e: e.last_verified)
    first = ET.parse(built_site / "entreprises/atom.xml").getroot().find("{http://www.w3.org/2005/Atom}entry")
    assert first.find("{http://www.w3.org/2005/Atom}updated").text.startswith(newest.last_verified.isoformat())
    assert (built_site / "favicon.ico").stat().st_size > 0
    not_found = scan(built_site / "404.html")
    assert ("en", "div") in not_found.lang_marked


def test_records_of_the_sample_all_have_pages(built_site):
    portfolio = sample()
    for e in portfolio.enterprises:
        assert file_of(built_site, f"/entreprises/{e.slug}/").is_file()
        assert file_of(built_site, f"/en/enterprises/{e.slug}/").is_file()
    for i in portfolio.institutions:
        assert file_of(built_site, f"/en/institutions/{i.slug}/").is_file()


def test_no_page_shows_template_syntax_and_web_catalogue_contacts_keep_their_lines(built_site):
    """A template value left as text (`{{ … }}`, `{% … %}`) never reaches a page; in the web catalogues, a
    contact's parts are on lines of their own (the PDF runs them on with separators)."""
    leftover = re.compile(r"\{\{ |\{% ")
    for path in html_files(built_site):
        assert not leftover.search(path.read_text(encoding="utf-8")), path
    catalogue = (built_site / "catalogue" / "index.html").read_text(encoding="utf-8")
    contacts = re.findall(r'<div class="catalogue-entry-contact">(.*?)</div>', catalogue, re.S)
    assert contacts and all("<br>" in contact and " · " not in contact for contact in contacts)
