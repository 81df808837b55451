"""Lighthouse 12.2.3 (npm, mobile preset) on the home, directory and an enterprise page in both languages,
served by nginx with the strict CSP: category scores and the bytes each page transfers.

Usage: .venv/bin/python tests/site/lighthouse.py [REPORT_DIR]
A measurement, not a test: it prints a Markdown table (for the README) and keeps the JSON reports.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.server import nginx  # noqa: E402
from support.site import build_site  # noqa: E402
from support.tools import NODE_MODULES  # noqa: E402

PAGES = ["/", "/en/", "/entreprises/", "/en/enterprises/", "/entreprises/traiteur-la-marmite-solidaire/",
         "/en/enterprises/traiteur-la-marmite-solidaire/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"


def lighthouse(url: str, report: Path) -> dict:
    subprocess.run([str(NODE_MODULES / ".bin" / "lighthouse"), url, "--quiet", "--output=json",
                    f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}",
                    f"--chrome-flags={FLAGS}"], check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
    return json.loads(report.read_text())


def transferred(result: dict) -> tuple[int, int]:
    """(all bytes, bytes without images) transferred for the page."""
    items = result["audits"]["network-requests"]["details"]["items"]
    total = sum(i.get("transferSize", 0) for i in items)
    return total, sum(i.get("transferSize", 0) for i in items if i.get("resourceType") != "Image")


def main(reports: Path) -> None:
    reports.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site, logs = Path(tmp) / "site", Path(tmp) / "nginx"
        site.mkdir(), logs.mkdir()
        with nginx(site, logs) as url:  # built after the server starts so canonical URLs use its origin
            build_site(site, settings="publishconf.py", extra_env={"PORTFOLIO_SITE_ORIGIN": url})
            print("| page | performance | accessibility | best practices | SEO | KB transferred | KB without images |")
            print("|---|---|---|---|---|---|---|")
            for path in PAGES:
                name = path.strip("/").replace("/", "_") or "home"
                result = lighthouse(url + path, reports / f"{name}.json")
                scores = [round(result["categories"][c]["score"] * 100) for c in CATEGORIES]
                total, without_images = transferred(result)
                print(f"| `{path}` | " + " | ".join(map(str, scores))
                      + f" | {total / 1024:.1f} | {without_images / 1024:.1f} |", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("lighthouse-reports"))
