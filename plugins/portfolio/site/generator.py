"""The Pelican generator of the portfolio: loads the records once, then runs every stage of
PORTFOLIO_STAGES for each language, then writes sitemap.xml and robots.txt."""

from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path

from pelican.generators import Generator

from ..records.load import load_portfolio
from .content import ContentIndex
from .context import PortfolioBuild
from .i18n import load_translations
from .media import Media
from .sitemap import Sitemap, robots
from .templating import environment, filters
from .urls import LANGS, Urls

_loaded: dict[str, object] = {}  # portfolio root -> Portfolio, loaded once per process


class PortfolioBuildError(RuntimeError):
    """The records have errors: nothing is published."""


def portfolio_of(root: str):
    """The validated portfolio of `root`; every diagnostic printed and the build stopped on errors."""
    if root not in _loaded:
        result = load_portfolio(Path(root))
        for diagnostic in result.diagnostics:
            print(diagnostic, file=sys.stderr)
        if result.portfolio is None:
            raise PortfolioBuildError(f"{len(result.diagnostics)} problem(s) in the records of {root}")
        _loaded[root] = result.portfolio
    return _loaded[root]


class PortfolioGenerator(Generator):
    """Writes the pages of the records (and whatever other stages add) in both languages."""

    def generate_context(self):
        self.portfolio = portfolio_of(self.settings["PORTFOLIO_ROOT"])

    def generate_output(self, writer):
        settings, output = self.settings, Path(self.output_path)
        theme = Path(settings["THEME"])
        content = ContentIndex.of(self.context)
        urls = Urls(self.portfolio.vocabulary)
        content.register(urls)
        media = Media(settings["PORTFOLIO_ROOT"], output, settings["PORTFOLIO_CACHE"],
                      settings["PORTFOLIO_IMAGE_WIDTHS"], settings["PORTFOLIO_THUMBNAIL_WIDTH"],
                      settings["PORTFOLIO_IMAGE_QUALITY"])
        sitemap = Sitemap()
        stages = [import_module(name) for name in settings["PORTFOLIO_STAGES"]]
        for lang in LANGS:
            translations = load_translations(theme / "translations", lang)
            env = environment(theme / "templates", translations, lang, settings["PORTFOLIO_LOCALES"][lang])
            build = PortfolioBuild(self.portfolio, lang, settings, output, Path(settings["PORTFOLIO_CACHE"]),
                                   urls, media, env, translations, sitemap, content)
            for stage in stages:
                stage.write(build)
        origin = settings["PORTFOLIO_SITE_ORIGIN"].rstrip("/")
        build.write_file("sitemap.xml", sitemap.xml(urls, origin))
        build.write_file("robots.txt", robots(origin))


def share_filters(generator) -> None:
    """Give Pelican's own template environment our filters: Pelican compiles the page and article
    templates (it never writes them: the portfolio renders content in both languages itself)."""
    env = getattr(generator, "env", None)
    if env is not None:
        lang = generator.settings["DEFAULT_LANG"]
        env.filters.update(filters(lang, generator.settings["PORTFOLIO_LOCALES"][lang]))
