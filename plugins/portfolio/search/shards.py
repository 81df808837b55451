"""A lunr index cut into pieces a query fetches one by one.

Per tier (index.py), the terms are sorted and cut into shards of about `SHARD_BYTES` of JSON; the manifest
lists the first term of each shard, so search-core.js knows which shard holds a term (or the terms of a
prefix) before fetching anything. A shard holds, per term, its postings: the documents holding it (gaps from
the previous ref) and the term's weight in each, the BM25 score lunr's field vectors hold (lunr's formula:
`lunr.idf`, k1 = 1.2, b = 0.75, field boosts) summed over the tier's fields, times `WEIGHT_SCALE`, rounded.
The lexicon (every term of the tier, no postings) is fetched only for the typo fallback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
import math
from collections import defaultdict

from lunr.builder import Builder

SHARD_BYTES = 12_000
WEIGHT_SCALE = 10
K1, B = 1.2, 0.75


@dataclass(frozen=True)
class Frequencies:
    """All the weights need of one tier: each field's boost, and each document's term frequencies by field."""

    boosts: dict[str, float]
    documents: list[dict[str, dict[str, int]]]  # by ref: field -> {term: count}

    @classmethod
    def of(cls, builder: Builder, document_count: int) -> "Frequencies":
        """The frequencies a lunr builder holds for refs "0".."n-1"."""
        fields = list(builder._fields)
        return cls({field: builder._fields[field].boost or 1 for field in fields},
                   [{field: builder.field_term_frequencies[f"{field}/{ref}"] for field in fields}
                    for ref in range(document_count)])


def weights(frequencies: Frequencies) -> dict[str, dict[int, float]]:
    """Term -> {ref: score summed over the fields}, the scores lunr.js would compute."""
    documents, document_count = frequencies.documents, len(frequencies.documents)
    holders: dict[str, int] = defaultdict(int)  # lunr.idf counts a document once per field holding the term
    lengths: dict[str, list[int]] = {}  # field -> each document's length in it
    for field in frequencies.boosts:
        lengths[field] = [sum(document[field].values()) for document in documents]
        for document in documents:
            for term in document[field]:
                holders[term] += 1
    idf = {term: math.log(1 + abs((document_count - n + 0.5) / (n + 0.5))) for term, n in holders.items()}
    scores: dict[str, dict[int, float]] = {}
    for field, boost in frequencies.boosts.items():
        average = sum(lengths[field]) / document_count if document_count else 0
        for ref, (document, length) in enumerate(zip(documents, lengths[field])):
            if not length:
                continue
            base = K1 * (1 - B + B * (length / average))  # the part of BM25's norm a document's terms share
            for term, tf in document[field].items():
                row = scores.get(term)
                if row is None:
                    row = scores[term] = {}
                row[ref] = row.get(ref, 0.0) + idf[term] * ((K1 + 1) * tf) / (base + tf) * boost
    return scores


def postings(scores: dict[int, float]) -> list[int]:
    """[ref gap, scaled weight, …] in ref order."""
    flat, previous = [], 0
    for ref in sorted(scores):
        flat += [ref - previous, round(scores[ref] * WEIGHT_SCALE)]
        previous = ref
    return flat


def shard(frequencies: Frequencies, limit: int = SHARD_BYTES) -> tuple[list[str], list[dict]]:
    """(first term of each shard, shards as {"terms": [...], "postings": [[...], ...]})."""
    scores = weights(frequencies)
    bounds, shards, size = [], [], limit
    for term in sorted(scores):
        flat = postings(scores[term])
        cost = len(term) + len(json.dumps(flat, separators=(",", ":"))) + 6
        if size + cost > limit:
            bounds.append(term)
            shards.append({"terms": [], "postings": []})
            size = 0
        shards[-1]["terms"].append(term)
        shards[-1]["postings"].append(flat)
        size += cost
    return bounds, shards
