"""Markdown of records is rendered then sanitised: nothing in it can run script or reach other schemes."""

from html.parser import HTMLParser

import pytest

from portfolio.site.markup import render_markdown, safe_link

HOSTILE = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[rel](//evil.example/x)",
    "[file](/etc/passwd)",
    "<a href=\"javascript:alert(1)\" onclick=\"alert(1)\">x</a>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<svg onload=alert(1)>",
    "<style>body{display:none}</style>",
    "![pic](https://evil.example/track.png)",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "[x](vbscript:msgbox(1))",
    "<!-- <script>alert(1)</script> -->",
    "<p onmouseover=alert(1)>hover</p>",
]


class _Elements(HTMLParser):
    """Every element and attribute of an HTML fragment (text, even escaped markup, is not an element)."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.comments: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def handle_comment(self, data):
        self.comments.append(data)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_is_inert(text):
    """Raw HTML comes out as visible text (markdown-it, html off) or not at all; no element, attribute or
    link target outside the allow-list survives."""
    html = str(render_markdown(text))
    elements = _Elements(html)
    assert not elements.comments, html
    for tag, attributes in elements.found:
        assert tag in {"p", "ul", "ol", "li", "em", "strong", "a", "br"}, html
        assert set(attributes) <= ({"href", "rel"} if tag == "a" else set()), html
        assert safe_link(attributes.get("href")) == attributes.get("href"), html
    for needle in ("//evil", "/etc/passwd", "data:text"):
        assert not any(needle in value for _, attributes in elements.found for value in attributes.values()), html
    assert "evil.example/track.png" not in html  # an image shows its description only


def test_allowed_markdown_survives():
    html = str(render_markdown("Un **gras**, un *italique*\n\n- un\n- deux\n\nPuis\n\n1. a\n\n[site](https://x.example) "
                               "[écrire](mailto:a@x.example)"))
    assert "<strong>gras</strong>" in html and "<em>italique</em>" in html
    assert "<ul>" in html and "<ol>" in html and "<li>un</li>" in html
    assert '<a href="https://x.example" rel="noopener noreferrer">site</a>' in html
    assert 'href="mailto:a@x.example"' in html


def test_headings_and_raw_html_are_dropped_but_text_kept():
    html = str(render_markdown("# Titre\n\n<div>bloc</div>"))
    assert "<h1" not in html and "<div" not in html
    assert "Titre" in html and "bloc" in html


def test_special_characters_stay_text():
    html = str(render_markdown("prix < 5 $ & taxes > 0"))
    assert "&lt; 5" in html and "&amp; taxes" in html and "&gt; 0" in html


@pytest.mark.parametrize("url, expected", [
    ("https://x.example/a", "https://x.example/a"), ("http://x.example", "http://x.example"),
    ("mailto:a@x.example", "mailto:a@x.example"), ("javascript:alert(1)", None), ("//x.example", None),
    ("/local", None), ("data:text/html,x", None), ("", None), (None, None), ("https:///nohost", None),
])
def test_safe_link(url, expected):
    assert safe_link(url) == expected
