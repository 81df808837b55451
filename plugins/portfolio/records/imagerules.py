"""The image rules of a record: a PNG, JPEG or WebP file inside the record's media folder, really of the
type its name says, within the size limits, and readable to its last pixel.

SVG is refused (an SVG file can carry script; sanitising it safely is not worth the risk): people are
asked to export a PNG instead.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from . import images
from .messages import N_, Messages

IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}
_FOUND = {"HTML": N_("an HTML page or another text file"), None: N_("not a readable image")}


class ImageRules:
    """Checks one image name of a record against its media folder."""

    def __init__(self, say: Messages, root: Path):
        self.say, self.root = say, root.resolve()

    def problem(self, name: str, folder: Path) -> tuple[str, str] | None:
        """(code, message) of what is wrong with image `name` of media `folder`, or None."""
        say = self.say
        if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or "://" in name:
            return "image-absolute", say(N_(
                "« {name} » must be only the name of a file in {folder}/, not a full path or address."),
                name=name, folder=self._shown(folder))
        if ".." in re.split(r"[/\\]", name):
            return "image-outside", say(N_(
                "« {name} » points outside the media folder (« .. » is not allowed); put the image in "
                "{folder}/ and write its name only."), name=name, folder=self._shown(folder))
        candidate = folder / name
        suffix = candidate.suffix.lower()
        if suffix == ".svg":
            return "image-svg", self._svg_message(name)
        if suffix not in IMAGE_FORMATS:
            return "image-unsupported", say(N_(
                "« {name} » is not a PNG, JPEG or WebP file; only these three image types are accepted."),
                name=name)
        if not os.path.lexists(candidate):
            return "image-missing", self._missing(name, folder)
        try:
            real = candidate.resolve()
        except RuntimeError:  # a symbolic link loop
            real = candidate
        if not real.is_relative_to(self.root):
            return "image-outside", say(N_(
                "« {name} » is a link to a file outside the repository, which is not allowed; copy the "
                "image itself into {folder}/."), name=name, folder=self._shown(folder))
        if not real.is_file():
            return "image-missing", self._missing(name, folder)
        return self._content(name, real, IMAGE_FORMATS[suffix])

    def _missing(self, name: str, folder: Path) -> str:
        say = self.say
        try:
            near = sorted(p.name for p in folder.iterdir() if p.name.casefold() == name.casefold())
        except OSError:
            near = []
        if near:
            return say(N_("The image « {name} » was not found in {folder}/, but « {other} » is there: capitals "
                          "and small letters count in file names; write the name exactly as the file's."),
                       name=name, folder=self._shown(folder), other=near[0])
        return say(N_("The image « {name} » was not found in {folder}/."), name=name, folder=self._shown(folder))

    def _content(self, name: str, real: Path, expected: str) -> tuple[str, str] | None:
        say = self.say
        size = real.stat().st_size
        if size > images.MAX_IMAGE_BYTES:
            return "image-too-heavy", say(N_(
                "The image « {name} » weighs {size} MB; at most {limit} MB are accepted."),
                name=name, size=round(size / 1048576, 1), limit=images.MAX_IMAGE_BYTES // 1048576)
        data = real.read_bytes()
        try:
            head = images.header(data)
        except images.TooLarge:  # so large that Pillow refuses to report the size
            return "image-too-large", say(N_(
                "The image « {name} » is too large (more than {limit} million pixels); reduce it."),
                name=name, limit=images.MAX_IMAGE_PIXELS // 1_000_000)
        if head.format == "SVG":
            return "image-svg", self._svg_message(name)
        if head.format != expected:
            found = head.format if head.format not in _FOUND else say.term(_FOUND[head.format])
            return "image-wrong-type", say(N_(
                "« {name} » is not really a {expected} image (its content is {found}); export it again in "
                "the format its name says."), name=name, expected=expected, found=found)
        if not head.readable:
            return "image-corrupt", self._corrupt_message(name)
        if head.pixels > images.MAX_IMAGE_PIXELS:
            return "image-too-large", say(N_(
                "The image « {name} » is too large ({width} × {height} pixels; at most {limit} million "
                "pixels); reduce it.") if head.frames == 1 else N_(
                "The animated image « {name} » is too large ({frames} frames of {width} × {height} pixels; at "
                "most {limit} million pixels in all); reduce it or keep one frame."),
                name=name, width=head.width, height=head.height, frames=head.frames,
                limit=images.MAX_IMAGE_PIXELS // 1_000_000)
        try:
            images.decode(data)
        except Exception:  # noqa: BLE001 - whatever Pillow raises, the file is damaged
            return "image-corrupt", self._corrupt_message(name)
        return None

    def _corrupt_message(self, name: str) -> str:
        return self.say(N_("The image « {name} » cannot be read to the end: the file is damaged or cut off "
                           "(an interrupted download or copy?). Export or copy it again."), name=name)

    def _svg_message(self, name: str) -> str:
        return self.say(N_("« {name} » is an SVG image; SVG is not accepted because it can contain scripts. "
                           "Export it as PNG (or JPEG/WebP) and use that file."), name=name)

    def _shown(self, folder: Path) -> str:
        try:
            return folder.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return folder.as_posix()
