"""Record images resized with Pillow: a few widths (never upscaled), WebP plus a JPEG or PNG fallback,
metadata stripped (EXIF, GPS, comments; the colour profile is kept), and a cache keyed by the image's
content and the settings, so an unchanged image is never encoded again."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image as PILImage
from PIL import ImageOps

from ..records.model import Image

FORMAT_VERSION = 2  # bump when the encoding below changes, to invalidate caches


@dataclass(frozen=True)
class Variants:
    """What a <picture> needs: WebP and fallback srcsets, a fallback src, intrinsic size."""

    webp: str
    fallback: str
    fallback_type: str
    src: str
    width: int
    height: int


@dataclass(frozen=True)
class _Encoded:
    widths: tuple[int, ...]
    width: int  # of the largest variant
    height: int
    fallback: str  # "jpg" or "png"


class Media:
    """Image variants of one site build, written under /media/ (shared by both languages)."""

    def __init__(self, root: Path, output: Path, cache: Path, widths=(160, 320, 640, 1280),
                 thumbnail_width: int = 96, quality: int = 80):
        self.root = Path(root).resolve()
        self.output = Path(output)
        self.cache = Path(cache) / "media"
        self.widths = tuple(sorted(widths))
        self.thumbnail_width = thumbnail_width
        self.quality = quality
        self.encoded = 0  # images encoded (not found in the cache) by this object
        self._done: dict[str, _Encoded] = {}

    def source_path(self, image: Image) -> Path:
        """The original file of `image`, refused if it resolves outside the portfolio root."""
        path = (self.root / image.path).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise ValueError(f"{image.path}: not an image file inside the portfolio")
        return path

    def variants(self, image: Image) -> Variants:
        """srcset data of `image` (files written to the output on first use)."""
        encoded = self._publish(image)
        url = lambda w, ext: f"/{self._stem(image)}-{w}.{ext}"  # noqa: E731
        srcset = lambda ext: ", ".join(f"{url(w, ext)} {w}w" for w in encoded.widths)  # noqa: E731
        middle = encoded.widths[min(1, len(encoded.widths) - 1)]
        return Variants(webp=srcset("webp"), fallback=srcset(encoded.fallback),
                        fallback_type="image/png" if encoded.fallback == "png" else "image/jpeg",
                        src=url(middle, encoded.fallback), width=encoded.width, height=encoded.height)

    def thumbnail(self, image: Image) -> str:
        """URL of a small WebP version of `image` (for search results)."""
        self._publish(image)
        return f"/{self._stem(image)}-thumb.webp"

    # -- internals

    def _stem(self, image: Image) -> str:
        path = PurePosixPath(image.path)
        parts = [p for p in path.parent.parts if p != "media"]
        return "/".join(["media", *parts, path.stem])

    def _key(self, data: bytes) -> str:
        settings = json.dumps([FORMAT_VERSION, self.widths, self.thumbnail_width, self.quality])
        return hashlib.sha256(data + settings.encode()).hexdigest()

    def _publish(self, image: Image) -> _Encoded:
        if image.path not in self._done:
            data = self.source_path(image).read_bytes()
            folder = self.cache / self._key(data)
            encoded = self._read_meta(folder) or self._encode(data, folder)
            stem = self.output / self._stem(image)
            stem.parent.mkdir(parents=True, exist_ok=True)
            for cached in folder.iterdir():
                if cached.name != "meta.json":
                    _place(cached, Path(f"{stem}-{cached.name}"))
            self._done[image.path] = encoded
        return self._done[image.path]

    @staticmethod
    def _read_meta(folder: Path) -> _Encoded | None:
        meta = folder / "meta.json"
        if not meta.is_file():
            return None
        raw = json.loads(meta.read_text())
        return _Encoded(tuple(raw["widths"]), raw["width"], raw["height"], raw["fallback"])

    def _encode(self, data: bytes, folder: Path) -> _Encoded:
        with PILImage.open(io.BytesIO(data)) as opened:
            icc = opened.info.get("icc_profile")
            picture = ImageOps.exif_transpose(opened)
        alpha = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
        picture = picture.convert("RGBA" if alpha else "RGB")
        fallback = "png" if alpha else "jpg"
        largest = min(picture.width, self.widths[-1])
        widths = tuple(w for w in self.widths if w < largest) + (largest,)
        folder.mkdir(parents=True, exist_ok=True)
        extra = {"icc_profile": icc} if icc else {}
        for width in widths:
            resized = self._resize(picture, width)
            resized.save(folder / f"{width}.webp", "WEBP", quality=self.quality, method=4, **extra)
            if fallback == "png":
                resized.save(folder / f"{width}.png", "PNG", optimize=True, **extra)
            else:
                resized.save(folder / f"{width}.jpg", "JPEG", quality=self.quality, optimize=True,
                             progressive=True, **extra)
        self._resize(picture, min(self.thumbnail_width, picture.width)).save(
            folder / "thumb.webp", "WEBP", quality=self.quality, **extra)
        encoded = _Encoded(widths, widths[-1], _height(picture, widths[-1]), fallback)
        (folder / "meta.json").write_text(json.dumps({"widths": widths, "width": encoded.width,
                                                      "height": encoded.height, "fallback": fallback}))
        self.encoded += 1
        return encoded

    @staticmethod
    def _resize(picture: PILImage.Image, width: int) -> PILImage.Image:
        resized = picture.resize((width, _height(picture, width)), PILImage.Resampling.LANCZOS)
        resized.info = {}  # no metadata carried over (EXIF, XMP, comments)
        return resized


def _height(picture: PILImage.Image, width: int) -> int:
    """Height of `picture` scaled to `width`, keeping its aspect ratio."""
    return max(1, round(picture.height * width / picture.width))


def _place(cached: Path, target: Path) -> None:
    """Put a cached file at `target`: a hard link when possible (no copy), else a copy."""
    if target.exists():
        if target.samefile(cached):
            return
        target.unlink()
    try:
        os.link(cached, target)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(cached, target)
