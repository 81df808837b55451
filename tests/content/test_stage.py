"""The content stage on a stand-in build: template globals and the calendar file per language."""

import datetime as dt
from types import SimpleNamespace

import pytest
from jinja2 import Environment

from portfolio.content import stage
from support.tools import REPO

NOW = dt.datetime(2026, 11, 27, 12, tzinfo=dt.timezone.utc)


def article(title, start=None, lang="fr"):
    metadata = {"event_start": start} if start else {}
    return SimpleNamespace(metadata=metadata, slug=title, relative_source_path=f"news/{title}.md", title=title,
                           summary=f"<p>{title}, résumé</p>", date=dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc),
                           modified=None, lang=lang)


class FakeBuild:
    def __init__(self, lang, articles):
        self.lang = lang
        self.settings = {"PORTFOLIO_ROOT": str(REPO), "PORTFOLIO_SITE_ORIGIN": "https://portfolio.example",
                         "SITENAME": "L'économie sociale, j'achète!"}
        self.env = Environment()
        self.content = SimpleNamespace(articles=articles)
        self.files = {}

    def url(self, key, lang=None):
        return ("/" if self.lang == "fr" else "/en/") + f"news/{key[1]}/"

    def absolute(self, url):
        return self.settings["PORTFOLIO_SITE_ORIGIN"] + url

    def gettext(self, message):
        return message

    def write_file(self, path, data):
        self.files[path] = data


@pytest.fixture
def articles():
    return {
        "past": {"fr": article("Foire", "2026-10-21 09:00")},
        "later": {"fr": article("Formation", "2027-01-20 13:30"), "en": article("Training", "2027-01-20 13:30", "en")},
        "soon": {"fr": article("Maillage, décembre", "2026-12-09 08:30")},
        "news": {"fr": article("Lancement")},
    }


def test_french_build_writes_the_french_calendar_of_upcoming_events_only(articles):
    build = FakeBuild("fr", articles)
    stage.write(build, now=NOW)
    assert list(build.files) == ["evenements.ics"]
    text = build.files["evenements.ics"].decode("utf-8").replace("\r\n ", "")
    assert text.count("BEGIN:VEVENT") == 2
    assert text.index("UID:soon.fr@portfolio.example") < text.index("UID:later.fr@portfolio.example")
    assert "SUMMARY;LANGUAGE=fr:Maillage\\, décembre" in text
    assert "URL:https://portfolio.example/news/soon/" in text
    assert "Foire" not in text and "Lancement" not in text


def test_templates_get_upcoming_events_results_and_calendar_url(articles):
    build = FakeBuild("en", articles)
    stage.write(build, now=NOW)
    globals_ = build.env.globals
    assert globals_["calendar_url"] == "/en/events.ics" and "en/events.ics" in build.files
    assert [e["title"] for e in globals_["upcoming_events"]] == ["Training"]
    assert globals_["upcoming_events"][0]["url"] == "/en/news/later/"
    assert globals_["upcoming_events"][0]["start"] == "2027-01-20T13:30:00-05:00"
    assert globals_["results"]["charts"][0]["svg"].startswith("<svg")
    assert globals_["results"]["editions"][0]["label"] == "2013-2015 pilot project"


def test_no_upcoming_event_still_gives_a_valid_empty_calendar():
    build = FakeBuild("fr", {"news": {"fr": article("Lancement")}})
    stage.write(build, now=NOW)
    data = build.files["evenements.ics"]
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert b"VEVENT" not in data and build.env.globals["upcoming_events"] == []


def test_event_info_describes_an_article_event_or_gives_none():
    build = FakeBuild("fr", {})
    stage.write(build, now=NOW)
    info = build.env.globals["event_info"](article("Salon", "2026-12-09 08:30"))
    assert info["start"] == "2026-12-09T08:30:00-05:00" and info["when"].startswith("mercredi 9 décembre 2026")
    assert build.env.globals["event_info"](article("Lancement")) is None
