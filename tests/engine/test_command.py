"""`python -m portfolio`, the build's command: Pelican's arguments and build, but a build with nothing to do
ends without Pelican running (its import, meanwhile in another process, is stopped); anything else is
Pelican's."""

import datetime as dt
import os
import re
import subprocess
import sys

import pytest

from portfolio.__main__ import plain_build
from portfolio.synthetic import write_portfolio
from support.site import REPO, output_tree, pages_rendered, settled

DAY = dt.date(2026, 11, 29)


@pytest.mark.parametrize("argv", [[], ["content"], ["content", "-s", "pelicanconf.py", "-o", "out"],
                                  ["--settings", "publishconf.py", "--output", "-out-", "--fatal", "warnings", "-q"]])
def test_a_plain_build_may_take_the_shortcut(argv):
    assert plain_build(argv)


@pytest.mark.parametrize("option", ["-r", "--autoreload", "-l", "--listen", "--ignore-cache", "--print-settings",
                                    "-d", "--settings=publishconf.py", "-e", "--version", "-h"])
def test_anything_else_is_left_to_pelican(option):
    assert not plain_build(["content", "-s", "pelicanconf.py", option])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A small portfolio built twice (the second build recorded: its inputs older than its start)."""
    tmp = tmp_path_factory.mktemp("command")
    root, output = tmp / "root", tmp / "out"
    write_portfolio(root, 4, seed=5, today=DAY)
    built = root, output
    run(built)
    settled(root)
    run(built)
    return built


def run(built, check: bool = True, **more_env: str) -> subprocess.CompletedProcess:
    """The command, in the same environment each time (but pytest's variable naming the test: the command
    would see each test's as a new setting)."""
    root, output = built
    env = {name: value for name, value in os.environ.items() if name != "PYTEST_CURRENT_TEST"}
    env.update(PORTFOLIO_ROOT=str(root), PORTFOLIO_CACHE=str(root.parent / "cache"), PORTFOLIO_TODAY=DAY.isoformat(),
               COLUMNS="400", **more_env)
    command = [sys.executable, "-m", "portfolio", str(REPO / "content"), "-s", str(REPO / "pelicanconf.py"), "-o",
               str(output), "--fatal", "warnings"]
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=check)


def test_nothing_changed_ends_without_pelican_running(built):
    before = output_tree(built[1])
    skipped = run(built)
    assert "nothing changed since the last build" in skipped.stdout and "Processed" not in skipped.stdout
    assert output_tree(built[1]) == before


def test_another_environment_is_checked_by_the_build_itself(built):
    """A variable the settings may read: Pelican reads the settings, then skips the build all the same."""
    result = run(built, ANOTHER_VARIABLE="1")
    assert "Processed 0 articles" in result.stdout
    assert "nothing changed since the last build" in result.stdout


def test_an_edited_record_is_built(built):
    root, output = built
    record = sorted((root / "enterprises").glob("*.yaml"))[0]
    text, count = re.subn(r"(?m)^(description:\n  fr: \|-?\n    )", r"\1Modifiée. ", record.read_text(encoding="utf-8"))
    assert count == 1
    record.write_text(text, encoding="utf-8")
    result = run(built)
    assert "Processed" in result.stdout and pages_rendered(result) > 0


def test_a_build_that_fails_fails_the_command_with_its_message(built):
    """The build runs in the process that imported Pelican meanwhile: its status is the command's."""
    root, output = built
    settled(root)
    run(built)
    assert "Processed" not in run(built).stdout  # recorded: the next run takes the shortcut's way
    before = output_tree(output)
    record = sorted((root / "enterprises").glob("*.yaml"))[1]
    text = record.read_text(encoding="utf-8")
    try:
        record.write_text(text + "unknown_field: 1\n", encoding="utf-8")
        result = run(built, check=False)
    finally:
        record.write_text(text, encoding="utf-8")
    assert result.returncode == 1 and "unknown_field" in result.stdout + result.stderr
    assert output_tree(output) == before

