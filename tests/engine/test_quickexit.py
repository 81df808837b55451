"""Pelican's command whose run succeeded ends without its teardown, its output flushed; a failure after the
run keeps its status, and a program that runs Pelican keeps its own exit."""

import subprocess
import sys

from support.site import REPO

SCRIPT = """
import logging, sys
from portfolio.engine.quickexit import after_success
sys.argv[0] = {program!r}

class Held:
    def __del__(self):
        print("freed", flush=True)

held = Held()
after_success(None)
print("built", end="")
{then}
"""


def run(then: str, program: str = "/usr/local/bin/pelican") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SCRIPT.format(then=then, program=program)], capture_output=True,
                          text=True, env={"PYTHONPATH": str(REPO / "plugins")}, timeout=60)


def test_a_run_that_succeeded_leaves_at_once_with_its_output():
    done = run("")
    assert done.returncode == 0 and done.stdout == "built"  # flushed, and nothing freed one by one


def test_a_failure_logged_after_the_run_keeps_its_status():
    failed = run('logging.getLogger("pelican").critical("boom"); sys.exit(3)')
    assert failed.returncode == 3 and failed.stdout == "builtfreed\n"


def test_a_program_that_runs_pelican_keeps_its_own_exit():
    failed = run("sys.exit(2)", program="publish.py")
    assert failed.returncode == 2 and failed.stdout == "builtfreed\n"
