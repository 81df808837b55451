"""The plugin's settings: one typed object with the defaults, read once from Pelican's settings.

`pelicanconf.py` / `publishconf.py` set values by the names below (`PORTFOLIO_<FIELD IN CAPITALS>`);
the names in ENVIRONMENT can also come from environment variables, which win. A setting that was renamed
fails with its new name; an unknown `PORTFOLIO_*` name fails too (most likely a typo).

A new setting is a field here (with its default and a comment); templates never see this object, only
what the stages give them."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import clock

REPOSITORY = Path(__file__).resolve().parents[2]

# The site's languages, French first (the default), with the locale of each: the one list of them.
LANGUAGES = {"fr": "fr_CA", "en": "en_CA"}
LANGS = tuple(LANGUAGES)

PREFIX = "PORTFOLIO_"
# Settings that an environment variable of the same name overrides.
ENVIRONMENT = ("PORTFOLIO_ROOT", "PORTFOLIO_CACHE", "PORTFOLIO_SITE_URL", "PORTFOLIO_TODAY", "PORTFOLIO_PDF")
# Old name -> new name.
RENAMED = {
    "PORTFOLIO_SITE_ORIGIN": "PORTFOLIO_SITE_URL",
    "PORTFOLIO_LANGS": "(none: the languages are fixed in portfolio/settings.py, LANGUAGES)",
    "PORTFOLIO_LOCALES": "(none: the locales are fixed in portfolio/settings.py, LANGUAGES)",
    "CATALOGUE_PDF_MAX_ENTERPRISES": "PORTFOLIO_PDF_MAX_ENTERPRISES",
    "CATALOGUE_PDF_WORKERS": "PORTFOLIO_WORKERS",
    "CATALOGUE_PAGE_MAX_ENTERPRISES": "PORTFOLIO_CATALOGUE_PAGE_MAX_ENTERPRISES",
    "OPEN_DATA_LICENCE": "PORTFOLIO_OPEN_DATA_LICENCE",
    "REPOSITORY_EDIT_URL": "PORTFOLIO_EDIT_URL",
    "CONTACT_EMAIL": "PORTFOLIO_CONTACT_EMAIL",
}


class SettingsError(ValueError):
    """A setting is unknown, renamed or has a value of the wrong kind."""


def _boolean(value) -> bool:
    if isinstance(value, str):
        if value.strip().lower() in ("1", "true", "yes", "on"):
            return True
        if value.strip().lower() in ("0", "false", "no", "off", ""):
            return False
        raise SettingsError(f"expected yes/no (1/0), got {value!r}")
    return bool(value)


@dataclass(frozen=True)
class Settings:
    """Every setting of the portfolio plugin, with its default."""

    # Folder holding data/, schema/, enterprises/ and institutions/.
    root: Path = REPOSITORY
    # Persistent cache of work not to redo for unchanged input (validated records, images, search, PDFs).
    cache: Path = REPOSITORY / "cache"
    # Where the site is published: scheme, host (for canonical links, feeds, sitemap, JSON-LD).
    site_url: str = "http://localhost:8000"
    # The build date (YYYY-MM-DD, Montréal): freshness warnings, upcoming events. Default: today.
    today: str = ""
    # Make the PDF catalogues (slow): off for previews, on for publication (`make pdf`, `make publish`).
    pdf: bool = False
    # No PDF for a catalogue of more enterprises than this (None: no limit); ~0.05 s of processor per block.
    pdf_max_enterprises: int | None = 500
    # Processes the build may use: languages, images and PDFs in parallel (None: one per processor).
    workers: int | None = None
    # Above this many enterprises the whole-catalogue web page lists the sector catalogues instead.
    catalogue_page_max_enterprises: int = 1000
    # Stage modules, each with prepare(site) and write(build) (see portfolio/engine/stage.py).
    stages: tuple[str, ...] = ()
    # Static scripts loaded (deferred) on every page, paths relative to theme/static.
    scripts: tuple[str, ...] = ()
    page_size: int = 48  # enterprises per listing page
    feed_size: int = 50  # entries of the Atom feed of enterprises
    image_widths: tuple[int, ...] = (160, 320, 640, 1280)
    thumbnail_width: int = 96
    image_quality: int = 80
    # Where a record's file can be edited on the repository host ({path}: repository-relative path).
    edit_url: str = ""
    contact_email: str = ""
    # The licence of the open-data exports: {"name": {"fr": …, "en": …}, "url": …}.
    open_data_licence: dict = field(default_factory=dict)
    # From Pelican's own settings.
    site_name: str = ""
    theme: Path = REPOSITORY / "theme"
    theme_static_dir: str = "theme"

    @property
    def build_date(self):
        return clock.today(self.today or None)

    @classmethod
    def from_pelican(cls, settings: dict, environ=os.environ) -> "Settings":
        """The settings given in Pelican's `settings` (and the environment), checked."""
        for old, new in RENAMED.items():
            if old in settings or old in environ:
                raise SettingsError(f"the setting {old} was renamed: use {new}")
        names = {PREFIX + f.name.upper(): f for f in dataclasses.fields(cls)}
        unknown = sorted(key for key in settings if key.startswith(PREFIX) and key not in names)
        if unknown:
            raise SettingsError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(names))}")
        values = {f.name: settings[key] for key, f in names.items() if key in settings}
        values.update({names[key].name: environ[key] for key in ENVIRONMENT if environ.get(key)})
        values.update(site_name=settings.get("SITENAME", ""), theme=settings.get("THEME", cls.theme),
                      theme_static_dir=settings.get("THEME_STATIC_DIR", cls.theme_static_dir))
        try:
            return cls(**_typed(values))
        except (TypeError, ValueError) as error:
            raise SettingsError(str(error)) from None

    def digest_fields(self) -> dict:
        """The settings that can change what the site contains (not where files are or how fast)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)
                if f.name not in ("root", "cache", "workers")}


def _typed(values: dict) -> dict:
    """Values converted to their field's type (environment variables are strings)."""
    for name in ("root", "cache", "theme"):
        if name in values:
            values[name] = Path(values[name])
    for name in ("stages", "scripts", "image_widths"):
        if name in values:
            values[name] = tuple(values[name])
    if "pdf" in values:
        values["pdf"] = _boolean(values["pdf"])
    if "site_url" in values:
        values["site_url"] = str(values["site_url"]).rstrip("/")
    if "today" in values:
        clock.today(values["today"])  # fails early on a malformed date
    return values
