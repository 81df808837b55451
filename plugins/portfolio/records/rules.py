"""Rules a JSON Schema cannot express: file names, references, images, Markdown safety,
duplicates across files, and the freshness warnings.

Images follow `imagerules` (type, size, decoded in full); identifiers follow `reserved`.

Freshness gives warnings, never errors: an expired certification, a `last_verified` date more than 12
months before `today`, or one in the future (most likely a typo in the year). A contact person without a
consent date gets a notice: the record is valid, the person is not published (model.Enterprise.public_contact);
a consent dated after `today` is an error (nobody can have agreed yet).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

from .diagnostics import NOTICE, WARNING
from .imagerules import ImageRules
from .messages import N_, Messages
from .reserved import reserved_identifiers
from .texts import TextRules
from .values import value_at

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

_HTML = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)|!|\?)")
_LINK_TARGETS = (
    re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)"),  # [text](target)
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)", re.MULTILINE),  # [label]: target
    re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>"),  # <scheme:target>
)
_SAFE_LINK = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)
_MARKDOWN_IMAGE = re.compile(r"!\[")


def _indexed(data, key: str, *rest: str):
    """Paths `(key, i, *rest)` for every item of the list `data[key]`."""
    items = data.get(key)
    return [(key, index, *rest) for index in range(len(items))] if isinstance(items, list) else []


class RecordRules:
    """Checks one record; `report(position, parts, code, message, severity=ERROR)` gets the problems."""

    def __init__(self, say: Messages, root: Path, institutions: set[str], today: dt.date):
        self.say, self.root, self.institutions, self.today = say, root.resolve(), institutions, today
        self.images = ImageRules(say, root)
        self.texts = TextRules(say)

    def check(self, kind: str, path: Path, data: dict, positions, report, label) -> None:
        """All per-record rules; `label(parts)` names a field for people."""
        self._slug(path, report)
        self._markdown(kind, data, positions, report, label)
        self._images(kind, path, data, positions, report, label)
        if kind == "enterprise":
            self._clients(data, positions, report)
            self._freshness(data, positions, report, label)
            self._unpublished_person(data, positions, report, label)

    def _slug(self, path: Path, report) -> None:
        if not SLUG.match(path.stem) or len(path.stem) > 80:
            report((1, 1), (), "slug-file-name", self.say(N_(
                "The file name « {name} » is not a valid identifier: use lowercase letters without accents, "
                "digits and single hyphens, then .yaml (for example traiteur-du-quartier.yaml)."), name=path.name))
        elif path.stem in reserved_identifiers():
            report((1, 1), (), "slug-reserved", self.say(N_(
                "The file name « {name} » cannot be used: the site already has a page at that address. Add a "
                "word to it (for example {name_stem}-montreal.yaml)."), name=path.name, name_stem=path.stem))

    def _markdown(self, kind, data, positions, report, label) -> None:
        if kind != "enterprise":
            return
        for base in [("description",), ("impact", "text"), *_indexed(data, "offer", "description")]:
            for lang in ("fr", "en"):
                parts, text = base + (lang,), value_at(data, base + (lang,))
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
            slug = value_at(data, parts)
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
            expires = _date(value_at(data, parts))
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

    def _unpublished_person(self, data, positions, report, label) -> None:
        parts = ("contact", "person")
        person = value_at(data, parts)
        consent = _date(person.get("consent")) if isinstance(person, dict) else None
        if consent is not None and consent > self.today:
            where = parts + ("consent",)
            report(positions.of(where), where, "consent-future", self.say(N_(
                "« {label} » ({date}) is in the future: write the date the person agreed to be published (a "
                "person is published only once they have agreed)."), label=label(where), date=consent.isoformat()))
        if isinstance(person, dict) and isinstance(person.get("name"), str) and "consent" not in person:
            report(positions.of(parts, key=True), parts, "person-unpublished", self.say(N_(
                "The contact person « {name} » will not be published: no consent is recorded. The site, the "
                "catalogues and the open data show the enterprise's general email and phone only. If the person "
                "agrees to be published, write the date they agreed under « {label} »; otherwise you may remove "
                "the person (the record file itself can be read in the repository)."),
                name=person["name"], label=label(parts + ("consent",))), NOTICE)

    def _images(self, kind, path, data, positions, report, label) -> None:
        image_fields = [("logo",)]
        if kind == "enterprise":
            image_fields += _indexed(data, "photos", "file") + _indexed(data, "offer", "photo", "file")
        folder = path.parent / "media" / path.stem
        for parts in image_fields:
            value = value_at(data, parts)
            if isinstance(value, str) and value:
                problem = self.images.problem(value, folder)
                if problem:
                    code, message = problem
                    report(positions.of(parts), parts, code, message)


def duplicates(records, report_for, say: Messages) -> None:
    """Report records of one kind that share an identifier or whose names read alike
    (`lookalike.name_keys`); `records` are (path, slug, names), names as (parts, text, position, keys)."""
    by_slug: dict[str, str] = {}
    by_key: dict[str, tuple[str, str]] = {}
    for path, slug, names in records:
        report = report_for(path)
        if slug in by_slug:
            report((1, 1), (), "duplicate-slug", say(N_(
                "Another file has the same identifier « {slug} »: {other}."), slug=slug, other=by_slug[slug]))
        else:
            by_slug[slug] = path
        for parts, text, position, keys in names:
            keys = keys - {""}
            other = next((by_key[k] for k in sorted(keys) if k in by_key and by_key[k][0] != path), None)
            if other is not None:
                report(position, parts, "duplicate-name", say(N_(
                    "« {name} » reads like the name in {other} (« {other_name} »): capitals, accents, punctuation, "
                    "spaces and look-alike letters do not make two names different. If it is the same "
                    "organisation, update that file instead."), name=text, other=other[0], other_name=other[1]))
            for key in keys:
                by_key.setdefault(key, (path, text))


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
