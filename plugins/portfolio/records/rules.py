"""Rules a JSON Schema cannot express: file names, references, images, Markdown safety,
duplicates across files, and the freshness warnings.

Images: only PNG, JPEG and WebP files inside the record's media folder are accepted, checked from their
header (real type, at most 40 megapixels) without decoding the pixels. SVG is refused (an SVG file can
carry script; sanitising it safely is not worth the risk): people are asked to export a PNG instead.

Freshness gives warnings, never errors: an expired certification, a `last_verified` date more than 12
months before `today`, or one in the future (most likely a typo in the year).
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import warnings
from pathlib import Path

from PIL import Image

from ..textfold import fold
from .diagnostics import WARNING
from .messages import N_, Messages

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}

_HTML = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)|!|\?)")
_LINK_TARGETS = (
    re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)"),  # [text](target)
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)", re.MULTILINE),  # [label]: target
    re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>"),  # <scheme:target>
)
_SAFE_LINK = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)
_MARKDOWN_IMAGE = re.compile(r"!\[")


def _get(data, parts):
    for part in parts:
        if isinstance(part, int):
            if not isinstance(data, list) or part >= len(data):
                return None
        elif not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _indexed(data, key: str, *rest: str):
    """Paths `(key, i, *rest)` for every item of the list `data[key]`."""
    items = data.get(key)
    return [(key, index, *rest) for index in range(len(items))] if isinstance(items, list) else []


class RecordRules:
    """Checks one record; `report(position, parts, code, message, severity=ERROR)` gets the problems."""

    def __init__(self, say: Messages, root: Path, institutions: set[str], today: dt.date):
        self.say, self.root, self.institutions, self.today = say, root.resolve(), institutions, today

    def check(self, kind: str, path: Path, data: dict, positions, report, label) -> None:
        """All per-record rules; `label(parts)` names a field for people."""
        self._slug(path, report)
        self._markdown(kind, data, positions, report, label)
        self._images(kind, path, data, positions, report, label)
        if kind == "enterprise":
            self._clients(data, positions, report)
            self._freshness(data, positions, report, label)

    def _slug(self, path: Path, report) -> None:
        if not SLUG.match(path.stem) or len(path.stem) > 80:
            report((1, 1), (), "slug-file-name", self.say(N_(
                "The file name « {name} » is not a valid identifier: use lowercase letters without accents, "
                "digits and single hyphens, then .yaml (for example traiteur-du-quartier.yaml)."), name=path.name))

    def _markdown(self, kind, data, positions, report, label) -> None:
        if kind != "enterprise":
            return
        for base in [("description",), ("impact", "text"), *_indexed(data, "offer", "description")]:
            for lang in ("fr", "en"):
                parts, text = base + (lang,), _get(data, base + (lang,))
                if isinstance(text, str):
                    self._markdown_text(text, parts, positions, report, label)

    def _markdown_text(self, text, parts, positions, report, label) -> None:
        say = self.say
        if html := _HTML.search(text):
            report(positions.inside(parts, text, html.start()), parts, "markdown-html", say(N_(
                "« {label} » contains HTML ({snippet}…), which is not allowed: use the Markdown subset "
                "(*emphasis*, **bold**, lists, [links](https://…)) or write « < » as « &lt; »."),
                label=label(parts), snippet=text[html.start():html.start() + 12]))
        if image := _MARKDOWN_IMAGE.search(text):
            report(positions.inside(parts, text, image.start()), parts, "markdown-image", say(N_(
                "« {label} » contains an image (![…](…)); images go in the record's photos, not in the text."),
                label=label(parts)))
        for pattern in _LINK_TARGETS:
            for match in pattern.finditer(text):
                if not _SAFE_LINK.match(match.group(1)):
                    report(positions.inside(parts, text, match.start(1)), parts, "markdown-link", say(N_(
                        "« {label} » contains a link to « {target} »: only web addresses starting with "
                        "https:// or http:// and mailto: addresses are allowed."),
                        label=label(parts), target=match.group(1)[:80]))

    def _clients(self, data, positions, report) -> None:
        for parts in _indexed(data, "clients"):
            slug = _get(data, parts)
            if isinstance(slug, str) and SLUG.match(slug) and slug not in self.institutions:
                match = difflib.get_close_matches(slug, sorted(self.institutions), n=1, cutoff=0.6)
                message = (self.say(N_("No participating institution has the identifier « {value} »: did you "
                                       "mean « {suggestion} »?"), value=slug, suggestion=match[0]) if match
                           else self.say(N_("No participating institution has the identifier « {value} »; the "
                                            "identifiers are the file names in institutions/."), value=slug))
                report(positions.of(parts), parts, "unknown-institution", message)

    def _freshness(self, data, positions, report, label) -> None:
        say = self.say
        for parts in _indexed(data, "certifications", "expires"):
            expires = _date(_get(data, parts))
            if expires and expires < self.today:
                report(positions.of(parts), parts, "certification-expired", say(N_(
                    "This certification expired on {date}; renew it or remove it."), date=expires.isoformat()),
                    WARNING)
        verified = _date(data.get("last_verified"))
        if verified is None:
            return
        where, parts = positions.of(("last_verified",)), ("last_verified",)
        if verified > self.today:
            report(where, parts, "verification-future", say(N_(
                "« {label} » ({date}) is in the future; write the date the listing was actually checked."),
                label=label(parts), date=verified.isoformat()), WARNING)
        elif verified < _year_before(self.today):
            report(where, parts, "verification-old", say(N_(
                "This listing was last verified on {date}, more than 12 months ago; check it and update "
                "« {label} »."), label=label(parts), date=verified.isoformat()), WARNING)

    # -- images ------------------------------------------------------------------------------------

    def _images(self, kind, path, data, positions, report, label) -> None:
        image_fields = [("logo",)]
        if kind == "enterprise":
            image_fields += _indexed(data, "photos", "file") + _indexed(data, "offer", "photo", "file")
        folder = path.parent / "media" / path.stem
        for parts in image_fields:
            value = _get(data, parts)
            if isinstance(value, str) and value:
                problem = self._image_problem(value, folder)
                if problem:
                    code, message = problem
                    report(positions.of(parts), parts, code, message)

    def _image_problem(self, name: str, folder: Path) -> tuple[str, str] | None:
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
            return "image-missing", say(N_("The image « {name} » was not found in {folder}/."),
                                        name=name, folder=self._shown(folder))
        try:
            real = candidate.resolve()
        except RuntimeError:  # a symbolic link loop
            real = candidate
        if not real.is_relative_to(self.root):
            return "image-outside", say(N_(
                "« {name} » is a link to a file outside the repository, which is not allowed; copy the "
                "image itself into {folder}/."), name=name, folder=self._shown(folder))
        if not real.is_file():
            return "image-missing", say(N_("The image « {name} » was not found in {folder}/."),
                                        name=name, folder=self._shown(folder))
        return self._image_content(name, real, IMAGE_FORMATS[suffix])

    def _image_content(self, name: str, real: Path, expected: str) -> tuple[str, str] | None:
        say = self.say
        size = real.stat().st_size
        if size > MAX_IMAGE_BYTES:
            return "image-too-heavy", say(N_(
                "The image « {name} » weighs {size} MB; at most {limit} MB are accepted."),
                name=name, size=round(size / 1048576, 1), limit=MAX_IMAGE_BYTES // 1048576)
        with real.open("rb") as handle:
            head = handle.read(1024)
        if b"<svg" in head.lower() or head.lstrip().startswith(b"<"):
            return "image-svg", self._svg_message(name)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                with Image.open(real) as image:  # reads the header only; pixels are not decoded
                    found, (width, height) = image.format, image.size
        except Image.DecompressionBombError:  # so large that Pillow refuses to report the size
            return "image-too-large", say(N_(
                "The image « {name} » is too large (more than {limit} million pixels); reduce it."),
                name=name, limit=MAX_IMAGE_PIXELS // 1_000_000)
        except Exception:  # noqa: BLE001 - any unreadable file is the same problem for the editor
            found, width, height = None, 0, 0
        if found != expected:
            return "image-wrong-type", say(N_(
                "« {name} » is not really a {expected} image (its content is {found}); export it again in "
                "the format its name says."), name=name, expected=expected,
                found=found or say.term(N_("not a readable image")))
        if width * height > MAX_IMAGE_PIXELS:
            return "image-too-large", say(N_(
                "The image « {name} » is too large ({width} × {height} pixels; at most {limit} million "
                "pixels); reduce it."), name=name, width=width, height=height,
                limit=MAX_IMAGE_PIXELS // 1_000_000)
        return None

    def _svg_message(self, name: str) -> str:
        return self.say(N_("« {name} » is an SVG image; SVG is not accepted because it can contain scripts. "
                           "Export it as PNG (or JPEG/WebP) and use that file."), name=name)

    def _shown(self, folder: Path) -> str:
        try:
            return folder.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return folder.as_posix()


def duplicates(records, report_for, say: Messages) -> None:
    """Report enterprises sharing a slug or a folded name; `records` are (path, slug, data, position of the name)."""
    by_slug: dict[str, Path] = {}
    by_name: dict[str, Path] = {}
    for path, slug, data, name_at in records:
        report = report_for(path)
        if slug in by_slug:
            report((1, 1), (), "duplicate-slug", say(N_(
                "Another file has the same identifier « {slug} »: {other}."), slug=slug, other=by_slug[slug]))
        else:
            by_slug[slug] = path
        name = data.get("name")
        if isinstance(name, str):
            key = " ".join(fold(name).split())
            if key in by_name:
                report(name_at, ("name",), "duplicate-name", say(N_(
                    "Another enterprise has the same name « {name} »: {other}."), name=name, other=by_name[key]))
            else:
                by_name[key] = path


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and _DATE.match(value) else None
    except ValueError:
        return None


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)
