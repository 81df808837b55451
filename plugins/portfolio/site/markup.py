"""Markdown of record descriptions rendered to HTML, then sanitised with an allow-list (nh3).

Records are untrusted: raw HTML, headings and images are dropped, links keep only absolute
http(s) and mailto targets and get rel="noopener noreferrer"."""

from __future__ import annotations

from urllib.parse import urlsplit

import markdown
import nh3
from markupsafe import Markup

TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "br"}
ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
REL = "noopener noreferrer"


def safe_link(url: str | None) -> str | None:
    """`url` if it is an absolute http(s) URL with a host or a mailto: URL, else None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in URL_SCHEMES or (scheme != "mailto" and not parts.netloc):
        return None
    return url


def _absolute_links_only(element: str, attribute: str, value: str) -> str | None:
    """Drop any href that is not an absolute URL of an allowed scheme (no relative or //host links)."""
    return safe_link(value) if attribute == "href" else value


def sanitise(html: str) -> Markup:
    """Keep only the allowed tags, attributes and link targets of `html`."""
    return Markup(nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                            attribute_filter=_absolute_links_only, link_rel=REL, strip_comments=True))


def render_markdown(text: str) -> Markup:
    """Safe HTML of untrusted Markdown `text`."""
    return sanitise(markdown.markdown(text, output_format="html"))
