"""Build the search files of one language: the lunr indexes (compact form) and the document store.

The index is split in two so that the first result needs few bytes: `main` (name, offer names,
sector and impact labels: the telling fields, a fifth of the text) is fetched when the visitor
starts searching; `more` (summary, the other language's names, description) is fetched once the
first results are shown and then searched too. Refs are positions in `portfolio.enterprises`,
shared by both tiers and the store.
"""

from __future__ import annotations

from functools import cache
from importlib import metadata

from lunr.builder import Builder

from ..records.model import Portfolio
from .compact import compact
from .documents import FIELDS, StoreLinks, document_store, indexed_fields
from .lunr_languages import french_source
from .pipeline import builder, searchable

# Tier name -> its fields, with boosts.
MAIN = ("name", "offers", "terms")
TIERS = {
    "main": tuple(field for field in FIELDS if field[0] in MAIN),
    "more": tuple(field for field in FIELDS if field[0] not in MAIN),
}


def build_index(portfolio: Portfolio, lang: str, fields: tuple[tuple[str, int], ...] = FIELDS) -> Builder:
    """The lunr builder of `lang` holding every enterprise, ref = its position in
    `portfolio.enterprises`. Its term frequencies are all the compact form needs; `.build()` (the
    scores and token set, which search.js computes itself) is left to whoever wants a lunr Index."""
    names = tuple(name for name, _ in fields)
    return _builder([indexed_fields(e, lang, names) for e in portfolio.enterprises], lang, fields)


def _builder(texts: list[dict[str, str]], lang: str, fields: tuple[tuple[str, int], ...]) -> Builder:
    index_builder = builder(lang)
    index_builder.ref("ref")
    for name, boost in fields:
        index_builder.field(name, boost=boost)
    for position, document in enumerate(texts):
        index_builder.add({"ref": str(position), **{name: searchable(document[name]) for name, _ in fields}})
    return index_builder


def search_files(portfolio: Portfolio, lang: str, links: StoreLinks) -> dict[str, dict]:
    """File role ('main', 'more', 'docs') -> JSON data, for `lang`."""
    names = tuple(name for name, _ in FIELDS)
    texts = [indexed_fields(e, lang, names) for e in portfolio.enterprises]
    tiers = {tier: compact(_builder(texts, lang, fields), len(texts)) for tier, fields in TIERS.items()}
    return {**tiers, "docs": document_store(portfolio, lang, links)}


@cache
def library_version() -> str:
    """What shapes an index besides the texts and our code: the pinned lunr.fr.js and the stemmer."""
    return french_source() + metadata.version("snowballstemmer")
