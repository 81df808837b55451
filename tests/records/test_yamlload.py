"""The safe YAML reader: YAML 1.2-core-like values, positions of keys and values, refusals."""

from __future__ import annotations

import time

import pytest
import yaml

from portfolio.records import yamlload
from portfolio.records.messages import Messages

SAY = Messages("en")


def parse(text: str | bytes):
    problems = []
    raw = text.encode("utf-8") if isinstance(text, str) else text
    parsed = yamlload.parse(raw, lambda pos, parts, code, message: problems.append((pos, parts, code, message)), SAY)
    return parsed, problems


@pytest.mark.parametrize("source, value", [
    ("yes", "yes"), ("no", "no"), ("on", "on"), ("off", "off"), ("y", "y"), ("oui", "oui"),
    ("true", True), ("False", False), ("2026-10-15", "2026-10-15"), ("12:30", "12:30"),
    ("5145550142", 5145550142), ("0042", 42), ("0o17", 15), ("0x1F", 31), ("1e3", 1000.0), ("45.5", 45.5),
    ("~", None), ("null", None), ("", None), (".inf", ".inf"), (".nan", ".nan"), ("1_000", "1_000"),
    ("'5145550142'", "5145550142"), ('"true"', "true"), ("H2X 1Y4", "H2X 1Y4"),
    ("1" * 40, "1" * 40),
])
def test_scalars_follow_yaml_1_2_core(source, value):
    parsed, problems = parse(f"key: {source}\n")
    assert problems == []
    assert parsed.data == {"key": value}
    assert type(parsed.data["key"]) is type(value)


def test_positions_of_keys_and_values_are_one_based():
    parsed, _ = parse("name: A\naddress:\n  city: Montréal\noffer:\n  - name: {fr: X}\n")
    assert parsed.positions.keys[("address", "city")] == (3, 3)
    assert parsed.positions.values[("address", "city")] == (3, 9)
    assert parsed.positions.values[("offer", 0, "name", "fr")] == (5, 16)
    assert parsed.positions.of(("offer", 0, "name", "en")) == (5, 11)  # falls back to the parent


def test_literal_block_positions_point_inside_the_text():
    text = "description:\n  fr: |\n    first line\n    second <b>line</b>\n"
    parsed, _ = parse(text)
    value = parsed.data["description"]["fr"]
    assert parsed.positions.inside(("description", "fr"), value, value.index("<b>")) == (4, 12)


def test_billion_laughs_is_refused_without_expansion():
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    start = time.process_time()
    parsed, problems = parse("\n".join(lines) + "\n")
    assert time.process_time() - start < 5  # 9**12 strings would never finish
    assert parsed.data is None
    assert [(p[0], p[2]) for p in problems] == [((1, 5), "yaml-alias")]


def test_shared_nodes_are_refused_even_without_the_anchor_scan():
    node = yaml.compose("a: &x [1]\nb: *x\n", Loader=yamlload._Loader)
    problems = []
    builder = yamlload._Builder(lambda *args: problems.append(args), SAY)
    with pytest.raises(yamlload._Stop):
        builder.build(node)
    assert [p[2] for p in problems] == ["yaml-alias"]


def test_every_tab_indented_line_is_reported():
    _, problems = parse("a:\n\tb: 1\nc:\n  \td: 2\n")
    assert [(p[0], p[2]) for p in problems] == [((2, 1), "yaml-tab"), ((4, 3), "yaml-tab")]


def test_duplicate_key_points_at_the_second_one():
    parsed, problems = parse("a: 1\nb:\n  c: 1\n  c: 2\n")
    assert [(p[0], p[1], p[2]) for p in problems] == [((4, 3), ("b", "c"), "yaml-duplicate-key")]
    assert "line 3" in problems[0][3]


@pytest.mark.parametrize("text, code, position", [
    ("", "file-empty", (1, 1)),
    ("# only a comment\n\n", "file-empty", (1, 1)),
    ("just text\n", "file-not-mapping", (1, 1)),
    ("- a\n- b\n", "file-not-mapping", (1, 1)),
    ("a: [1, 2\n", "yaml-syntax", (1, 4)),
    ("a: {b: 1\n", "yaml-syntax", (1, 4)),
    ("a: 'open\n", "yaml-syntax", (1, 4)),
    ("a: b: c\n", "yaml-syntax", (1, 5)),
    ("a: 1\n---\nb: 2\n", "yaml-syntax", (2, 1)),
    ("a: \x07\n", "yaml-character", (1, 4)),
    ("a: !!binary aGVsbG8=\n", "yaml-tag", (1, 4)),
    ("? [a, b]\n: c\n", "yaml-complex-key", (1, 3)),
    ("a: " + "[" * 5000 + "]" * 5000 + "\n", "yaml-too-deep", (1, None)),
    ("a: " + "[" * 30 + "]" * 30 + "\n", "yaml-too-deep", (1, None)),
])
def test_refusals_have_a_code_and_a_position(text, code, position):
    _, problems = parse(text)
    assert problems, text
    first = problems[0]
    assert first[2] == code
    assert first[0][0] == position[0]
    if position[1] is not None:
        assert first[0][1] == position[1]


def test_not_utf8_gives_the_line_and_column_of_the_first_bad_byte():
    _, problems = parse(b"name: A\ncity: Montr\xe9al\n")
    assert [(p[0], p[2]) for p in problems] == [((2, 12), "file-not-utf8")]
    assert "0xE9" in problems[0][3]


def test_byte_order_mark_is_accepted():
    parsed, problems = parse("\ufeffname: A\n")
    assert problems == [] and parsed.data == {"name": "A"}


def test_oversized_file_is_refused_before_parsing():
    _, problems = parse(b"a: " + b"x" * yamlload.MAX_BYTES + b"\n")
    assert [p[2] for p in problems] == ["file-too-large"]


def test_syntax_errors_are_explained_in_plain_words():
    _, problems = parse("summary:\n  fr: Objectif: nourrir\n")
    assert problems[0][0] == (2, 15)
    assert "quotes" in problems[0][3] and "mapping values" not in problems[0][3]
