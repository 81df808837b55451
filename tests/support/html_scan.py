"""What the site tests need from a built HTML page, read with the standard library's html.parser."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Scan:
    lang: str | None = None
    title: str = ""
    links: list[str] = field(default_factory=list)  # href of a and link elements
    images: list[str] = field(default_factory=list)  # src and every srcset candidate
    scripts: list[dict] = field(default_factory=list)  # {"src", "type", "text"}
    hreflang: dict[str, str] = field(default_factory=dict)  # <link rel=alternate hreflang>
    switch: str | None = None  # href of the language switcher
    canonical: str | None = None
    h1: int = 0
    inline_styles: int = 0  # style attributes and <style> elements
    handlers: list[str] = field(default_factory=list)  # on* attributes
    lang_marked: list[tuple[str, str]] = field(default_factory=list)  # (lang attribute, tag) below <html>

    def json_ld(self) -> list:
        return [json.loads(s["text"]) for s in self.scripts if s["type"] == "application/ld+json"]


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scan = Scan()
        self._script = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        scan = self.scan
        if tag == "html":
            scan.lang = a.get("lang")
        elif "lang" in a:
            scan.lang_marked.append((a["lang"], tag))
        if "style" in a:
            scan.inline_styles += 1
        scan.handlers += [name for name in a if name.startswith("on")]
        if tag == "style":
            scan.inline_styles += 1
        if tag == "title":
            self._in_title = True
        if tag == "h1":
            scan.h1 += 1
        if tag in ("a", "link") and a.get("href") is not None:
            scan.links.append(a["href"])
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            scan.hreflang[a["hreflang"]] = a["href"]
        if tag == "link" and a.get("rel") == "canonical":
            scan.canonical = a["href"]
        if tag == "a" and "lang-switch" in (a.get("class") or "").split():
            scan.switch = a["href"]
        if tag in ("img", "source"):
            if a.get("src"):
                scan.images.append(a["src"])
            for candidate in (a.get("srcset") or "").split(","):
                if candidate.strip():
                    scan.images.append(candidate.split()[0])
        if tag == "script":
            self._script = {"src": a.get("src"), "type": a.get("type", ""), "text": ""}

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scan.scripts.append(self._script)
            self._script = None
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data
        if self._in_title:
            self.scan.title += data


def scan(path: Path) -> Scan:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.scan
