"""Build the search files of one language: the manifest, the index shards and lexicons, the document
chunks and the facet values (file name -> JSON data, all under the search page's folder).

The index has two tiers: `main` (name, offer names, sector and impact labels: the telling fields, a fifth
of the text), searched first, and `more` (summary, the other language's names, description), searched
once the first results are shown. Each tier is cut into shards (shards.py): a query fetches the shards of
its terms only. The document store is cut into chunks of `DOCS_PER_CHUNK` rows by ref: the results shown
fetch their chunks only. The facet values of every document (a small file) are fetched after the first
results, for the counts over the whole portfolio. Refs are positions in `portfolio.enterprises`.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from importlib import metadata

from lunr.builder import Builder

from ..records.model import Portfolio
from .documents import FIELDS, StoreLinks, document_store, indexed_fields
from .lunr_languages import french_source
from .pipeline import builder, searchable, terms
from .shards import SHARD_BYTES, WEIGHT_SCALE, Frequencies, shard

VERSION = 2
DOCS_PER_CHUNK = 10
# Where each file goes, relative to the search page; search-core.js fills in the same patterns.
NAMES = {"manifest": "search-{lang}.json", "shard": "index-{lang}-{tier}-{n}.json",
         "lexicon": "lexicon-{lang}-{tier}.json", "chunk": "docs-{lang}-{n}.json", "facets": "facets-{lang}.json"}
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


def tier_frequencies(texts: list[dict[str, str]], lang: str, fields, keys: list[str], known: dict) -> Frequencies:
    """The term frequencies of one tier; a document whose key is in `known` (key -> its frequencies) is not
    analysed again, and `known` receives the others."""
    for n, key in enumerate(keys):
        if key not in known:
            known[key] = {name: dict(Counter(terms(texts[n][name], lang))) for name, _ in fields}
    return Frequencies({name: boost or 1 for name, boost in fields}, [known[key] for key in keys])


def search_files(portfolio: Portfolio, lang: str, links: StoreLinks, shard_bytes: int = SHARD_BYTES,
                 keys: list[str] | None = None, known: dict | None = None) -> dict[str, dict]:
    """File name -> JSON data, for `lang`, with index shards of about `shard_bytes`. With `keys` (one per
    enterprise, changing whenever what is indexed of it may change) and `known` (tier -> key -> term
    frequencies, from an earlier build, updated here), only new or changed enterprises are analysed."""
    names = tuple(name for name, _ in FIELDS)
    texts = [indexed_fields(e, lang, names) for e in portfolio.enterprises]
    keys = keys or [str(n) for n in range(len(texts))]
    known = {} if known is None else known
    store = document_store(portfolio, lang, links)
    docs = store["docs"]
    files = {}
    tiers = []
    pipeline = builder(lang).search_pipeline.serialize()
    for tier, fields in TIERS.items():
        frequencies = tier_frequencies(texts, lang, fields, keys, known.setdefault(tier, {}))
        bounds, shards = shard(frequencies, shard_bytes)
        for n, piece in enumerate(shards):
            files[NAMES["shard"].format(lang=lang, tier=tier, n=n)] = piece
        files[NAMES["lexicon"].format(lang=lang, tier=tier)] = {"terms": [t for s in shards for t in s["terms"]]}
        tiers.append({"name": tier, "shards": bounds})
    for n in range(0, len(docs), DOCS_PER_CHUNK):
        files[NAMES["chunk"].format(lang=lang, n=n // DOCS_PER_CHUNK)] = {"docs": docs[n:n + DOCS_PER_CHUNK]}
    files[NAMES["facets"].format(lang=lang)] = {"values": [row[5] for row in docs]}
    files[NAMES["manifest"].format(lang=lang)] = {
        "version": VERSION, "lang": lang, "count": len(docs), "pipeline": pipeline, "scale": WEIGHT_SCALE,
        "tiers": tiers, "chunk": DOCS_PER_CHUNK, "names": NAMES, "facets": store["facets"],
        "affixes": store["affixes"]}
    return files


@cache
def library_version() -> str:
    """What shapes an index besides the texts and our code: the pinned lunr.fr.js and the stemmer."""
    return french_source() + metadata.version("snowballstemmer")
