"""Diagnostics (one problem found in one file) and the three ways of printing them."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"
NOTICE = "notice"  # not a problem: what the build does with a value (a contact person left unpublished)

# Keys of one diagnostic in `--format json`; stable, documented in validate.py.
JSON_KEYS = ("severity", "path", "line", "column", "field", "code", "message")


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: where it is (repository-relative POSIX path, 1-based line and column), which field
    (dotted path such as `offer[2].name.fr`, empty for the whole file), a stable rule code and a
    message already in the reader's language."""

    path: str
    line: int
    column: int
    field: str
    code: str
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    def __str__(self) -> str:
        return human(self, self.severity)


def field_path(parts) -> str:
    """`("offer", 2, "name", "fr")` -> `offer[2].name.fr`."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}  # control, format, unassigned, line separators


def printable(text: str) -> str:
    """`text` with line breaks, control, format and bidirectional characters written out (`\\n`,
    `[U+202E]`), so that a value quoted in a message cannot break or disguise the report."""
    return "".join(_ESCAPES.get(char, f"[U+{ord(char):04X}]") if unicodedata.category(char) in HIDDEN_CATEGORIES else char
                   for char in text)


def human(diagnostic: Diagnostic, severity_label: str) -> str:
    """`path:line:column: field: message`, warnings and notices prefixed with `severity_label`."""
    prefix = f"{severity_label}: " if not diagnostic.is_error else ""
    where = f"{printable(diagnostic.path)}:{diagnostic.line}:{diagnostic.column}: "
    field = f"{printable(diagnostic.field)}: " if diagnostic.field else ""
    return f"{where}{prefix}{field}{printable(diagnostic.message)}"


def github(diagnostic: Diagnostic) -> str:
    """A GitHub Actions annotation line (`::error file=…,line=…,col=…,title=…::message`)."""
    def escape_property(text: str) -> str:
        return escape_data(text).replace(":", "%3A").replace(",", "%2C")

    def escape_data(text: str) -> str:
        return printable(text).replace("%", "%25")

    title = f"{diagnostic.code} {diagnostic.field}".strip()
    return (f"::{diagnostic.severity} file={escape_property(diagnostic.path)},line={diagnostic.line},"
            f"col={diagnostic.column},title={escape_property(title)}::{escape_data(diagnostic.message)}")


def as_json(diagnostics: list[Diagnostic], files: int, lang: str) -> str:
    """The whole report as one JSON document: {"files", "errors", "warnings", "lang", "diagnostics"} (notices
    are counted in neither)."""
    items = [{key: printable(value) if isinstance(value, str) else value
              for key, value in ((key, asdict(d)[key]) for key in JSON_KEYS)} for d in diagnostics]
    return json.dumps({
        "files": files,
        "errors": sum(d.is_error for d in diagnostics),
        "warnings": sum(d.is_warning for d in diagnostics),
        "lang": lang,
        "diagnostics": items,
    }, ensure_ascii=False, indent=2)
