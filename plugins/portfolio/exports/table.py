"""The enterprises CSV: UTF-8 with a byte-order mark (so spreadsheet software reads accents right),
one row per enterprise, the columns of `columns.FIELDS`.

Two dialects: commas and decimal points (the international form), and semicolons with decimal commas,
what spreadsheet software set to French (Canada) expects of a file it opens with a double click."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Iterable

from ..records.model import Enterprise
from .columns import COLUMNS, Cell, PageUrl, row_cells

BOM = "\ufeff"
# A cell starting with one of these is a formula for spreadsheet software: untrusted text must not run.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


@dataclass(frozen=True)
class Dialect:
    delimiter: str
    decimal: str


COMMA = Dialect(",", ".")
SEMICOLON = Dialect(";", ",")


def neutralise(cell: str) -> str:
    """`cell` made inert for spreadsheets: a leading apostrophe when it could be read as a formula
    (a negative number such as a longitude stays as it is)."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(cell) else cell


def cell_text(cell: Cell, dialect: Dialect = COMMA) -> str:
    """The CSV text of a typed cell: dates year-month-day, true/false, decimals with the dialect's mark,
    text made inert."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float):
        return repr(cell).replace(".", dialect.decimal)
    if isinstance(cell, (int, dt.date)):
        return str(cell)
    return neutralise(cell)


def csv_line(cells, dialect: Dialect = COMMA) -> bytes:
    """One CSV line (CRLF end) of typed cells, in UTF-8."""
    out = io.StringIO()
    csv.writer(out, delimiter=dialect.delimiter, lineterminator="\r\n").writerow(
        [cell_text(cell, dialect) for cell in cells])
    return out.getvalue().encode("utf-8")


def csv_document(lines: Iterable[bytes], dialect: Dialect = COMMA) -> list[bytes]:
    """The pieces of the CSV file (UTF-8 with BOM, header first) of the enterprise lines, or runs of them,
    `lines` (csv_line of row_cells), one after the other."""
    return [BOM.encode("utf-8") + csv_line(COLUMNS, dialect), *lines]


def enterprises_csv(enterprises: Iterable[Enterprise], page_url: PageUrl, dialect: Dialect = COMMA) -> str:
    """The CSV text (with BOM, CRLF line ends) of `enterprises`, in the given order."""
    return b"".join(csv_document((csv_line(row_cells(e, page_url), dialect) for e in enterprises), dialect)).decode("utf-8")
