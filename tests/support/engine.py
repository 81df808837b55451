"""A real Site and language builds for unit tests of stages, without Pelican."""

from pathlib import Path

from portfolio.engine.build import PortfolioBuild
from portfolio.engine.stage import Site
from portfolio.engine.writer import Writer
from portfolio.records.load import load_portfolio
from portfolio.settings import Settings
from portfolio.site.content import ContentIndex
from portfolio.site.media import Media
from portfolio.site.urls import Urls

from .tools import REPO


def make_site(tmp: Path, root: Path = REPO, portfolio=None, content: ContentIndex | None = None, **settings) -> Site:
    """A Site writing into `tmp/site` (after `site.writer.commit()`), its cache in `tmp/cache`."""
    values = dict(root=root, cache=tmp / "cache", site_url="https://portfolio.example", site_name="Portfolio",
                  theme=REPO / "theme", workers=1, **settings)
    config = Settings(**values)
    portfolio = portfolio or load_portfolio(root).portfolio
    content = content or ContentIndex({}, {})
    urls = Urls(portfolio.vocabulary)
    content.register(urls)
    output = tmp / "site"
    return Site(config, portfolio, content, urls, Media(config), Writer(output, tmp / "cache" / "manifest.json"))


def make_build(site: Site, lang: str, stage: str = "test", globals_of=()) -> PortfolioBuild:
    """The build of `lang`, with the base template globals and those of the stage modules `globals_of`."""
    build = PortfolioBuild(site, lang)
    build.env.globals.update(build.base_globals())
    for module in globals_of:
        build.env.globals.update(module.template_globals(build))
    build.stage = stage
    return build
