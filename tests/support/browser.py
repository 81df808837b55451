"""Debian's Chromium driven by Playwright, plus the axe-core accessibility check."""

from contextlib import contextmanager

from .tools import node_module, require

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


@contextmanager
def chromium():
    """A headless Chromium browser (the Debian package, never a downloaded one)."""
    executable = require("chromium", "/usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page, rules: dict | None = None) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the loaded page; return its violations.

    axe is evaluated through the DevTools protocol, which the page's strict CSP does not govern, so
    pages are checked exactly as visitors get them.
    """
    page.evaluate(node_module("axe-core", "axe.min.js").read_text(encoding="utf-8"))
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}
    if rules:
        options["rules"] = rules
    return page.evaluate("options => axe.run(document, options).then(r => r.violations)", options)


def describe(violations: list[dict]) -> str:
    """Readable summary of axe violations for an assertion message."""
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} -> "
                     + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
                     for v in violations)
