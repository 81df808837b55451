"""Text hygiene, in one place, for every text of a record.

The kind of a text comes from the schema definition it uses (common.schema.json):
- one-line texts (`line`, `sentences`): no control, format, bidirectional or line-separator character,
  not blank (spaces, including no-break spaces, only);
- paragraphs: no control character but tab and line breaks, no bidirectional override or isolate;
- web and email addresses (`url`, `email`): no invisible or bidirectional character, which could
  disguise where they lead;
- names (`SCRIPT_FIELDS`): letters of one script (a name wholly in another script is fine).
Every problem names the character (`U+202E RIGHT-TO-LEFT OVERRIDE`). Texts are NFC-normalised when read
(yamlload), so « é » typed as « e » + accent is the same text as « é ».
"""

from __future__ import annotations

import functools
import unicodedata

from . import schemacheck
from .diagnostics import HIDDEN_CATEGORIES
from .lookalike import mixed_script_letter
from .messages import N_, Messages
from .values import value_at

ONE_LINE, PARAGRAPHS, ADDRESS = "one-line", "paragraphs", "address"
_DEFINITIONS = {"line": ONE_LINE, "sentences": ONE_LINE, "paragraphs": PARAGRAPHS, "url": ADDRESS,
                "email": ADDRESS}
NAME_FIELDS = {"enterprise": [("name",)], "institution": [("name", "fr"), ("name", "en")]}  # compared for duplicates
SCRIPT_FIELDS = {"enterprise": [("name",)], "institution": [("name", "fr"), ("name", "en"), ("short_name",)]}
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_BREAKS = set("\n\r\u0085\u2028\u2029")
_ALLOWED: dict[str, set[str]] = {ONE_LINE: set(), PARAGRAPHS: set(), ADDRESS: set()}  # judged and allowed


def character(char: str) -> str:
    """« U+202E RIGHT-TO-LEFT OVERRIDE »: how a character is named in messages."""
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()


def first_refused(text: str, kind: str) -> int | None:
    """Index of the first character of `text` that may not appear in a text of `kind`, or None. Each
    distinct character is judged once per process (records share almost all of theirs)."""
    allowed = _ALLOWED[kind]
    unknown = set(text).difference(allowed)
    bad = {char for char in unknown if refused(char, kind)}
    allowed.update(unknown - bad)
    return next((i for i, char in enumerate(text) if char in bad), None) if bad else None


def refused(char: str, kind: str) -> bool:
    """Whether `char` may not appear in a text of `kind`."""
    if kind == PARAGRAPHS:
        return char in _BIDI_CONTROLS or (unicodedata.category(char) in HIDDEN_CATEGORIES - {"Cf", "Zl", "Zp"}
                                          and char not in "\t\n\r")
    return unicodedata.category(char) in HIDDEN_CATEGORIES or (kind == ADDRESS and char.isspace())


@functools.cache
def text_kind(record_kind: str, parts: tuple) -> str | None:
    """The hygiene kind of the text at `parts` (list indexes given as 0), from its schema definition."""
    definitions = schemacheck.schemas()["common"]["$defs"]
    wanted = {id(definitions[name]): kind for name, kind in _DEFINITIONS.items()}
    chain = schemacheck._expand(schemacheck.schemas()[record_kind], record_kind)
    for part in parts:
        children = []
        for node, base in chain:
            child = node.get("items") if isinstance(part, int) else node.get("properties", {}).get(
                part, node.get("additionalProperties"))
            if isinstance(child, dict):
                children.extend(schemacheck._expand(child, base))
        chain = children
    return next((wanted[id(node)] for node, _ in chain if id(node) in wanted), None)


def _strings(data, parts=()):
    if isinstance(data, str):
        yield parts, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, parts + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, parts + (index,))


class TextRules:
    """Checks every text of one record; returns the paths it reported, whose schema `pattern` errors
    (the same characters, less well explained) are then left out."""

    def __init__(self, say: Messages):
        self.say = say

    def check(self, kind: str, data: dict, positions, report, label) -> set[tuple]:
        reported = set()
        for parts, text in _strings(data):
            hygiene = text_kind(kind, tuple(0 if isinstance(p, int) else p for p in parts))
            if hygiene and self._check_text(hygiene, text, parts, positions, report, label):
                reported.add(parts)
        for parts in SCRIPT_FIELDS.get(kind, ()):
            text = value_at(data, parts)
            if isinstance(text, str) and parts not in reported:
                self._check_script(text, parts, positions, report, label)
        return reported

    def _check_text(self, kind, text, parts, positions, report, label) -> bool:
        say = self.say
        index = first_refused(text, kind)
        if index is not None:
            char = text[index]
            if kind == ONE_LINE and char in _LINE_BREAKS:
                message = say(N_("« {label} » must be on one line, but it contains a line break ({char}); "
                                 "write it on one line."), label=label(parts), char=character(char))
            elif kind == ADDRESS:
                message = say(N_("« {label} » contains an invisible or space character ({char}), which could "
                                 "hide where the address leads; delete it (retype the address if you cannot "
                                 "see it)."), label=label(parts), char=character(char))
            else:
                message = say(N_("« {label} » contains an invisible or control character ({char}); delete it "
                                 "(retype the text around it if you cannot see it)."),
                              label=label(parts), char=character(char))
            report(positions.inside(parts, text, index), parts, "invisible-character", message)
            return True
        if kind != ADDRESS and text and not text.strip():
            report(positions.of(parts), parts, "text-blank", say(N_(
                "« {label} » holds only spaces; write the text, or delete the line if the field is optional."),
                label=label(parts)))
            return True
        return False

    def _check_script(self, text, parts, positions, report, label) -> None:
        letter = mixed_script_letter(text)
        if letter is not None:
            report(positions.inside(parts, text, text.index(letter)), parts, "name-mixed-scripts", self.say(N_(
                "« {label} » mixes letters of different alphabets: {char} is not a letter of the same alphabet "
                "as the first ones, even if it looks like one. Retype the name with the letters of one "
                "alphabet."), label=label(parts), char=character(letter)))

