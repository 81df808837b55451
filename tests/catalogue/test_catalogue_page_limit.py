"""Above PORTFOLIO_CATALOGUE_PAGE_MAX_ENTERPRISES the whole-catalogue page lists the sector catalogues instead of
every enterprise, so it stays small however large the portfolio grows."""

from support.html_scan import scan
from support.site import build_site, settings_overlay
from support.tools import REPO



def test_a_large_catalogue_page_links_to_the_sector_catalogues(tmp_path):
    settings = settings_overlay(tmp_path, PORTFOLIO_STAGES=["portfolio.site.assets", "portfolio.catalogue.stage"],
                                PORTFOLIO_CATALOGUE_PAGE_MAX_ENTERPRISES=5)
    build_site(tmp_path / "site", REPO, settings=str(settings), extra_env={"PORTFOLIO_CACHE": str(tmp_path / "cache")})
    for lang, page, sector in (("fr", "catalogue", "/catalogue/alimentation-traiteur/"),
                               ("en", "en/catalogue", "/en/catalogue/food-and-catering/")):
        html = (tmp_path / "site" / page / "index.html").read_text(encoding="utf-8")
        assert 'class="catalogue-entry"' not in html
        assert sector in scan(tmp_path / "site" / page / "index.html").links
        assert (tmp_path / "site" / sector.lstrip("/") / "index.html").read_text(encoding="utf-8").count(
            'class="catalogue-entry"') >= 1
