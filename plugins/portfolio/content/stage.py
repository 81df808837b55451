"""Stage `portfolio.content.stage`: the initiative's results and the events of the news.

It gives each language's templates these globals and writes one file:
- `results`: results.results_context of `data/results.yaml` (editions' figures, charts as inline SVG);
- `upcoming_events`: the events of the news articles in this language that are not over, soonest
  first, each a dict {title, url, when, start (ISO 8601), location, summary};
- `event_info(article)`: {when, start, location} of the event an article announces, or None;
- `is_example(article)`: whether an article is invented sample content (labelled on the site);
- `calendar_url`: the URL of the iCalendar file of those events, written at `/evenements.ics`
  (French) or `/en/events.ics` (English).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from .. import clock
from ..site.feeds import example_title
from . import events, ical, results

CALENDARS = {"fr": "evenements.ics", "en": "en/events.ics"}


def upcoming_events(build) -> list[events.Event]:
    """The events of `build.lang` not over at the start of the build date (Montréal)."""
    return events.upcoming(language_events(build), clock.start_of(build.settings.build_date))


def prepare(site):
    """The initiative's results (data/results.yaml, checked with the records), read once."""
    return results.load(Path(site.settings.root) / "data" / "results.yaml", site.settings.cache)


def template_globals(build) -> dict:
    """This stage's template globals for `build.lang`."""
    lang = build.lang
    data = build.prepared
    found = upcoming_events(build)
    return dict(
        results=results.results_context(data, lang),
        upcoming_events=[{"title": e.summary, "url": urlsplit(e.url).path, "summary": e.description, **display(e, lang)}
                         for e in found],
        is_example=events.is_example,
        event_info=lambda article: display(event, lang) if (event := events.event_of(article, "", "")) else None,
        calendar_url=build.root_url(CALENDARS[lang]),
    )


def write(build) -> None:
    """The calendar file of `build.lang`."""
    name = build.gettext("Upcoming events of %(site)s") % {"site": build.settings.site_name}
    build.write_file(CALENDARS[build.lang], ical.calendar(upcoming_events(build), name, build.lang))


def display(event: events.Event, lang: str) -> dict:
    """When and where an event happens, for a template."""
    return {"when": events.when(event, lang), "start": event.start.isoformat(), "location": event.location}


def language_events(build) -> list[events.Event]:
    """The events announced by the articles written in `build.lang`."""
    host = urlsplit(build.settings.site_url).hostname
    found = []
    for key, versions in build.content.articles.items():
        if build.lang in versions:
            url = build.absolute(build.url(("article", key)))
            event = events.event_of(versions[build.lang], f"{key}.{build.lang}@{host}", url)
            if event:
                found.append(replace(event, summary=example_title(build, event.summary, event.example)))
    return found
