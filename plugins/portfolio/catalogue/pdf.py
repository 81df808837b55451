"""HTML to PDF with WeasyPrint, reading only the files it is given, cached by a hash of its input, and
rendered in parallel worker processes.

A PDF is rendered again only when its HTML, its stylesheet or one of its images changed: the cache keeps,
per output name, the last PDF and the hash it was made from."""

from __future__ import annotations

import logging
import mimetypes
import operator
import os
from contextlib import contextmanager
from math import inf
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from ..collector import collector_paused
from ..engine.cache import digest, file_digest
from ..workers import spread

log = logging.getLogger(__name__)
# WeasyPrint options: a tagged PDF (structure for screen readers), images as they are.
OPTIONS = {"pdf_tags": True}
FILES = "pdf-files"  # the folder of the URLs of the files a PDF may read (served from Job.files only)


@dataclass
class Job:
    """One PDF to produce: its name in the cache, its HTML and CSS, and the local files it may read
    (by the URL the HTML gives them)."""

    name: str
    html: str
    css: str
    files: dict[str, Path] = field(default_factory=dict)

    def file_url(self, path: Path) -> str:
        """Register `path` as readable by this PDF and give the URL to write in the HTML. The URL names the
        file, not its folder: WeasyPrint names an image after its URL, and the PDF must be the same wherever
        the cache is (the images of the cache are named by their content)."""
        path = Path(path).resolve()
        url = f"file:///{FILES}/{quote(path.name)}"
        if self.files.setdefault(url, path) != path:
            raise ValueError(f"one PDF given two files named {path.name}: {self.files[url]} and {path}")
        return url


def _fetcher(files: dict[str, Path]):
    """A WeasyPrint URL fetcher serving the registered files only: nothing else on disk, no network."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class RegisteredFiles(URLFetcher):
        def fetch(self, url, headers=None):
            path = files.get(url)
            if path is None:
                raise ValueError(f"the PDF may not load {url!r}")
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mimetypes.guess_type(path.name)[0]})

    return RegisteredFiles(allowed_protocols=("file",))


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


class _PageReferences:
    """`pdf.page_references[i]` of pydyf, computed for the one page asked for."""

    def __init__(self, kids: list):
        self.kids = kids

    def __getitem__(self, index: int) -> bytes:
        return f"{self.kids[3 * index]} 0 R".encode("ascii")

    def __len__(self) -> int:
        return len(self.kids) // 3


@contextmanager
def _linear_page_references():
    """pydyf 0.13 builds the references of every page each time one is asked for, and WeasyPrint's PDF
    tags ask once per tagged element: quadratic in pages, ~10 % of a 500-page catalogue. Same bytes,
    linear time (tests/catalogue/test_catalogue_pdf_output.py compares)."""
    import pydyf

    original = pydyf.PDF.__dict__["page_references"]
    pydyf.PDF.page_references = property(lambda pdf: _PageReferences(pdf.pages["Kids"]))
    try:
        yield
    finally:
        pydyf.PDF.page_references = original


@contextmanager
def _unbalanced_columns_laid_out_once():
    """Two shortcuts in WeasyPrint 70's columns, where they fill in turn (`column-fill: auto`, no
    `column-span`), as in our catalogues; same pages (tests/catalogue/test_catalogue_pdf_output.py compares):
    - for each column of each page, it lays out the whole rest of the multi-column box at an infinite
      height, only to know how tall its next child is, a figure used to balance columns: skipped (quadratic
      in pages no more, ~15 % of a catalogue's processor time);
    - it lays out each page's columns once to find their height, throws that away and lays them out again:
      the second lay-out, the same call, is given the first one (~18 % for the first column) when nothing in
      it left a trace in the layout context that throwing it away would have undone (a float of the
      column's own formatting context, a positioned box, a footnote). The first lay-out puts every column
      where the first one goes; once the real distance between columns is known (from the first page),
      the others are laid out where they go instead, so that their second lay-out is given the first too."""
    from weasyprint.layout import block, column

    layout_block, layout_columns = block.block_box_layout, column.columns_layout
    filling, pages, apart = [False], [], {}  # apart: (element, column width) → distance between columns

    def columns_layout(context, box, *args, **kwargs):
        outer = filling[0]
        filling[0] = box.style["column_fill"] == "auto" and all(
            child.style["column_span"] != "all" for child in box.children)
        pages.append({"x": None, "skip": None, "made": [], "resumes": []})
        try:
            return layout_columns(context, box, *args, **kwargs)
        finally:
            filling[0] = outer
            pages.pop()

    def traceless(context, laid_out) -> bool:
        return not any(
            part in context.excluded_shapes or part in context.broken_out_of_flow or part.footnote or part.note
            or part.style["position"] in ("absolute", "fixed") or part.is_running()
            for part in laid_out.descendants(placeholders=True))

    def block_box_layout(context, box, bottom_space, skip_stack, *args, **kwargs):
        if not (filling[0] and box.is_column):
            return layout_block(context, box, bottom_space, skip_stack, *args, **kwargs)
        if bottom_space == inf:  # the look-ahead: an empty column
            return box.copy_with_children([]), None, None, [], False, None
        page = pages[-1]
        if page["x"] is None:
            page["x"], page["skip"] = box.position_x, skip_stack
        first_x = page["x"]
        nth = 0 if skip_stack == page["skip"] else next(
            (n + 1 for resume, n in page["resumes"] if resume == skip_stack), None)
        key = (box.element, box.width)
        moved = bool(nth) and key in apart and box.position_x == first_x
        if moved:  # a first lay-out of a later column: where it goes
            box.position_x = first_x + nth * apart[key]
        elif nth and key not in apart and box.position_x != first_x:
            apart[key] = (box.position_x - first_x) / nth
        call = (box.position_y, box.width, bottom_space, skip_stack, args[1])  # args[1]: page_is_empty
        for index, (children, x, earlier, result) in enumerate(page["made"]):
            if (earlier == call and abs(x - box.position_x) < 1e-6 and len(children) == len(box.children)
                    and all(map(operator.is_, children, box.children))):
                del page["made"][index]
                if traceless(context, result[0]):
                    return result
                break
        try:
            result = layout_block(context, box, bottom_space, skip_stack, *args, **kwargs)
        finally:
            x = box.position_x
            if moved:
                box.position_x = first_x
        if result[0] is not None:
            page["made"].append((tuple(box.children), x, call, result))
            if nth is not None:
                page["resumes"].append((result[1], nth))
        return result

    block.block_box_layout, block.columns_layout = block_box_layout, columns_layout
    try:
        yield
    finally:
        block.block_box_layout, block.columns_layout = layout_block, layout_columns


def render(job: Job) -> tuple[bytes, list[str]]:
    """The PDF of `job` (text stays selectable) and the warnings WeasyPrint gave while making it."""
    from weasyprint import CSS, HTML

    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # one line per page otherwise
    collector, weasy_log = _Collector(), logging.getLogger("weasyprint")
    weasy_log.addHandler(collector)
    try:
        fetcher = _fetcher(job.files)
        # WeasyPrint's box tree holds cycles; while it grows, the collector would walk it several times a
        # catalogue for little: ~15 % of its processor time.
        with _linear_page_references(), _unbalanced_columns_laid_out_once(), collector_paused(free_young=True):
            data = HTML(string=job.html, url_fetcher=fetcher).write_pdf(
                stylesheets=[CSS(string=job.css, url_fetcher=fetcher)], **OPTIONS)
    finally:
        weasy_log.removeHandler(collector)
    return data, collector.messages


def input_hash(job: Job) -> str:
    """Hash of everything the PDF of `job` is made from (and of the WeasyPrint version and options)."""
    from weasyprint import __version__

    files = (f"{url} {file_digest(path)}" for url, path in sorted(job.files.items()))
    return digest(__version__, repr(sorted(OPTIONS.items())), job.html, job.css, *files)


class Cache:
    """The last PDF of each name and the input hash it was made from."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def get(self, name: str, key: str) -> bytes | None:
        pdf, stamp = self.folder / f"{name}.pdf", self.folder / f"{name}.sha256"
        if pdf.is_file() and stamp.is_file() and stamp.read_text() == key:
            return pdf.read_bytes()
        return None

    def put(self, name: str, key: str, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for path, content in ((self.folder / f"{name}.pdf", data), (self.folder / f"{name}.sha256", key.encode())):
            temporary = path.with_name(path.name + ".tmp")
            temporary.write_bytes(content)
            os.replace(temporary, path)


def produce(jobs: list[Job], cache: Cache, workers: int) -> tuple[dict[str, bytes], int]:
    """The PDF of every job by name, and how many had to be rendered (the others came from the cache).
    Jobs to render run in up to `workers` processes, the longest first so that no worker is left with a
    large one at the end (in this process when it is a daemon, which may not start any); a WeasyPrint
    warning is logged here, in the build."""
    results, missing = {}, []
    for job in jobs:
        key = input_hash(job)
        cached = cache.get(job.name, key)
        if cached is None:
            missing.append((job, key))
        else:
            results[job.name] = cached
    if missing:
        missing.sort(key=lambda item: -len(item[0].html))
        outputs = spread(render, [job for job, _ in missing], workers)
        for (job, key), (data, warnings) in zip(missing, outputs):
            for message in warnings:
                log.warning("%s.pdf: %s", job.name, message)
            cache.put(job.name, key, data)
            results[job.name] = data
    return results, len(missing)
