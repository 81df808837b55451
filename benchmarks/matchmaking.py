"""Matchmaking sheet benchmark: what « Mes besoins » fetches, and how long it takes to show a sheet, in
Chromium, at N synthetic enterprises.

    .venv/bin/python benchmarks/matchmaking.py [--sizes 1000 10000] [--rounds 3] [--json FILE]

For each size N it writes N synthetic enterprises (portfolio.synthetic; their logos left out, since the sheet
shows no image), builds them with Pelican and the stages the sheet needs (theme files, search files, the
sheet, the shortlist's export rows) and serves the output with nginx and the snippet the build wrote
(site/hosting.py). In Chromium, on a fresh browser context each round (cold cache), it opens /maillage/,
types NEEDS and submits them:

- bytes fetched: every file the page requested from its navigation to the sheet shown (page, styles,
  scripts, both languages' whole index, refs file, export rows), as headers plus body compressed with gzip
  level 6 and level 1 (as benchmarks/search.py counts them), in all and by kind;
- ready: from submitting the needs to the sheet shown, every file fetched and parsed on the way, and of
  that, fetched: until the last file arrived (the rest is parsing, building the engine's tables, matching);
- again: the same needs submitted again in the same page (matching alone, everything loaded).

Medians over --rounds. It prints a table and, last, the path of the JSON file it wrote: one object per size.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "plugins"), str(REPO / "tests")]

from support.server import nginx  # noqa: E402
from support.site import build_site, settings_overlay  # noqa: E402

STAGES = ["portfolio.site.assets", "portfolio.search.stage", "portfolio.search.matchmaking",
          "portfolio.catalogue.stage"]
NEEDS = ["boîtes à lunch pour 150 personnes", "impression de dépliants", "office cleaning", "refurbished computers",
         "réparation de vélos", "deneigment", "catering for 80 people", "billets d'avion", "traduction de rapports",
         "formation en bureautique"]
# Kind of each file the sheet fetches, by the first pattern its URL path contains.
KINDS = {"index": ("/index-", "/lexicon-"), "manifests": ("/search-",), "refs": ("/matchmaking-",),
         "rows": ("/export.json",), "scripts": (".js",), "styles": (".css",)}

SUBMIT = """async (needs) => {
  performance.setResourceTimingBufferSize(100000);  // 250 entries by default: fewer than the sheet fetches
  const actions = document.getElementById('matchmaking-actions');
  actions.hidden = true;
  const started = performance.now();
  document.getElementById('matchmaking-needs-text').value = needs.join('\\n');
  document.getElementById('matchmaking-form').requestSubmit();
  await new Promise((resolve) => {
    const check = () => actions.hidden ? setTimeout(check, 1) : resolve();
    check();
  });
  const arrived = Math.max(...performance.getEntriesByType('resource').map((e) => e.responseEnd));
  return {started, ms: performance.now() - started, fetched: arrived - started};
}"""
NAVIGATION = """() => { const e = performance.getEntriesByType('navigation')[0];
  return [e.name, e.transferSize - e.encodedBodySize]; }"""


def _search_benchmark():
    """benchmarks/search.py, whose way of counting bytes this benchmark shares."""
    spec = importlib.util.spec_from_file_location("benchmark_search", REPO / "benchmarks" / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def synthetic_site(n: int, folder: Path) -> Path:
    """The built site of N synthetic enterprises without logos."""
    root = folder / "portfolio"
    subprocess.run([sys.executable, "-m", "portfolio.synthetic", str(n), str(root)], check=True,
                   env={"PYTHONPATH": str(REPO / "plugins")}, cwd=REPO, stdout=subprocess.DEVNULL)
    shutil.rmtree(root / "enterprises" / "media")
    for record in (root / "enterprises").glob("*.yaml"):
        lines = record.read_text(encoding="utf-8").splitlines(keepends=True)
        record.write_text("".join(line for line in lines if not line.startswith("logo:")), encoding="utf-8")
    output = folder / "site"
    build_site(output, root, settings=str(settings_overlay(folder, PORTFOLIO_STAGES=STAGES)),
               extra_env={"PORTFOLIO_CACHE": str(folder / "cache")})
    return output


def kind_of(path: str) -> str:
    return next((kind for kind, parts in KINDS.items() if any(part in path for part in parts)), "page")


def measure(browser, url: str, site: Path, counting) -> dict:
    """One round on a fresh context: bytes by kind, time until the sheet is shown, time of the same needs again."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "/maillage/")
    page.wait_for_load_state("networkidle")
    first = page.evaluate(SUBMIT, NEEDS)
    requests = [page.evaluate(NAVIGATION)] + page.evaluate(counting.RESOURCES, first["started"] + first["ms"])
    again = page.evaluate(SUBMIT, NEEDS)
    context.close()
    requests = [[url.removesuffix("/") + "/index.html" if url.endswith("/") else url, headers]
                for url, headers in requests]
    kinds = {kind: counting.fetched_bytes(requests, site, lambda path, kind=kind: kind_of(path) == kind)
             for kind in [*KINDS, "page"]}
    return {"ready_ms": first["ms"], "fetched_ms": first["fetched"], "again_ms": again["ms"],
            "bytes_gz6": sum(k["gz6"] for k in kinds.values()), "bytes_gz1": sum(k["gz1"] for k in kinds.values()),
            "files": sum(len(k["files"]) for k in kinds.values()),
            "by_kind_gz6": {kind: k["gz6"] for kind, k in kinds.items()}}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, default=Path(tempfile.gettempdir()) / "matchmaking-benchmark.json")
    args = parser.parse_args(argv)
    from support.browser import chromium

    counting = _search_benchmark()
    results = []
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        for n in args.sizes:
            folder = Path(tmp) / f"n{n}"
            folder.mkdir()
            print(f"{n}: building…", file=sys.stderr)
            site = synthetic_site(n, folder)
            with nginx(site, folder / "nginx") as url:
                rounds = [measure(browser, url, site, counting) for _ in range(args.rounds)]
            results.append({"n": n, **{key: round(statistics.median(r[key] for r in rounds))
                                       for key in ("ready_ms", "fetched_ms", "again_ms")},
                            **{key: rounds[0][key] for key in ("bytes_gz6", "bytes_gz1", "files", "by_kind_gz6")}})
            print(json.dumps(results[-1]), file=sys.stderr)
            shutil.rmtree(folder)
    print(report(results))
    args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(args.json)
    return 0


def report(results: list[dict]) -> str:
    """A Markdown table of the figures."""
    lines = ["| enterprises | bytes fetched, gzip 6 (level 1) | of which index / export rows / refs | files "
             "| sheet shown after submitting, cold (of which fetching) | same needs again |", "|---|---|---|---|---|---|"]
    for r in results:
        kinds = r["by_kind_gz6"]
        lines.append(f"| {r['n']:,} | {r['bytes_gz6'] / 1e6:.2f} MB ({r['bytes_gz1'] / 1e6:.2f} MB) "
                     f"| {kinds['index'] / 1e6:.2f} / {kinds['rows'] / 1e6:.2f} / {kinds['refs'] / 1e6:.3f} MB "
                     f"| {r['files']} | {r['ready_ms']:,} ms ({r['fetched_ms']:,} ms) | {r['again_ms']:,} ms |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
