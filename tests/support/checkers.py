"""The real checkers run on built files: the W3C Nu HTML checker (vnu-jar) and Lighthouse."""

import json
import os
import subprocess
from pathlib import Path

from .tools import node_module, require


class CheckerFailed(AssertionError):
    """The checker itself did not run to the end: its verdict cannot be trusted."""


def nu_command() -> list[str]:
    """The command that runs the Nu checker, before its options and files."""
    return [require("java"), "-jar", str(node_module("vnu-jar", "build", "dist", "vnu.jar"))]


def nu_errors(files: list[Path], command: list[str] | None = None) -> list[dict]:
    """Errors the Nu checker reports for `files` (one run for all of them).

    The Nu checker exits with 0 and no error message, or 1 with at least one; anything else (another
    status, output that is not its JSON report, an error status with no error listed) means it failed,
    and raises CheckerFailed rather than passing for a clean result."""
    result = subprocess.run([*(command or nu_command()), "--errors-only", "--format", "json", "--stdout",
                             *map(str, files)], capture_output=True, text=True)
    try:
        messages = json.loads(result.stdout)["messages"]
        if not isinstance(messages, list):
            raise TypeError("messages is not a list")
    except (ValueError, KeyError, TypeError) as error:
        raise CheckerFailed(f"the Nu checker gave no readable report (exit {result.returncode}, {error}):\n"
                            f"{result.stdout[:500]}\n{result.stderr[:2000]}") from None
    if result.returncode not in (0, 1) or (result.returncode == 1) != bool(messages):
        raise CheckerFailed(f"the Nu checker exited with {result.returncode} and reported {len(messages)} "
                            f"message(s):\n{result.stderr[:2000]}")
    return messages


LIGHTHOUSE_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"


def lighthouse(url: str, report: Path, categories: list[str]) -> dict:
    """Lighthouse (npm, mobile preset) on `url` with Debian's Chromium; its JSON result, also kept in
    `report`. A run that fails or writes no readable report raises CheckerFailed."""
    binary = node_module(".bin", "lighthouse")
    chromium = require("chromium", "/usr/bin/chromium")
    done = subprocess.run([str(binary), url, "--quiet", "--output=json", f"--output-path={report}",
                           f"--only-categories={','.join(categories)}", f"--chrome-flags={LIGHTHOUSE_FLAGS}"],
                          capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chromium})
    try:
        result = json.loads(report.read_text(encoding="utf-8"))
        scores = {name: result["categories"][name]["score"] for name in categories}
    except (OSError, ValueError, KeyError) as error:
        raise CheckerFailed(f"Lighthouse gave no readable report (exit {done.returncode}, {error!r}):\n"
                            f"{done.stderr[-2000:]}") from None
    if done.returncode != 0 or None in scores.values() or result.get("runtimeError"):
        raise CheckerFailed(f"Lighthouse failed on {url} (exit {done.returncode}, scores {scores}, "
                            f"{result.get('runtimeError')}):\n{done.stderr[-2000:]}")
    return result


def failed_audits(result: dict, category: str) -> list[str]:
    """The audits of `category` that did not score full marks, as « id: title »."""
    audits = result["audits"]
    return [f"{ref['id']}: {audits[ref['id']]['title']}" for ref in result["categories"][category]["auditRefs"]
            if ref["weight"] and audits[ref["id"]]["score"] not in (None, 1)]
