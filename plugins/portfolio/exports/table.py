"""The enterprises CSV: UTF-8 with a byte-order mark (so spreadsheet software reads accents right),
one row per enterprise, the columns of `columns.FIELDS`."""

from __future__ import annotations

import csv
import io
import re
from typing import Iterable

from ..records.model import Enterprise
from .columns import COLUMNS, FIELDS, PageUrl

BOM = "\ufeff"
# A cell starting with one of these is a formula for spreadsheet software: untrusted text must not run.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def neutralise(cell: str) -> str:
    """`cell` made inert for spreadsheets: a leading apostrophe when it could be read as a formula
    (a negative number such as a longitude stays as it is)."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(cell) else cell


def enterprises_csv(enterprises: Iterable[Enterprise], page_url: PageUrl) -> str:
    """The CSV text (with BOM, CRLF line ends) of `enterprises`, in the given order."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for enterprise in enterprises:
        writer.writerow([neutralise(get(enterprise, page_url)) for f in FIELDS for _, get in f.columns])
    return out.getvalue()
