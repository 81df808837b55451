"""Screenshots of key pages at phone and desktop widths, to look at by eye.

Usage: .venv/bin/python tests/site/screenshots.py OUTPUT_DIR [SITE_DIR]
Builds the sample site (unless SITE_DIR is given), serves it with nginx (strict CSP) and writes
<page>-<width>.png into OUTPUT_DIR with Debian's Chromium.
"""

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.browser import chromium  # noqa: E402
from support.server import nginx  # noqa: E402
from support.site import build_site  # noqa: E402

PAGES = {
    "home-fr": "/", "home-en": "/en/",
    "directory-fr": "/entreprises/", "directory-en": "/en/enterprises/",
    "enterprise-fr": "/entreprises/traiteur-la-marmite-solidaire/",
    "enterprise-en": "/en/enterprises/traiteur-la-marmite-solidaire/",
}
WIDTHS = (375, 1280)


def main(out: Path, site: Path | None = None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        if site is None:
            site = Path(tmp) / "site"
            build_site(site)
        (Path(tmp) / "nginx").mkdir()
        with nginx(site, Path(tmp) / "nginx") as url, chromium() as browser:
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                for name, path in PAGES.items():
                    page.goto(url + path)
                    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # load lazy images
                    page.wait_for_load_state("networkidle")
                    page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=True)
                page.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)
