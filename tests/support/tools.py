"""Locating external tools; a missing tool skips on a developer's machine but fails in CI."""

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
IN_CI = os.environ.get("CI") == "true"


def require(name: str, path: str | None = None) -> str:
    """Absolute path of executable `name` (or `path`); skip, or fail under CI=true, when absent."""
    found = path if path and Path(path).exists() else shutil.which(name)
    if not found:
        message = f"{name} is not installed"
        if IN_CI:
            pytest.fail(message + " (required in CI)")
        pytest.skip(message)
    return found


def node_module(*parts: str) -> Path:
    """A file inside node_modules, required like a tool."""
    path = NODE_MODULES.joinpath(*parts)
    if not path.exists():
        if IN_CI:
            pytest.fail(f"{path} is missing (run npm ci)")
        pytest.skip(f"{path} is missing (run npm ci)")
    return path
