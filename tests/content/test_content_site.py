"""The hand-written pages and news in the built sample site: both languages, linked as translations,
rendered as HTML, their links resolving; the results page with its chart; the calendar files."""

import re
from pathlib import Path

import pytest
import tinyhtml5
import yaml

from portfolio.content import results
from support.browser import axe_violations, describe
from support.checkers import nu_errors
from support.tools import REPO

H = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
CONTENT = REPO / "content"
SETTINGS_EMAIL = re.search(r'^PORTFOLIO_CONTACT_EMAIL = "([^"]+)"', (REPO / "pelicanconf.py").read_text(), re.M).group(1)


def metadata(path: Path) -> dict:
    header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in header.splitlines())}


def versions(folder: str) -> dict[str, dict[str, dict]]:
    """Translation key -> lang -> metadata of every Markdown file of content/<folder>."""
    found: dict[str, dict[str, dict]] = {}
    for path in sorted((CONTENT / folder).glob("*.md")):
        meta = metadata(path)
        found.setdefault(meta["key"], {})[meta["lang"]] = meta
    return found


PAGES, NEWS = versions("pages"), versions("news")
PREFIX = {"fr": {"pages": "/", "news": "/nouvelles/"}, "en": {"pages": "/en/", "news": "/en/news/"}}


def url(kind: str, meta: dict) -> str:
    return PREFIX[meta["lang"]][kind] + meta["slug"] + "/"


def page(site: Path, site_url: str):
    return tinyhtml5.parse((site / site_url.lstrip("/") / "index.html").read_text(encoding="utf-8"))


def links(root) -> set[str]:
    return {a.get("href") for a in root.iter(H + "a") if a.get("href")}


def main(root):
    return next(root.iter(H + "main"))


ALL = [(kind, key, lang) for kind, group in (("pages", PAGES), ("news", NEWS))
       for key, langs in group.items() for lang in langs]


@pytest.mark.parametrize("group", [PAGES, NEWS], ids=["pages", "news"])
def test_every_page_and_article_exists_in_both_languages(group):
    assert group and all(set(langs) == {"fr", "en"} for langs in group.values()), group


@pytest.mark.parametrize("kind, key, lang", ALL)
def test_each_version_is_html_in_its_language_and_links_to_its_translation(built_site, kind, key, lang):
    group = PAGES if kind == "pages" else NEWS
    meta, other = group[key][lang], group[key]["en" if lang == "fr" else "fr"]
    root = page(built_site, url(kind, meta))
    assert root.get("lang") == lang
    assert url(kind, other) in links(root), "the language switcher must lead to the translation"
    body = main(root)
    assert "<p>" not in "".join(body.itertext()), "the content was escaped instead of rendered"
    assert list(body.iter(H + "p")), "the Markdown must be rendered as paragraphs"


@pytest.mark.parametrize("kind, key, lang", ALL)
def test_internal_links_of_the_content_resolve(built_site, kind, key, lang):
    group = PAGES if kind == "pages" else NEWS
    for href in links(main(page(built_site, url(kind, group[key][lang])))):
        if href.startswith("/") and not href.startswith("//"):
            path = href.split("#")[0]
            target = built_site / path.lstrip("/")
            assert "/../" not in href and (target.is_file() or (target / "index.html").is_file()), href


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_results_page_has_figures_chart_and_data_table(built_site, lang):
    data = results.load(REPO / "data" / "results.yaml")
    body = main(page(built_site, url("pages", PAGES["results"][lang])))
    charts = list(body.iter(SVG + "svg"))
    assert len(charts) == len(data.charts)
    for chart in charts:
        assert chart.get("role") == "img" and chart.find(SVG + "title") is not None
        assert len(list(chart.iter(SVG + "rect"))) == len(data.editions)
    tables = list(body.iter(H + "table"))
    assert len(tables) == len(data.charts)
    text = re.sub(r"[ \t\n]+", " ", "".join(body.itertext()))  # keeps no-break spaces
    assert {"fr": "2,5\u00a0M\u00a0$", "en": "$2.5M"}[lang] in text
    assert data.editions[-1].label[lang] in text


@pytest.mark.parametrize("key", ["accessibility", "privacy", "join", "declaration"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pages_that_invite_writing_give_the_contact_email_from_the_settings(built_site, key, lang):
    assert f"mailto:{SETTINGS_EMAIL}" in links(page(built_site, url("pages", PAGES[key][lang])))


@pytest.mark.parametrize("lang, path", [("fr", "evenements.ics"), ("en", "en/events.ics")])
def test_calendar_of_each_language_is_served_and_its_event_urls_exist(built_site, lang, path):
    data = (built_site / path).read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")
    lines = data.decode("utf-8").replace("\r\n ", "").split("\r\n")
    for line in lines:
        if line.startswith("URL:"):
            site_path = re.sub(r"^URL:https?://[^/]+/", "", line)
            assert (built_site / site_path / "index.html").is_file(), line
            assert site_path.startswith("en/news/" if lang == "en" else "nouvelles/")
    events_metadata = [meta for langs in NEWS.values() for meta in langs.values() if meta["lang"] == lang]
    assert all(f"SUMMARY;LANGUAGE={lang}:" in line for line in lines if line.startswith("SUMMARY"))
    assert sum(line.startswith("UID:") for line in lines) <= sum("event_start" in m for m in events_metadata)


@pytest.mark.parametrize("path", sorted(CONTENT.rglob("*.fr.md")), ids=lambda p: p.name)
def test_french_sources_follow_french_typography(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r" [:;!?]", text), "use a no-break space before : ; ! ?"
    assert "« " not in text and " »" not in text, "use no-break spaces inside « »"


def test_the_results_file_stays_valid_yaml_documented_at_the_top():
    text = (REPO / "data" / "results.yaml").read_text(encoding="utf-8")
    assert text.startswith("#") and yaml.safe_load(text)["editions"]


def test_content_pages_are_valid_html(built_site):
    files = [built_site / url(kind, meta).lstrip("/") / "index.html"
             for kind, group in (("pages", PAGES), ("news", NEWS)) for langs in group.values() for meta in langs.values()]
    errors = nu_errors(files)
    assert not errors, "\n".join(f"{e.get('url', '')[-60:]}: {e['message']}" for e in errors)


@pytest.mark.browser
@pytest.mark.parametrize("key, lang", [("results", "fr"), ("results", "en"), ("accessibility", "fr"), ("join", "en")])
def test_content_pages_have_no_axe_violations(page, site_url, key, lang):
    page.goto(site_url + url("pages", PAGES[key][lang]))
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_invented_news_and_listings_are_labelled_everywhere(built_site):
    """Sample news (`Example: true`) and example enterprises never pass for real ones: page badge,
    calendar entries and feed titles all say so."""
    calendar = (built_site / "evenements.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    summaries = [line for line in calendar.splitlines() if line.startswith("SUMMARY")]
    assert summaries and all(":[Exemple] " in line for line in summaries)
    news = (built_site / "nouvelles" / "index.html").read_text(encoding="utf-8")
    assert news.count("Nouvelle d’exemple") == len(list((REPO / "content" / "news").glob("*.fr.md")))
    for feed in ("en/news/atom.xml", "en/enterprises/atom.xml"):
        titles = re.findall(r"<entry><title>([^<]*)</title>", (built_site / feed).read_text(encoding="utf-8"))
        assert titles and all(t.startswith("[Example] ") for t in titles), feed
