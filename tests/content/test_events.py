"""Events read from article metadata: parsing, defaults, errors, selection and display."""

import datetime as dt
from types import SimpleNamespace

import pytest

from portfolio.content import events, ical

UTC = dt.timezone.utc


def article(**metadata):
    """A stand-in with the attributes of a Pelican Article that event_of reads."""
    return SimpleNamespace(metadata=metadata, slug="salon", relative_source_path="nouvelles/salon.md",
                           title=metadata.pop("title", "Salon"), summary=metadata.pop("summary", "<p>Résumé</p>"),
                           date=dt.datetime(2026, 10, 1, 9, 0), modified=None)


def event(**changes):
    values = dict(uid="fr.salon@example.org", summary="Salon", start=dt.datetime(2026, 12, 10, 14, tzinfo=UTC),
                  end=dt.datetime(2026, 12, 10, 16, tzinfo=UTC), stamp=dt.datetime(2026, 10, 1, tzinfo=UTC))
    return events.Event(**{**values, **changes})


def test_event_of_reads_article_metadata():
    found = events.event_of(article(event_start="2026-12-10 09:00", event_end="2026-12-10 12:30",
                                  location="Montréal", title="Foire &amp; salon", summary="<p>Un <em>grand</em> jour</p>"),
                          "uid@x", "https://x/")
    assert ical.utc(found.start) == "20261210T140000Z" and ical.utc(found.end) == "20261210T173000Z"
    assert found.summary == "Foire & salon" and found.description == "Un grand jour"
    assert found.stamp == dt.datetime(2026, 10, 1, 9, 0, tzinfo=events.LOCAL_TZ)


def test_plain_news_is_no_event_and_a_missing_end_lasts_two_hours():
    assert events.event_of(article(), "u", "") is None
    found = events.event_of(article(event_start="2026-12-10 09:00"), "u", "")
    assert found.end - found.start == dt.timedelta(hours=2)


@pytest.mark.parametrize("metadata, message", [
    ({"event_start": "10 décembre"}, "nouvelles/salon.md: event_start: expected YYYY-MM-DD HH:MM"),
    ({"event_start": "2026-12-10 09:00", "event_end": "2026-12-10 08:00"}, "event_end: must come after"),
])
def test_bad_event_metadata_names_the_article(metadata, message):
    with pytest.raises(events.EventError, match=message):
        events.event_of(article(**metadata), "u", "")


def test_only_events_not_yet_over_are_upcoming_soonest_first():
    now = dt.datetime(2026, 11, 27, 12, tzinfo=UTC)
    past = event(uid="past", start=now - dt.timedelta(days=3), end=now - dt.timedelta(days=3, hours=-2))
    ongoing = event(uid="ongoing", start=now - dt.timedelta(hours=1), end=now + dt.timedelta(hours=1))
    later = event(uid="later", start=now + dt.timedelta(days=30), end=now + dt.timedelta(days=30, hours=2))
    soon = event(uid="soon", start=now + dt.timedelta(days=2), end=now + dt.timedelta(days=2, hours=2))
    assert [e.uid for e in events.upcoming([later, past, soon, ongoing], now)] == ["ongoing", "soon", "later"]


@pytest.mark.parametrize("lang, expected", [
    ("fr", "mercredi 9 décembre 2026, 8\u00a0h\u00a030\u2009–\u200912\u00a0h\u00a000"),
    ("en", "Wednesday, December 9, 2026, 8:30\u202fa.m.–12:00\u202fp.m."),
])
def test_when_says_the_day_and_hours_in_montreal_time(lang, expected):
    start = events.parse_local("2026-12-09 08:30", "x.md", "event_start")
    end = events.parse_local("2026-12-09 12:00", "x.md", "event_end")
    found = events.when(event(start=start.astimezone(UTC), end=end.astimezone(UTC)), lang)
    assert found.replace("\u00a0", " ") == expected.replace("\u00a0", " ")


def test_when_gives_the_dates_of_an_event_over_several_days():
    found = events.when(event(start=dt.datetime(2027, 3, 17, 14, tzinfo=UTC),
                              end=dt.datetime(2027, 3, 18, 20, tzinfo=UTC)), "en")
    assert "17" in found and "18" in found and "2027" in found and ":" not in found
