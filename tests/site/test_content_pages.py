"""Hand-written pages and news: French and English versions paired by `Key`, each at its own clean URL;
a page written in one language only is published once, in that language."""

import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from support.html_scan import scan
from portfolio.site.content import ContentIndex
from support.site import PAGE_STAGES, build_site, settings_overlay

PAGES = {
    "pages/a-propos.fr.md": "Title: À propos\nKey: about\nSlug: a-propos\nLang: fr\n\nVoir [l'autre]({filename}autre.fr.md).",
    "pages/about.en.md": "Title: About\nKey: about\nSlug: about\nLang: en\n\nSee [the other]({filename}other.en.md).",
    "pages/autre.fr.md": "Title: Autre\nKey: other\nSlug: autre\nLang: fr\n\nTexte.",
    "pages/other.en.md": "Title: Other\nKey: other\nSlug: other\nLang: en\n\nText.",
    "pages/seulement.fr.md": "Title: Seulement en français\nSlug: seulement\nLang: fr\n\nTexte.",
    "news/only-en.en.md": "Title: English only\nDate: 2026-10-01\nSlug: english-only\nLang: en\n\nNews.",
    "news/nouvelle.fr.md": "Title: Nouvelle\nDate: 2026-10-02\nKey: n1\nSlug: nouvelle\nLang: fr\n\nNouvelle.",
    "news/news.en.md": "Title: News\nDate: 2026-10-02\nKey: n1\nSlug: news-item\nLang: en\n\nNews.",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = tmp_path_factory.mktemp("content")
    for name, text in PAGES.items():
        (content / name).parent.mkdir(exist_ok=True)
        (content / name).write_text(text + "\n", encoding="utf-8")
    # absolute paths: Pelican's content folder stays the repository's
    settings = settings_overlay(content.parent, PAGE_PATHS=[f"{content}/pages"], ARTICLE_PATHS=[f"{content}/news"],
                                PORTFOLIO_STAGES=PAGE_STAGES)
    output = tmp_path_factory.mktemp("content-site")
    build_site(output, settings=str(settings))
    return output

def test_pairs_link_to_each_other_at_clean_urls(site):
    fr, en = scan(site / "a-propos/index.html"), scan(site / "en/about/index.html")
    assert fr.lang == "fr" and en.lang == "en"
    assert fr.switch == "/en/about/" and en.switch == "/a-propos/"
    assert "/autre/" in fr.links and "/en/other/" in en.links  # {filename} links stay in their language
    assert not [link for link in fr.links + en.links if "../" in link]
    html = (site / "a-propos/index.html").read_text(encoding="utf-8")
    assert '<p>Voir <a href="/autre/">' in html  # the Markdown is rendered, not escaped
    news_fr, news_en = scan(site / "nouvelles/nouvelle/index.html"), scan(site / "en/news/news-item/index.html")
    assert news_fr.switch == "/en/news/news-item/" and news_en.switch == "/nouvelles/nouvelle/"


def test_single_language_pages_are_not_duplicated(site):
    assert (site / "seulement/index.html").is_file()
    assert not list(site.glob("en/**/seulement"))
    assert scan(site / "seulement/index.html").switch == "/en/"  # no translation: the other home
    assert scan(site / "seulement/index.html").hreflang == {}
    assert (site / "en/news/english-only/index.html").is_file()
    assert not list(site.glob("nouvelles/english-only"))


def test_news_listings_and_feeds_hold_their_language_only(site):
    listing_fr = (site / "nouvelles/index.html").read_text(encoding="utf-8")
    listing_en = (site / "en/news/index.html").read_text(encoding="utf-8")
    assert "Nouvelle" in listing_fr and "English only" not in listing_fr
    assert "English only" in listing_en and "News" in listing_en
    titles = [e.findtext("{http://www.w3.org/2005/Atom}title")
              for e in ET.parse(site / "en/news/atom.xml").getroot().iter("{http://www.w3.org/2005/Atom}entry")]
    assert sorted(titles) == ["English only", "News"]


def test_content_index_pairs_by_key_then_slug():
    def item(slug, lang, key=None):
        return SimpleNamespace(slug=slug, lang=lang, url=f"{slug}/", **({"key": key} if key else {}))

    index = ContentIndex.of({"pages": [item("a-propos", "fr", "about"), item("about", "en", "about"),
                                       item("same", "fr"), item("same", "en"), item("x", "de")]})
    assert set(index.pages) == {"about", "same"}
    assert {lang: p.slug for lang, p in index.pages["about"].items()} == {"fr": "a-propos", "en": "about"}
