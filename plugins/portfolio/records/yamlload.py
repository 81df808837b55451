"""Read one YAML record safely into plain Python values, remembering where every key and value is.

Decisions (see issue 2): YAML 1.2-core-like scalars (only true/false are booleans, no timestamps, so
`no` and `2026-10-15` stay text), no anchors/aliases, no duplicate keys, no tabs in indentation, no
type tags, UTF-8 only, bounded size and nesting. Problems are reported through `report`, never raised.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import yaml

from .diagnostics import WARNING
from .messages import N_
from .texts import character

MAX_BYTES = 256 * 1024
MAX_DEPTH = 20

try:
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class _Loader(_BaseLoader):
    """Composes nodes without guessing types: every untagged scalar stays text until `_scalar`."""

    yaml_implicit_resolvers = {}

    def resolve(self, kind, value, implicit):
        """The plain tag of an untagged node, as PyYAML's resolver gives it without implicit resolvers (called
        for each node: a fifth of the time libyaml takes to compose a record)."""
        return _STR if kind is yaml.ScalarNode else _SEQ if kind is yaml.SequenceNode else _MAP

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]{1,18}$")
_OCT = re.compile(r"^0o[0-7]{1,18}$")
_HEX = re.compile(r"^0x[0-9a-fA-F]{1,16}$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")

# Plain-language explanations of libyaml/PyYAML problems (matched on the start of `problem`).
_SYNTAX_HINTS = (
    ("mapping values are not allowed", N_("A colon (:) is in an unexpected place. If the text itself "
                                          "contains « : », put the whole text in quotes.")),
    ("could not find expected ':'", N_("A line is missing the colon after its key (key: value), or a "
                                       "quoted text is not closed.")),
    ("did not find expected key", N_("The indentation is inconsistent: this line does not line up with "
                                     "the keys above it.")),
    ("did not find expected '-' indicator", N_("The indentation of this list is inconsistent: each item "
                                               "starts with « - » at the same column.")),
    ("did not find expected ',' or ']'", N_("A list in square brackets [ … ] is not closed or is missing "
                                            "a comma.")),
    ("did not find expected ',' or '}'", N_("A group in braces {{ … }} is not closed or is missing a comma.")),
    ("found unexpected end of stream", N_("The file ends before a quoted text or a bracket is closed.")),
    ("found unknown escape character", N_("A backslash (\\) in double quotes starts an unknown escape; "
                                          "use single quotes or write \\\\.")),
    ("found character '\\t'", N_("A tab character is not allowed here; use spaces.")),
    ("found character that cannot start any token", N_("A value cannot start with this character; put "
                                                      "the value in quotes.")),
    ("but found another document", N_("The file holds more than one document (a line « --- »); keep "
                                      "one record per file.")),
    ("exceeded maximum nesting depth", N_("The lists and groups are nested too deeply.")),
    ("found unexpected ':'", N_("A colon (:) is in an unexpected place; put the text in quotes.")),
    ("expected <block end>", N_("The indentation is inconsistent: this line does not line up with the "
                                "lines above it.")),
)


@dataclass
class Positions:
    """1-based (line, column) of every value and of every mapping key, by path tuple."""

    values: dict = field(default_factory=dict)
    keys: dict = field(default_factory=dict)
    raw: dict = field(default_factory=dict)  # source text of unquoted scalars read as numbers/booleans
    literal: set = field(default_factory=set)  # paths of literal block texts (`|`), lines kept as written
    lines: list = field(default_factory=list)  # the source lines

    def inside(self, parts: tuple, text: str, index: int) -> tuple[int, int]:
        """Position of character `index` of the text at `parts` (exact in literal blocks and in texts
        written on one line without escapes; else the start of the text)."""
        if tuple(parts) not in self.literal:
            line, column = self.of(parts)
            source = self.lines[line - 1] if line <= len(self.lines) else ""
            start = column if source[column - 1:column] in ('"', "'") else column - 1
            return (line, start + index + 1) if source.startswith(text[:index + 1], start) else (line, column)
        line = self.values[tuple(parts)][0] + 1 + text.count("\n", 0, index)
        start = text.rfind("\n", 0, index) + 1
        source = self.lines[line - 1] if line <= len(self.lines) else ""
        column = source.find(text[start:index + 1])
        return line, column + 1 + (index - start) if column >= 0 else 1

    def of(self, parts: tuple, key: bool = False) -> tuple[int, int]:
        """Position of the key (`key=True`) or value at `parts`, else of its nearest known ancestor."""
        parts = tuple(parts)
        if key and parts in self.keys:
            return self.keys[parts]
        while parts not in self.values and parts:
            parts = parts[:-1]
        return self.values.get(parts, (1, 1))


@dataclass
class Parsed:
    data: dict | None  # None when the file could not be read as one mapping
    positions: Positions


class _Stop(Exception):
    """The file cannot be read further; the reason was reported."""


def _position(mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _line_column(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _decode(raw: bytes, report, say) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[line_start:error.start].decode("utf-8", errors="replace")) + 1
        report((raw.count(b"\n", 0, error.start) + 1, column), (), "file-not-utf8",
               say(N_("The file is not in UTF-8: byte 0x{byte:02X} cannot be read. Save the file with the "
                      "UTF-8 encoding (« UTF-8 » in your editor's save options)."), byte=raw[error.start]))
        raise _Stop from None
    return text[1:] if text.startswith("\ufeff") else text


def _check_tabs(lines: list[str], report, say) -> None:
    found = False
    for number, line in enumerate(lines, start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            found = True
            report((number, line.index("\t") + 1), (), "yaml-tab",
                   say(N_("This line is indented with a tab character; indent with spaces only.")))
    if found:
        raise _Stop


def _check_anchors(text: str, report, say) -> None:
    """Refuse anchors (&name) and aliases (*name) before anything is built from them."""
    if "&" not in text and "*" not in text:
        return
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                report(_position(event.start_mark), (), "yaml-alias",
                       say(N_("Anchors (&name) and aliases (*name) are not allowed; write the value out "
                              "in full.")))
                raise _Stop
    except yaml.YAMLError:
        return  # the syntax error is reported by the composer


def _syntax_error(error: yaml.YAMLError, text: str, report, say) -> None:
    if isinstance(error, yaml.reader.ReaderError):
        # libyaml counts the position in bytes: find the character itself, counted in characters.
        found = yaml.reader.Reader.NON_PRINTABLE.search(text)
        index = found.start() if found else 0
        report(_line_column(text, index), (), "yaml-character",
               say(N_("The file contains an invisible control character ({char}) that is not allowed; delete "
                      "it."), char=character(text[index]) if found else repr(error.character)))
        return
    if opening := _unclosed_quote(text, getattr(error, "problem_mark", None)):
        report(_position(opening.start_mark), (), "yaml-unclosed-quote", say(N_(
            "The quote opened here is not closed on this line, so the text runs on to line {line}; close the "
            "quote at the end of the text."), line=opening.end_mark.line + 1))
        return
    problem = getattr(error, "problem", None) or str(error)
    mark = getattr(error, "problem_mark", None)
    if problem.startswith(("found unexpected end of stream", "did not find expected ','")) or mark is None:
        mark = getattr(error, "context_mark", None) or mark  # where the unclosed quote or bracket opens
    hint = next((h for start, h in _SYNTAX_HINTS if problem.startswith(start)), None)
    message = say(hint) if hint else say(N_("The YAML syntax is not valid here ({problem})."), problem=problem)
    code = "yaml-too-deep" if problem.startswith("exceeded maximum nesting") else "yaml-syntax"
    report(_position(mark) if mark else (1, 1), (), code, message)


def _unclosed_quote(text: str, mark):
    """The first quoted text that runs over several lines before the error at `mark`: in a record, a
    quote that was not closed (the next quote of the file closes it, and the error comes later)."""
    if mark is None:
        return None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.line >= mark.line:
                return None
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") \
                    and token.end_mark.line > token.start_mark.line:
                return token
    except yaml.YAMLError:
        return None
    return None


def _scalar(node: yaml.ScalarNode):
    value = node.value
    if node.style not in (None, ""):
        return value
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _OCT.match(value):
        return int(value[2:], 8)
    if _HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value) and len(value) < 40:
        return float(value)
    return value


class _Builder:
    """Turns a node tree into plain values, refusing shared nodes, duplicates and deep nesting."""

    def __init__(self, report, say):
        self.report, self.say = report, say
        self.positions = Positions()
        self.seen: set[int] = set()

    def build(self, node, parts: tuple = (), depth: int = 0):
        if id(node) in self.seen:
            self.report(_position(node.start_mark), parts, "yaml-alias",
                        self.say(N_("Anchors (&name) and aliases (*name) are not allowed; write the value "
                                    "out in full.")))
            raise _Stop
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.report(_position(node.start_mark), parts, "yaml-too-deep",
                        self.say(N_("The lists and groups are nested too deeply.")))
            raise _Stop
        self.positions.values[parts] = _position(node.start_mark)
        if node.tag not in (_STR, _SEQ, _MAP):
            self.report(_position(node.start_mark), parts, "yaml-tag",
                        self.say(N_("Type tags such as « {tag} » are not allowed; remove the tag."),
                                 tag=node.tag.replace("tag:yaml.org,2002:", "!!")))
        if isinstance(node, yaml.ScalarNode):
            value = _scalar(node)
            if node.style == "|":
                self.positions.literal.add(parts)
            if not isinstance(value, str):
                self.positions.raw[parts] = node.value
                return value
            if not node.style:
                self._comment_after(node, parts, value)
            return unicodedata.normalize("NFC", value)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, parts + (index,), depth + 1) for index, item in enumerate(node.value)]
        return self._mapping(node, parts, depth)

    def _comment_after(self, node: yaml.ScalarNode, parts: tuple, value: str) -> None:
        """Warn when an unquoted text is followed by « # » on its line: YAML reads the rest as a comment."""
        end = node.end_mark
        rest = self.positions.lines[end.line][end.column:] if end.line < len(self.positions.lines) else ""
        if rest[:1] in (" ", "\t") and rest.lstrip().startswith("#"):
            column = end.column + len(rest) - len(rest.lstrip()) + 1
            self.report((end.line + 1, column), parts, "yaml-comment-in-value", self.say(N_(
                "Everything after « # » was read as a comment, so the value stops at « {value} »; if the « # » "
                "and what follows belong to the text, put the whole text in quotes."), value=value), WARNING)

    def _mapping(self, node: yaml.MappingNode, parts: tuple, depth: int) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            where = _position(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                self.report(where, parts, "yaml-complex-key",
                            self.say(N_("A key must be a simple word, not a list or a group.")))
                continue
            key = key_node.value
            if key in result:
                self.report(where, parts + (key,), "yaml-duplicate-key",
                            self.say(N_("The key « {key} » appears twice in the same group (first on line "
                                        "{line}); keep only one."), key=key,
                                     line=self.positions.keys[parts + (key,)][0]))
                continue
            self.positions.keys[parts + (key,)] = where
            result[key] = self.build(value_node, parts + (key,), depth + 1)
        return result


def parse(raw: bytes, report, say, size: int | None = None) -> Parsed:
    """Read the bytes of one record; `report(position, parts, code, message)` receives every problem.
    `size` is the file's size when `raw` holds only its beginning."""
    builder = _Builder(report, say)
    try:
        if len(raw) > MAX_BYTES:
            report((1, 1), (), "file-too-large",
                   say(N_("The file is too large ({size} KB; at most {limit} KB)."),
                       size=-(-(size or len(raw)) // 1024), limit=MAX_BYTES // 1024))
            raise _Stop
        text = _decode(raw, report, say)
        builder.positions.lines = text.split("\n")
        _check_tabs(builder.positions.lines, report, say)
        _check_anchors(text, report, say)
        try:
            root = yaml.compose(text, Loader=_Loader)
        except yaml.YAMLError as error:
            _syntax_error(error, text, report, say)
            raise _Stop from None
        if root is None:
            report((1, 1), (), "file-empty",
                   say(N_("The file is empty; it should describe the record, one « key: value » per line.")))
            raise _Stop
        if not isinstance(root, yaml.MappingNode):
            report(_position(root.start_mark), (), "file-not-mapping",
                   say(N_("The file should be a list of « key: value » lines, not a single value or a list.")))
            raise _Stop
        return Parsed(builder.build(root), builder.positions)
    except _Stop:
        return Parsed(None, builder.positions)
    except RecursionError:
        report((1, 1), (), "yaml-too-deep", say(N_("The lists and groups are nested too deeply.")))
        return Parsed(None, builder.positions)

