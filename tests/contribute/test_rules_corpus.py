"""The browser's rules (contribute-rules.js, run by node) and the Python validator's schema check say the
same thing, field by field, for every record of the validator's fixture corpus and the shipped records, in
both languages."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from form_support import run_rules
from portfolio.records.load import kind_of, vocabulary_of
from portfolio.records.messages import Messages
from portfolio.records.schemacheck import SchemaChecker
from portfolio.records.yamlload import Positions, parse
from portfolio.settings import REPOSITORY

CORPUS = REPOSITORY / "tests" / "records" / "fixtures"
# Codes whose text quotes the source as typed or suggests a close match (difflib): compared by code only.
SOURCE_WORDED = {"quote-needed", "boolean-expected", "number-expected", "unknown-key", "unknown-term"}


def _records() -> list[Path]:
    corpus = [path for folder in ("valid", "invalid", "warning") for path in sorted((CORPUS / folder).glob("*.yaml"))]
    return corpus + sorted((REPOSITORY / "enterprises").glob("*.yaml")) + sorted((REPOSITORY / "institutions").glob("*.yaml"))


# Changes to the sample enterprise that reach the rules the corpus leaves out: (path, new value).
MUTATIONS = [
    (("founded",), 1700), (("name",), "X"), (("address",), "rue Ontario"), (("address", "city"), ["Montréal"]),
    (("clients",), ["Ville_de_Montreal"]), (("neq",), "117"), (("social",), {"myspace": "https://x.example"}),
    (("impact", "employees"), -1), (("website",), 42), (("summary", "fr"), ""), (("sectors",), []),
    (("address", "coordinates"), {"lat": 10, "lon": -73.5}), (("offer", 0, "photo"), {"file": "a.png"}),
]


def _mutated() -> list[tuple[str, dict]]:
    sample = parse((REPOSITORY / "enterprises" / "traiteur-la-marmite-solidaire.yaml").read_bytes(),
                   lambda *problem: None, Messages("en")).data
    cases = []
    for path, value in MUTATIONS:
        data = copy.deepcopy(sample)
        node = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
        cases.append((f"mutation {'.'.join(map(str, path))}", data))
    return cases


def _python(lang: str) -> tuple[list, list]:
    """(kind, data) of every record that parses to a mapping, and the Python schema diagnostics of each."""
    say = Messages(lang)
    checker = SchemaChecker(vocabulary_of(REPOSITORY), say)
    records = []
    for path in _records():
        raw = path.read_bytes()
        parsed = parse(raw, lambda *problem: None, say)
        if isinstance(parsed.data, dict) and kind_of(path, raw[:200]) in ("enterprise", "institution"):
            records.append((path.name, kind_of(path, raw[:200]), parsed.data, parsed.positions))
    records += [(name, "enterprise", data, Positions()) for name, data in _mutated()]
    cases, expected = [], []
    for name, kind, data, positions in records:
        found = []
        checker.check(kind, data, positions, lambda where, parts, code, message: found.append((list(parts), code, message)))
        cases.append((kind, data))
        expected.append((name, found))
    return cases, expected


def _comparable(path, code, message):
    return [[str(part) for part in path], code, None if code in SOURCE_WORDED else message]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_browser_rules_say_what_the_validator_says(lang, tmp_path):
    cases, expected = _python(lang)
    assert len(cases) > 40
    assert sum(bool(found) for _, found in expected) >= 10  # the corpus does exercise the rules
    for (name, python), browser in zip(expected, run_rules(tmp_path, lang, cases), strict=True):
        want = sorted(_comparable(*item) for item in python)
        got = sorted(_comparable(d["path"], d["code"], d["message"]) for d in browser)
        assert got == want, name
