"""Zip archives put together from pieces compressed apart (portfolio/exports/zipped.py): the pieces make one
valid deflate stream, the combined CRC is zlib's, and the archive reads back as written."""

import datetime as dt
import io
import random
import zipfile
import zlib

import pytest

from portfolio.exports.zipped import FINAL, crc32_combine, deflate, joined, zip_archive


def test_combined_crcs_are_those_of_the_whole():
    rng = random.Random(7)
    for _ in range(200):
        first, second = (rng.randbytes(rng.choice([0, 1, 3, 64, 1000, 70_000])) for _ in range(2))
        assert crc32_combine(zlib.crc32(first), zlib.crc32(second), len(second)) == zlib.crc32(first + second)


def test_pieces_compressed_apart_are_one_stream():
    texts = ["<row>Café</row>" * 500, "", "x" * 70_000, "fin"]
    whole = joined(deflate(text) for text in texts)
    raw = "".join(texts).encode("utf-8")
    assert zlib.decompress(whole.data + FINAL, -15) == raw
    assert (whole.crc, whole.size) == (zlib.crc32(raw), len(raw))
    assert joined(deflate(text) for text in texts) == whole, "identical pieces give identical bytes"


def test_the_archive_reads_back_dated_from_the_data():
    members = [("a.xml", deflate("<a/>" * 1000)), ("dossier/b.txt", joined([deflate("b" * 10), deflate("é")]))]
    data = zip_archive(members, dt.date(2026, 10, 15))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == ["a.xml", "dossier/b.txt"]
        assert archive.read("dossier/b.txt").decode("utf-8") == "b" * 10 + "é"
        assert {info.date_time for info in archive.infolist()} == {(2026, 10, 15, 0, 0, 0)}
    assert zip_archive(members, dt.date(1970, 5, 5)) == zip_archive(members, dt.date(1980, 5, 5)), \
        "a zip holds no date before 1980"


def test_a_member_too_large_for_a_plain_zip_fails():
    with pytest.raises(ValueError, match="too large"):
        zip_archive([("big.xml", deflate("x")._replace(size=2**32))], dt.date(2026, 1, 1))
