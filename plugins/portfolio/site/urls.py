"""Every URL of the site: page key + language -> site-absolute path ending in '/'.

French pages live at the root, English ones under /en/, with translated segments. Under sub-path hosting
(PORTFOLIO_SITE_URL https://host/portfolio) every URL starts with the base path (/portfolio/en/…), while
files keep their place relative to the output folder (`site_path`). Terms keep
their key in French URLs and use a slug of their English label in English URLs.
"""

from __future__ import annotations

import re

from ..records.vocabulary import Vocabulary
from ..textfold import fold

PREFIX = {"fr": "/", "en": "/en/"}

# Fixed pages: key name -> path (without language prefix) per language.
FIXED = {
    "home": {"fr": "", "en": ""},
    "directory": {"fr": "entreprises/", "en": "enterprises/"},
    "institutions": {"fr": "institutions/", "en": "institutions/"},
    "signatories": {"fr": "declaration/signataires/", "en": "declaration/signatories/"},
    "news": {"fr": "nouvelles/", "en": "news/"},
    "search": {"fr": "recherche/", "en": "search/"},
    "catalogue": {"fr": "catalogue/", "en": "catalogue/"},
    "shortlist": {"fr": "ma-liste/", "en": "my-list/"},
    "data": {"fr": "donnees/", "en": "data/"},
    "matchmaking": {"fr": "maillage/", "en": "matchmaking/"},
    "edit": {"fr": "modifier/", "en": "edit/"},
}
# Pages of one record or term: key name -> folder per language; the second key item follows.
FOLDERS = {
    "enterprise": {"fr": "entreprises/", "en": "enterprises/"},
    "institution": {"fr": "institutions/", "en": "institutions/"},
    "declaration": {"fr": "declaration/", "en": "declaration/"},
    "sector": {"fr": "secteurs/", "en": "sectors/"},
    "territory": {"fr": "territoires/", "en": "territories/"},
    "impact": {"fr": "impact/", "en": "impact/"},
    "catalogue-sector": {"fr": "catalogue/", "en": "catalogue/"},
}
# Term pages: key name -> vocabulary section.
TERM_SECTIONS = {"sector": "sectors", "territory": "territories", "impact": "impact_goals",
                 "catalogue-sector": "sectors"}
PAGINATED = "page/{n}/"


ROOT_LINK = re.compile(r'(\s(?:href|src)=["\'])/(?!/)')


def rebase_links(html: str, base: str) -> str:
    """`html` (a hand-written page, whose links to the site are written /like/this/) with every
    site-absolute href and src under the site's path `base`."""
    return ROOT_LINK.sub(lambda match: f"{match[1]}{base}/", html) if base else html


def slugify(text: str) -> str:
    """URL slug of a label: « Food and catering » -> « food-and-catering »."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


class Urls:
    """URL of every page key; content pages (from Pelican) are registered with `add_content`."""

    def __init__(self, vocabulary: Vocabulary, base: str = ""):
        self.base = base  # the site's path on its host, without a trailing slash ("" at the root)
        self._term_slugs = {
            section: {key: {"fr": key, "en": slugify(term.en)} for key, term in vocabulary[section].items()}
            for section in set(TERM_SECTIONS.values())
        }
        self._content: dict[tuple, dict[str, str]] = {}

    def add_content(self, key: tuple, lang: str, url: str) -> None:
        """Register the URL (site-absolute) of a hand-written page or article in one language."""
        self._content.setdefault(key, {})[lang] = url

    def exists(self, key: tuple, lang: str) -> bool:
        """Whether the page `key` exists in `lang` (content pages may be in one language only)."""
        return key[0] not in ("page", "article") or lang in self._content.get(key, {})

    def url(self, key: tuple, lang: str, page: int = 1) -> str:
        """Site-absolute URL of page `key` in `lang` (page > 1: that page of a paginated listing)."""
        return self.base + self._path(key, lang, page)

    def site_path(self, url: str) -> str:
        """The file path (relative to the output folder) of a site-absolute URL; a relative path as is."""
        if not url.startswith("/"):
            return url
        if not url.startswith(self.base + "/"):
            raise ValueError(f"{url!r} is outside the site's path {self.base!r}")
        return url[len(self.base) + 1:]

    def _path(self, key: tuple, lang: str, page: int) -> str:
        name = key[0]
        if name in ("page", "article"):
            path = self._content[key][lang]
        elif name in FIXED:
            path = PREFIX[lang] + FIXED[name][lang]
        elif name in FOLDERS:
            item = self._term_slugs[TERM_SECTIONS[name]][key[1]][lang] if name in TERM_SECTIONS else key[1]
            path = f"{PREFIX[lang]}{FOLDERS[name][lang]}{item}/"
        else:
            raise KeyError(f"no URL for page key {key!r}")
        return path + PAGINATED.format(n=page) if page > 1 else path

    def output_path(self, key: tuple, lang: str, page: int = 1) -> str:
        """Path of the page's file relative to the site root."""
        return self._path(key, lang, page).lstrip("/") + "index.html"
