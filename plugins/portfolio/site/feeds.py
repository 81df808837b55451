"""Atom feeds: enterprises added or updated (by last verification date) and news, per language."""

from __future__ import annotations

import datetime as dt

from feedgenerator import Atom1Feed

from ..content.events import is_example
from .markup import render_markdown
from .urls import rebase_links


def _feed(build, key: tuple, title: str, subtitle: str) -> Atom1Feed:
    link = build.absolute(build.url(key))
    return Atom1Feed(title=title, link=link, description=subtitle, language=build.lang,
                     feed_url=link + "atom.xml")


def example_title(build, title: str, example: bool) -> str:
    """The entry title, marked when the entry is invented sample content."""
    return build.gettext("[Example] %(title)s") % {"title": title} if example else title


def _at_noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), dt.timezone.utc)


def write_enterprises(build) -> None:
    """`<directory>/atom.xml`: the most recently verified enterprises (kept while they are the same)."""
    latest = sorted(build.portfolio.enterprises, key=lambda e: e.last_verified, reverse=True)[:build.settings.feed_size]
    build.write_made(build.url(("directory",)) + "atom.xml", latest, lambda: _enterprises_feed(build, latest))


def _enterprises_feed(build, latest: list) -> str:
    _ = build.gettext
    feed = _feed(build, ("directory",), _("Social-economy enterprises of the portfolio"),
                 _("Enterprises added to the portfolio or whose listing was updated."))
    for e in latest:
        link = build.absolute(build.url(("enterprise", e.slug)))
        feed.add_item(title=example_title(build, e.name, e.example), link=link, unique_id=link,
                      description=e.summary.get(build.lang),
                      content=str(render_markdown(e.description.get(build.lang))),
                      updateddate=_at_noon(e.last_verified), pubdate=_at_noon(e.last_verified))
    return feed.writeString("utf-8")


def write_news(build, articles: list) -> None:
    """`<news>/atom.xml`: the news and activities written in this language."""
    _ = build.gettext
    feed = _feed(build, ("news",), _("News and activities"),
                 _("News, matchmaking events and trainings of the initiative."))
    for article in articles[:build.settings.feed_size]:
        link = build.absolute(build.root_url(article.url))
        feed.add_item(title=example_title(build, article.title, is_example(article)), link=link, unique_id=link,
                      description=article.summary,
                      content=rebase_links(article.content, build.settings.base_path), pubdate=article.date,
                      updateddate=getattr(article, "modified", None) or article.date)
    build.write_file(build.url(("news",)) + "atom.xml", feed.writeString("utf-8"))
