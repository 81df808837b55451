"""The build's command: `python -m portfolio content -s pelicanconf.py -o output [--fatal warnings]` takes
Pelican's arguments and runs Pelican (`make html`, `make publish` and the preview server use it).

Importing Pelican takes 0.2 s, most of a build with nothing to do at 1,000 enterprises. So another process
imports Pelican and the build's modules and waits, while this one asks whether the last build that
succeeded was started as this one (same arguments, working folder, environment, Python and day:
engine/uptodate.py, `launched_as`), logged no warning, and nothing it read or wrote changed since
(`rescan`, `untouched`: 0.02 s at 1,000 enterprises, 0.25 s at 10,000). If so, it prints that build's
summary line and stops the other; else the other builds, taking what this one read of its inputs rather
than reading them again (Pelican's own check comes first), and this one ends with its status. Arguments
other than a plain build's (`--autoreload`, `--listen`, `--ignore-cache`, …) go to Pelican at once.
`python -m pelican` with the same arguments builds the same site; it is also the command for settings
files that read other files or the clock, which the shortcut does not see (it takes the settings files'
own signatures for their values).
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import sys

from .engine.uptodate import hand_over, launched_as, rescan, untouched
from .freshsettings import read_afresh
from .settings import Settings, SettingsError

# The options of a plain build, with the number of values each takes; any other goes to Pelican.
PLAIN_OPTIONS = {"-s": 1, "--settings": 1, "-o": 1, "--output": 1, "--fatal": 1, "-q": 0, "--quiet": 0}


def plain_build(argv: list[str]) -> bool:
    """Whether Pelican's arguments `argv` ask for a build and nothing else."""
    values = 0
    for argument in argv:
        if values:
            values -= 1
        elif argument.startswith("-"):
            if argument not in PLAIN_OPTIONS:
                return False
            values = PLAIN_OPTIONS[argument]
    return True


def main() -> None:
    argv = sys.argv[1:]  # what launch_key reads
    if not plain_build(argv):
        run_pelican(argv)
        return
    gate, opened = os.pipe()
    builder = os.fork()
    if builder == 0:  # imports Pelican and the build meanwhile, then builds if told to
        os.close(opened)
        from .collector import collector_paused

        with collector_paused():  # imports make many objects and few cycles: 0.03 s of 0.3 s less
            from .engine.start import import_build

            import_build()
        with os.fdopen(gate, "rb") as told:
            word = told.read()  # "b" and the pickled Scan, if any; nothing: stop
        if not word.startswith(b"b"):
            os._exit(0)
        if len(word) > 1:
            hand_over(pickle.loads(word[1:]))
        run_pelican(argv)
        return
    os.close(gate)
    cache = _cache()
    stamp = launched_as(cache)
    scan = rescan(cache, stamp) if stamp is not None else None
    if stamp is not None and not stamp.report and untouched(stamp, scan):
        _stop(builder)
        print(stamp.skipped())
        return
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the builder too (the same process group)
    try:
        with os.fdopen(opened, "wb") as tell:
            tell.write(b"b" + (pickle.dumps(scan, protocol=pickle.HIGHEST_PROTOCOL) if scan is not None else b""))
    except BrokenPipeError:  # the builder stopped: its status says how
        pass
    status = os.waitstatus_to_exitcode(os.waitpid(builder, 0)[1])
    sys.exit(status if status >= 0 else 128 - status)  # killed by a signal: as a shell tells it


def _stop(builder: int) -> None:
    os.kill(builder, signal.SIGKILL)
    os.waitpid(builder, 0)


def run_pelican(argv: list[str]) -> None:
    """Pelican's command with `argv`, its settings files read as they are now (freshsettings.py); a plain
    build without its spinner (pelicanrun.py)."""
    if not plain_build(argv):
        from pelican import main as run

        read_afresh(settings_file(argv))  # before the arguments are parsed: some read them
        run(argv)
        return
    from .pelicanrun import arguments, build

    args = arguments(argv)
    try:
        status = build(args)
    except KeyboardInterrupt:
        logging.getLogger(__name__).warning("Keyboard interrupt received. Exiting.")
        status = 128 + signal.SIGINT
    sys.exit(status)


def settings_file(argv: list[str]) -> str | None:
    """The settings file that Pelican's arguments `argv` name, if any."""
    for argument, value in zip(argv, [*argv[1:], None]):
        if argument in ("-s", "--settings"):
            return value
        if argument.startswith("--settings="):
            return argument.partition("=")[2]
    return None


def _cache():
    """The cache folder, as the environment or the default sets it (where pelicanconf.py moves it, no stamp is
    found there with this launch's key: Pelican makes the check)."""
    try:
        return Settings.from_pelican({}).cache
    except SettingsError:
        return None  # Pelican reports it


if __name__ == "__main__":
    main()
