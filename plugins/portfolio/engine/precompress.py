"""Precompressed copies of the build's text files — `file.gz` and `file.br` beside `file` — for servers
that send them to browsers that accept them (nginx `gzip_static`/`brotli_static`, the Apache rules of
site/hosting.py), instead of compressing every response again.

Done by the engine just before the writer's commit, so that every file is seen, whichever stage (or the
engine itself) wrote it, and every copy goes through the writer: its manifest removes the copies of
removed files. Each copy is kept in the cache under the digest of the original's bytes and linked into
the output, so a rebuild compresses only the files whose bytes changed. Same bytes in, same bytes out
(gzip header without file name or time).

Levels, measured on the sample site's 3.2 MB of text (processor time, one core):
gzip level 9 (zlib) 0.288 of the size at 47 MB/s, zopfli 0.280 at 0.5 MB/s (rejected: 3 % for 100x the time);
Brotli 6 0.263 at 53 MB/s, 10 0.240 at 2.5 MB/s, 11 0.235 at 1 MB/s. Pages change together (a template
edit changes every page), so they get Brotli 6; CSS and JavaScript, few and cached for a year, get 11."""

from __future__ import annotations

import gzip
import io
from pathlib import PurePosixPath

import brotli

from ..site.hosting import TEXT_TYPES
from ..workers import spread
from .cache import Cache, atomic_write, file_digest

STAGE = "portfolio.engine.precompress"
MIN_BYTES = 512  # below this a compressed response saves less than its headers cost
GZIP_LEVEL = 9
BROTLI_QUALITY = {".css": 11, ".js": 11}
BROTLI_DEFAULT = 6
ENCODINGS = (".gz", ".br")


def compress(data: bytes, encoding: str, extension: str) -> bytes:
    """`data` compressed for `encoding` (".gz" or ".br"), the same bytes every time."""
    if encoding == ".br":
        return brotli.compress(data, quality=BROTLI_QUALITY.get(extension, BROTLI_DEFAULT))
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", fileobj=buffer, mode="wb", compresslevel=GZIP_LEVEL, mtime=0) as file:
        file.write(data)
    return buffer.getvalue()


def precompress(writer, cache_root, workers: int) -> int:
    """Write `.gz` and `.br` copies of every text file of `writer` of at least MIN_BYTES; how many copies
    had to be compressed (the others came from the cache)."""
    cache = Cache(cache_root, "precompressed")
    copies, missing = [], {}
    for path, entry in sorted(writer.entries.items()):
        extension = PurePosixPath(path).suffix
        if extension[1:] not in TEXT_TYPES or writer.current(path).stat().st_size < MIN_BYTES:
            continue
        for encoding in ENCODINGS:
            stored = cache.path(entry.sha, encoding)
            copies.append((path + encoding, stored))
            if not stored.is_file():
                missing[stored] = (writer.current(path), encoding, extension)
    jobs = [(source, encoding, extension, stored) for stored, (source, encoding, extension) in missing.items()]
    spread(_compress_file, jobs, workers if len(jobs) > 8 else 1, chunksize=16)
    for site_path, stored in copies:
        writer.link(site_path, stored, file_digest(stored), STAGE)
    cache.keep_only({stored.name.split(".", 1)[0] for _, stored in copies})
    return len(jobs)


def _compress_file(job) -> None:
    source, encoding, extension, stored = job
    atomic_write(stored, compress(source.read_bytes(), encoding, extension))
