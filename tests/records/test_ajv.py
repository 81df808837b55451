"""ajv (draft 2020-12, strict mode, ajv-formats) compiles the schemas and agrees with the Python
validator on the shipped records and data files and on every fixture that reaches the schema check."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from portfolio.records import datafiles, schemacheck
from portfolio.records.load import kind_of, record_files
from portfolio.records.messages import Messages
from portfolio.records.yamlload import parse
from records_corpus import FIXTURES, fixtures, read_fixture

REPOSITORY = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("ajv_check.cjs")

pytestmark = pytest.mark.skipif(
    (shutil.which("node") is None or not (REPOSITORY / "node_modules" / "ajv").is_dir())
    and os.environ.get("CI") != "true", reason="node or node_modules/ajv missing")


def records():
    sources = record_files(REPOSITORY) + [p for kind in ("valid", "invalid", "warning") for p in fixtures(kind)]
    for source in sources:
        raw = source.read_bytes()
        data = parse(raw, lambda *args: None, Messages("en")).data
        if data is not None:
            yield source.relative_to(REPOSITORY).as_posix(), kind_of(source, raw[:200]), data
    data_sources = [p for kind in ("valid", "invalid") for p in sorted((FIXTURES / "data" / kind).glob("*.yaml"))]
    for source in datafiles.files(REPOSITORY) + data_sources:
        data = parse(source.read_bytes(), lambda *args: None, Messages("en")).data
        target = source if source.parent.name == datafiles.FOLDER else FIXTURES / read_fixture(source).target
        if data is not None:
            yield source.relative_to(REPOSITORY).as_posix(), datafiles.kind_of(target), data


def ajv(items) -> dict:
    payload = {"schemaDir": str(REPOSITORY / "schema"),
               "records": [{"id": id_, "kind": kind, "data": data} for id_, kind, data in items]}
    done = subprocess.run(["node", str(SCRIPT)], input=json.dumps(payload), capture_output=True, text=True,
                          cwd=REPOSITORY, check=True)
    return json.loads(done.stdout)


def test_ajv_agrees_with_the_python_validator():
    items = list(records())
    verdicts = ajv(items)
    shipped = [id_ for id_, _, _ in items if not id_.startswith("tests/")]
    assert shipped, "no shipped records"
    invalid_seen = 0
    for id_, kind, data in items:
        python_paths = {"/" + "/".join(map(str, e.absolute_path))
                        for e in schemacheck.detailed_validator(kind).iter_errors(data)}
        ajv_paths = {e["instancePath"] or "/" for e in verdicts[id_]}
        assert ajv_paths == python_paths, id_
        assert schemacheck.is_valid(kind, data) == (not ajv_paths), id_
        invalid_seen += bool(ajv_paths)
    assert invalid_seen >= 20
    assert all(verdicts[id_] == [] for id_ in shipped)
