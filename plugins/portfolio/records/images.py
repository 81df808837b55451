"""Record images: what a file really is, and decoding it in full the way the build does.

`decode` is the one way to turn image bytes into pixels: the validator calls it on every image, so a
file it accepts (every frame and pixel read, orientation applied, converted to RGB or RGBA) cannot make
the build fail; the build's media step should decode through it too.
"""

from __future__ import annotations

import io
import warnings
from contextlib import contextmanager
from dataclasses import dataclass

from PIL import Image, ImageFile, ImageOps, ImageSequence

MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # over all the frames of an animated image

# What a file's first bytes say it is, whatever its name says.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF87a", "GIF"), (b"GIF89a", "GIF"),
    (b"BM", "BMP"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"%PDF", "PDF"), (b"PK\x03\x04", "ZIP"),
    (b"\x00\x00\x01\x00", "ICO"),
)
_MARKUP = ("HTML", "SVG")


@dataclass(frozen=True)
class Header:
    """What the first bytes and Pillow's header reading say about an image file."""

    format: str | None  # "PNG", "JPEG", "WEBP", "GIF", "SVG", "HTML"…; None when not recognised
    width: int = 0
    height: int = 0
    frames: int = 1
    readable: bool = False  # Pillow could read the header

    @property
    def pixels(self) -> int:
        return self.width * self.height * self.frames


class TooLarge(Exception):
    """The image has more pixels than Pillow agrees to even describe."""


@dataclass
class Decoded:
    picture: Image.Image  # the first frame, upright, in RGB or RGBA
    icc_profile: bytes | None


def signature(data: bytes) -> str | None:
    """The file type its first bytes show (markup included), or None."""
    for magic, name in _SIGNATURES:
        if data.startswith(magic):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data[4:8] == b"ftyp":
        return "HEIF"
    text = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<svg" in text:
        return "SVG"
    if text.startswith(b"<"):
        return "HTML"
    return None


def header(data: bytes) -> Header:
    """The real type, size and frame count of image `data`, without decoding its pixels."""
    found = signature(data)
    if found in _MARKUP:
        return Header(found)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                return Header(image.format, image.width, image.height, getattr(image, "n_frames", 1), True)
    except Image.DecompressionBombError:
        raise TooLarge from None
    except Exception:  # noqa: BLE001 - any file Pillow cannot read is "unreadable"
        return Header(found)


@contextmanager
def _strict():
    """Cut-off files refused whatever the process set: WeasyPrint turns on Pillow's global
    LOAD_TRUNCATED_IMAGES when it is imported."""
    before, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before


def decode(data: bytes) -> Decoded:
    """Every frame and pixel of image `data` decoded; the first frame upright in RGB or RGBA.

    Raises (OSError, ValueError, SyntaxError, EOFError… whatever Pillow raises) when any of it is
    corrupt or cut off; the caller checks the size limits with `header` first."""
    with warnings.catch_warnings(), _strict():
        warnings.simplefilter("ignore")
        with Image.open(io.BytesIO(data)) as opened:
            for frame in ImageSequence.Iterator(opened):
                frame.load()
            opened.seek(0)
            icc = opened.info.get("icc_profile")
            picture = ImageOps.exif_transpose(opened)
        alpha = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
        return Decoded(picture.convert("RGBA" if alpha else "RGB"), icc)
