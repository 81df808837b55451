"""Page inputs' digests (engine/fingerprint.py): by content, records by their digest, order of dict keys and
set items ignored, unknown kinds refused; and the same across versions of the code (else every kept page
is rendered again once)."""

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import NamedTuple

import pytest

from portfolio.engine.fingerprint import Lazy, fingerprint


class Record:
    COUNTED_BY_DIGEST = True

    def __init__(self, digest):
        self.digest = digest


@dataclass(frozen=True)
class Term:
    key: str
    labels: dict


class Pair(NamedTuple):
    left: int
    right: str


VALUE = [("enterprise", "coop"), 1, {"b": [Record("d1"), None], "a": {3, 1}}, Term("x", {"fr": "X"}),
         Pair(2, "y"), dt.date(2026, 11, 29), PurePosixPath("a/b"), 1.5, True, len, Lazy(len, ("abc",))]


def test_the_digest_of_a_value_is_the_same_as_in_earlier_versions():
    assert fingerprint(VALUE) == "d8e39ea1a32480553b59159a687f7619050d3cb7d2c1f4a05cf05d6966de34a7"


def test_order_of_keys_and_set_items_does_not_count_but_order_of_lists_does():
    assert fingerprint({"a": 1, "b": {2, 3}}) == fingerprint({"b": {3, 2}, "a": 1})
    assert fingerprint([1, 2]) != fingerprint([2, 1])
    assert fingerprint([[1], 2]) != fingerprint([1, [2]]) != fingerprint([1, 2])
    assert fingerprint(["1"]) != fingerprint([1]) != fingerprint([1.0])


def test_records_count_by_their_digest_and_dataclasses_by_their_fields():
    assert fingerprint([Record("d1")]) == fingerprint([Record("d1")]) != fingerprint([Record("d2")])
    assert fingerprint(Term("x", {"fr": "X"})) != fingerprint(Term("x", {"fr": "Y"}))
    assert fingerprint(Pair(1, "a")) == fingerprint((1, "a")), "a named tuple is a tuple"


def test_a_value_of_an_unknown_kind_is_refused_naming_its_place():
    with pytest.raises(TypeError, match="'page': cannot tell whether a object changed"):
        fingerprint({"page": [object()]})
