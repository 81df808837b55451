"""One build of an output folder at a time: a build holds the lock file beside its output
(`.<output>.lock`, as the writer's staging folder `.<output>.staging`) from before its up-to-date check
until its commit is recorded; an upload (deploy.py) shares it while it reads the output. Another build or
upload of the same output waits, saying so, instead of clearing the first one's staging folder or
publishing a half-committed site (the preview server rebuilding while `make publish` runs, both writing
`output/`). The lock is the system's (flock): it goes with the process that holds it, however that ends."""

from __future__ import annotations

import fcntl
import os
import sys
from contextlib import contextmanager
from pathlib import Path

_held: dict[str, int] = {}  # lock file -> its descriptor, while this process holds it


def lock_path(output: Path) -> Path:
    """The lock file of the output folder `output`."""
    output = Path(output).absolute()
    return output.with_name(f".{output.name}.lock")


def hold(output: Path, shared: bool = False) -> None:
    """Hold `output`'s lock until `release(output)` (or the end of this process); wait while another
    process holds it: alone, or besides other `shared` holders (uploads) when `shared`."""
    lock = lock_path(output)
    path = os.fspath(lock)
    release(output)  # kept by a build of this process that failed before its end
    lock.parent.mkdir(parents=True, exist_ok=True)  # as the build would make it
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    try:
        try:
            fcntl.flock(descriptor, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 16, 0).decode("ascii", "replace").strip() or "?"
            print(f"portfolio: {output} is being built or uploaded by another process ({holder}): waiting for it "
                  "to finish", file=sys.stderr, flush=True)
            fcntl.flock(descriptor, mode)
        if not shared:
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, str(os.getpid()).encode("ascii"), 0)
    except BaseException:
        os.close(descriptor)
        raise
    _held[path] = descriptor


def release(output: Path) -> None:
    """Let go of `output`'s lock, if this process holds it (processes forked meanwhile let go too)."""
    descriptor = _held.pop(os.fspath(lock_path(output)), None)
    if descriptor is not None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
        os.close(descriptor)


@contextmanager
def holding(output: Path, shared: bool = False):
    """`output`'s lock, held for the `with` block."""
    hold(output, shared)
    try:
        yield
    finally:
        release(output)
