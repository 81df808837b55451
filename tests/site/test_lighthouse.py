"""Lighthouse (mobile preset) gives full marks for accessibility, best practices and SEO to the sample
site served by nginx with its shipped headers. Scores, not timings: the performance score and the bytes
transferred are measured by benchmarks/lighthouse.py for the README."""

import pytest

from support.checkers import failed_audits, lighthouse

pytestmark = pytest.mark.browser
CATEGORIES = ["accessibility", "best-practices", "seo"]
PAGES = ["/", "/en/enterprises/", "/entreprises/traiteur-la-marmite-solidaire/"]


@pytest.mark.parametrize("path", PAGES)
def test_lighthouse_full_marks(path, site_url, tmp_path):
    result = lighthouse(site_url + path, tmp_path / "report.json", CATEGORIES)
    failures = {name: failed_audits(result, name) for name in CATEGORIES if result["categories"][name]["score"] < 1}
    assert failures == {}


def test_lighthouse_marks_down_a_faulty_page(tmp_path):
    """The check can fail: a page without language, title or image description loses points."""
    from support.server import nginx

    site, logs = tmp_path / "site", tmp_path / "nginx"
    site.mkdir(), logs.mkdir()
    (site / "index.html").write_text("<!doctype html><html><body><img src='x.png'><a href='#'></a></body></html>",
                                     encoding="utf-8")
    with nginx(site, logs) as url:
        result = lighthouse(url + "/", tmp_path / "report.json", CATEGORIES)
    assert result["categories"]["accessibility"]["score"] < 1
    assert any(audit.startswith("html-has-lang") for audit in failed_audits(result, "accessibility"))
