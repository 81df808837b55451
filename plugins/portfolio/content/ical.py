"""iCalendar (RFC 5545) files of upcoming events, from news articles that carry event metadata.

An article is an event when its metadata has `event_start` (and optionally `event_end`, default
two hours later) written `YYYY-MM-DD HH:MM` in Montréal time, and `location`. Times are written in
UTC, converted with zoneinfo, so no VTIMEZONE block is needed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from markupsafe import Markup

LOCAL_TZ = ZoneInfo("America/Toronto")  # Montréal's rules
DEFAULT_LENGTH = dt.timedelta(hours=2)
LINE_OCTETS = 75
CRLF = "\r\n"


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
                 description=Markup(article.summary).striptags())


def upcoming(events, now: dt.datetime) -> list[Event]:
    """Events not yet over at `now`, soonest first."""
    return sorted((e for e in events if e.end > now), key=lambda e: (e.start, e.uid))


def escape_text(text: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets (RFC 5545 §3.1), never inside a UTF-8
    character; continuation lines start with one space, which counts towards their 75 octets."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LINE_OCTETS:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += width
    pieces.append(current)
    return CRLF.join(pieces)


def utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def calendar(events, name: str, lang: str) -> bytes:
    """A VCALENDAR of `events`, UTF-8 with CRLF line endings and folded lines."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//CESIM//Portfolio economie sociale jachete//FR",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"NAME;LANGUAGE={lang}:{escape_text(name)}",
             f"X-WR-CALNAME:{escape_text(name)}"]
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{utc(event.stamp)}",
                  f"DTSTART:{utc(event.start)}", f"DTEND:{utc(event.end)}",
                  f"SUMMARY;LANGUAGE={lang}:{escape_text(event.summary)}"]
        if event.location:
            lines.append(f"LOCATION;LANGUAGE={lang}:{escape_text(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION;LANGUAGE={lang}:{escape_text(event.description)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines).encode("utf-8")
