"""The build date: the only place the wall clock is read.

`PORTFOLIO_TODAY` (YYYY-MM-DD, a day in America/Montreal) pins it for tests and reproducible builds;
without it the current day in Montréal is used. Every other module receives the date it needs."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("America/Montreal")
ENVIRONMENT = "PORTFOLIO_TODAY"


def today(value: str | None = None) -> dt.date:
    """The build date: `value` or $PORTFOLIO_TODAY when given (YYYY-MM-DD), else today in Montréal."""
    value = value if value is not None else os.environ.get(ENVIRONMENT)
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{ENVIRONMENT}={value!r}: expected a date written YYYY-MM-DD") from None
    return dt.datetime.now(ZONE).date()


def start_of(day: dt.date) -> dt.datetime:
    """Midnight at the start of `day` in Montréal, as an aware datetime (events are compared with it)."""
    return dt.datetime.combine(day, dt.time(), ZONE)
