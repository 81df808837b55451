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
Pelican's log says its warnings again (its filter of repeated messages is emptied before each build).

While it waits for its first build that reads the records (the preview server's first build finds the output
up to date more often than not, and then reads none), it does what such a build does first and keeps
(`prime`): it imports the stages and reads the records' kept results, so that the first save is rebuilt as
quickly as the later ones."""

from __future__ import annotations

import gc
import logging
import os
import select
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

from .pelicanrun import arguments, build
from .settings import REPOSITORY, Settings

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
    primed = False
    while True:
        if not primed and not _asked():
            primed = True
            with _ignoring_interrupts():
                prime(args)
        if not _told_to_build():
            break
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


def prime(args) -> None:
    """Unless this process read the records already: import the stages and read the records' kept results
    (what the first build that reads them does first: 0.08 s of a first save's 0.7 s at 1,000 enterprises),
    with the settings of Pelican's parsed arguments `args`, quietly: any problem is the build's to report."""
    from .records.cached import RecordCache

    if RecordCache.holding():
        return
    from pelican import get_config
    from pelican.settings import read_settings

    from .engine.cache import load_file_digests
    from .engine.stage import load_stages
    from .freshsettings import read_afresh
    from .records.load import load_portfolio

    logging.disable(logging.CRITICAL)
    try:
        read_afresh(args.settings)
        settings = Settings.from_pelican(read_settings(args.settings, override=get_config(args)))
        load_stages(settings.stages)
        load_file_digests(settings.cache)  # as a build does first: the files' digests are not made again
        # Not generator.load: it keeps the results in another process (save_beside), whose writes this one
        # would then not hold; and it logs what is wrong, which is the build's to say.
        load_portfolio(settings.root, today=settings.build_date, cache=settings.cache, workers=settings.workers)
    except Exception:  # noqa: BLE001 - the build reports it
        pass
    finally:
        logging.disable(logging.NOTSET)
    gc.collect()


def _asked() -> bool:
    """Whether a line (or the end) of the standard input waits to be read."""
    return bool(select.select([sys.stdin], [], [], 0)[0])


def _told_to_build() -> bool:
    """Wait for a line on the standard input (False: its end); Ctrl-C meanwhile is the preview server's."""
    with _ignoring_interrupts():
        return sys.stdin.readline() != ""


@contextmanager
def _ignoring_interrupts():
    """Ctrl-C ignored meanwhile: the preview server's to handle (it ends this process's input)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


if __name__ == "__main__":
    sys.exit(main())
