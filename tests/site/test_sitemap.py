"""sitemap.xml lists every page with its hreflang alternates; robots.txt points at it."""

import xml.etree.ElementTree as ET
from pathlib import Path

from portfolio.records.vocabulary import Vocabulary
from portfolio.site.sitemap import Sitemap, robots
from portfolio.site.urls import Urls

REPO = Path(__file__).resolve().parents[2]
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_pairs_have_alternates_and_single_pages_do_not():
    urls = Urls(Vocabulary.load(REPO / "data" / "vocabulary.yaml"))
    urls.add_content(("page", "only"), "fr", "/seulement/")
    sitemap = Sitemap()
    for lang in ("fr", "en"):
        sitemap.add(("enterprise", "coop"), 1, lang)
        sitemap.add(("directory",), 2, lang)
    sitemap.add(("page", "only"), 1, "fr")
    root = ET.fromstring(sitemap.xml(urls, "https://x.example"))
    entries = {u.find("s:loc", NS).text: {a.get("hreflang"): a.get("href") for a in u.findall("x:link", NS)}
               for u in root.findall("s:url", NS)}
    pair = {"fr": "https://x.example/entreprises/coop/", "en": "https://x.example/en/enterprises/coop/"}
    assert entries[pair["fr"]] == pair and entries[pair["en"]] == pair
    assert entries["https://x.example/en/enterprises/page/2/"]["fr"] == "https://x.example/entreprises/page/2/"
    assert entries["https://x.example/seulement/"] == {}
    assert len(entries) == 5


def test_robots_points_at_the_sitemap():
    assert "Sitemap: https://x.example/sitemap.xml" in robots("https://x.example").splitlines()
