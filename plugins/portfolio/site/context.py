"""PortfolioBuild: what every stage receives, once per language (records, URLs, rendering, writing)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from babel.support import Translations
from jinja2 import Environment
from markupsafe import Markup

from ..records.model import Portfolio
from .content import ContentIndex
from .media import Media
from .sitemap import Sitemap
from .urls import LANGS, Urls


@dataclass
class PortfolioBuild:
    """One language's view of the site build; stages call `render` and `write_file`."""

    portfolio: Portfolio
    lang: str
    settings: dict
    output: Path
    cache: Path
    urls: Urls
    media: Media
    env: Environment
    translations: Translations
    sitemap: Sitemap
    content: ContentIndex  # the hand-written pages and news
    _cards: dict = field(default_factory=dict, repr=False)

    @property
    def other_lang(self) -> str:
        return next(lang for lang in LANGS if lang != self.lang)

    def gettext(self, message: str) -> str:
        """`message` translated into this build's language (for text made outside templates)."""
        return self.translations.gettext(message)

    def url(self, key: tuple, lang: str | None = None, page: int = 1) -> str:
        """Site-absolute URL of `key` (in this build's language unless `lang` is given)."""
        return self.urls.url(key, lang or self.lang, page)

    def content_url(self, key: str) -> str | None:
        """URL of the hand-written page `key` in this language, None when it has no version in it."""
        return self.url(("page", key)) if self.urls.exists(("page", key), self.lang) else None

    def absolute(self, url: str) -> str:
        """Absolute URL (with the site's origin) of a site-absolute path."""
        return self.settings["PORTFOLIO_SITE_ORIGIN"].rstrip("/") + url

    def static(self, path: str) -> str:
        """URL of a file of theme/static."""
        return f"/{self.settings['THEME_STATIC_DIR']}/{path}"

    def context(self, key: tuple | None, page: int = 1) -> dict:
        """The context every template gets."""
        other = self.other_lang
        translated = key is not None and self.urls.exists(key, other)
        alternate = self.url(key, other, page) if translated else self.url(("home",), other)
        own = self.url(key, page=page) if key is not None else None
        return {
            "lang": self.lang,
            "other_lang": other,
            "page_key": key,
            "page_number": page,
            "page_url": own,
            "canonical": self.absolute(own) if own else None,
            "alternate_url": alternate,
            "alternates": {self.lang: own, other: alternate} if translated else {},
            "url": self.url,
            "absolute": self.absolute,
            "static": self.static,
            "media": self.media,
            "portfolio": self.portfolio,
            "settings": self.settings,
            "site_name": self.settings["SITENAME"],
            "scripts": self.settings.get("PORTFOLIO_SCRIPTS", []),
            "content_pages": self.content.menu(self.lang),
            "content_url": self.content_url,
            "card": self.card,
        }

    def card(self, enterprise) -> Markup:
        """The listing card of `enterprise` (partials/enterprise_card.html), rendered once per language
        however many listings show it."""
        if enterprise.slug not in self._cards:
            template = self.env.get_template("partials/enterprise_card.html")
            self._cards[enterprise.slug] = Markup(template.render({**self.context(None), "e": enterprise}))
        return self._cards[enterprise.slug]

    def render(self, template_name: str, key: tuple, page_number: int = 1, **context) -> None:
        """Render a theme template as page `key` (page `page_number` of a listing), register it for the
        sitemap."""
        html = self.env.get_template(template_name).render({**self.context(key, page_number), **context})
        self.write_file(self.urls.output_path(key, self.lang, page_number), html)
        self.sitemap.add(key, page_number, self.lang)

    def render_file(self, template_name: str, site_path: str, **context) -> None:
        """Render a template to a file that is not a page of the sitemap (e.g. 404.html)."""
        html = self.env.get_template(template_name).render({**self.context(None), **context})
        self.write_file(site_path, html)

    def write_file(self, site_path: str, data: bytes | str) -> Path:
        """Write any output file at `site_path` (relative to the site root); return its path."""
        path = (self.output / site_path.lstrip("/")).resolve()
        if not path.is_relative_to(self.output.resolve()):
            raise ValueError(f"{site_path}: outside the output folder")
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        return path
