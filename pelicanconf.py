"""Pelican settings of the portfolio (development and tests); publishconf.py adds the published ones."""

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent

# Folder holding data/, schema/, enterprises/ and institutions/ (tests point it at a temporary copy).
PORTFOLIO_ROOT = os.environ.get("PORTFOLIO_ROOT", str(REPO))
# Persistent cache of work that must not be redone for unchanged input (resized images, PDFs).
PORTFOLIO_CACHE = os.environ.get("PORTFOLIO_CACHE", str(REPO / "cache"))
# Scheme and host the site is served from, for canonical links, Open Graph, sitemap and feeds.
PORTFOLIO_SITE_ORIGIN = os.environ.get("PORTFOLIO_SITE_ORIGIN", "http://localhost:8000")

SITENAME = "L'économie sociale, j'achète!"
SITEURL = ""
RELATIVE_URLS = False
TIMEZONE = "America/Montreal"
DEFAULT_LANG = "fr"
PORTFOLIO_LANGS = ("fr", "en")
PORTFOLIO_LOCALES = {"fr": "fr_CA", "en": "en_CA"}

PATH = "content"
THEME = str(REPO / "theme")
PLUGIN_PATHS = [str(REPO / "plugins")]
PLUGINS = ["portfolio"]
STATIC_PATHS = ["images"]

# Stages of the portfolio plugin: modules exposing write(build), called once per language.
PORTFOLIO_STAGES = [
    "portfolio.content.stage",  # first: gives the page templates `results` and `upcoming_events`
    "portfolio.site.pages",
    "portfolio.search.stage",
    "portfolio.catalogue.stage",
    "portfolio.exports.stage",
]
# Static scripts loaded (deferred) on every page, paths relative to theme/static.
PORTFOLIO_SCRIPTS = ["js/search.js", "js/shortlist.js"]

PORTFOLIO_PAGE_SIZE = 48  # enterprises per listing page
PORTFOLIO_IMAGE_WIDTHS = (160, 320, 640, 1280)
PORTFOLIO_THUMBNAIL_WIDTH = 96
PORTFOLIO_IMAGE_QUALITY = 80
PORTFOLIO_FEED_SIZE = 50  # entries of the Atom feed of enterprises
# Where a record's file can be edited on the repository host ({path}: repository-relative path).
REPOSITORY_EDIT_URL = "https://github.com/cesim-montreal/portfolio-economie-sociale/edit/main/{path}"
CONTACT_EMAIL = "portfolio@cesim.example"

# Hand-written content: Pelican reads it; the portfolio plugin renders it (both languages, one build).
# Translations are paired by the `Key` metadata (else by slug); French is the default language.
PAGE_URL = "{slug}/"
PAGE_LANG_URL = "en/{slug}/"
ARTICLE_URL = "nouvelles/{slug}/"
ARTICLE_LANG_URL = "en/news/{slug}/"
PAGE_TRANSLATION_ID = None
ARTICLE_TRANSLATION_ID = None
PAGE_SAVE_AS = PAGE_LANG_SAVE_AS = ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = ""
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""
DIRECT_TEMPLATES = []
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = TAG_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = False
JINJA_ENVIRONMENT = {"extensions": ["jinja2.ext.i18n"], "trim_blocks": True, "lstrip_blocks": True}

# Open data (/donnees/, /en/data/): the licence the site owner publishes the exports under.
OPEN_DATA_LICENCE = {
    "name": {"fr": "Licence Creative Commons Attribution 4.0 International (CC BY 4.0)",
             "en": "Creative Commons Attribution 4.0 International licence (CC BY 4.0)"},
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
# PDF catalogues: no PDF for a catalogue of more enterprises than this (None: no limit), since WeasyPrint
# needs about 0.1 s of processor time per enterprise (see benchmarks/catalogue_build.py); worker processes
# rendering PDFs (None: one per processor).
CATALOGUE_PDF_MAX_ENTERPRISES = 500
# Above this many enterprises the whole-catalogue web page lists the sector catalogues instead of every
# enterprise (about 2.9 KB of HTML each: 29 MB at 10,000).
CATALOGUE_PAGE_MAX_ENTERPRISES = 1000
CATALOGUE_PDF_WORKERS = None
