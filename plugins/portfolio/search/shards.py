"""A lunr index cut into pieces a query fetches one by one.

Per tier (index.py), the terms are sorted and cut into shards of about `SHARD_BYTES` of JSON; the manifest
lists the first term of each shard, so search-core.js knows which shard holds a term (or the terms of a
prefix) before fetching anything. A shard holds, per term, its postings: the documents holding it (gaps from
the previous ref) and the term's weight in each, the BM25 score lunr's field vectors hold (lunr's formula:
`lunr.idf`, k1 = 1.2, b = 0.75, field boosts) summed over the tier's fields, times `WEIGHT_SCALE`, rounded.
The lexicon (every term of the tier, no postings) is fetched only for the typo fallback.

Made for a build after an edit: each field's average length, which every weight depends on, is rounded
to `AVERAGE_DIGITS` significant digits, so that an edit seldom changes it; then the weights of the terms
the edited enterprise neither held nor holds stay the same, and only the postings of its terms are made
again (`Kept`): of a term held as often as before (its idf the same), only its own entry. Where a shard
ends depends on the terms around it only (`cut`), so the other shards keep their bytes, and their names.
"""

from __future__ import annotations

import json
import math
import zlib
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import sub

from lunr.builder import Builder

from ..jsontext import compact

SHARD_BYTES = 12_000
WEIGHT_SCALE = 10
K1, B = 1.2, 0.75
AVERAGE_DIGITS = 3


@dataclass(frozen=True)
class Frequencies:
    """All the weights need of one tier: each field's boost, and each document's term frequencies by field."""

    boosts: dict[str, float]
    documents: Sequence[dict[str, dict[str, int]]]  # by ref: field -> {term: count} (may be read when asked)

    @classmethod
    def of(cls, builder: Builder, document_count: int) -> "Frequencies":
        """The frequencies a lunr builder holds for refs "0".."n-1"."""
        fields = list(builder._fields)
        return cls({field: builder._fields[field].boost or 1 for field in fields},
                   [{field: builder.field_term_frequencies[f"{field}/{ref}"] for field in fields}
                    for ref in range(document_count)])


@dataclass(frozen=True)
class Kept:
    """One tier's postings as a build made them, for the next build: each document's key (by ref), how many
    (document, field) pairs hold each term, each field's rounded average length, each term's postings as
    JSON text, and each field's length in each document (by ref)."""

    keys: tuple[str, ...]
    holders: dict[str, int]
    averages: dict[str, float]
    rows: dict[str, str]
    lengths: dict[str, list[int]]


def postings(frequencies: Frequencies, keys=None, kept: Kept | None = None, known: dict | None = None) -> Kept:
    """Each term's postings, [ref gap, scaled weight, …] in ref order, as JSON. With the previous build's
    `kept` and `known` (key -> a document's frequencies, the previous build's documents included), only the
    postings of the terms of the documents whose key changed are made again, while the documents are as
    many and the rounded averages the same; `keys`: each document's (by default its ref). A document is read
    (`frequencies.documents[ref]`, which may read it from a file) only when its postings or length are made."""
    documents, count = frequencies.documents, len(frequencies.documents)
    keys = tuple(keys) if keys is not None else tuple(map(str, range(count)))
    lengths = _lengths(documents, frequencies.boosts, keys, kept)
    averages = {field: rounded(sum(values) / count) if count else 0.0 for field, values in lengths.items()}
    changed = _changed(kept, keys, averages, known or {})
    weights = _Weights(documents, frequencies.boosts, lengths, averages)
    if changed is None:
        holders = _holders(documents, frequencies.boosts)
        rows = {term: compact(row) for term, row in weights.rows(holders, None, range(count)).items()}
    else:
        holders, terms = _holders_after(kept, changed, documents, known, frequencies.boosts)
        rows = {term: text for term, text in kept.rows.items() if term not in terms}
        rows.update(_rows_after(kept, changed, terms, holders, weights))
    return Kept(keys, holders, averages, rows, lengths)


def _lengths(documents, fields, keys: tuple, kept: Kept | None) -> dict[str, list[int]]:
    """Each field's length in each document: as `kept` has it for a document whose key at that ref is the
    same, else summed from its frequencies."""
    if kept is None or len(kept.keys) != len(keys):
        return {field: [sum(document[field].values()) for document in documents] for field in fields}
    same = [before == now for before, now in zip(kept.keys, keys)]
    return {field: [length if unchanged else sum(documents[ref][field].values())
                    for ref, (length, unchanged) in enumerate(zip(kept.lengths[field], same))] for field in fields}


def rounded(average: float) -> float:
    """`average` to AVERAGE_DIGITS significant digits."""
    return float(f"{average:.{AVERAGE_DIGITS}g}")


def _changed(kept: Kept | None, keys: tuple, averages: dict, known: dict) -> list[int] | None:
    """The refs whose document changed since `kept`, or None when every posting must be made."""
    if kept is None or len(kept.keys) != len(keys) or kept.averages != averages:
        return None
    changed = [ref for ref, (before, now) in enumerate(zip(kept.keys, keys)) if before != now]
    if len(changed) > len(keys) // 4 or any(kept.keys[ref] not in known for ref in changed):
        return None
    return changed


def _holders(documents: list, fields) -> dict[str, int]:
    """Term -> how many (document, field) pairs hold it (lunr.idf counts a document once per field)."""
    holders: dict[str, int] = {}
    for field in fields:
        for document in documents:
            for term in document[field]:
                holders[term] = holders.get(term, 0) + 1
    return holders


def _holders_after(kept: Kept, changed: list[int], documents: list, known: dict, fields) -> tuple[dict, set]:
    """The holders of `kept` with the changed documents' old terms taken out and new ones put in; the terms
    either held."""
    holders, terms = dict(kept.holders), set()
    for ref in changed:
        for sign, document in ((-1, known[kept.keys[ref]]), (1, documents[ref])):
            for field in fields:
                for term in document[field]:
                    holders[term] = holders.get(term, 0) + sign
                terms.update(document[field])
    for term in terms:
        if not holders.get(term):
            holders.pop(term, None)
    return holders, terms


@dataclass(frozen=True)
class _Weights:
    """What the weights of a tier's postings are made from."""

    documents: list
    boosts: dict
    lengths: dict  # field -> each document's length
    averages: dict

    def rows(self, holders: dict, terms: set | None, refs) -> dict[str, list]:
        """The postings of `terms` (None: every term of `holders`) in the documents `refs` (in order), as flat
        lists [ref gap, scaled weight, …]."""
        count = len(self.documents)
        idf = {term: math.log(1 + abs((count - n + 0.5) / (n + 0.5)))
               for term, n in holders.items() if terms is None or term in terms}
        refs = list(refs)
        if hasattr(self.documents, "read"):  # index.KnownDocuments: the documents needed, read at once
            self.documents.read(refs)
        flat: dict[str, list[int]] = {}
        last: dict[str, int] = {}
        for ref in refs:
            document, scores = self.documents[ref], {}
            for field, boost in self.boosts.items():
                length = self.lengths[field][ref]
                if not length:
                    continue
                base = K1 * (1 - B + B * (length / self.averages[field]))  # the part of BM25's norm its terms share
                held = document[field]
                for term in (held if terms is None else held.keys() & terms):
                    tf = held[term]
                    scores[term] = scores.get(term, 0.0) + idf[term] * ((K1 + 1) * tf) / (base + tf) * boost
            for term, score in scores.items():
                row = flat.get(term)
                if row is None:
                    flat[term] = [ref, round(score * WEIGHT_SCALE)]
                else:
                    row += (ref - last[term], round(score * WEIGHT_SCALE))
                last[term] = ref
        return flat


def _rows_after(kept: Kept, changed: list[int], terms: set, holders: dict, weights: _Weights) -> dict[str, str]:
    """The postings (JSON) of `terms`, the terms of the documents `changed`, after they changed. A term held
    as often as before has the same idf: the other documents' weights stay, only the changed documents' are
    made (at 10,000 enterprises, a tenth of the time of making the rows again). The others are made again
    from the documents that held them or hold them now."""
    same = {term for term in terms if holders.get(term) and holders[term] == kept.holders.get(term)}
    moved = {term for term in terms if holders.get(term)} - same
    refs = set(changed).union(*(_refs(json.loads(kept.rows[term])) for term in moved if term in kept.rows))
    rows = {term: compact(row) for term, row in weights.rows(holders, moved, sorted(refs)).items()}
    made = weights.rows(holders, same, changed)
    for term in same:
        rows[term] = compact(_patched(json.loads(kept.rows[term]), changed, made.get(term, [])))
    return rows


def _refs(row: list[int]) -> list[int]:
    """The refs of a flat posting row [ref gap, weight, …]."""
    return list(accumulate(row[0::2]))


def _patched(row: list[int], changed: list[int], made: list[int]) -> list[int]:
    """Flat posting row `row` with the entries of the refs `changed` (in order) replaced by those of `made`."""
    refs, weights = _refs(row), row[1::2]
    new = dict(zip(_refs(made), made[1::2]))
    for ref in changed:
        at = bisect_left(refs, ref)
        if at < len(refs) and refs[at] == ref:
            if ref in new:
                weights[at] = new[ref]
            else:
                del refs[at], weights[at]
        elif ref in new:
            refs.insert(at, ref)
            weights.insert(at, new[ref])
    flat = [0] * (2 * len(refs))
    flat[0::2] = refs[:1] + list(map(sub, refs[1:], refs[:-1]))
    flat[1::2] = weights
    return flat


def cut(rows: dict[str, str], limit: int = SHARD_BYTES) -> tuple[list[str], list[str], list[str]]:
    """(every term in order, the first term of each shard, each shard's JSON text {"terms": [...],
    "postings": [[...], ...]}). Once a shard holds a quarter of `limit`, it ends before a term whose hash
    says so, with a chance in proportion to the term's size (shards then average `limit` bytes), or before a
    term that would take it past twice `limit`: a cut depends on the terms just before it only."""
    terms = sorted(rows)
    span = 3 * limit // 4
    bounds, texts, shard, size = [], [], [], 0
    for term in terms:
        cost = len(term) + len(rows[term]) + 6  # its JSON, quoted, and two commas
        if shard and size >= limit // 4 and (zlib.crc32(term.encode("utf-8")) % span < cost or size + cost > 2 * limit):
            texts.append(_text(shard, rows))
            shard, size = [], 0
        if not shard:
            bounds.append(term)
        shard.append(term)
        size += cost
    if shard:
        texts.append(_text(shard, rows))
    return terms, bounds, texts


def _text(terms: list[str], rows: dict[str, str]) -> str:
    """A shard's JSON, as json.dumps would give it with no spaces."""
    return f'{{"terms":{compact(terms)},"postings":[{",".join(rows[term] for term in terms)}]}}'
