"""A compact wire form of a lunr index, expanded back by search.js before `lunr.Index.load`.

lunr's JSON repeats itself: the inverted index lists, for every term, every field with the
documents holding it, and the field vectors carry a BM25 score per term written with decimals.
Both follow from the term frequencies alone. The compact form keeps the sorted terms and, per
field and document, the numbers of its terms (as gaps from the previous number, a term used twice
appearing twice); search.js rebuilds the inverted index and recomputes the scores with lunr's own
formula (`lunr.idf`, k1 = 1.2, b = 0.75, field boosts), then loads the result with lunr.Index.load.
"""

from __future__ import annotations

from lunr.builder import Builder

VERSION = 1


def compact(builder: Builder, document_count: int) -> dict:
    """The compact form of the index `builder` has built, whose refs are "0".."n-1"."""
    terms = sorted(builder.inverted_index)
    number = {term: n for n, term in enumerate(terms)}
    fields = list(builder._fields)
    vectors = []
    for field in fields:
        rows = []
        for ref in range(document_count):
            frequencies = builder.field_term_frequencies[f"{field}/{ref}"]
            row, previous = [], 0
            for term_number in sorted(number[term] for term in frequencies):
                row += [term_number - previous] + [0] * (frequencies[terms[term_number]] - 1)
                previous = term_number
            rows.append(row)
        vectors.append(rows)
    return {"version": VERSION, "fields": fields, "boosts": [builder._fields[f].boost for f in fields],
            "pipeline": builder.search_pipeline.serialize(), "terms": terms, "vectors": vectors}
