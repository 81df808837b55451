"""The content stage on a real site of sample news: template globals and the calendar file per language."""

import datetime as dt
from types import SimpleNamespace

import pytest

from portfolio.content import stage
from portfolio.site.content import ContentIndex
from support.engine import make_build, make_site

TODAY = "2026-11-27"


def article(title, start=None, lang="fr", key=None):
    metadata = {"event_start": start} if start else {}
    return SimpleNamespace(metadata=metadata, slug=title, relative_source_path=f"news/{title}.md", title=title,
                           summary=f"<p>{title}, résumé</p>", date=dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc),
                           modified=None, lang=lang, url=("" if lang == "fr" else "en/") + f"news/{key or title}/")


def build_of(tmp_path, lang, articles):
    """The `lang` build of a real site whose news are `articles`, on the pinned day."""
    site = make_site(tmp_path, content=ContentIndex({}, articles), today=TODAY)
    build = make_build(site, lang, stage.__name__)
    build.prepared = stage.prepare(site)
    return build


def calendar(build) -> bytes:
    stage.write(build)
    build.site.writer.commit()
    return (build.site.writer.output / stage.CALENDARS[build.lang]).read_bytes()


@pytest.fixture
def articles():
    return {
        "past": {"fr": article("Foire", "2026-10-21 09:00", key="past")},
        "later": {"fr": article("Formation", "2027-01-20 13:30", key="later"),
                  "en": article("Training", "2027-01-20 13:30", "en", key="later")},
        "soon": {"fr": article("Maillage, décembre", "2026-12-09 08:30", key="soon")},
        "news": {"fr": article("Lancement", key="news")},
    }


def test_french_build_writes_the_french_calendar_of_upcoming_events_only(tmp_path, articles):
    text = calendar(build_of(tmp_path, "fr", articles)).decode("utf-8").replace("\r\n ", "")
    assert text.count("BEGIN:VEVENT") == 2
    assert text.index("UID:soon.fr@portfolio.example") < text.index("UID:later.fr@portfolio.example")
    assert "SUMMARY;LANGUAGE=fr:Maillage\\, décembre" in text
    assert "URL:https://portfolio.example/news/soon/" in text
    assert "Foire" not in text and "Lancement" not in text


def test_templates_get_upcoming_events_results_and_calendar_url(tmp_path, articles):
    globals_ = stage.template_globals(build_of(tmp_path, "en", articles))
    assert globals_["calendar_url"] == "/en/events.ics"
    assert [e["title"] for e in globals_["upcoming_events"]] == ["Training"]
    assert globals_["upcoming_events"][0]["url"] == "/en/news/later/"
    assert globals_["upcoming_events"][0]["start"] == "2027-01-20T13:30:00-05:00"
    assert globals_["results"]["charts"][0]["svg"].startswith("<svg")
    assert globals_["results"]["editions"][0]["label"] == "2013-2015 pilot project"


def test_no_upcoming_event_still_gives_a_valid_empty_calendar(tmp_path):
    build = build_of(tmp_path, "fr", {"news": {"fr": article("Lancement")}})
    data = calendar(build)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert b"VEVENT" not in data and stage.template_globals(build)["upcoming_events"] == []


def test_event_info_describes_an_article_event_or_gives_none(tmp_path):
    event_info = stage.template_globals(build_of(tmp_path, "fr", {}))["event_info"]
    info = event_info(article("Salon", "2026-12-09 08:30"))
    assert info["start"] == "2026-12-09T08:30:00-05:00" and info["when"].startswith("mercredi 9 décembre 2026")
    assert event_info(article("Lancement")) is None
