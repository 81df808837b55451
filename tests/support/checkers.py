"""The W3C Nu HTML checker (vnu-jar) on a set of built files."""

import json
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
