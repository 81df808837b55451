"""Run tests/search/node/run.js (the shipped search code under node) from pytest."""

import json
import subprocess
from pathlib import Path

from portfolio.search.lunr_languages import BROWSER_FILES
from support.tools import REPO, node_module, require

RUNNER = Path(__file__).with_name("node") / "run.js"
CORE = REPO / "theme" / "static" / "js" / "search-core.js"


def run_node(task: str, **request):
    """The answer of run.js to `task` with the pinned lunr files and our search-core.js."""
    node = require("node")
    libraries = [str(node_module(*parts)) for parts in BROWSER_FILES.values()]
    payload = json.dumps({"task": task, "libraries": libraries, "core": str(CORE), **request})
    result = subprocess.run([node, str(RUNNER)], input=payload, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
