"""The JSON exports: every validated record with the keys of its record schema (plus `slug` and `pages`,
without media files), the vocabulary labels, a format name and version, and the licence."""

from __future__ import annotations

import dataclasses
import datetime as dt

from ..jsontext import compact
from ..records.model import LANGS, Enterprise, Image, Institution, Portfolio, Text
from ..records.vocabulary import SECTIONS, Term

VERSION = 1
# Model attributes that are not record keys (source file, digest of the inputs) or are media, which are not
# exported (nor any Image).
OMITTED = {"source", "digest", "photos"}


def plain(value):
    """JSON-ready form of a model value: terms become their keys, texts {fr, en}, dates ISO strings;
    None, empty lists, media and what the model makes of its fields (a sort key) are left out of objects."""
    if isinstance(value, Term):
        return value.key
    if isinstance(value, Text):
        return {"fr": value.fr, **({"en": value.en} if value.en else {})}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if dataclasses.is_dataclass(value):
        return {f.name: plain(v) for f in dataclasses.fields(value)  # not the fields made from others (init=False)
                if f.init and f.name not in OMITTED and (v := getattr(value, f.name)) not in (None, ())
                and not isinstance(v, Image)}
    return value


def enterprise_record(enterprise: Enterprise, pages: dict[str, str]) -> dict:
    record = {**plain(enterprise), "contact": plain(enterprise.public_contact)}
    address = record["address"]
    if "lat" in address:
        address["coordinates"] = {"lat": address.pop("lat"), "lon": address.pop("lon")}
    if enterprise.social:
        record["social"] = {network.key: url for network, url in enterprise.social}
    return {"slug": record.pop("slug"), **record, "pages": pages}


def institution_record(institution: Institution, pages: dict[str, str]) -> dict:
    record = plain(institution)
    return {"slug": record.pop("slug"), **record, "pages": pages}


def as_json(value) -> bytes:
    """Compact JSON in UTF-8, as in the files."""
    return compact(value).encode("utf-8")


def enterprise_json(enterprise: Enterprise, page_url) -> bytes:
    """The JSON of one enterprise's record in the enterprises document."""
    return as_json(enterprise_record(enterprise, {lang: page_url(("enterprise", enterprise.slug), lang)
                                                  for lang in LANGS}))


def document(kind: str, records: list[bytes], count: int, portfolio: Portfolio, licence: dict) -> list[bytes]:
    """The pieces of the document of `kind` whose `count` records' JSON, joined by commas, are the pieces
    `records` one after the other (the bytes json.dumps would give for the whole; joining records lets a build
    keep each one's JSON, and the pieces are written without being joined: engine/writer.py)."""
    vocabulary = {section: {t.key: {lang: t.label(lang) for lang in LANGS} for t in portfolio.vocabulary[section].values()}
                  for section in SECTIONS}
    head = as_json({"format": f"economie-sociale-jachete/{kind}", "version": VERSION, "licence": licence,
                    "count": count, "vocabulary": vocabulary, kind: []})
    return [head.removesuffix(b"[]}") + b"[", *records, b"]}\n"]


def enterprises_json(portfolio: Portfolio, page_url, licence: dict) -> str:
    """The enterprises document; `page_url(key, lang)` gives a page's address."""
    records = [enterprise_json(e, page_url) for e in portfolio.enterprises]
    return b"".join(document("enterprises", [b",".join(records)], len(records), portfolio, licence)).decode("utf-8")


def institutions_json(portfolio: Portfolio, page_url, licence: dict) -> str:
    """The institutions document, records shaped like `enterprises_json`'s."""
    records = [as_json(institution_record(i, {lang: page_url(("institution", i.slug), lang) for lang in LANGS}))
               for i in portfolio.institutions]
    return b"".join(document("institutions", [b",".join(records)], len(records), portfolio, licence)).decode("utf-8")
