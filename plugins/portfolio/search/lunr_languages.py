"""Locate the pinned npm packages (lunr, lunr-languages) and read the French data they define.

The French stop words and word characters are read from the pinned `lunr.fr.js` itself, so the
Python pipeline uses exactly the lists the browser uses (nothing copied by hand).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

NODE_MODULES = Path(__file__).resolve().parents[3] / "node_modules"

# Site file name -> file in node_modules, loaded in this order by the browser.
BROWSER_FILES = {
    "lunr.min.js": ("lunr", "lunr.min.js"),
    "lunr.stemmer.support.min.js": ("lunr-languages", "min", "lunr.stemmer.support.min.js"),
    "lunr.fr.min.js": ("lunr-languages", "min", "lunr.fr.min.js"),
}


class MissingNodeModules(RuntimeError):
    """node_modules lacks a pinned file: run `npm ci` (or `make setup`)."""


def node_file(*parts: str, root: Path = NODE_MODULES) -> Path:
    """A file inside node_modules; raise MissingNodeModules with the fix when absent."""
    path = root.joinpath(*parts)
    if not path.is_file():
        raise MissingNodeModules(f"{path} is missing: run `npm ci` (or `make setup`) to install lunr and lunr-languages")
    return path


@cache
def french_source() -> str:
    return node_file("lunr-languages", "lunr.fr.js").read_text(encoding="utf-8")


def french_stop_words() -> frozenset[str]:
    """The stop words of `stopWordFilter-fr` in lunr.fr.js."""
    match = re.search(r"lunr\.fr\.stopWordFilter = lunr\.generateStopWordFilter\('([^']*)'", french_source())
    return frozenset(match.group(1).split(" "))


def french_word_characters() -> str:
    """The regular-expression character class body of `trimmer-fr` (lunr.fr.wordCharacters, plus
    the ASCII digits lunr.stemmer.support adds), usable by Python's `re` as it is."""
    match = re.search(r'lunr\.fr\.wordCharacters = "([^"]*)"', french_source())
    return match.group(1) + "0-9"
