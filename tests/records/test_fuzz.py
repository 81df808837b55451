"""No input makes the validator crash or hang: 10,000 generated inputs (random bytes, YAML-like text,
mutated valid records) all end in clean diagnostics, never in an exception or an internal error."""

from __future__ import annotations

import copy
import signal
import shutil
from contextlib import contextmanager

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio.records import schemacheck
from portfolio.records.load import Validator
from portfolio.records.messages import Messages
from portfolio.records.yamlload import parse
from records_corpus import FIXTURES, INSTITUTIONS, TODAY

pytestmark = pytest.mark.slow
SETTINGS = dict(deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
VALID = {name: (FIXTURES / "valid" / f"{name}.yaml").read_bytes() for name in ("cafe-exemple", "atelier-complet")}


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: float):
    """Fail (instead of hanging the test run) when one input takes longer than `seconds`."""
    def expire(*_):
        raise Hang(f"validation took more than {seconds} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    """A portfolio root with the media of the valid fixtures, and a validator for it."""
    root = tmp_path_factory.mktemp("fuzz")
    (root / "enterprises" / "media").mkdir(parents=True)
    shutil.copytree(FIXTURES / "media" / "atelier-complet", root / "enterprises" / "media" / "atelier-complet")
    validator = Validator(root, "fr", TODAY, INSTITUTIONS)

    def check(raw: bytes, name: str = "atelier-complet"):
        path = root / "enterprises" / f"{name}.yaml"
        path.write_bytes(raw)
        with time_limit(20):
            result = validator.validate([path])
        for diagnostic in result.diagnostics:
            assert diagnostic.code != "internal-error", diagnostic.message
            assert diagnostic.line >= 1 and diagnostic.column >= 1 and diagnostic.message
        return result
    return check


TOKENS = ["name", "offer", "address", "postal_code", "fr", "en", ":", ": ", " ", "  ", "\n", "\n  ", "- ", "-",
          "[", "]", "{", "}", ",", "&a ", "*a", "&b ", "*b", "!!str ", "!!python/object ", "!x ", "'", '"', "#",
          "|", "|-", ">", "---", "...", "\t", "yes", "no", "on", "~", "null", "true", "2026-13-45", "2026-02-29",
          "1e999", "0x", "0o8", "-.inf", "é", "\x00", "\x07", "\ufeff", "\u2028", "<<: ", "? ", "%YAML 1.1\n",
          "%TAG ! tag:x,2000:\n", "<script>", "[a](javascript:x)", "../", "/etc/passwd", "logo.svg", "\\",
          "\\x", "\r\n", "\r", "😀", "9" * 30]

yamlish = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=8)), max_size=60).map("".join)


@settings(max_examples=3500, **SETTINGS)
@given(st.binary(max_size=3000))
def test_random_bytes(checker, raw):
    checker(raw)


@settings(max_examples=3500, **SETTINGS)
@given(yamlish)
def test_yaml_like_text(checker, text):
    checker(text.encode("utf-8", "surrogatepass"))


@st.composite
def mutated_text(draw):
    """A valid record with a few textual mutations: deleted slices, inserted tokens, moved lines."""
    text = VALID[draw(st.sampled_from(sorted(VALID)))].decode("utf-8")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["delete", "insert", "line"]))
        if action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        elif action == "insert":
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        else:
            lines = text.split("\n")
            line = lines.pop(draw(st.integers(0, len(lines) - 1)))
            lines.insert(draw(st.integers(0, len(lines))), line)
            text = "\n".join(lines)
    return text.encode("utf-8", "surrogatepass")


VALUES = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=False),
                   st.text(max_size=30), st.sampled_from(["x" * 5000, "<b>", "H2X 1Y4", "2026-02-30", "logo.svg",
                                                          "../x.png", "/etc/passwd", "[a](javascript:x)"]),
                   st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=5),
                                                                               st.text(max_size=5), max_size=3))


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, prefix + (index,))


@st.composite
def mutated_data(draw):
    """A valid record with a few values replaced, removed or added, written back as YAML."""
    data = copy.deepcopy(yaml.safe_load(VALID[draw(st.sampled_from(sorted(VALID)))]))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from([p for p in _paths(data) if p]))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=12))] = draw(VALUES)
        else:
            parent.append(draw(VALUES))
    return data


@settings(max_examples=1500, **SETTINGS)
@given(mutated_text())
def test_mutated_record_text(checker, raw):
    checker(raw)


@settings(max_examples=1500, **SETTINGS)
@given(mutated_data())
def test_mutated_record_data(checker, data):
    raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8", "surrogatepass")
    checker(raw)
    parsed = parse(raw, lambda *args: None, Messages("en")).data
    if parsed is not None:  # the fast pre-check never lets through what the detailed pass refuses
        detailed = not any(schemacheck.detailed_validator("enterprise").iter_errors(parsed))
        assert schemacheck.is_valid("enterprise", parsed) == detailed
