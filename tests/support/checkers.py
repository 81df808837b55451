"""The W3C Nu HTML checker (vnu-jar) on a set of built files."""

import json
import subprocess
from pathlib import Path

from .tools import node_module, require


def nu_errors(files: list[Path]) -> list[dict]:
    """Errors the Nu checker reports for `files` (one Java run for all of them)."""
    java = require("java")
    jar = node_module("vnu-jar", "build", "dist", "vnu.jar")
    result = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json", "--stdout",
                             *map(str, files)], capture_output=True, text=True)
    return json.loads(result.stdout or '{"messages": []}')["messages"]
