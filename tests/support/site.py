"""Building a portfolio site with Pelican into a folder, as `make html` does."""

import os
import subprocess
import sys
from pathlib import Path

from .tools import REPO


def build_site(output: Path, portfolio_root: Path = REPO, settings: str = "pelicanconf.py",
               extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """Run Pelican with warnings fatal; raise with its log when the build fails."""
    env = {**os.environ, "PORTFOLIO_ROOT": str(portfolio_root), **(extra_env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(REPO / "content"), "-s", str(REPO / settings),
         "-o", str(output), "--fatal", "warnings"],
        cwd=REPO, env=env, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise AssertionError(f"Pelican build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result
