"""iCalendar output: RFC 5545 line endings, folding, escaping and UTC times."""

import datetime as dt
from types import SimpleNamespace

import pytest

from portfolio.content import events, ical

UTC = dt.timezone.utc


def unfold(data: bytes) -> list[str]:
    text = data.decode("utf-8")
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def event(**changes):
    values = dict(uid="fr.salon@example.org", summary="Salon", start=dt.datetime(2026, 12, 10, 14, tzinfo=UTC),
                  end=dt.datetime(2026, 12, 10, 16, tzinfo=UTC), stamp=dt.datetime(2026, 10, 1, tzinfo=UTC))
    return events.Event(**{**values, **changes})


@pytest.mark.parametrize("text, expected", [
    ("Maillage, formation; et suite", "Maillage\\, formation\\; et suite"),
    ("C:\\dossier", "C:\\\\dossier"),
    ("ligne 1\nligne 2\r\nligne 3", "ligne 1\\nligne 2\\nligne 3"),
    ("\\,", "\\\\\\,"),  # the backslash is escaped first, so the comma's escape is not doubled
])
def test_text_values_are_escaped(text, expected):
    assert ical.escape_text(text) == expected


def test_every_line_ends_with_crlf_and_no_bare_newline():
    data = ical.calendar([event(summary="a\nb")], "Événements", "fr")
    assert data.endswith(b"\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")
    assert data.count(b"\r") == data.count(b"\r\n")


def test_long_accented_lines_fold_at_75_octets_without_splitting_a_character():
    summary = "Journée de maillage « L'économie sociale, j'achète! » à l'Hôtel de ville, édition éàüœ " * 3
    data = ical.calendar([event(summary=summary, description="é" * 200)], "Événements", "fr")
    raw_lines = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in raw_lines) <= 75
    assert any(len(line) == 75 or len(line) == 74 for line in raw_lines)  # folding really happened
    for line in raw_lines:
        line.decode("utf-8")  # raises if a multi-byte character was cut
    unfolded = unfold(data)
    assert f"SUMMARY;LANGUAGE=fr:{ical.escape_text(summary)}" in unfolded
    assert "DESCRIPTION;LANGUAGE=fr:" + "é" * 200 in unfolded


def test_fold_leaves_short_lines_alone_and_continues_with_one_space():
    assert ical.fold("SUMMARY:court") == "SUMMARY:court"
    folded = ical.fold("X:" + "a" * 100)
    first, second = folded.split("\r\n")
    assert len(first) == 75 and second == " " + "a" * 27


def test_times_are_written_in_utc_from_montreal_time():
    winter = events.parse_local("2026-12-10 09:00", "x.md", "event_start")
    summer = events.parse_local("2027-06-10 09:00", "x.md", "event_start")
    assert ical.utc(winter) == "20261210T140000Z"  # EST, UTC-5
    assert ical.utc(summer) == "20270610T130000Z"  # EDT, UTC-4


def test_a_calendar_has_the_required_properties():
    lines = unfold(ical.calendar([event(location="Marché Bonsecours, 350 rue Saint-Paul Est",
                                        url="https://example.org/nouvelles/salon/", description="Venez")],
                                 "Événements", "fr"))
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert {"VERSION:2.0", "BEGIN:VEVENT", "END:VEVENT", "UID:fr.salon@example.org", "DTSTAMP:20261001T000000Z",
            "DTSTART:20261210T140000Z", "DTEND:20261210T160000Z", "URL:https://example.org/nouvelles/salon/",
            "LOCATION;LANGUAGE=fr:Marché Bonsecours\\, 350 rue Saint-Paul Est"} <= set(lines)
    assert any(line.startswith("PRODID:") for line in lines)
