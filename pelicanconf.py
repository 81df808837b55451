"""Pelican settings of the portfolio (development and tests); publishconf.py adds the published ones."""

from pathlib import Path

REPO = Path(__file__).resolve().parent

# The portfolio plugin's settings: every PORTFOLIO_* name is a field of portfolio.settings.Settings, which
# holds the defaults and documents each one. PORTFOLIO_ROOT, PORTFOLIO_CACHE, PORTFOLIO_SITE_URL,
# PORTFOLIO_TODAY, PORTFOLIO_PDF, PORTFOLIO_CONTACT_EMAIL, PORTFOLIO_REPOSITORY_URL, PORTFOLIO_REPOSITORY_BRANCH,
# PORTFOLIO_ALLOW_LOCAL and PORTFOLIO_ALLOW_EXAMPLES can also be given as environment variables.
PORTFOLIO_ROOT = str(REPO)
PORTFOLIO_CACHE = str(REPO / "cache")
PORTFOLIO_SITE_URL = "http://localhost:8000"
PORTFOLIO_PDF = False  # the preview has no PDF catalogues: `make pdf` or `make publish` makes them
PORTFOLIO_STAGES = [
    "portfolio.exports.stage",  # first: its files are made in another process while the others prepare
    "portfolio.contribute.stage",  # the form that writes a record file; its files written meanwhile too
    "portfolio.site.assets",  # theme files and record images, before any page
    "portfolio.content.stage",  # results, events and their calendar
    "portfolio.site.pages",
    "portfolio.search.stage",
    "portfolio.search.matchmaking",  # the matchmaking sheet (needs matched in the browser)
    "portfolio.catalogue.stage",
    "portfolio.site.hosting",  # response headers for nginx, Apache, Netlify / Cloudflare Pages
]
PORTFOLIO_SCRIPTS = ["js/menu.js", "js/search.js", "js/shortlist.js"]
# Placeholders for the preview: `make publish` refuses them (set the real ones in publishconf.py or the environment).
PORTFOLIO_REPOSITORY_URL = "https://github.com/cesim-montreal/portfolio-economie-sociale"
PORTFOLIO_REPOSITORY_BRANCH = "main"
PORTFOLIO_CONTACT_EMAIL = "portfolio@cesim.example"
PORTFOLIO_OPEN_DATA_LICENCE = {
    "name": {"fr": "Licence Creative Commons Attribution 4.0 International (CC BY 4.0)",
             "en": "Creative Commons Attribution 4.0 International licence (CC BY 4.0)"},
    "url": "https://creativecommons.org/licenses/by/4.0/",
}

SITENAME = "L’économie sociale, j’achète!"
SITEURL = ""
RELATIVE_URLS = False
TIMEZONE = "America/Montreal"
DEFAULT_LANG = "fr"

PATH = "content"
THEME = str(REPO / "theme")
PLUGIN_PATHS = [str(REPO / "plugins")]
PLUGINS = ["portfolio"]
# Every output file goes through the portfolio's writer (stage portfolio.site.assets copies the theme's).
STATIC_PATHS = []
THEME_STATIC_PATHS = []

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
# Pelican keeps what its readers made of each content file (told by its SHA-256) between builds: a rebuild
# does not parse the Markdown again. Its folder is under the portfolio's cache (engine/start.py).
CACHE_CONTENT = LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "sha256"
GZIP_CACHE = False
JINJA_ENVIRONMENT = {"extensions": ["jinja2.ext.i18n"], "trim_blocks": True, "lstrip_blocks": True}

