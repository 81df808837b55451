"""Zip archives put together from pieces compressed apart, so that a piece kept from an earlier build is not
compressed again (the open-data spreadsheet: exports/xlsx.py).

Each piece is raw deflate data from its own compressor, ended on a byte boundary (a sync flush): pieces
placed one after the other, then an empty final block, are one valid deflate stream, as pigz makes
them. A piece keeps the CRC-32 and the length of its uncompressed bytes; the CRC of a whole member is
combined from its pieces' (`crc32_combine`, the polynomial arithmetic of zlib's function of that name)
rather than computed again over the uncompressed bytes. Archives are dated from the data, never from the
clock, so that identical pieces give identical bytes."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from typing import Iterable, NamedTuple

LEVEL = 6  # zlib's default
FINAL = b"\x03\x00"  # an empty final block (fixed Huffman codes): ends a stream of sync-flushed pieces
_POLY = 0xEDB88320  # CRC-32's polynomial, bits reversed (bit 31 is x^0)
_LIMIT = 0xFFFFFFFF  # sizes and offsets a zip holds without its 64-bit extension


class Deflated(NamedTuple):
    """Bytes compressed apart: raw deflate data ending on a byte boundary (no final block), and the CRC-32
    and length of the bytes it holds."""

    data: bytes
    crc: int
    size: int


def deflate(text: str | bytes) -> Deflated:
    """`text` (str: in UTF-8) compressed on its own."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return Deflated(compressor.compress(raw) + compressor.flush(zlib.Z_SYNC_FLUSH), zlib.crc32(raw), len(raw))


def joined(pieces: Iterable[Deflated]) -> Deflated:
    """The pieces one after the other, as one piece."""
    data, crc, size = [], 0, 0
    for piece in pieces:
        data.append(piece.data)
        crc = crc32_combine(crc, piece.crc, piece.size)
        size += piece.size
    return Deflated(b"".join(data), crc, size)


def _times(a: int, b: int) -> int:
    """a(x)·b(x) modulo CRC-32's polynomial (bits reversed)."""
    product, bit = 0, 1 << 31
    while a:
        if a & bit:
            product ^= b
            a ^= bit
        bit >>= 1
        b = (b >> 1) ^ _POLY if b & 1 else b >> 1
    return product


def _powers() -> tuple[int, ...]:
    """x^(2^k) modulo the polynomial, for k = 0..31."""
    powers, power = [], 1 << 30  # x^1
    for _ in range(32):
        powers.append(power)
        power = _times(power, power)
    return tuple(powers)


_POWERS = _powers()


def crc32_combine(crc1: int, crc2: int, length2: int) -> int:
    """The CRC-32 of A + B, from A's CRC `crc1`, B's CRC `crc2` and B's length: crc1 shifted by 8·length2
    bits (a product with x^(8·length2)) plus crc2."""
    shift, k = 1 << 31, 3  # x^0; 8·length2 = length2·2^3
    while length2:
        if length2 & 1:
            shift = _times(_POWERS[k & 31], shift)
        length2 >>= 1
        k += 1
    return _times(shift, crc1) ^ crc2


def zip_archive(members: Iterable[tuple[str, Deflated]], day: dt.date) -> bytes:
    """A zip of `members` (ASCII name, its whole content as one Deflated piece), each dated `day` at midnight."""
    dos_time, dos_date = 0, (max(day.year, 1980) - 1980) << 9 | day.month << 5 | day.day
    out, directory = [], []
    offset = 0
    for name, piece in members:
        data = piece.data + FINAL
        raw_name = name.encode("ascii")
        if max(len(data), piece.size, offset) > _LIMIT:
            raise ValueError(f"{name}: too large for a zip without its 64-bit extension")
        fields = (20, 0, zlib.DEFLATED, dos_time, dos_date, piece.crc, len(data), piece.size, len(raw_name))
        local = struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + raw_name
        directory.append(struct.pack("<IH", 0x02014B50, 20) + struct.pack("<HHHHHIIIHHHHHII", *fields, 0, 0, 0, 0,
                                                                        0o644 << 16, offset) + raw_name)
        out += [local, data]
        offset += len(local) + len(data)
    listing = b"".join(directory)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(directory), len(directory), len(listing), offset, 0)
    return b"".join(out) + listing + end
