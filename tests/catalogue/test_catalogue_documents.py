"""Which PDFs a language build publishes: none for a catalogue above CATALOGUE_PDF_MAX_ENTERPRISES."""

from pathlib import Path

from babel.support import Translations

from portfolio.catalogue.documents import publish
from portfolio.catalogue.sections import sector_catalogues
from portfolio.records.load import load_portfolio
from portfolio.site.templating import environment
from support.tools import REPO


class Build:
    """The part of PortfolioBuild that `publish` uses."""

    lang = "fr"

    def __init__(self, tmp: Path, limit: int):
        self.portfolio = load_portfolio(REPO).portfolio
        self.settings = {"THEME": str(REPO / "theme"), "CATALOGUE_PDF_MAX_ENTERPRISES": limit,
                         "CATALOGUE_PDF_WORKERS": 1}
        self.cache, self.output = tmp / "cache", tmp / "site"
        self.env = environment(REPO / "theme" / "templates", Translations(), "fr", "fr_CA")
        self.media = type("Media", (), {"source_path": lambda _self, image: REPO / image.path})()

    def url(self, key, lang=None):
        return "/catalogue/" + (f"{key[1]}/" if len(key) > 1 else "")

    def context(self, key):
        return {"lang": self.lang, "url": self.url, "absolute": lambda u: "https://example.org" + u,
                "site_name": "Portfolio", "page_key": key}

    def write_file(self, path, data):
        target = self.output / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def test_catalogues_above_the_limit_get_no_pdf(tmp_path):
    build = Build(tmp_path, limit=1)
    sections = sector_catalogues(build.portfolio, "fr")
    small = next(s for s in sections if len(s.enterprises) == 1)
    large = next(s for s in sections if len(s.enterprises) > 1)
    downloads = publish(build, [(("catalogue-sector", small.sector.key), [small], small.sector),
                                (("catalogue-sector", large.sector.key), [large], large.sector)])
    assert downloads[("catalogue-sector", large.sector.key)] is None
    made = downloads[("catalogue-sector", small.sector.key)]
    assert made.url == f"/catalogue/{small.sector.key}/catalogue-{small.sector.key}-fr.pdf"
    assert (build.output / made.url.lstrip("/")).read_bytes()[:5] == b"%PDF-"
    assert [p.name for p in build.output.rglob("*.pdf")] == [made.url.rsplit("/", 1)[1]]
