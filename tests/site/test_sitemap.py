"""sitemap.xml lists every page with its hreflang alternates; robots.txt points at it."""

import os
import subprocess
import sys
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


def test_the_digest_of_the_pages_follows_the_pages_only():
    def sitemap(pages):
        made = Sitemap()
        for key, page, lang in pages:
            made.add(key, page, lang)
        return made

    pages = [(("enterprise", f"e{n}"), 1, lang) for n in range(50) for lang in ("fr", "en")]
    pages.append((("directory",), 2, "fr"))
    first = sitemap(pages).digest()
    assert sitemap(reversed(pages)).digest() == first, "whatever order the pages were added in"
    script = ("import sys; sys.path.insert(0, sys.argv[1]); from portfolio.site.sitemap import Sitemap\n"
              "s = Sitemap()\nfor n in range(50):\n"
              "    s.add(('enterprise', f'e{n}'), 1, 'en'); s.add(('enterprise', f'e{n}'), 1, 'fr')\n"
              "s.add(('directory',), 2, 'fr'); print(s.digest())")
    for seed in ("1", "2"):  # sets of languages print in another order under another hash seed
        made = subprocess.run([sys.executable, "-c", script, str(REPO / "plugins")], capture_output=True, text=True,
                              check=True, env={**os.environ, "PYTHONHASHSEED": seed})
        assert made.stdout.strip() == first
    assert sitemap(pages + [(("directory",), 2, "en")]).digest() != first
    assert sitemap(pages[:-1] + [(("directory",), 3, "fr")]).digest() != first
