"""The results page's charts in Chromium: as wide as the text column on a desktop (the largest value fills
it), within a phone's screen with their text whole, and axe finds nothing."""

import pytest

from support.browser import axe_violations, describe

pytestmark = pytest.mark.browser

PAGES = {"fr": "/resultats/", "en": "/en/results/"}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("width", [1280, 375])
def test_charts_use_the_width_they_have(page, site_url, lang, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + PAGES[lang])
    charts = page.locator("svg.results-chart")
    assert charts.count() >= 1
    for n in range(charts.count()):
        chart = charts.nth(n)
        box = chart.bounding_box()
        column = chart.evaluate("svg => svg.parentElement.getBoundingClientRect().width")
        assert box["width"] == pytest.approx(column, abs=1) and box["x"] + box["width"] <= width
        longest = max(chart.locator("rect").nth(i).bounding_box()["width"] for i in range(chart.locator("rect").count()))
        assert longest == pytest.approx(box["width"], abs=1)
        assert longest >= (600 if width == 1280 else 300)
        texts = chart.locator("text")
        for i in range(texts.count()):
            text = texts.nth(i).bounding_box()
            assert text["x"] >= box["x"] and text["x"] + text["width"] <= box["x"] + box["width"] + 0.5
            assert text["height"] >= 15  # 16 px text, not shrunk with the chart
        assert chart.get_attribute("role") == "img"
        assert chart.locator("xpath=following-sibling::table[1]").locator("tbody tr").count() == chart.locator("rect").count()
    violations = axe_violations(page)
    assert not violations, describe(violations)
