"""lunr's own Builder over the enterprises' texts: the reference the search's term counts are checked
against (the build counts terms with pipeline.terms, one pipeline run per distinct word)."""

from __future__ import annotations

from lunr.builder import Builder

from portfolio.records.model import Portfolio
from portfolio.search.documents import FIELDS, indexed_fields
from portfolio.search.pipeline import builder, searchable


def build_index(portfolio: Portfolio, lang: str, fields: tuple[tuple[str, int], ...] = FIELDS) -> Builder:
    """The lunr builder of `lang` holding every enterprise, ref = its position in `portfolio.enterprises`."""
    names = tuple(name for name, _ in fields)
    return lunr_builder([indexed_fields(e, lang, names) for e in portfolio.enterprises], lang, fields)


def lunr_builder(texts: list[dict[str, str]], lang: str, fields: tuple[tuple[str, int], ...]) -> Builder:
    """The lunr builder of `lang` holding `texts` (field name -> text), ref = position."""
    index_builder = builder(lang)
    index_builder.ref("ref")
    for name, boost in fields:
        index_builder.field(name, boost=boost)
    for position, document in enumerate(texts):
        index_builder.add({"ref": str(position), **{name: searchable(document[name]) for name, _ in fields}})
    return index_builder
