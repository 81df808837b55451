"""The text of built pages, block by block (standard library's html.parser): what a reader sees together."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Elements whose text reads as one statement (a row of a table, an item of a list, a paragraph…).
BLOCKS = {"title", "h1", "h2", "h3", "h4", "p", "li", "dt", "dd", "tr", "caption", "figcaption", "blockquote"}
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "base", "col", "embed", "track"}


@dataclass
class Block:
    tag: str
    classes: tuple[str, ...]
    text: str = ""
    links: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self, skip_class: str | None):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._open: list[tuple[str, Block | None, bool]] = []  # (tag, block it starts, skipped)
        self._skip_class = skip_class

    def _skipping(self) -> bool:
        return any(skipped for _tag, _block, skipped in self._open)

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if tag == "br":
                self.handle_data(" ")
            return
        a = dict(attrs)
        classes = tuple((a.get("class") or "").split())
        block = Block(tag, classes) if tag in BLOCKS else None
        if block:
            self.blocks.append(block)
        if tag == "a" and a.get("href"):
            for _tag, open_block, _skipped in self._open:
                if open_block:
                    open_block.links.append(a["href"])
        self._open.append((tag, block, bool(self._skip_class and self._skip_class in classes)))

    def handle_endtag(self, tag):
        while self._open:
            open_tag, _block, _skipped = self._open.pop()
            if open_tag == tag:
                break
        if tag in BLOCKS or tag in ("td", "th", "div", "section", "ul", "ol"):
            self.handle_data(" ")

    def handle_data(self, data):
        if self._skipping():
            return
        for _tag, block, _skipped in self._open:
            if block:
                block.text += data


def normalise(text: str) -> str:
    """Whitespace collapsed (no-break spaces too), apostrophes straight."""
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip()


def blocks(path: Path, skip_class: str | None = None) -> list[Block]:
    """Every block of the page at `path`, its text normalised; text inside `skip_class` elements left out."""
    parser = _Parser(skip_class)
    parser.feed(path.read_text(encoding="utf-8"))
    for block in parser.blocks:
        block.text = normalise(block.text)
    return parser.blocks


def text_of_class(path: Path, name: str, skip_class: str | None = None) -> str:
    """The normalised text inside the first element of class `name` (its nested blocks' text, in order)."""
    parser = _ClassText(name, skip_class)
    parser.feed(path.read_text(encoding="utf-8"))
    return normalise(parser.text)


class _ClassText(_Parser):
    def __init__(self, name: str, skip_class: str | None):
        super().__init__(skip_class)
        self._name, self._depth, self.text = name, 0, ""

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            classes = (dict(attrs).get("class") or "").split()
            if self._depth or (self._name in classes and not self.text):
                self._depth += 1
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        if self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth and not self._skipping():
            self.text += data
