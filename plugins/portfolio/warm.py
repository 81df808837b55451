"""The preview server's builder: one Python process that runs Pelican again each time it is told to, as
`pelican --autoreload` does, so that a rebuild after the first finds Pelican, the build's modules and what
they made on first use (the stage modules, Babel's locale data, the table of look-alike letters, compiled
patterns, stemmed words) already there: at 1,000 enterprises a record's rebuild takes about two thirds of
the time of a fresh process's (0.64 in the README's run).

    python -m portfolio.warm content -s pelicanconf.py -o output     (Pelican's arguments)

It imports the build, then reads its standard input: each line starts a build, whose exit status (0 when
it succeeded) it writes as a line to the file descriptor named by $PORTFOLIO_STATUS_FD; at the end of its
input it ends. After a failed build it ends too: its state is no longer one a build left behind as it found
it, so the preview server starts a fresh process (devserver.py), as it does when anything changes that a
process reads once and keeps (`read_once`: Python code, which includes the settings, the plugin's message
catalogues and data, the schemas). Every build reads the records, data, pages and theme again, and
Pelican's log says its warnings again (its filter of repeated messages is emptied before each build)."""

from __future__ import annotations

import gc
import os
import signal
import sys
from pathlib import Path

from .pelicanrun import arguments, build
from .settings import REPOSITORY

STATUS_FD = "PORTFOLIO_STATUS_FD"


def read_once(paths, root: Path) -> bool:
    """Whether one of the files `paths` is one that a process reads once and keeps for its next builds: a
    Python file (the plugin, the settings), anything else of the plugin, the schemas of the portfolio at
    `root`."""
    kept = (REPOSITORY / "plugins", Path(root).resolve() / "schema")
    return any(str(path).endswith(".py") or any(Path(path).is_relative_to(folder) for folder in kept)
               for path in paths)


def main(argv: list[str] | None = None) -> int:
    status = os.fdopen(int(os.environ.pop(STATUS_FD)), "w", buffering=1)
    from .engine.start import import_build

    args = arguments(argv)
    import_build()
    while _told_to_build():
        try:
            code = build(args)  # Ctrl-C stops it, as it stops Pelican's command
            for stream in (sys.stdout, sys.stderr):  # its messages before its status
                stream.flush()
            status.write(f"{code}\n")
            if code:
                return code
            # The build's garbage, collected while the preview is looked at: the next build freezes every
            # object there is (cache.unpickle, generator.py), garbage too, which would then stay for good
            # (32 MB more a build at 1,000 enterprises). 0.2 s at 1,000, about 2 s at 10,000.
            gc.collect()
        except KeyboardInterrupt:
            return 128 + signal.SIGINT
    return 0


def _told_to_build() -> bool:
    """Wait for a line on the standard input (False: its end); Ctrl-C meanwhile is the preview server's."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return sys.stdin.readline() != ""
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


if __name__ == "__main__":
    sys.exit(main())
