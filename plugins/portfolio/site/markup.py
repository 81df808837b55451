"""Markdown of record descriptions rendered to HTML, then sanitised with an allow-list (nh3).

Records are untrusted. markdown-it-py renders CommonMark with raw HTML off and only the rules whose output
the allow-list keeps (RULES, also given to markdown-it in the form's preview, so that the site and the
preview render alike: tests/contribute/test_markdown_fixtures.py); images render as their text; links keep
only absolute http(s) and mailto targets and get rel="noopener noreferrer"."""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "br"}
ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
REL = "noopener noreferrer"
# markdown-it rules switched off: their output (headings, code, quotes, rules, tables) is not allowed.
DISABLED_RULES = ["heading", "lheading", "code", "fence", "blockquote", "hr", "table", "html_block",
                  "html_inline", "backticks"]
OPTIONS = {"html": False, "xhtmlOut": False, "linkify": False, "typographer": False}


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


def _image_as_text(renderer, tokens, index, options, env) -> str:
    """An image is shown as its description, never loaded."""
    return str(escape(renderer.renderInlineAsText(tokens[index].children or [], options, env)))


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", OPTIONS).disable(DISABLED_RULES)
    parser.validateLink = lambda url: True  # every link is rendered; sanitise() keeps only safe targets
    parser.add_render_rule("image", _image_as_text)
    return parser


def render_markdown(text: str) -> Markup:
    """Safe HTML of untrusted Markdown `text`."""
    return sanitise(_parser().render(text))
