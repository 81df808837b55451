"""Lighthouse benchmark: the sample site built for its own origin and served by nginx with its shipped
headers; Lighthouse (npm, mobile preset, Debian's Chromium) on the home, directory and an enterprise page
in both languages. Scores and bytes, not timings: each category's score, and the kilobytes each page
transfers (all, and without images).

    .venv/bin/python benchmarks/lighthouse.py [--reports DIR] [--json FILE]

Prints a Markdown table for the README; keeps Lighthouse's JSON reports in DIR (default: a temporary
folder) and the summary in FILE. tests/site/test_lighthouse.py asserts the accessibility, best-practices
and SEO scores.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "plugins"), str(REPO / "tests")]

from support.checkers import lighthouse  # noqa: E402
from support.server import nginx  # noqa: E402
from support.site import build_site  # noqa: E402

PAGES = ["/", "/en/", "/entreprises/", "/en/enterprises/", "/entreprises/traiteur-la-marmite-solidaire/",
         "/en/enterprises/traiteur-la-marmite-solidaire/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def transferred(result: dict) -> tuple[int, int]:
    """(all bytes, bytes without images) transferred for the page."""
    items = result["audits"]["network-requests"]["details"]["items"]
    total = sum(i.get("transferSize", 0) for i in items)
    return total, sum(i.get("transferSize", 0) for i in items if i.get("resourceType") != "Image")


def measure(reports: Path) -> list[dict]:
    """One row per page: its scores (0-100) and kilobytes transferred."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        site, logs = Path(tmp) / "site", Path(tmp) / "nginx"
        site.mkdir(), logs.mkdir()
        with nginx(site, logs) as url:  # built after the server starts, so that its URLs use the server's origin
            build_site(site, extra_env={"PORTFOLIO_SITE_URL": url})
            for path in PAGES:
                name = path.strip("/").replace("/", "_") or "home"
                result = lighthouse(url + path, reports / f"{name}.json", CATEGORIES)
                total, without_images = transferred(result)
                rows.append({"page": path, **{c: round(result["categories"][c]["score"] * 100) for c in CATEGORIES},
                             "kb": round(total / 1024, 1), "kb_without_images": round(without_images / 1024, 1)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=Path, help="folder for Lighthouse's JSON reports")
    parser.add_argument("--json", type=Path, help="file for the summary")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        reports = args.reports or Path(tmp)
        reports.mkdir(parents=True, exist_ok=True)
        rows = measure(reports)
    print("| page | performance | accessibility | best practices | SEO | KB transferred | KB without images |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        print(f"| `{row['page']}` | " + " | ".join(str(row[c]) for c in CATEGORIES)
              + f" | {row['kb']} | {row['kb_without_images']} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
