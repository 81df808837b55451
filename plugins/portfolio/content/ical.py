"""iCalendar (RFC 5545) files of events: UTF-8, CRLF line endings, lines folded at 75 octets,
TEXT values escaped. Times are written in UTC (converted with zoneinfo), so no VTIMEZONE is needed."""

from __future__ import annotations

import datetime as dt

LINE_OCTETS = 75
CRLF = "\r\n"
PRODID = "-//CESIM//Portfolio economie sociale jachete//FR"


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
    """An aware datetime as an RFC 5545 UTC DATE-TIME (`20261209T133000Z`)."""
    return moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def calendar(events, name: str, lang: str) -> bytes:
    """A VCALENDAR of `events` (events.Event) named `name`, texts tagged with language `lang`."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"NAME;LANGUAGE={lang}:{escape_text(name)}", f"X-WR-CALNAME:{escape_text(name)}"]
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
