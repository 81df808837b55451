"""Territories that nest (the vocabulary's `within`: borough or linked city ⊂ island ⊂ Greater Montréal ⊂
Québec): an enterprise serving a territory also serves every territory inside it."""

from __future__ import annotations

from collections import Counter

from .records.vocabulary import Term, Vocabulary


def ancestors(vocabulary: Vocabulary, key: str) -> tuple[str, ...]:
    """The territories containing `key`, the nearest first; fails on an unknown key or a loop."""
    territories, found = vocabulary["territories"], []
    within = territories[key].within
    while within:
        if within not in territories or within in found or within == key:
            raise ValueError(f"territory {key}: `within` leads to an unknown territory or a loop ({within})")
        found.append(within)
        within = territories[within].within
    return tuple(found)


def descendants(vocabulary: Vocabulary) -> dict[str, tuple[str, ...]]:
    """Territory key -> the keys of every territory it contains (at any depth), in vocabulary order."""
    inside: dict[str, list[str]] = {key: [] for key in vocabulary["territories"]}
    for key in vocabulary["territories"]:
        for outer in ancestors(vocabulary, key):
            inside[outer].append(key)
    return {key: tuple(keys) for key, keys in inside.items()}


def wider(vocabulary: Vocabulary, served: dict[str, list], key: str,
          memo: dict | None = None) -> list[tuple[object, tuple[Term, ...]]]:
    """The enterprises of `served` (territory key -> enterprises serving it, each sorted by name) that
    serve a territory containing `key` but not `key` itself, sorted by name, each with the containing
    territories it serves (the reason it is listed). `memo`, a dict kept while `served` is the same, spares
    the territories with the same containing ones (the boroughs) making that list again."""
    found, _where, _nearest = _around(vocabulary, served, key, memo)
    direct = {id(e) for e in served.get(key, ())}
    return [pair for pair in found if id(pair[0]) not in direct]


def wider_count(vocabulary: Vocabulary, served: dict[str, list], key: str,
                memo: dict | None = None) -> tuple[int, Counter]:
    """How many enterprises `wider` lists, and how many of them have each containing territory as the
    nearest they serve, without making that list: an island's thousands of enterprises for each borough."""
    found, where, nearest = _around(vocabulary, served, key, memo)
    local = [found[where[id(e)]] for e in served.get(key, ()) if id(e) in where]
    return len(found) - len(local), nearest - Counter(reasons[0].key for _e, reasons in local)


def _around(vocabulary: Vocabulary, served: dict[str, list], key: str, memo: dict | None) -> tuple:
    """(the enterprises serving a territory containing `key`, sorted by name, each with those territories;
    their places in that list by id; how many have each containing territory as the nearest they serve),
    the same for the territories with the same containing ones (kept in `memo`)."""
    chain = ancestors(vocabulary, key)
    made = memo.get(chain) if memo is not None else None
    if made is None:
        reasons: dict[int, tuple[object, list[Term]]] = {}
        for outer in chain:
            for enterprise in served.get(outer, ()):
                reasons.setdefault(id(enterprise), (enterprise, []))[1].append(vocabulary["territories"][outer])
        found = [(enterprise, tuple(terms)) for enterprise, terms in
                 sorted(reasons.values(), key=lambda pair: pair[0].sort_key)]
        where = {id(enterprise): place for place, (enterprise, _terms) in enumerate(found)}
        made = found, where, Counter(terms[0].key for _e, terms in found)  # a Term's hash is made from all its fields
        if memo is not None:
            memo[chain] = made
    return made
