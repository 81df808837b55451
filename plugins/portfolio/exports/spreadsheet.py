"""The enterprises spreadsheet (.xlsx) of the open data, written with our writer (xlsx.py).

First sheet: the CSV's columns and rows, header frozen, filters on, numbers as numbers, dates as dates,
every text as text (never a formula), web pages and emails as links. Second sheet: what each column
holds and the licence, in French and English (the file is the same on both sites). Identical data give
identical bytes: the document date is the latest date an enterprise confirmed its listing. An enterprise's
row (`enterprise_row`) is made apart, so that the build keeps it (in a block of rows) while its record is
unchanged."""

from __future__ import annotations

import datetime as dt
from typing import Callable, Sequence

from ..records.model import LANGS
from .columns import COLUMNS, FIELDS, N_, Cell
from .xlsx import LINK_LIMIT, Block, Link, Row, Sheet, row, workbook

# Columns shown as links, by priority (when the rows are too many to link them all), with the link prefix.
LINKS = (("page_fr", ""), ("page_en", ""), ("website", ""), ("email", "mailto:"))

SHEET_NAMES = (N_("Enterprises"), N_("Columns"))
ABOUT_HEADERS = (N_("Column"), N_("Content"))
Gettext = Callable[[str], str]


def linked_columns(rows: int) -> dict[str, str]:
    """Column name -> link prefix, for the link columns that fit Excel's limit with `rows` rows."""
    chosen, budget = {}, LINK_LIMIT
    for name, prefix in LINKS:
        if rows <= budget:
            chosen[name], budget = prefix, budget - rows
    return chosen


def bilingual(gettexts: dict[str, Gettext], message: str, separator: str = " / ") -> str:
    """`message` in French and English, once when both are the same."""
    return separator.join(dict.fromkeys(gettexts[lang](message) for lang in LANGS))


def enterprise_row(cells: Sequence[Cell], links: dict[str, str]) -> Row:
    """The row of an enterprise's cells (columns.row_cells), with links in the `links` columns
    (linked_columns of the number of rows)."""
    return row([Link(cell, links[name] + cell) if name in links and cell else cell for name, cell in zip(COLUMNS, cells)])


def _about_rows(gettexts: dict[str, Gettext], licence: dict, source: dict[str, str]) -> list[tuple]:
    rows = [(", ".join(f.column_names), *(gettexts[lang](f.description) for lang in LANGS)) for f in FIELDS]
    rows.append(("", "", ""))
    rows.append((bilingual(gettexts, N_("Licence")), *(licence["name"][lang] for lang in LANGS)))
    rows.append(("", Link(licence["url"], licence["url"]), ""))
    rows.append((bilingual(gettexts, N_("Source")), *(Link(source[lang], source[lang]) for lang in LANGS)))
    return rows


def enterprises_xlsx(rows: Sequence[Row] | Sequence[Block], latest: dt.date | None, gettexts: dict[str, Gettext],
                     licence: dict, source: dict[str, str], title: str) -> bytes:
    """The spreadsheet of the enterprises' `rows` (enterprise_row; or blocks of them from row 2 on: xlsx.block),
    dated `latest` (the latest date one of them confirmed its listing); `gettexts` translate into each
    language, `source` is the open-data page's address in each language."""
    data_name, about_name = (bilingual(gettexts, name, " – ")[:31] for name in SHEET_NAMES)
    about_header = [bilingual(gettexts, ABOUT_HEADERS[0]),
                    *(f"{gettexts[lang](ABOUT_HEADERS[1])} ({lang})" for lang in LANGS)]
    about = [row(cells, "wrap") for cells in _about_rows(gettexts, licence, source)]
    return workbook([Sheet(data_name, row(COLUMNS, "header"), rows, filter=True),
                     Sheet(about_name, row(about_header, "header"), about)], title, latest)
