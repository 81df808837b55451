"""PortfolioBuild: what a stage's `template_globals` and `write` receive, once per language."""

from __future__ import annotations

from pathlib import Path

from babel.support import Translations
from markupsafe import Markup

from ..settings import LANGS, LANGUAGES
from ..site.hosting import meta_policy
from ..site.i18n import load_translations
from ..site.templating import environment
from ..site.urls import rebase_links
from .cache import digest
from .fingerprint import Lazy, fingerprint
from .fragments import SHARED, FragmentStore
from .parallel import language_share
from .stage import Site
from .templates import compiled


class PortfolioBuild:
    """One language's view of the site build: URLs, gettext, rendering and writing."""

    def __init__(self, site: Site, lang: str, translations: Translations | None = None):
        self.site, self.lang = site, lang
        theme = Path(site.settings.theme)
        self.translations = translations or load_translations(theme / "translations", lang, site.settings.cache)
        self.env = environment(theme / "templates", self.translations, lang, LANGUAGES[lang],
                               compiled(site.settings, lang))
        self.stage = ""  # the stage being run, named as the writer of what it writes
        self.prepared = None  # what that stage's prepare returned
        self.shared_digest = ""  # digest of the inputs every page shares (set by the engine)
        self.rendered = 0
        self._fragments: dict[tuple, Markup] = {}
        self._shared: dict[tuple, Markup] = {}
        self._store = FragmentStore(site.settings.cache, lang)

    @property
    def portfolio(self):
        return self.site.portfolio

    @property
    def settings(self):
        return self.site.settings

    @property
    def urls(self):
        return self.site.urls

    @property
    def media(self):
        return self.site.media

    @property
    def content(self):
        return self.site.content

    @property
    def workers(self) -> int:
        """How many processes this language's own work may use (engine/parallel.language_share)."""
        return language_share(self.settings.workers)

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
        return self.site.absolute(url)

    def static(self, path: str) -> str:
        """URL of a file of theme/static (under its fingerprinted name for CSS and JavaScript)."""
        return self.site.static(path)

    def root_url(self, path: str = "") -> str:
        """Site-absolute URL of a file named relative to the site's root (`sitemap.xml`)."""
        return self.site.root_url(path)

    def context(self, key: tuple | None, page: int = 1) -> dict:
        """The context every template gets (what depends on the page; the rest are globals)."""
        other = self.other_lang
        translated = key is not None and self.urls.exists(key, other)
        alternate = self.url(key, other, page) if translated else self.url(("home",), other)
        own = self.url(key, page=page) if key is not None else None
        return {
            "page_key": key,
            "page_number": page,
            "page_url": own,
            "canonical": self.absolute(own) if own else None,
            "alternate_url": alternate,
            "alternates": {self.lang: own, other: alternate} if translated else {},
        }

    def base_globals(self) -> dict:
        """The names every template can use, whatever the stages give."""
        return {
            "lang": self.lang,
            "other_lang": self.other_lang,
            "locale": LANGUAGES[self.lang],
            "url": self.url,
            "absolute": self.absolute,
            "static": self.static,
            "root_url": self.root_url,
            "site_links": lambda html: Markup(rebase_links(html, self.settings.base_path)),
            "media": self.media,
            "vocabulary": self.portfolio.vocabulary,
            "site_name": self.settings.site_name,
            "contact_email": self.settings.contact_email,
            "csp_meta": meta_policy(self.settings.security_headers.get("Content-Security-Policy", "")),
            "scripts": self.settings.scripts,
            "content_pages": self.content.menu(self.lang),
            "content_url": self.content_url,
            "card": lambda e, badges=(): self.fragment("partials/enterprise_card.html", e, badges=badges),
            "shared": self.shared,
        }

    def shared(self, template_name: str, **context) -> Markup:
        """`template_name` rendered once per language for each `context`: a part of many pages that reads
        nothing of the page but `context` and the globals (the menus, the footer). Names of the page's own
        context are undefined there, so a part that reads one fails rather than being shared wrongly."""
        key = (template_name, *sorted(context.items()))
        if key not in self._shared:
            self._shared[key] = Markup(self.env.get_template(template_name).render(context))
        return self._shared[key]

    def fragment(self, template_name: str, enterprise, **context) -> Markup:
        """`template_name` rendered for `enterprise` (as `e`), once per language however many pages show it,
        and taken from an earlier build while the record and the shared inputs are the same (fragments.py)."""
        key = (template_name, enterprise.slug, *sorted(context.items()))
        if key not in self._fragments:
            inputs = digest(self.shared_digest, template_name, enterprise.digest, fingerprint(context))
            self._fragments[key] = self._kept(repr(key), enterprise.slug, inputs, template_name,
                                              {**context, "e": enterprise})
        return self._fragments[key]

    def part(self, template_name: str, name: tuple, **context) -> Markup:
        """`template_name` rendered with `context` (records, plain values: see fingerprint.py), taken from an
        earlier build while it and the shared inputs are the same: a part of one page made of many records,
        most of which an edit leaves alone (a sector of the whole catalogue). `name` tells it from the other
        parts made with that template."""
        identity = repr((template_name, name))
        inputs = digest(self.shared_digest, identity, fingerprint(context))
        return self._kept(identity, SHARED, inputs, template_name, context)

    def _kept(self, identity: str, owner: str, inputs: str, template_name: str, context: dict) -> Markup:
        """The part kept under `identity` when it was made from `inputs`, else rendered now and kept for the
        next builds (`owner`: the enterprise it shows, or fragments.SHARED)."""
        html = self._store.get(identity, inputs)
        if html is None:
            html = self.env.get_template(template_name).render({**self.context(None), **context})
            self._store.put(identity, owner, inputs, html)
        return Markup(html)

    def keep_fragments(self) -> None:
        """Store the fragments this build rendered for the next builds."""
        self._store.save([enterprise.slug for enterprise in self.portfolio.enterprises])

    def render(self, template_name: str, key: tuple, page_number: int = 1, **context) -> None:
        """Render page `key` (page `page_number` of a listing) with `template_name`, unless it was made from
        the very same inputs by the previous build; register it for the sitemap. Values that are costly to
        make should be given as `Lazy` (engine/fingerprint.py)."""
        self.render_made(template_name, key, context, lambda: context, page_number)

    def render_made(self, template_name: str, key: tuple, inputs, make, page_number: int = 1) -> None:
        """`render` with the context `make()` gives, made only when the page is rendered: it must be made from
        `inputs` (records, plain values: see fingerprint.py), the settings, the language and the shared inputs
        only. For a page whose context costs more to make than its inputs to fingerprint."""
        path = self.urls.output_path(key, self.lang, page_number)
        digested = digest(self.shared_digest, template_name, fingerprint([key, page_number, inputs]))
        self.site.sitemap.add(key, page_number, self.lang)
        if self.site.writer.reuse(path, digested, by=self.stage):
            return
        values = {name: value() if isinstance(value, Lazy) else value for name, value in make().items()}
        html = self.env.get_template(template_name).render({**self.context(key, page_number), **values})
        self.site.writer.write(path, html, by=self.stage, inputs=digested)
        self.rendered += 1

    def render_file(self, template_name: str, site_path: str, **context) -> None:
        """Render a template to a file that is not a page of the sitemap (e.g. 404.html), unless it was made
        from the very same inputs by the previous build."""
        path = self.urls.site_path(site_path)
        inputs = digest(self.shared_digest, template_name, fingerprint(context))
        if self.site.writer.reuse(path, inputs, by=self.stage):
            return
        html = self.env.get_template(template_name).render({**self.context(None), **context})
        self.site.writer.write(path, html, by=self.stage, inputs=inputs)
        self.rendered += 1

    def write_file(self, site_path: str, data: bytes | str) -> None:
        """Write any output file at `site_path` (relative to the output folder, or a site-absolute URL)."""
        self.site.write_file(site_path, data, self.stage)

    def write_made(self, site_path: str, inputs, make) -> None:
        """Write make() (text or bytes) at `site_path`, unless the previous build made it from the same
        `inputs` (records, plain values: see fingerprint.py) and shared inputs: then keep that file."""
        made_from = digest(self.shared_digest, site_path, fingerprint(inputs))
        self.site.write_made(site_path, made_from, make, self.stage)
