"""Stage `portfolio.catalogue.stage`: the catalogue pages (whole and per sector) with their PDFs (only when
the setting PORTFOLIO_PDF is on: previews say the PDFs are made at publication), and the shortlist page."""

from __future__ import annotations

import logging
import time

from ..site import freshness
from .documents import publish
from .sections import edition_date, full_catalogue, sector_catalogues
from .shortlist import write_shortlist

log = logging.getLogger(__name__)


def template_globals(build) -> dict:
    """`catalogue_block(e, badges)`: an enterprise's block of the web catalogues with its freshness badges,
    rendered once per language; `catalogue_section(s, badges)`: a sector of the whole catalogue's page
    (`badges`: freshness.flagged of the portfolio), made again only when one of its enterprises changed."""
    return {"catalogue_block": lambda enterprise, badges=(): build.fragment("catalogue_block.html", enterprise,
                                                                            badges=badges),
            "catalogue_section": lambda section, badges: build.part(
                "catalogue_section.html", ("catalogue", section.sector.key), s=section, page_key=("catalogue",),
                badges=freshness.of_page(section.enterprises, badges))}


def write(build) -> None:
    started = time.perf_counter()
    portfolio, lang, today = build.portfolio, build.lang, build.settings.build_date
    whole = full_catalogue(portfolio, lang)
    by_sector = sector_catalogues(portfolio, lang)
    catalogues = [(("catalogue",), whole, None)] + [(("catalogue-sector", s.sector.key), [s], s.sector)
                                                     for s in by_sector]
    made = build.settings.pdf
    pdfs = publish(build, catalogues) if made else {key: None for key, _, _ in catalogues}
    fits = len(portfolio.enterprises) <= build.settings.catalogue_page_max_enterprises
    flags = freshness.portfolio_flags(portfolio, today)
    build.render("catalogue.html", ("catalogue",), sections=whole if fits else None, sector_sections=by_sector,
                 pdfs=pdfs, pdfs_made=made, edition=edition_date(portfolio.enterprises),
                 count=len(portfolio.enterprises), badges=flags)
    for section in by_sector:
        key = ("catalogue-sector", section.sector.key)
        build.render("catalogue_sector.html", key, section=section, pdfs={key: pdfs[key]}, pdfs_made=made,
                     edition=edition_date(section.enterprises), badges=freshness.of_page(section.enterprises, flags))
    write_shortlist(build)
    log.info("catalogue (%s): stage done in %.1f s", lang, time.perf_counter() - started)
