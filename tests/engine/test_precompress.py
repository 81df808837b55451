"""Precompressed copies: beside every text file over the threshold, the same bytes for the same input,
compressed again only when the file's bytes changed, removed with the file."""

import gzip

import brotli

from portfolio.engine.precompress import MIN_BYTES, precompress
from portfolio.engine.writer import Writer, manifest_path

PAGE = ("<!doctype html><title>Portfolio</title>" + "<p>Traiteur solidaire à Montréal</p>" * 40).encode()


def build(output, cache, files: dict) -> int:
    writer = Writer(output, manifest_path(cache, output))
    for path, data in files.items():
        writer.write(path, data, by="test")
    compressed = precompress(writer, cache, workers=1)
    writer.commit()
    return compressed


def test_copies_beside_text_files_identical_and_cached(tmp_path):
    output, cache = tmp_path / "out", tmp_path / "cache"
    files = {"index.html": PAGE, "small.css": b"a{}", "logo.webp": PAGE, "data/x.json": b'{"a": 1}' * 200}
    assert build(output, cache, files) == 4
    assert gzip.decompress((output / "index.html.gz").read_bytes()) == PAGE
    assert brotli.decompress((output / "index.html.br").read_bytes()) == PAGE
    assert (output / "data" / "x.json.gz").is_file() and len(b"a{}") < MIN_BYTES
    assert not (output / "small.css.gz").exists() and not (output / "logo.webp.gz").exists()
    first = (output / "index.html.gz").read_bytes()
    assert first[4:8] == b"\0\0\0\0"  # no modification time in the gzip header
    again = tmp_path / "again"
    assert build(again, cache, files) == 0  # every copy from the cache
    assert (again / "index.html.gz").read_bytes() == first
    assert build(output, cache, {**files, "index.html": PAGE + b"<p>new</p>"}) == 2
    assert gzip.decompress((output / "index.html.gz").read_bytes()).endswith(b"<p>new</p>")
    build(output, cache, {"small.css": b"a{}"})
    assert not (output / "index.html.gz").exists() and not (output / "data").exists()
