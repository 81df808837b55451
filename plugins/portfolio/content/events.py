"""Events announced by news articles: reading their metadata, choosing the upcoming ones, and
saying when they happen in the reader's language.

An article is an event when its metadata has `event_start` (and optionally `event_end`, default
two hours later), both written `YYYY-MM-DD HH:MM` in Montréal time, and optionally `location`;
`example: true` marks an invented article (sample content), which the site labels.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_interval
from markupsafe import Markup

from ..site.frenchtext import first_of_month
from . import LOCALES

LOCAL_TZ = ZoneInfo("America/Toronto")  # Montréal's rules
DEFAULT_LENGTH = dt.timedelta(hours=2)
TIME_SKELETONS = {"fr": "Hm", "en": "hm"}  # 24-hour clock in French, a.m./p.m. in English


@dataclass(frozen=True)
class Event:
    uid: str
    summary: str
    start: dt.datetime  # aware
    end: dt.datetime  # aware
    stamp: dt.datetime  # aware: when the event's article was last changed
    location: str = ""
    url: str = ""
    description: str = ""
    example: bool = False


class EventError(ValueError):
    """An article's event metadata cannot be read; the message names the article."""


def parse_local(text: str, source: str, field: str) -> dt.datetime:
    """`2026-12-10 09:30` in Montréal time -> an aware datetime."""
    try:
        naive = dt.datetime.strptime(str(text).strip(), "%Y-%m-%d %H:%M")
    except ValueError as error:
        raise EventError(f"{source}: {field}: expected YYYY-MM-DD HH:MM, got {text!r}") from error
    return naive.replace(tzinfo=LOCAL_TZ)


def event_of(article, uid: str, url: str) -> Event | None:
    """The event an article announces (None for plain news). `article` is a Pelican Article."""
    metadata = article.metadata
    if "event_start" not in metadata:
        return None
    source = getattr(article, "relative_source_path", article.slug)
    start = parse_local(metadata["event_start"], source, "event_start")
    end = parse_local(metadata["event_end"], source, "event_end") if "event_end" in metadata else start + DEFAULT_LENGTH
    if end <= start:
        raise EventError(f"{source}: event_end: must come after event_start")
    stamp = getattr(article, "modified", None) or article.date
    return Event(uid=uid, summary=Markup(article.title).striptags(), start=start, end=end,
                 stamp=stamp if stamp.tzinfo else stamp.replace(tzinfo=LOCAL_TZ),
                 location=str(metadata.get("location", "")), url=url,
                 description=Markup(article.summary).striptags(), example=is_example(article))


def is_example(article) -> bool:
    """Whether the article is invented sample content (metadata `example: true`)."""
    return str(article.metadata.get("example", "")).strip().lower() == "true"


def upcoming(events, now: dt.datetime) -> list[Event]:
    """Events not yet over at `now`, soonest first."""
    return sorted((e for e in events if e.end > now), key=lambda e: (e.start, e.uid))


def when(event: Event, lang: str) -> str:
    """« mercredi 9 décembre 2026, 8 h 30 – 12 h 00 » / “Wednesday, December 9, 2026, 8:30 a.m. – 12:00 p.m.”;
    an event over several days gives its dates only (« 9–10 déc. 2026 »)."""
    locale = LOCALES[lang]
    start, end = event.start.astimezone(LOCAL_TZ), event.end.astimezone(LOCAL_TZ)
    if start.date() != end.date():
        return format_interval(start.date(), end.date(), "yMMMd", locale=locale)
    hours = format_interval(start.time(), end.time(), TIME_SKELETONS[lang], locale=locale)
    day = format_date(start.date(), "full", locale=locale)
    return f"{first_of_month(day) if lang == 'fr' and start.day == 1 else day}, {hours}"
