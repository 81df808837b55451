"""Pipeline stage: the catalogue pages (whole and per sector) with their PDFs, and the shortlist page."""

from __future__ import annotations

import logging
import time

from .documents import publish
from .sections import edition_date, full_catalogue, sector_catalogues
from .shortlist import write_shortlist

log = logging.getLogger(__name__)


def write(build) -> None:
    started = time.perf_counter()
    portfolio, lang = build.portfolio, build.lang
    whole = full_catalogue(portfolio, lang)
    by_sector = sector_catalogues(portfolio, lang)
    pdfs = publish(build, [(("catalogue",), whole, None)]
                   + [(("catalogue-sector", s.sector.key), [s], s.sector) for s in by_sector])
    fits = len(portfolio.enterprises) <= build.settings["CATALOGUE_PAGE_MAX_ENTERPRISES"]
    build.render("catalogue.html", ("catalogue",), sections=whole if fits else None, sector_sections=by_sector,
                 pdfs=pdfs, edition=edition_date(portfolio.enterprises), count=len(portfolio.enterprises))
    for section in by_sector:
        key = ("catalogue-sector", section.sector.key)
        build.render("catalogue_sector.html", key, section=section, pdf=pdfs[key],
                     edition=edition_date(section.enterprises))
    write_shortlist(build)
    log.info("catalogue (%s): stage done in %.1f s", lang, time.perf_counter() - started)
