"""The JSON Schemas: valid draft 2020-12, vocabulary in step with data/vocabulary.yaml, and the fast
pre-check (fastjsonschema) never more lenient than the detailed jsonschema pass."""

from __future__ import annotations

import json
import os
from pathlib import Path

import fastjsonschema
import pytest
from jsonschema import Draft202012Validator

from portfolio.records import schemacheck
from portfolio.records.messages import Messages
from portfolio.records.vocabulary import Vocabulary
from portfolio.records.yamlload import parse
from records_corpus import fixtures

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", schemacheck.SCHEMA_FILES)
def test_schemas_are_valid_draft_2020_12(name):
    schema = schemacheck.schemas()[name]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_vocabulary_schema_is_generated_from_the_vocabulary():
    """If this fails, run `make schema` (python -m portfolio.records.vocabulary)."""
    expected = Vocabulary.load(REPOSITORY / "data" / "vocabulary.yaml").json_schema()
    assert json.loads((REPOSITORY / "schema" / "vocabulary.schema.json").read_text("utf-8")) == expected


def load_data(source: Path):
    parsed = parse(source.read_bytes(), lambda *args: None, Messages("en"))
    return parsed.data


def schema_cases():
    for kind in ("valid", "invalid", "warning"):
        for source in fixtures(kind):
            data = load_data(source)
            if data is not None:
                record_kind = "institution" if "institution.schema.json" in source.read_text("utf-8", "replace") \
                    .split("\n", 1)[0] else "enterprise"
                yield pytest.param(record_kind, data, id=source.stem)


@pytest.mark.parametrize("kind, data", list(schema_cases()))
def test_fast_precheck_agrees_with_jsonschema(kind, data):
    detailed = not any(schemacheck.detailed_validator(kind).iter_errors(data))
    assert schemacheck.is_valid(kind, data) == detailed


def test_fast_precheck_honours_keywords_next_to_ref():
    """Draft 7 ignores siblings of $ref; the bundle must keep them (name: maxLength 120 beside $ref)."""
    data = load_data(REPOSITORY / "tests/records/fixtures/valid/cafe-exemple.yaml")
    assert schemacheck.is_valid("enterprise", data)
    assert not schemacheck.is_valid("enterprise", {**data, "name": "x" * 150})
    assert not schemacheck.is_valid("enterprise", {**data, "contact": {"email": "a@b.example", "phone": "1"}})


def test_fast_precheck_names_list_items_without_copying_the_locals():
    """Its item names are f-strings, the very text fastjsonschema's `.format(**locals())` made."""
    data = load_data(REPOSITORY / "tests/records/fixtures/valid/cafe-exemple.yaml")
    for kind in schemacheck.SCHEMA_FILES[1:3]:
        assert "locals()" not in schemacheck._generated_code(schemacheck._bundle(kind))
    names = {"offer": [data["offer"][0], {**data["offer"][0], "name": {"fr": 5}}]}
    with pytest.raises(fastjsonschema.JsonSchemaException) as raised:
        schemacheck.fast_validator("enterprise")({**data, **names})
    assert raised.value.name == "data.offer[1].name.fr"


def test_summary_allows_the_documented_300_characters():
    data = load_data(REPOSITORY / "tests/records/fixtures/valid/cafe-exemple.yaml")
    assert schemacheck.is_valid("enterprise", {**data, "summary": {"fr": "é" * 300}})
    assert not schemacheck.is_valid("enterprise", {**data, "summary": {"fr": "é" * 301}})


def test_the_compiled_fast_check_is_kept_in_the_cache_and_made_again_when_damaged(tmp_path, monkeypatch):
    made = schemacheck.fast_validator.__wrapped__  # without the memory of this process
    (tmp_path / "schema-code").mkdir()
    (tmp_path / "schema-code" / "institution-of-an-earlier-schema").write_bytes(b"")
    (tmp_path / "schema-code" / "enterprise-kept").write_bytes(b"")
    made("institution", tmp_path)
    kept = sorted((tmp_path / "schema-code").iterdir())
    assert [path.name.split("-")[0] for path in kept] == ["enterprise", "institution"]
    kept = kept[1:]
    code = kept[0].read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr(schemacheck.fastjsonschema, "compile_to_code", lambda document: 1 / 0)
        with pytest.raises(schemacheck.fastjsonschema.JsonSchemaException):
            made("institution", tmp_path)({})  # from the cache: nothing generated
    kept[0].write_bytes(b"damaged")
    again = made("institution", tmp_path)
    assert kept[0].read_bytes() == code
    with pytest.raises(schemacheck.fastjsonschema.JsonSchemaException):
        again({})


def test_validators_compiled_beside_are_waited_for_and_read_back(tmp_path, monkeypatch):
    made = schemacheck.fast_validator.__wrapped__  # without the memory of this process
    here, generated = os.getpid(), schemacheck._generated_code
    monkeypatch.setattr(schemacheck, "_generated_code",
                        lambda document: 1 / 0 if os.getpid() == here else generated(document))
    schemacheck.compile_beside(tmp_path, workers=2)
    with pytest.raises(schemacheck.fastjsonschema.JsonSchemaException):
        made("institution", tmp_path)({})  # waited for the other process, then read from the cache
    assert sorted(path.name.split("-")[0] for path in (tmp_path / "schema-code").iterdir()) == sorted(
        name.split("-")[0] for name in schemacheck.COMPILED)
    assert tmp_path not in schemacheck._compiling
    for kind in schemacheck.COMPILED:
        made(kind, tmp_path)
    schemacheck.compile_beside(tmp_path, workers=2)  # this process holds them all now: no other process
    assert tmp_path not in schemacheck._compiling


def test_validators_are_compiled_here_when_the_other_process_fails(tmp_path, monkeypatch):
    monkeypatch.setattr(schemacheck, "_compile", lambda cache: 1 / 0)
    schemacheck.compile_beside(tmp_path, workers=2)
    with pytest.raises(schemacheck.fastjsonschema.JsonSchemaException):
        schemacheck.fast_validator.__wrapped__("institution", tmp_path)({})
    assert tmp_path not in schemacheck._compiling
