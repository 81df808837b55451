"""`make publish` of the sample site for a server on 127.0.0.1 under a sub-path, and a crawler of it."""

from __future__ import annotations

import os
import re
import subprocess
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from support.tools import REPO

BASE = "/portfolio"
# Real-looking (not reserved) values: `make publish` refuses the placeholders of pelicanconf.py.
PUBLICATION = {"PORTFOLIO_CONTACT_EMAIL": "portfolio@cesim-publication.ca",
               "PORTFOLIO_REPOSITORY_URL": "https://github.com/cesim-publication/portfolio",
               "PORTFOLIO_REPOSITORY_BRANCH": "publication",
               "PORTFOLIO_ALLOW_LOCAL": "1", "PORTFOLIO_ALLOW_EXAMPLES": "1"}


def make(target: str, output: Path, cache: Path, env: dict | None = None, **variables) -> subprocess.CompletedProcess:
    """`make TARGET` in the repository with OUTPUT and the cache in the test's folders (installing is left to
    `make test`: SETUP is empty)."""
    environ = {**os.environ, "PORTFOLIO_CACHE": str(cache), "COLUMNS": "400", **(env or {})}
    command = ["make", "--no-print-directory", "-C", str(REPO), target, "SETUP=", f"OUTPUT={output}",
               *(f"{name}={value}" for name, value in variables.items())]
    return subprocess.run(command, env=environ, capture_output=True, text=True)


def publish(output: Path, cache: Path, site_url: str, root: Path = REPO, **variables) -> subprocess.CompletedProcess:
    """`make publish` (or a deploy target given as `target`) for `site_url`; fails with the log."""
    target = variables.pop("target", "publish")
    result = make(target, output, cache, {**PUBLICATION, "PORTFOLIO_SITE_URL": site_url,
                                          "PORTFOLIO_ROOT": str(root)}, **variables)
    assert result.returncode == 0, f"make {target} failed:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
    return result


class _Links(HTMLParser):
    """Every URL a page refers to: links, images (srcset too), scripts, styles, data attributes."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src", "action") or (name == "content" and value.startswith("http")):
                self.urls.append(value)
            elif name in ("srcset", "imagesrcset"):
                self.urls += [part.split()[0] for part in value.split(",") if part.strip()]
            elif name.startswith("data-") and value.startswith("/"):  # files the page's scripts fetch
                self.urls += [part for part in value.split() if "." in part.rsplit("/", 1)[-1]]


def references(url: str, body: bytes, content_type: str) -> list[str]:
    """The URLs a fetched document refers to, made absolute."""
    text = body.decode("utf-8", "replace")
    if content_type.startswith("text/html"):
        parser = _Links()
        parser.feed(text)
        found = parser.urls
    elif content_type.startswith("text/css"):
        found = re.findall(r"url\(\s*['\"]?([^'\")]+)", text)
    elif "xml" in content_type:
        found = re.findall(r"<loc>([^<]+)</loc>|href=\"([^\"]+)\"", text)
        found = [a or b for a, b in found]
    else:
        found = []
    return [urljoin(url, u.replace("&amp;", "&")) for u in found]


def fetch(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def crawl(start: list[str], origin: str) -> tuple[dict[str, int], dict[str, set[str]]]:
    """Fetch everything reachable from `start` on `origin`: status of each URL, and the pages that refer to
    each URL outside `origin` (other hosts)."""
    statuses: dict[str, int] = {}
    outside: dict[str, set[str]] = {}
    queue = list(start)
    while queue:
        url = queue.pop().split("#", 1)[0]
        if url in statuses:
            continue
        status, headers, body = fetch(url)
        statuses[url] = status
        for found in references(url, body, headers.get("Content-Type", "")) if status == 200 else ():
            parts = urlsplit(found)
            if parts.scheme in ("http", "https") and f"{parts.scheme}://{parts.netloc}" == origin:
                queue.append(found.split("#", 1)[0])
            elif parts.scheme in ("http", "https"):
                outside.setdefault(found, set()).add(url)
    return statuses, outside
