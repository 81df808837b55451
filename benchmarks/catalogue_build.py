"""Catalogue benchmark: site build time with the catalogue and PDF stages, cold and with nothing changed.

    .venv/bin/python benchmarks/catalogue_build.py [--sizes 40 1000] [--pdf-limit N|none] [--json FILE] [--pages DIR]

For each size N, writes N synthetic enterprises (`python -m portfolio.synthetic N DEST`), then builds the
whole site with Pelican (as `tests/support/site.py: build_site` does, warnings fatal, verbose) three times with its own
empty cache folder: (1) cold: every PDF rendered; (2) again with no change: every PDF from the cache;
(3) after editing one enterprise's summary: only the PDFs that contain it rendered again.
Reports wall times of the whole build and of the catalogue stage, the PDF rendering time, how many PDFs
were rendered, their pages and sizes. --pdf-limit overrides CATALOGUE_PDF_MAX_ENTERPRISES (none: every
catalogue gets its PDF, the whole one included). --pages DIR renders the first pages of the whole French and
English catalogues to PNG there, to look at.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "plugins"), str(REPO / "tests")]

from pypdf import PdfReader  # noqa: E402
from support.site import settings_overlay  # noqa: E402


STAGE = re.compile(r"catalogue \((\w+)\): stage done in ([\d.]+) s")
PDFS = re.compile(r"catalogue \((\w+)\): (\d+) PDF\(s\) rendered, (\d+) unchanged .*? in ([\d.]+) s")


def settings_file(folder: Path, pdf_limit: str | None) -> Path:
    """pelicanconf.py, or a file importing it with CATALOGUE_PDF_MAX_ENTERPRISES overridden."""
    if pdf_limit is None:
        return REPO / "pelicanconf.py"
    return settings_overlay(folder, CATALOGUE_PDF_MAX_ENTERPRISES=None if pdf_limit == "none" else int(pdf_limit))


def build(root: Path, output: Path, cache: Path, settings: Path) -> dict:
    """One Pelican build as tests/support/site.py runs it, verbose so that the stages' timings are logged."""
    env = {**os.environ, "PORTFOLIO_ROOT": str(root), "PORTFOLIO_CACHE": str(cache), "COLUMNS": "400",
           "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pelican", str(REPO / "content"), "-s", str(settings),
                             "-o", str(output), "--fatal", "warnings", "--verbose"],
                            cwd=REPO, env=env, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    log = " ".join((result.stdout + result.stderr).split())
    return {
        "build_s": round(wall, 1),
        "catalogue_stage_s": {lang: float(s) for lang, s in STAGE.findall(log)},
        "pdf_s": {lang: float(s) for lang, _r, _c, s in PDFS.findall(log)},
        "pdfs_rendered": {lang: int(r) for lang, r, _c, _s in PDFS.findall(log)},
        "pdfs_cached": {lang: int(c) for lang, _r, c, _s in PDFS.findall(log)},
    }


def edit_one(root: Path) -> None:
    record = sorted((root / "enterprises").glob("*.yaml"))[len(list((root / "enterprises").glob("*.yaml"))) // 2]
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r"(?m)^(summary:\n  fr: )", r"\1Modifié, ", text, count=1), encoding="utf-8")


def pdf_facts(output: Path) -> dict:
    whole = {lang: output / path for lang, path in (("fr", "catalogue/catalogue-fr.pdf"),
                                                   ("en", "en/catalogue/catalogue-en.pdf"))}
    facts = {lang: {"pages": len(PdfReader(p).pages), "bytes": p.stat().st_size} for lang, p in whole.items() if p.exists()}
    sectors = list((output / "catalogue").glob("*/catalogue-*-fr.pdf"))
    facts["sector_pdfs_fr"] = {"count": len(sectors), "bytes": sum(p.stat().st_size for p in sectors)}
    return facts


def run(n: int, pages: Path | None, pdf_limit: str | None) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        root, output, cache = folder / "root", folder / "site", folder / "cache"
        subprocess.run([sys.executable, "-m", "portfolio.synthetic", str(n), str(root)], check=True,
                       cwd=REPO, env={"PYTHONPATH": str(REPO / "plugins")}, capture_output=True)
        for data in (REPO / "data").iterdir():  # files of data/ the generator may not copy (results.yaml)
            if not (root / "data" / data.name).exists():
                shutil.copy(data, root / "data" / data.name)
        settings = settings_file(folder, pdf_limit)
        report = {"enterprises": n, "pdf_limit": pdf_limit, "cold": build(root, output, cache, settings)}
        report["unchanged"] = build(root, output, cache, settings)
        edit_one(root)
        report["one_enterprise_edited"] = build(root, output, cache, settings)
        report["pdfs"] = pdf_facts(output)
        if pages:
            pages.mkdir(parents=True, exist_ok=True)
            for lang, path in (("fr", "catalogue/catalogue-fr.pdf"), ("en", "en/catalogue/catalogue-en.pdf")):
                subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "4", str(output / path),
                                str(pages / f"catalogue-{n}-{lang}")], check=True)
        return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 1000])
    parser.add_argument("--pdf-limit")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--pages", type=Path)
    args = parser.parse_args()
    results = []
    for n in args.sizes:
        results.append(run(n, args.pages, args.pdf_limit))
        print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
