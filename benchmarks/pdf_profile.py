"""PDF profile: processor time per enterprise block of the catalogue PDFs, and where WeasyPrint spends it.

    .venv/bin/python benchmarks/pdf_profile.py [--sizes 200 1000] [--langs fr en] [--workers 2]
                                               [--pdf-limit 500|none] [--profile] [--top 25] [--json FILE]

For each size N, writes N synthetic enterprises (`portfolio.synthetic.write_portfolio`, fixed date), then:
(1) renders the whole catalogue (first language) in this process: processor time per enterprise block;
(2) makes every PDF the build makes (`catalogue_job`, then `pdf.produce` with an empty cache and --workers
processes): the whole catalogue up to --pdf-limit enterprises and one per sector, in every language of
--langs. Reports processor time of this process and its workers (templates included) per block rendered
and per enterprise and language (a sector catalogue describes all its enterprises, so an enterprise of two
sectors is two blocks), and wall time;
(3) with --profile, renders (1) again under cProfile and reports the inclusive time of WeasyPrint's phases
(HTML parsing, CSS cascade, boxes, layout, text shaping, images, drawing, font subsetting, PDF tags, PDF
writing) and the functions with the most own time (cProfile inflates many small calls).
Compare processor times: the machine is shared, wall times vary.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import pstats
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "plugins"), str(REPO / "tests")]

from portfolio.catalogue.documents import STYLESHEET, catalogue_job  # noqa: E402
from portfolio.catalogue.pdf import Cache, produce, render  # noqa: E402
from portfolio.catalogue.sections import full_catalogue, sector_catalogues  # noqa: E402
from portfolio.catalogue.stage import template_globals  # noqa: E402
from portfolio.settings import LANGS  # noqa: E402
from portfolio.synthetic import write_portfolio  # noqa: E402
from support.engine import make_build, make_site  # noqa: E402
from portfolio.site import assets  # noqa: E402

TODAY = dt.date(2025, 6, 1)
# (label, file name ending, function): WeasyPrint phases, by the inclusive time of the function.
PHASES = [
    ("HTML parsing", "weasyprint/__init__.py", "__init__"),
    ("CSS cascade and selector matching", "weasyprint/css/__init__.py", "get_all_computed_styles"),
    ("formatting structure (boxes)", "weasyprint/formatting_structure/build.py", "build_formatting_structure"),
    ("layout (all)", "weasyprint/layout/__init__.py", "layout_document"),
    ("  text shaping (Pango)", "weasyprint/text/line_break.py", "split_first_line"),
    ("  font configuration lookups", "weasyprint/text/fonts.py", "__init__"),
    ("images: load and decode", "weasyprint/images.py", "get_image_from_uri"),
    ("images: encode into the PDF", "weasyprint/images.py", "get_x_object"),
    ("PDF generation (all)", "weasyprint/pdf/__init__.py", "generate_pdf"),
    ("  drawing pages", "weasyprint/draw/__init__.py", "draw_page"),
    ("  font subsetting and embedding", "weasyprint/pdf/fonts.py", "build_fonts_dictionary"),
    ("  PDF tags (structure tree)", "weasyprint/pdf/tags.py", "add_tags"),
    ("  PDF serialisation (pydyf)", "pydyf/__init__.py", "write"),
]


def cpu() -> float:
    """Processor time (user + system) of this process and of its waited-for children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def phases(profile: cProfile.Profile, top: int) -> dict:
    """Inclusive seconds of each WeasyPrint phase and the `top` functions by own time."""
    stats = pstats.Stats(profile)
    total = max(ct for (_f, _l, name), (_cc, _nc, _tt, ct, _c) in stats.stats.items() if name == "render")
    found = {}
    for label, ending, function in PHASES:
        found[label] = round(sum(ct for (file, _l, name), (_cc, _nc, _tt, ct, _c) in stats.stats.items()
                                 if file.endswith(ending) and name == function), 3)
    own = sorted(stats.stats.items(), key=lambda item: -item[1][2])[:top]
    return {"profiled_total_s": round(total, 3), "phases_s": found,
            "own_time_s": [(f"{Path(file).parent.name}/{Path(file).name}:{line} {name}", round(tt, 3), nc)
                           for (file, line, name), (_cc, nc, tt, _ct, _c) in own]}


def catalogue_jobs(site, lang: str, limit: int | None) -> tuple[list, int]:
    """The jobs of every PDF catalogue the build makes in `lang` (the whole one only up to `limit`
    enterprises, one per sector) and how many enterprise blocks they hold."""
    build = make_build(site, lang)
    build.env.globals.update(template_globals(build))
    css = (site.settings.theme / STYLESHEET).read_text(encoding="utf-8")
    catalogues = [(("catalogue-sector", s.sector.key), [s], s.sector) for s in sector_catalogues(site.portfolio, lang)]
    if limit is None or len(site.portfolio.enterprises) <= limit:
        catalogues.insert(0, (("catalogue",), full_catalogue(site.portfolio, lang), None))
    jobs = [catalogue_job(build, key, sections, sector, css) for key, sections, sector in catalogues]
    return jobs, sum(len(s.enterprises) for _key, sections, _sector in catalogues for s in sections)


def run(n: int, langs: list[str], workers: int, limit: int | None, profile: bool, top: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        write_portfolio(folder / "root", n, today=TODAY)
        site = make_site(folder, root=folder / "root", pdf=True, pdf_max_enterprises=None)
        assets.prepare(site)  # the images, made before any page or PDF as in a build
        whole, _blocks = catalogue_jobs(site, langs[0], None)
        started = cpu()
        data, _warnings = render(whole[0])
        single = cpu() - started
        report = {"enterprises": n, "whole_catalogue": {
            "lang": langs[0], "pdf_bytes": len(data), "cpu_s": round(single, 2), "cpu_s_per_block": round(single / n, 4)}}
        started, wall = cpu(), time.perf_counter()
        jobs, blocks = [], 0
        for lang in langs:
            made, held = catalogue_jobs(site, lang, limit)
            jobs, blocks = jobs + made, blocks + held
        produce(jobs, Cache(folder / "cache"), workers)
        spent = cpu() - started
        report["build_pdfs"] = {
            "langs": langs, "workers": workers, "pdf_limit": limit, "pdfs": len(jobs), "blocks": blocks,
            "cpu_s": round(spent, 2), "wall_s": round(time.perf_counter() - wall, 2),
            "cpu_s_per_block": round(spent / blocks, 4),
            "cpu_s_per_enterprise_and_language": round(spent / (n * len(langs)), 4)}
        if profile:
            profiler = cProfile.Profile()
            profiler.runcall(render, whole[0])
            report["profile"] = phases(profiler, top)
        return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--langs", nargs="+", default=["fr", "en"], choices=LANGS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pdf-limit", default="500", help="PORTFOLIO_PDF_MAX_ENTERPRISES (none: no limit)")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = []
    for n in args.sizes:
        limit = None if args.pdf_limit == "none" else int(args.pdf_limit)
        results.append(run(n, args.langs, args.workers, limit, args.profile, args.top))
        print(json.dumps(results[-1], ensure_ascii=False, indent=1), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
