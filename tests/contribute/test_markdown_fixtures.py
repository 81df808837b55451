"""The form's Markdown preview (markdown-it in Chromium, the site's allow-list) and the site's rendering
(markdown-it-py and nh3) give the same HTML for every shared fixture, hostile ones included."""

import json
from pathlib import Path

import pytest

from portfolio.site.markup import render_markdown

pytestmark = pytest.mark.browser

FIXTURES = json.loads((Path(__file__).parent / "markdown_fixtures.json").read_text(encoding="utf-8"))


def test_preview_renders_like_the_site(page, site_url):
    page.goto(site_url + "/modifier/")
    page.click("#contribute-new")
    preview = page.locator("#f-description-fr ~ details .md-preview")
    differ = []
    for text in FIXTURES:
        page.fill("#f-description-fr", text)
        if preview.inner_html() != str(render_markdown(text)):
            differ.append((text, preview.inner_html(), str(render_markdown(text))))
    assert not differ, "\n".join(map(repr, differ))
