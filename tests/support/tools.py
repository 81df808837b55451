"""Locating external tools; a missing tool skips on a developer's machine but fails in CI."""

import csv
import os
import shutil
import subprocess
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


def libreoffice_sheets(workbook: Path, folder: Path) -> dict[str, list[list[str]]]:
    """Every sheet of `workbook` (.xlsx) as LibreOffice reads it: sheet name -> rows of texts (its CSV export)."""
    soffice = require("soffice")
    subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                    "--outdir", str(folder / "csv"), str(workbook)], check=True, capture_output=True, timeout=180)
    prefix = workbook.stem + "-"
    return {path.stem[len(prefix):]: list(csv.reader(path.read_text("utf-8").splitlines()))
            for path in (folder / "csv").glob(prefix + "*.csv")}
