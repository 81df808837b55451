"""The plugin's settings: one typed object with the defaults, read once from Pelican's settings.

`pelicanconf.py` / `publishconf.py` set values by the names below (`PORTFOLIO_<FIELD IN CAPITALS>`);
the names in ENVIRONMENT can also come from environment variables, which win. A setting that was renamed
fails with its new name; an unknown `PORTFOLIO_*` name fails too (most likely a typo).

A new setting is a field here (with its default and a comment); templates never see this object, only
what the stages give them."""

from __future__ import annotations

import dataclasses
import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import clock

REPOSITORY = Path(__file__).resolve().parents[2]

# The site's languages, French first (the default), with the locale of each: the one list of them.
LANGUAGES = {"fr": "fr_CA", "en": "en_CA"}
LANGS = tuple(LANGUAGES)

PREFIX = "PORTFOLIO_"
# Settings that an environment variable of the same name overrides.
ENVIRONMENT = ("PORTFOLIO_ROOT", "PORTFOLIO_CACHE", "PORTFOLIO_SITE_URL", "PORTFOLIO_TODAY", "PORTFOLIO_PDF",
               "PORTFOLIO_CONTACT_EMAIL", "PORTFOLIO_REPOSITORY_URL", "PORTFOLIO_REPOSITORY_BRANCH",
               "PORTFOLIO_ALLOW_LOCAL", "PORTFOLIO_ALLOW_EXAMPLES", "PORTFOLIO_WORKERS")
# Old name -> new name.
RENAMED = {
    "PORTFOLIO_SITE_ORIGIN": "PORTFOLIO_SITE_URL",
    "PORTFOLIO_LANGS": "(none: the languages are fixed in portfolio/settings.py, LANGUAGES)",
    "PORTFOLIO_LOCALES": "(none: the locales are fixed in portfolio/settings.py, LANGUAGES)",
    "CATALOGUE_PDF_MAX_ENTERPRISES": "PORTFOLIO_PDF_MAX_ENTERPRISES",
    "CATALOGUE_PDF_WORKERS": "PORTFOLIO_WORKERS",
    "CATALOGUE_PAGE_MAX_ENTERPRISES": "PORTFOLIO_CATALOGUE_PAGE_MAX_ENTERPRISES",
    "OPEN_DATA_LICENCE": "PORTFOLIO_OPEN_DATA_LICENCE",
    "REPOSITORY_EDIT_URL": "PORTFOLIO_REPOSITORY_URL and PORTFOLIO_REPOSITORY_BRANCH",
    "PORTFOLIO_EDIT_URL": "PORTFOLIO_REPOSITORY_URL and PORTFOLIO_REPOSITORY_BRANCH",
    "CONTACT_EMAIL": "PORTFOLIO_CONTACT_EMAIL",
}


# What a <meta> cannot carry (frame-ancestors, sandbox, report-uri) is sent only as a header.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "Strict-Transport-Security": "max-age=31536000",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# The shipped placeholders, which `make publish` refuses (so do addresses on reserved names: RFC 2606).
EXAMPLES = {"PORTFOLIO_CONTACT_EMAIL": "portfolio@cesim.example",
            "PORTFOLIO_REPOSITORY_URL": "https://github.com/cesim-montreal/portfolio-economie-sociale"}
CACHE_CONTROL = {"fingerprinted": "public, max-age=31536000, immutable", "other": "public, max-age=300"}


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
    # Where the site is published: scheme, host and optional path (https://www.example.org/portfolio). Every
    # URL the site emits starts with its path; canonical links, feeds, sitemap and JSON-LD use all of it.
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
    # The public repository (GitHub) and its branch: the "update this listing" links open files there.
    repository_url: str = ""
    repository_branch: str = "main"
    contact_email: str = ""
    # Publication (`make publish`): refuse placeholder settings and example records unless allowed.
    publish: bool = False
    allow_local: bool = False  # a site URL on localhost / 127.0.0.1 (tests)
    allow_examples: bool = False  # records and news marked `example: true` (tests, demonstrations)
    # Response headers of every file, written for nginx, Apache and Netlify/Cloudflare (site/hosting.py).
    security_headers: dict = field(default_factory=lambda: dict(SECURITY_HEADERS))
    # Cache-Control of fingerprinted CSS/JS (content hash in the name) and of every other file.
    cache_control: dict = field(default_factory=lambda: dict(CACHE_CONTROL))
    # Write a .gz and a .br beside every text file (engine/precompress.py): on for publication.
    precompress: bool = False
    # The licence of the open-data exports: {"name": {"fr": …, "en": …}, "url": …}.
    open_data_licence: dict = field(default_factory=dict)
    # From Pelican's own settings.
    site_name: str = ""
    theme: Path = REPOSITORY / "theme"
    theme_static_dir: str = "theme"

    @property
    def build_date(self):
        return clock.today(self.today or None)

    @property
    def origin(self) -> str:
        """Scheme and host of `site_url` (`https://www.example.org`)."""
        parts = urlsplit(self.site_url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def base_path(self) -> str:
        """Path of `site_url` without a trailing slash (`/portfolio`, or "" at the host's root)."""
        return urlsplit(self.site_url).path

    def edit_url(self, path: str) -> str:
        """Where the repository file `path` is edited on the repository host."""
        return f"{self.repository_url}/edit/{self.repository_branch}/{path}"

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

    def publication_problems(self) -> list[str]:
        """Why these settings must not go live (placeholders, a local site URL), each with its fix."""
        problems = []
        given = {"PORTFOLIO_CONTACT_EMAIL": (self.contact_email, self.contact_email.rpartition("@")[2]),
                 "PORTFOLIO_REPOSITORY_URL": (self.repository_url, urlsplit(self.repository_url).hostname or "")}
        for name, (value, host) in given.items():
            if not value or value == EXAMPLES[name] or _reserved(host):
                problems.append(f"{name} is {value!r}, a placeholder: set the real one in publishconf.py or "
                                "the environment")
        host = urlsplit(self.site_url).hostname or ""
        if _local(host) and not self.allow_local:
            problems.append(f"PORTFOLIO_SITE_URL is {self.site_url!r}, a local address: set the public one "
                            "(or PORTFOLIO_ALLOW_LOCAL=1 to publish for a local server)")
        elif _reserved(host) and not _local(host):
            problems.append(f"PORTFOLIO_SITE_URL is {self.site_url!r}, a placeholder: set the public one")
        return problems

    def digest_fields(self) -> dict:
        """The settings that can change what the site contains (not where files are or how fast). The
        build date is left out: what depends on it (freshness badges, upcoming events) is given to the
        pages as values, which change only when a threshold is crossed."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)
                if f.name not in ("root", "cache", "workers", "today")}


def _typed(values: dict) -> dict:
    """Values converted to their field's type (environment variables are strings)."""
    for name in ("root", "cache", "theme"):
        if name in values:
            values[name] = Path(values[name])
    for name in ("stages", "scripts", "image_widths"):
        if name in values:
            values[name] = tuple(values[name])
    for name in ("pdf", "publish", "allow_local", "allow_examples", "precompress"):
        if name in values:
            values[name] = _boolean(values[name])
    if "workers" in values:
        values["workers"] = int(values["workers"])
    if "site_url" in values:
        values["site_url"] = _site_url(values["site_url"])
    if "repository_url" in values:
        values["repository_url"] = str(values["repository_url"]).rstrip("/")
    if "today" in values:
        clock.today(values["today"])  # fails early on a malformed date
    return values


def _reserved(host: str) -> bool:
    """A host name reserved for examples and tests (RFC 2606, RFC 6761)."""
    host = host.lower().rstrip(".")
    return (host in ("example.com", "example.org", "example.net")
            or any(host == name or host.endswith("." + name) for name in ("example", "test", "invalid", "localhost")))


def _local(host: str) -> bool:
    """localhost or a loopback, private or unspecified IP address."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return host.lower() == "localhost" or host.lower().endswith(".localhost")
    return address.is_loopback or address.is_private or address.is_unspecified


def _site_url(value) -> str:
    """`value` without a trailing slash, refused unless it is an http(s) URL with a host and no query."""
    url = str(value).strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise SettingsError(f"PORTFOLIO_SITE_URL: expected http(s)://host[/path], got {value!r}")
    return url
