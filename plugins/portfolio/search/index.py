"""Build the search files of one language: the manifest, the index shards and lexicons, the document
chunks and the facet values (file name -> JSON text; the manifest goes beside the search page).

The index has two tiers: `main` (name, offer names, sector and impact labels: the telling fields, a fifth
of the text), searched first, and `more` (summary, the other language's names, description), searched
once the first results are shown. Each tier is cut into shards (shards.py): a query fetches the shards of
its terms only. The document store is cut into chunks of `DOCS_PER_CHUNK` rows by ref: the results shown
fetch their chunks only. The facet values of every document (a small file) are fetched after the first
results, for the counts over the whole portfolio; the day each listing was last verified, only to sort by it.
Refs are positions in `portfolio.enterprises`.

Every file but the manifest carries a hash of its content in its name (site/hosting.fingerprinted), listed
in the manifest, so that a browser never mixes the files of two builds: they are cached for a year, and the
manifest, which the page names and every build may change, is cached for minutes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache
from importlib import metadata

from ..engine.cache import digest
from ..jsontext import compact
from ..records.model import Portfolio
from ..site.hosting import fingerprinted
from .documents import FIELDS, BuildFacts, StoreLinks, document_store, indexed_fields
from .lunr_languages import french_source
from .pipeline import builder, terms
from .shards import SHARD_BYTES, WEIGHT_SCALE, Frequencies, cut, postings

VERSION = 3
DOCS_PER_CHUNK = 10
# The name of each file before its content hash (the manifest's has none).
NAMES = {"manifest": "search-{lang}.json", "shard": "index-{lang}-{tier}-{n}.json",
         "lexicon": "lexicon-{lang}-{tier}.json", "chunk": "docs-{lang}-{n}.json", "facets": "facets-{lang}.json",
         "verified": "verified-{lang}.json"}
# Tier name -> its fields, with boosts.
MAIN = ("name", "offers", "terms")
TIERS = {
    "main": tuple(field for field in FIELDS if field[0] in MAIN),
    "more": tuple(field for field in FIELDS if field[0] not in MAIN),
}


def tier_frequencies(documents: list, lang: str, fields, keys: list[str], known,
                     read=lambda document, names: document) -> Frequencies:
    """The term frequencies of one tier; a document whose key is in `known` (key -> its frequencies: a dict,
    or a known.KnownTier, whose documents are read when asked) is not read (`read(document, field names)`:
    its text in each field) nor analysed again, and `known` receives the others."""
    names = tuple(name for name, _ in fields)

    def analysed(document) -> dict:
        texts = read(document, names)
        return {name: dict(Counter(terms(texts[name], lang))) for name in names}

    for document, key in zip(documents, keys):
        if key not in known:
            known[key] = analysed(document)
    return Frequencies({name: boost or 1 for name, boost in fields}, KnownDocuments(documents, keys, known, analysed))


class KnownDocuments(Sequence):
    """The frequencies of each document by ref, taken from `known` when asked (or analysed again when it
    cannot give them: a cache file that could not be read)."""

    def __init__(self, documents: list, keys: list[str], known, analysed):
        self.documents, self.keys, self.known, self.analysed = documents, keys, known, analysed

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, ref: int) -> dict:
        try:
            return self.known[self.keys[ref]]
        except KeyError:
            self.known[self.keys[ref]] = found = self.analysed(self.documents[ref])
            return found

    def __iter__(self):
        self.read(range(len(self.keys)))
        return (self[ref] for ref in range(len(self.keys)))

    def read(self, refs) -> None:
        """Read at once the documents `refs` from a KnownTier (shards.py asks before using many)."""
        if hasattr(self.known, "read_many"):
            self.known.read_many([self.keys[ref] for ref in refs])


def search_files(portfolio: Portfolio, lang: str, links: StoreLinks, facts: BuildFacts,
                 shard_bytes: int = SHARD_BYTES, keys: list[str] | None = None, known: dict | None = None,
                 folder: str = "", runs=None, kept: dict | None = None) -> dict[str, str]:
    """File name -> compact JSON text, for `lang` on `facts.today`, with index shards of about `shard_bytes`:
    the manifest (`manifest_name(lang)`) and the fingerprinted files it names, which it says are in `folder` (a
    URL ending with /, or empty: beside it). With `keys` (one per enterprise, changing whenever what is indexed of it
    may change) and `known` (tier -> key -> term frequencies, from an earlier build, updated here), only new
    or changed enterprises are analysed, and with `kept` (tier -> shards.Kept of an earlier build, updated
    here) only the postings of their terms are made again; `runs`: see document_store."""
    keys = keys or [str(n) for n in range(len(portfolio.enterprises))]
    known = {} if known is None else known
    kept = {} if kept is None else kept
    store = document_store(portfolio, lang, links, facts, runs)
    docs = store["docs"]
    files: dict[str, str] = {}

    def add(kind: str, data: dict | str, **values) -> str:
        text = data if isinstance(data, str) else compact(data)
        name = fingerprinted(NAMES[kind].format(lang=lang, **values), text.encode("utf-8"))
        files[name] = text
        return name

    tiers = []
    listed = {"shard": {}, "lexicon": {}}
    pipeline = builder(lang).search_pipeline.serialize()
    for tier, fields in TIERS.items():
        frequencies = tier_frequencies(portfolio.enterprises, lang, fields, keys, known.setdefault(tier, {}),
                                       lambda enterprise, names: indexed_fields(enterprise, lang, names))
        kept[tier] = postings(frequencies, keys, kept.get(tier), known[tier])
        terms, bounds, shards = cut(kept[tier].rows, shard_bytes)
        listed["shard"][tier] = [add("shard", text, tier=tier, n=n) for n, text in enumerate(shards)]
        listed["lexicon"][tier] = add("lexicon", {"terms": terms}, tier=tier)
        tiers.append({"name": tier, "shards": bounds})
    listed["chunk"] = [add("chunk", {"docs": docs[n:n + DOCS_PER_CHUNK]}, n=n // DOCS_PER_CHUNK)
                       for n in range(0, len(docs), DOCS_PER_CHUNK)]
    listed["facets"] = add("facets", {"values": [row[5] for row in docs]})
    first = min(store["verified"], default=0)
    listed["verified"] = add("verified", {"days": [day - first for day in store["verified"]]})  # since the first
    files[manifest_name(lang)] = compact({
        "version": VERSION, "lang": lang, "count": len(docs), "pipeline": pipeline, "scale": WEIGHT_SCALE,
        "tiers": tiers, "chunk": DOCS_PER_CHUNK, "folder": folder, "files": listed, "facets": store["facets"],
        "affixes": store["affixes"]})
    return files


def manifest_name(lang: str) -> str:
    """The name of the manifest of `lang`, the one search file without a content hash."""
    return NAMES["manifest"].format(lang=lang)


@cache
def library_version() -> str:
    """What shapes an index besides the texts and our code: the pinned lunr.fr.js and the stemmer (a digest)."""
    return digest(french_source(), metadata.version("snowballstemmer"))
