"""Pelican's command for a plain build, as its `main` runs it but without its "Generating…" spinner: the
spinner alone imported 40 ms of `rich` (its tables) on every build's path and drew from a thread meanwhile;
the build prints its own summary line. `python -m portfolio` runs a build this way once, the preview
server's builder (warm.py) again and again."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def arguments(argv: list[str] | None):
    """Pelican's parsed arguments `argv`, its logging set up as its command sets it up."""
    from pelican import LOG_HANDLERS, init_logging, parse_arguments

    args = parse_arguments(argv)
    init_logging(level=args.verbosity, fatal=args.fatal, name="pelican", handler=LOG_HANDLERS[args.log_handler],
                 logs_dedup_min_level=getattr(logging, args.logs_dedup_min_level))
    return args


def build(args) -> int:
    """One run of Pelican with the parsed arguments `args`; its exit status, as Pelican's command gives it (an
    exception is logged as a critical message; Ctrl-C is the caller's)."""
    from pelican import get_instance
    from pelican.log import LimitFilter

    from .freshsettings import read_afresh

    LimitFilter._raised_messages.clear()  # else a warning of an earlier build of this process would not show
    LimitFilter._group_count.clear()
    try:
        read_afresh(args.settings)
        pelican, _ = get_instance(args)
        pelican.run()
    except Exception as error:  # Pelican's command logs it the same way
        log.critical("%s: %s", error.__class__.__name__, error, exc_info=True)
        return getattr(error, "exitcode", 1) or 1
    return 0
