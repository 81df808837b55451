"""Settings files read as they are now, never from stale byte code.

Pelican runs a settings file as a module, and Python takes its cached byte code (`__pycache__`) while the
source's modification time, to the second, and its size are those it was compiled from: a settings file
rewritten within the second it was read, to the same length (`PAGE_SIZE = 12` made `= 10` by a script),
would be built with its old values, although the up-to-date check saw it change. Before Pelican reads them,
the byte code kept of the settings files (every Python file beside the one given) is made to check the
source's hash instead (PEP 552): compiled again from the source as it is now. Where none is kept, nothing is
written."""

from __future__ import annotations

import contextlib
import importlib.util
import py_compile
from pathlib import Path

CHECKED_HASH = 0b11  # the flags of a byte-code file checked against its source's hash (PEP 552)


def read_afresh(settings_file: str | Path | None) -> None:
    """Make the kept byte code of `settings_file` (None: Pelican's default) and of the Python files beside it
    check their source's hash (or remove it when the source does not compile: Python then reports the error)."""
    from pelican import DEFAULT_CONFIG_NAME

    for source in sorted(Path(settings_file or DEFAULT_CONFIG_NAME).resolve().parent.glob("*.py")):
        kept = Path(importlib.util.cache_from_source(str(source)))
        try:
            with kept.open("rb") as handle:
                header = handle.read(8)
        except OSError:  # none kept
            continue
        if header[:4] == importlib.util.MAGIC_NUMBER and int.from_bytes(header[4:8], "little") == CHECKED_HASH:
            continue
        try:
            py_compile.compile(str(source), cfile=str(kept), doraise=True,
                               invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
        except (py_compile.PyCompileError, OSError):
            with contextlib.suppress(OSError):
                kept.unlink()
