"""Shared by the form's tests: the form description without a site build, and node running the rules."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from portfolio.contribute.schemaform import form_config
from portfolio.records.load import vocabulary_of
from portfolio.settings import REPOSITORY, Settings
from support.tools import require

RULES = REPOSITORY / "theme" / "static" / "js" / "contribute-rules.js"
NODE_RUNNER = """
import { readFileSync } from "node:fs";
const { validate } = await import(process.argv[2]);
const { config, cases } = JSON.parse(readFileSync(0, "utf8"));
console.log(JSON.stringify(cases.map(([kind, data]) => validate(config, kind, data))));
"""


def config(lang: str) -> dict:
    """The form description of `lang` made from the repository's schemas and vocabulary."""
    settings = Settings(repository_url="https://github.com/example/portfolio", contact_email="a@example.org")
    return form_config(lang, vocabulary_of(REPOSITORY), lambda text: text, settings)


def run_rules(tmp_path: Path, lang: str, cases: list[tuple[str, object]]) -> list[list[dict]]:
    """contribute-rules.js's diagnostics of each (kind, data) case, run by node."""
    node = require("node", shutil.which("node") or "/usr/bin/node")
    module = tmp_path / "rules.mjs"
    shutil.copyfile(RULES, module)
    runner = tmp_path / "run.mjs"
    runner.write_text(NODE_RUNNER, encoding="utf-8")
    done = subprocess.run([node, str(runner), module.as_uri()], input=json.dumps({"config": config(lang), "cases": cases}),
                          capture_output=True, text=True, check=True, timeout=120)
    return json.loads(done.stdout)
