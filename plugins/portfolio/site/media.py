"""Record images resized with Pillow: a few widths (never upscaled), WebP plus a JPEG or PNG fallback,
metadata stripped (EXIF, GPS, comments; the colour profile is kept), and a cache keyed by the image's
content and the settings, so an unchanged image is never encoded again.

The cache folder holds the encoded files, named `<key>.<variant>`, and one index (`index.pickle`: key ->
widths, size, fallback and the cache file and digest of each published name), written after the files it
lists: a key in the index is complete. Files are hard-linked into the output; a thumbnail as wide as one
of the widths is that variant, not a second file."""

from __future__ import annotations

import io
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage

from ..engine.cache import atomic_write, digest, file_digest, seen_regular, unpickle
from ..realpaths import Inside
from ..records.images import decode
from ..records.model import Image
from ..workers import spread

INDEX = "index.pickle"
FORMAT_VERSION = 8  # bump when the encoding below changes, to invalidate caches
# A picture of at most this many colours (a flat logo) is made as lossless WebP: exact, and smaller than lossy
# (the synthetic 96-px logos: 276 bytes against 1,194) in a quarter of the time (0.17 ms against 0.65).
LOSSLESS_COLOURS = 256
# Progressive JPEG only from this width: a smaller picture is smaller in baseline (96-px logos: 2,470 bytes
# against 2,590; the sample photos up to 640 px: 4 % smaller) and twice as quick to encode (0.08 ms against 0.18).
PROGRESSIVE_FROM = 1000


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
    files: dict  # published name ("320.webp", "thumb.webp") -> [its file in the cache folder, digest of its bytes]
    thumbnail: str  # the published name of the thumbnail ("thumb.webp", or the variant as wide)


class Media:
    """Image variants of one site build, published under /media/ (shared by both languages) by `publish`,
    which the media stage calls before any page is rendered; templates only look them up."""

    def __init__(self, settings):
        self.root = Path(settings.root).resolve()
        self.cache = Path(settings.cache) / "media"
        self.widths = tuple(sorted(settings.image_widths))
        self.thumbnail_width = settings.thumbnail_width
        self.quality = settings.image_quality
        self.base = settings.base_path  # URLs start with the site's path
        self.workers = settings.workers
        self.encoded = 0  # images encoded (not found in the cache) by this object
        self._done: dict[str, _Encoded] = {}
        self._variants: dict[str, Variants] = {}
        self._root, self._cache = os.fspath(self.root), os.fspath(self.cache)
        self._inside = Inside(self.root)
        self._stems: dict[str, str] = {}  # image path -> its path in the output, without extension
        self._settings = digest(FORMAT_VERSION, self.widths, self.thumbnail_width, self.quality)  # of every key

    def source_path(self, image: Image) -> str:
        """The original file of `image`, refused if it resolves outside the portfolio root."""
        try:
            real = self._inside.real(os.path.join(self._root, image.path))
        except OSError:
            real = None
        if real is None or not (seen_regular(real) or os.path.isfile(real)):
            raise ValueError(f"{image.path}: not an image file inside the portfolio")
        return real

    def publish(self, images, writer, by: str) -> None:
        """Encode every image not in the cache (in parallel), then link each variant into the output."""
        images = {image.path: image for image in images}
        sources = {path: self.source_path(image) for path, image in images.items()}
        keys = {path: self._key(source) for path, source in sources.items()}
        index = self._load_index()
        missing = {key: sources[path] for path, key in sorted(keys.items()) if key not in index}
        if missing:
            jobs = [(Path(source).read_bytes(), self.cache / key, self.widths, self.thumbnail_width, self.quality)
                    for key, source in missing.items()]
            index.update(zip(missing, spread(_encode, jobs, self.workers, chunksize=8)))
            atomic_write(self.cache / INDEX, pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
            self.encoded += len(jobs)
        link, cache = writer.link, self._cache + "/"
        for path, image in images.items():
            raw = index[keys[path]]
            self._done[path] = _Encoded(tuple(raw["widths"]), raw["width"], raw["height"], raw["fallback"],
                                        raw["files"], raw["thumbnail"])
            stem = self._stem(image) + "-"
            for name, (file, sha) in sorted(raw["files"].items()):
                link(stem + name, cache + file, sha, by)

    def variants(self, image: Image) -> Variants:
        """srcset data of `image` (published beforehand)."""
        if image.path not in self._variants:
            self._variants[image.path] = self._make_variants(image)
        return self._variants[image.path]

    def _make_variants(self, image: Image) -> Variants:
        encoded = self._done[image.path]
        url = lambda w, ext: f"{self.base}/{self._stem(image)}-{w}.{ext}"  # noqa: E731
        srcset = lambda ext: ", ".join(f"{url(w, ext)} {w}w" for w in encoded.widths)  # noqa: E731
        middle = encoded.widths[min(1, len(encoded.widths) - 1)]
        return Variants(webp=srcset("webp"), fallback=srcset(encoded.fallback),
                        fallback_type="image/png" if encoded.fallback == "png" else "image/jpeg",
                        src=url(middle, encoded.fallback), width=encoded.width, height=encoded.height)

    def print_file(self, image: Image, pixels: int) -> Path:
        """The cached fallback file (JPEG or PNG) of `image` of the smallest width of at least `pixels`
        (or the largest there is): what a PDF embeds, rather than an original of any size."""
        encoded = self._done[image.path]
        width = next((w for w in encoded.widths if w >= pixels), encoded.widths[-1])
        return self.cache / encoded.files[f"{width}.{encoded.fallback}"][0]

    def thumbnail(self, image: Image) -> str:
        """URL of a small WebP version of `image` (for search results)."""
        return f"{self.base}/{self._stem(image)}-{self._done[image.path].thumbnail}"  # published beforehand

    # -- internals

    def _stem(self, image: Image) -> str:
        """The image's path in the output without its extension: under media/, its folders but `media`."""
        if image.path not in self._stems:
            *folders, name = image.path.split("/")
            dot = name.rfind(".")
            stem = name[:dot] if 0 < dot < len(name) - 1 else name  # as PurePosixPath.stem
            kept = [part for part in folders if part not in ("media", "", ".")]
            self._stems[image.path] = "/".join(["media", *kept, stem])
        return self._stems[image.path]

    def _key(self, source: str) -> str:
        """The image's name in the cache: its bytes (digest remembered in this process) and the settings."""
        return digest(file_digest(source), self._settings)

    def _load_index(self) -> dict:
        """The cache's index, less the keys one of whose files is missing (encoded again)."""
        try:
            index = unpickle(self.cache / INDEX)
            present = set(os.listdir(self.cache))
        except (OSError, ValueError, pickle.UnpicklingError, EOFError, TypeError, AttributeError):
            return {}
        return {key: raw for key, raw in index.items() if all(file in present for file, _ in raw["files"].values())}


def _encode(job) -> dict:
    """Write the variants of one image's bytes into the cache folder, as `<prefix>.<variant>`; what the
    index keeps of them."""
    data, prefix, all_widths, thumbnail_width, quality = job
    decoded = decode(data)  # exactly as the validator decoded it when it accepted the file
    picture, icc = decoded.picture, decoded.icc_profile
    fallback = "png" if picture.mode == "RGBA" else "jpg"
    largest = min(picture.width, all_widths[-1])
    widths = tuple(w for w in all_widths if w < largest) + (largest,)
    extra = {"icc_profile": icc} if icc else {}
    files = {}

    def save(name: str, image: PILImage.Image, kind: str, **options) -> None:
        buffer = io.BytesIO()
        image.save(buffer, kind, **options, **extra)
        file = f"{prefix.name}.{name}"
        (prefix.parent / file).write_bytes(buffer.getvalue())
        files[name] = [file, digest(buffer.getvalue())]

    prefix.parent.mkdir(parents=True, exist_ok=True)
    for width in widths:
        resized = _resize(picture, width)
        _save_webp(save, f"{width}.webp", resized, quality)
        if fallback == "png":
            save(f"{width}.png", resized, "PNG", optimize=True)
        else:
            save(f"{width}.jpg", resized, "JPEG", quality=quality, optimize=True,
                     progressive=width >= PROGRESSIVE_FROM)
    thumbnail = min(thumbnail_width, picture.width)
    if thumbnail not in widths:  # else the same pixels, encoded the same way: that variant
        _save_webp(save, "thumb.webp", _resize(picture, thumbnail), quality)
    return {"widths": widths, "width": widths[-1], "height": _height(picture, widths[-1]), "fallback": fallback,
            "files": files, "thumbnail": "thumb.webp" if "thumb.webp" in files else f"{thumbnail}.webp"}


def _save_webp(save, name: str, picture: PILImage.Image, quality: int) -> None:
    """`picture` as WebP by `save`: lossless when it has few colours (LOSSLESS_COLOURS), else lossy."""
    if picture.getcolors(LOSSLESS_COLOURS) is not None:
        save(name, picture, "WEBP", lossless=True, method=1)
    else:
        save(name, picture, "WEBP", quality=quality, method=4)


def _resize(picture: PILImage.Image, width: int) -> PILImage.Image:
    resized = picture.resize((width, _height(picture, width)), PILImage.Resampling.LANCZOS)
    resized.info = {}  # no metadata carried over (EXIF, XMP, comments)
    return resized


def _height(picture: PILImage.Image, width: int) -> int:
    """Height of `picture` scaled to `width`, keeping its aspect ratio."""
    return max(1, round(picture.height * width / picture.width))
