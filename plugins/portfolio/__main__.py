"""The build's command: `python -m portfolio content -s pelicanconf.py -o output [--fatal warnings]` takes
Pelican's arguments and runs Pelican (`make html`, `make publish` and the preview server use it).

Before it imports Pelican (0.2 s of the 0.23 s a skipped build takes at 1,000 enterprises), it asks
whether the last build that succeeded was started as this one (same arguments, working folder,
environment, Python and day) and nothing that build read or wrote has changed since
(engine/uptodate.py: `unchanged_at_launch`); then it prints that build's summary line and ends. A build
that logged warnings is left to Pelican, which logs them again as `--fatal` expects, and so are arguments
other than a plain build's (`--autoreload`, `--listen`, `--ignore-cache`, …). `python -m pelican` with the
same arguments builds the same site, only without this shortcut."""

from __future__ import annotations

import sys

from .engine.uptodate import unchanged_at_launch
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
    if plain_build(argv):
        try:
            cache = Settings.from_pelican({}).cache  # where pelicanconf.py does not move it: else no shortcut
        except SettingsError:
            cache = None  # Pelican reports it
        stamp = unchanged_at_launch(cache)
        if stamp is not None and not stamp.report:
            print(stamp.skipped())
            return
    from pelican import main as pelican

    pelican(argv)


if __name__ == "__main__":
    main()
