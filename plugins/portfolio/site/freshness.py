"""Freshness of listings: a listing not verified for more than 12 months, an expired certification.

A badge is a plain value computed from the build date; it changes only when a threshold is crossed, so
a page showing it (given as a value of the page's context) is rendered again only on that day."""

from __future__ import annotations

import datetime as dt

from ..records.model import Certification, Enterprise

STALE = "stale"  # last verified more than 12 months before the build date
EXPIRED = "certification-expired"
BADGES = (STALE, EXPIRED)
FOLLOW_UP_DAYS = 60  # certifications expiring within this many days are listed for follow-up


def year_before(day: dt.date) -> dt.date:
    """The same day one year earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def badges(enterprise: Enterprise, today: dt.date) -> tuple[str, ...]:
    """The freshness badges of `enterprise` on `today` (empty when it is up to date); remembered by the
    enterprise, which a listing shows on several pages."""
    known = enterprise.__dict__.setdefault("_badges", {})  # a model is frozen, not its memo
    found = known.get(today)
    if found is None:
        found = (STALE,) if enterprise.last_verified < year_before(today) else ()
        if any(c.expires and c.expires < today for c in enterprise.certifications):
            found += (EXPIRED,)
        known[today] = found
    return found


def certified(enterprise: Enterprise, today: dt.date) -> bool:
    """Whether `enterprise` holds a certification not expired on `today` (one without an expiry date counts)."""
    return any(c.expires is None or c.expires >= today for c in enterprise.certifications)


def thresholds(enterprises, today: dt.date) -> list[tuple]:
    """Per enterprise, what the build date decides of it (badges, a valid certification): a value that
    changes only when a threshold is crossed, to key work that depends on it."""
    return [(badges(e, today), certified(e, today)) for e in enterprises]


def flagged(enterprises, today: dt.date) -> dict[str, tuple[str, ...]]:
    """Slug -> badges of those of `enterprises` that have any on `today` (a plain value for a page's context)."""
    return {e.slug: found for e in enterprises if (found := badges(e, today))}


def portfolio_flags(portfolio, today: dt.date) -> dict[str, tuple[str, ...]]:
    """`flagged` of all the enterprises of `portfolio`, made once for it."""
    return portfolio.derived(("flagged", today), lambda: flagged(portfolio.enterprises, today))


def of_page(enterprises, flags: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The entries of `flags` (`flagged`, made once for the portfolio) of the enterprises of one page: at
    10,000 enterprises, the listing pages show 110,000 entries in each language."""
    return {e.slug: flags[e.slug] for e in enterprises if e.slug in flags}


def expiring_soon(enterprise: Enterprise, today: dt.date) -> tuple[Certification, ...]:
    """Certifications that are still valid but expire within FOLLOW_UP_DAYS of `today`."""
    limit = today + dt.timedelta(days=FOLLOW_UP_DAYS)
    return tuple(c for c in enterprise.certifications if c.expires and today <= c.expires <= limit)


def latest_update(enterprises) -> dt.date | None:
    """The most recent `last_verified` date of the listings (not the build's date)."""
    return max((e.last_verified for e in enterprises), default=None)
