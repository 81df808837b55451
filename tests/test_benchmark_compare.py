"""benchmarks/compare.py times this checkout and another commit in turns, and leaves no worktree behind (no
timing thresholds)."""

import json
import math
import subprocess
import sys

import pytest

from support.tools import REPO


KINDS = {"one record": ([], "one-record rebuilds"), "cold": (["--cold"], "cold builds"),
         "preview, one record": (["--preview"], "the preview server's one-record rebuilds")}


@pytest.mark.parametrize("kind", list(KINDS))
def test_two_checkouts_are_timed_in_turns_and_the_worktree_removed(tmp_path, kind):
    option, title = KINDS[kind]
    before = subprocess.run(["git", "-C", str(REPO), "worktree", "list"], capture_output=True, text=True).stdout
    result = subprocess.run([sys.executable, str(REPO / "benchmarks" / "compare.py"), "HEAD", "--size", "40",
                             "--rounds", "2", "--json", str(tmp_path / "compare.json"), *option],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == str(tmp_path / "compare.json")
    assert result.stdout.startswith(title)
    figures = json.loads((tmp_path / "compare.json").read_text(encoding="utf-8"))
    names = ["this checkout", "HEAD"]
    assert (figures["rev"], figures["size"], figures["rounds"]) == ("HEAD", 40, 2)
    assert figures["builds"] == kind
    for key in ("wall_s", "cpu_s"):
        assert sorted(figures[key]) == sorted(names) and all(len(figures[key][name]) == 2 for name in names)
        assert all(math.isfinite(figures[f"median_{key}"][name]) and figures[f"median_{key}"][name] > 0
                   for name in names)
        assert math.isfinite(figures[f"median_difference_{key}"])
    assert sum(figures["quicker_rounds"].values()) <= 2
    after = subprocess.run(["git", "-C", str(REPO), "worktree", "list"], capture_output=True, text=True).stdout
    assert after == before
