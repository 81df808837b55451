"""benchmarks/timing.py: a timed command's figures are its own (no timing thresholds)."""

import sys

import pytest

from support.tools import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from timing import timed  # noqa: E402

TOUCH_100_MIB = "x = bytearray(100 * 2**20); x[::4096] = bytes(len(x[::4096]))"


def test_peak_memory_is_the_commands_not_the_benchmarks():
    held = bytearray(300 * 2**20)
    held[::4096] = b"\1" * len(held[::4096])  # this process now holds 300 MiB more
    assert timed([sys.executable, "-c", "pass"]).rss_mib < 100
    assert timed([sys.executable, "-c", TOUCH_100_MIB]).rss_mib >= 100
    del held


def test_the_command_runs_in_its_folder_with_its_environment_and_no_input(tmp_path):
    run = timed([sys.executable, "-c", "import os, sys; print(os.getcwd(), os.environ['WORD'], sys.stdin.read() == '')"],
                env={"WORD": "mot"}, cwd=tmp_path)
    assert run.log.split() == [str(tmp_path), "mot", "True"]
    assert run.wall_s > 0 and run.cpu_s > 0


def test_a_failing_command_raises_with_its_status_and_output():
    with pytest.raises(RuntimeError, match=r"failed \(3\):\nsaid before failing"):
        timed([sys.executable, "-c", "import sys; print('said before failing'); sys.exit(3)"])
    with pytest.raises(RuntimeError, match=r"failed \(127\):\ncannot run /no/such/command"):
        timed(["/no/such/command"])
    assert timed([sys.executable, "-c", "print('next')"]).log == "next\n"  # the spawner goes on
