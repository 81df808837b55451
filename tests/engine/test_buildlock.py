"""One build of an output folder at a time: a second build (or an upload) waits for the first, saying so,
instead of clearing its staging folder; a build, failed or not, lets go of the lock at its end."""

import datetime as dt
import os
import subprocess
import sys

import pytest

from portfolio.engine.buildlock import hold, holding, lock_path, release
from portfolio.synthetic import write_portfolio
from support.site import REPO, build_here

DAY = dt.date(2026, 11, 29)
PLUGINS = str(REPO / "plugins")


def taker(output, shared: bool = False) -> subprocess.Popen:
    """Another process that takes `output`'s lock, says so on its standard output, and lets go at its end."""
    code = (f"from portfolio.engine.buildlock import hold; hold({str(output)!r}, shared={shared}); "
            "print('held', flush=True)")
    return subprocess.Popen([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": PLUGINS},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_another_process_waits_until_the_lock_is_let_go(tmp_path):
    output = tmp_path / "not-yet" / "out"  # its folder made by the lock, as by the build
    hold(output)
    try:
        other = taker(output)
        said = other.stderr.readline()  # written before it waits
        assert f"{output} is being built or uploaded by another process ({os.getpid()}): waiting" in said
        assert other.poll() is None  # still waiting
    finally:
        release(output)
    assert other.communicate(timeout=60)[0] == "held\n" and other.returncode == 0
    assert lock_path(output) == tmp_path / "not-yet" / ".out.lock"


def test_uploads_share_the_lock_but_a_build_waits_for_them(tmp_path):
    output = tmp_path / "out"
    with holding(output, shared=True):
        reader = taker(output, shared=True)
        assert reader.communicate(timeout=60) == ("held\n", "")  # never waited
        builder = taker(output)
        assert "waiting for it to finish" in builder.stderr.readline()
    assert builder.communicate(timeout=60)[0] == "held\n"


def test_a_build_waits_for_the_one_running_and_leaves_its_staging_alone(tmp_path):
    root, output = tmp_path / "root", tmp_path / "out"
    write_portfolio(root, 3, seed=2, today=DAY)
    env = {**os.environ, "PORTFOLIO_ROOT": str(root), "PORTFOLIO_CACHE": str(tmp_path / "cache"),
           "PORTFOLIO_TODAY": DAY.isoformat(), "PORTFOLIO_PDF": "0"}
    staging = tmp_path / ".out.staging"
    staging.mkdir()
    (staging / "half-written.html").write_text("the first build's", encoding="utf-8")
    with holding(output):  # the first build, as far as the second can tell
        build = subprocess.Popen([sys.executable, "-m", "portfolio", str(REPO / "content"), "-s",
                                  str(REPO / "pelicanconf.py"), "-o", str(output)],
                                 cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        while "waiting for it to finish" not in (line := build.stderr.readline()):
            assert line, build.communicate()
        assert (staging / "half-written.html").is_file() and not output.exists()
    out, err = build.communicate(timeout=300)
    assert build.returncode == 0, out + err
    assert (output / "index.html").is_file() and not staging.exists()


@pytest.mark.parametrize("records", ["valid", "broken"])
def test_a_build_in_this_process_lets_go_at_its_end(tmp_path, monkeypatch, records):
    root, output = tmp_path / "root", tmp_path / "out"
    write_portfolio(root, 2, seed=3, today=DAY)
    if records == "broken":
        next((root / "enterprises").glob("*.yaml")).write_text("name: [\n", encoding="utf-8")
    monkeypatch.setenv("PORTFOLIO_ROOT", str(root))
    monkeypatch.setenv("PORTFOLIO_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("PORTFOLIO_TODAY", DAY.isoformat())
    monkeypatch.setenv("PORTFOLIO_PDF", "0")
    if records == "broken":
        with pytest.raises(Exception, match="nothing was published"):
            build_here(output)
    else:
        build_here(output)
    other = taker(output)
    assert other.communicate(timeout=60) == ("held\n", "")  # taken at once
