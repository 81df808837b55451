"""Search benchmark: index build time, sizes, bytes before the first result and query time in Chromium.

    .venv/bin/python benchmarks/search.py [--sizes 40 1000 10000] [--json results.json]

For each size N, writes N synthetic enterprises (`python -m portfolio.synthetic N DEST`), loads them,
builds the search files of both languages, and compares with a baseline measured in the same run:
the stock lunr.py index (English pipeline, the same fields, lunr's own JSON). It then serves the
sample site's search page with these files through nginx (gzip on, as recommended for hosting) and,
in Debian's Chromium, types a query on a fresh page: bytes transferred until the first result, and
the median time of a fixed query set (search + facet counts, both index tiers loaded).
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "plugins"), str(REPO / "tests")]

from lunr import lunr as stock_lunr  # noqa: E402

from portfolio.records.load import load_portfolio  # noqa: E402
from portfolio.search.documents import FIELDS, StoreLinks, indexed_fields  # noqa: E402
from portfolio.search.index import search_files  # noqa: E402
from portfolio.search.stage import FILE_NAMES  # noqa: E402
from portfolio.site.urls import Urls  # noqa: E402

QUERIES = ["traiteur", "trait", "entretien ménager", "informatique", "vélo", "recyclage mobilier",
           "formation", "montreal", "impression affiches", "marmitte", "déneigement", "c", "coop"]
SEARCH_PATHS = {"fr": "/recherche/", "en": "/en/search/"}


def dumps(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def sizes(data: bytes) -> dict:
    return {"raw": len(data), "gzip": len(gzip.compress(data, 6))}


def thumbnail(image) -> str:
    """A thumbnail URL of the shape Media.thumbnail gives (images are not processed here)."""
    return "/media/" + image.path.removeprefix("enterprises/media/").rsplit(".", 1)[0] + "-thumb.webp"


def build(portfolio, out: Path) -> dict:
    """Build our files and the baseline for both languages; write ours under `out`; return figures."""
    links = StoreLinks(url=Urls(portfolio.vocabulary).url, thumbnail=thumbnail)
    figures = {}
    for lang in ("fr", "en"):
        started = time.perf_counter()
        files = {role: dumps(data) for role, data in search_files(portfolio, lang, links).items()}
        seconds = time.perf_counter() - started
        for role, data in files.items():
            path = out / SEARCH_PATHS[lang].strip("/") / FILE_NAMES[role].format(lang=lang)
            path.write_bytes(data)
        figures[lang] = {"build_seconds": round(seconds, 2), **{role: sizes(data) for role, data in files.items()}}
    names = tuple(name for name, _ in FIELDS)
    documents = [{"ref": str(n), **indexed_fields(e, "en", names)} for n, e in enumerate(portfolio.enterprises)]
    started = time.perf_counter()
    index = stock_lunr(ref="ref", fields=[{"field_name": n, "boost": b} for n, b in FIELDS], documents=documents)
    figures["baseline"] = {"build_seconds": round(time.perf_counter() - started, 2), **sizes(dumps(index.serialize()))}
    return figures


MEASURE = """async ([queries, files, count]) => {
  const load = async (url) => portfolioSearch.load(await (await fetch(url)).json());
  const indexes = [await load(files[0]), await load(files[1])];
  const store = await (await fetch(files[2])).json();
  const none = store.facets.map(() => []);
  const medians = queries.map((q) => {
    const times = [];
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      portfolioSearch.facets(store, portfolioSearch.search(indexes, q, store.docs.length).refs, none);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return times[3];
  });
  return medians;
}"""


def browse(browser, url: str, lang: str) -> dict:
    """Bytes until the first result of a typed query on a fresh page, then query times."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + SEARCH_PATHS[lang])
    page.wait_for_load_state("networkidle")
    before = page.evaluate("performance.getEntriesByType('resource').length")
    started = time.perf_counter()
    page.fill("#search-q", "traiteur" if lang == "fr" else "catering")
    page.wait_for_selector("#search-results li", timeout=120_000)
    first_result_ms = (time.perf_counter() - started) * 1000
    page.wait_for_load_state("networkidle")
    entries = page.evaluate("n => performance.getEntriesByType('resource').slice(n)"
                            ".map(e => [e.name, e.transferSize, e.startTime])", before)
    # Scripts and JSON only: the result logos (lazy images) are not needed to show results.
    entries = [e for e in entries if e[0].endswith((".js", ".json"))]
    needed = [e for e in entries if "-more.json" not in e[0]]
    files = [SEARCH_PATHS[lang] + FILE_NAMES[r].format(lang=lang) for r in ("main", "more", "docs")]
    medians = page.evaluate(MEASURE, [QUERIES, files, 0])
    context.close()
    return {"bytes_before_first_result": sum(e[1] for e in needed),
            "bytes_with_second_tier": sum(e[1] for e in entries),
            "first_result_ms": round(first_result_ms), "files": [e[0].split("/")[-1] for e in needed],
            "query_ms_median": round(statistics.median(medians), 2), "query_ms_max": round(max(medians), 2)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 1000, 10000])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    from support.browser import chromium
    from support.server import nginx
    from support.site import build_site, settings_overlay

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        site = tmp / "site"
        print("building the sample site for its search page…", file=sys.stderr)
        settings = settings_overlay(tmp, PORTFOLIO_STAGES=[  # the pages and search stages only (no PDFs: faster)
            "portfolio.content.stage", "portfolio.site.pages", "portfolio.search.stage"])
        build_site(site, settings=str(settings))
        with nginx(site, tmp) as url, chromium() as browser:
            for n in args.sizes:
                root = tmp / f"portfolio-{n}"
                subprocess.run([sys.executable, "-m", "portfolio.synthetic", str(n), str(root)], check=True,
                               env={"PYTHONPATH": str(REPO / "plugins")}, cwd=REPO)
                loaded = load_portfolio(root)
                assert loaded.portfolio is not None, loaded.diagnostics
                figures = build(loaded.portfolio, site)
                for lang in ("fr", "en"):
                    figures[lang]["browser"] = browse(browser, url, lang)
                results[n] = figures
                print(json.dumps({n: figures}, indent=1), file=sys.stderr)
                shutil.rmtree(root)
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


def report(results: dict) -> str:
    """A Markdown table of the figures, with ratios to the stock lunr index and to the smallest size."""
    smallest = min(results)
    lines = ["| enterprises | lang | build s | first tier gz | second tier gz | store gz | ours total gz "
             "| stock lunr gz (ratio) | bytes before 1st result | query ms median (max) | vs smallest |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for n, figures in results.items():
        for lang in ("fr", "en"):
            f = figures[lang]
            ours = f["main"]["gzip"] + f["more"]["gzip"]
            base = figures["baseline"]["gzip"]
            b = f["browser"]
            scale = b["bytes_before_first_result"] / results[smallest][lang]["browser"]["bytes_before_first_result"]
            lines.append(
                f"| {n:,} | {lang} | {f['build_seconds']} | {f['main']['gzip'] / 1000:.0f} KB "
                f"| {f['more']['gzip'] / 1000:.0f} KB | {f['docs']['gzip'] / 1000:.0f} KB "
                f"| {ours / 1000:.0f} KB ({(f['main']['raw'] + f['more']['raw']) / 1000:.0f} KB raw) "
                f"| {base / 1000:.0f} KB ({figures['baseline']['raw'] / 1000:.0f} KB raw), ours ×{ours / base:.2f} "
                f"| {b['bytes_before_first_result'] / 1000:.0f} KB | {b['query_ms_median']} ({b['query_ms_max']}) "
                f"| bytes ×{scale:.1f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
