"""The PDF catalogues of one language: the whole catalogue and one per sector, each rendered only when
its content changed, and none for a catalogue larger than the setting CATALOGUE_PDF_MAX_ENTERPRISES."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from ..site import freshness
from .pdf import Cache, Job, produce
from .sections import Section, edition_date

log = logging.getLogger(__name__)
STYLESHEET = Path("static") / "css" / "catalogue-pdf.css"
PRINT_PIXELS = 260  # a logo prints 22 mm wide: 260 pixels at 300 dpi


@dataclass(frozen=True)
class Download:
    """A published PDF: its URL and size in bytes."""

    url: str
    bytes: int


def file_name(build, key: tuple) -> str:
    """`catalogue-fr.pdf`, `catalogue-food-and-catering-en.pdf`: the page's last URL segment and the language."""
    segment = build.url(key).rstrip("/").rsplit("/", 1)[-1]
    stem = segment if segment == "catalogue" else f"catalogue-{segment}"
    return f"{stem}-{build.lang}.pdf"


def catalogue_job(build, key: tuple, sections: list[Section], sector, css: str) -> Job:
    """The WeasyPrint job of one catalogue: its HTML (catalogue_pdf.html, with the freshness badges of the build
    date, so that a PDF is made again only when a threshold is crossed), stylesheet and images."""
    enterprises = [e for s in sections for e in s.enterprises]
    job = Job(file_name(build, key).removesuffix(".pdf"), "", css)
    job.html = build.env.get_template("catalogue_pdf.html").render({
        **build.context(key), "sections": sections, "sector": sector, "count": len(enterprises),
        "edition": edition_date(enterprises), "badges": freshness.flagged(enterprises, build.settings.build_date),
        "pdf_image": lambda image: job.file_url(build.media.print_file(image, PRINT_PIXELS)),
    })
    return job


def publish(build, catalogues: list[tuple[tuple, list[Section], object]]) -> dict[tuple, Download | None]:
    """Write the PDF of each (page key, sections, sector or None) catalogue next to its page; give
    each page key its Download, or None when the catalogue is too large for a PDF."""
    css = (Path(build.settings.theme) / STYLESHEET).read_text(encoding="utf-8")
    limit = build.settings.pdf_max_enterprises
    jobs: dict[tuple, Job] = {}
    for key, sections, sector in catalogues:
        enterprises = [e for s in sections for e in s.enterprises]
        if limit is not None and len(enterprises) > limit:
            continue
        jobs[key] = catalogue_job(build, key, sections, sector, css)
    started = time.perf_counter()
    pdfs, rendered = produce(list(jobs.values()), Cache(Path(build.settings.cache) / "catalogue"), build.workers)
    log.info("catalogue (%s): %d PDF(s) rendered, %d unchanged taken from the cache, %d too large, in %.1f s",
             build.lang, rendered, len(jobs) - rendered, len(catalogues) - len(jobs), time.perf_counter() - started)
    downloads: dict[tuple, Download | None] = {key: None for key, _, _ in catalogues}
    for key, job in jobs.items():
        url = build.url(key) + job.name + ".pdf"
        build.write_file(url, pdfs[job.name])
        downloads[key] = Download(url, len(pdfs[job.name]))
    return downloads
