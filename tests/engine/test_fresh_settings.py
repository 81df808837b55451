"""Settings files read as they are now (freshsettings.py): a settings file rewritten within the second Python
compiled it, to the same length, is not built with its old values from the cached byte code."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from portfolio.__main__ import settings_file
from portfolio.freshsettings import CHECKED_HASH, read_afresh
from support.site import REPO


def setting(folder: Path, command: str) -> str:
    """PORTFOLIO_PAGE_SIZE as `python -m <command> -s conf.py --print-settings` reads it in `folder`, byte code
    written as Python writes it by default."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "plugins")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run([sys.executable, "-m", command, "-s", "conf.py", "--print-settings", "PORTFOLIO_PAGE_SIZE"],
                          cwd=folder, env=env, capture_output=True, text=True, check=True)
    return done.stdout.split("PORTFOLIO_PAGE_SIZE:")[-1].strip()


def rewrite_within_the_second(path: Path, text: str) -> None:
    """Write `text` (of the same length) to `path`, its modification time left as it was."""
    before = path.stat()
    assert len(text) == before.st_size
    path.write_text(text)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def kept_flags(source: Path) -> int:
    return int.from_bytes(Path(importlib.util.cache_from_source(str(source))).read_bytes()[4:8], "little")


def test_a_settings_file_rewritten_within_the_second_is_read_as_it_is_now(tmp_path):
    conf = tmp_path / "conf.py"
    conf.write_text("PORTFOLIO_PAGE_SIZE = 12\n")
    assert setting(tmp_path, "portfolio") == "12"  # byte code kept, checked by time and size
    rewrite_within_the_second(conf, "PORTFOLIO_PAGE_SIZE = 10\n")
    assert setting(tmp_path, "pelican") == "12"  # the trap, as Pelican alone falls into it
    assert setting(tmp_path, "portfolio") == "10"
    assert kept_flags(conf) == CHECKED_HASH
    rewrite_within_the_second(conf, "PORTFOLIO_PAGE_SIZE = 11\n")
    assert setting(tmp_path, "pelican") == "11"  # the byte code now checks the source's hash, for any reader


def test_nothing_is_written_where_no_byte_code_is_kept(tmp_path):
    (tmp_path / "conf.py").write_text("X = 1\n")
    read_afresh(tmp_path / "conf.py")
    assert not (tmp_path / "__pycache__").exists()


def test_byte_code_of_a_source_that_no_longer_compiles_is_removed(tmp_path):
    conf, beside = tmp_path / "conf.py", tmp_path / "local.py"
    for source in (conf, beside):
        source.write_text("X = 1\n")
        subprocess.run([sys.executable, "-c", f"import py_compile; py_compile.compile({str(source)!r})"], check=True)
    rewrite_within_the_second(beside, "X = (\n")
    read_afresh(conf)
    assert kept_flags(conf) == CHECKED_HASH
    assert not Path(importlib.util.cache_from_source(str(beside))).exists()


@pytest.mark.parametrize("argv, named", [(["content", "-s", "publishconf.py"], "publishconf.py"),
                                         (["--settings", "a.py", "-o", "out"], "a.py"),
                                         (["--settings=b.py", "--print-settings"], "b.py"),
                                         (["content", "-o", "out"], None)])
def test_the_settings_file_is_found_before_pelican_reads_the_arguments(argv, named):
    assert settings_file(argv) == named
