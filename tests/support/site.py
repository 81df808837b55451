"""Building a portfolio site with Pelican into a folder, as `make html` does."""

import os
import re
import subprocess
import sys
from pathlib import Path

from .tools import REPO


# The stages a build of the site's pages alone needs: images, content globals and the form's links.
PAGE_STAGES = ["portfolio.site.assets", "portfolio.content.stage", "portfolio.site.pages", "portfolio.contribute.stage"]


def build_site(output: Path, portfolio_root: Path = REPO, settings: str = "pelicanconf.py",
               extra_env: dict | None = None, content: Path = REPO / "content",
               fatal: bool = True) -> subprocess.CompletedProcess:
    """Run the build's command (`python -m portfolio`: Pelican, unless nothing changed), with warnings fatal
    unless `fatal` is false (a stale listing is a warning); raise with its log when the build fails."""
    env = {**os.environ, "PORTFOLIO_ROOT": str(portfolio_root), **(extra_env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "portfolio", str(content), "-s", str(REPO / settings),
         "-o", str(output), *(["--fatal", "warnings"] if fatal else [])],
        cwd=REPO, env=env, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise AssertionError(f"Pelican build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def build_here(output: Path) -> None:
    """Run Pelican in this process (as the preview server's builder does) on the repository's content and
    settings into `output`; PORTFOLIO_ROOT and PORTFOLIO_CACHE come from the environment."""
    from pelican import Pelican
    from pelican.settings import read_settings

    Pelican(read_settings(str(REPO / "pelicanconf.py"),
                          override={"PATH": str(REPO / "content"), "OUTPUT_PATH": str(output)})).run()


def output_tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`: relative POSIX path -> bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def pages_rendered(result: subprocess.CompletedProcess) -> int:
    """How many pages a build rendered (from the summary line the engine prints)."""
    return int(re.search(r"portfolio: (\d+) pages rendered", result.stdout).group(1))


def settings_overlay(folder: Path, **overrides) -> Path:
    """A settings module in `folder`: pelicanconf.py with `overrides` (each value written with repr)."""
    path = folder / "overlay_conf.py"
    lines = ["import sys", f"sys.path.insert(0, {str(REPO)!r})", "from pelicanconf import *  # noqa: F401,F403"]
    path.write_text("\n".join(lines + [f"{name} = {value!r}" for name, value in overrides.items()]) + "\n",
                    encoding="utf-8")
    return path


def settled(folder):
    """Wait until a file written now gets a later time than every file under `folder` (a few ms), so that
    no file counts as racily clean."""
    newest = max(max(p.stat().st_mtime_ns, p.stat().st_ctime_ns) for p in folder.rglob("*") if p.is_file())
    probe = folder / "probe"
    while True:
        probe.write_bytes(b"")
        if probe.stat().st_mtime_ns > newest:
            probe.unlink()
            return
