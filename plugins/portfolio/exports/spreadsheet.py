"""The enterprises spreadsheet (.xlsx) of the open data, written with XlsxWriter.

First sheet: the CSV's columns and rows, header frozen, filters on, numbers as numbers, dates as dates,
every text as text (never a formula), web pages and emails as links. Second sheet: what each column
holds and the licence, in French and English (the file is the same on both sites). Identical data give
identical bytes: the document date is the latest date an enterprise confirmed its listing."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

import xlsxwriter

from ..records.model import LANGS, Enterprise
from .columns import COLUMNS, FIELDS, N_, PageUrl, row_cells

LINK_LIMIT = 65_530  # hyperlinks per worksheet, Excel's limit
URL_LIMIT = 2_000  # longer addresses stay plain text (Excel refuses links above 2,079 characters)
LINK_SCHEMES = ("https://", "http://", "mailto:")  # other addresses stay plain text
TEXT_LIMIT = 32_767  # characters per cell
# Columns shown as links, by priority (when the rows are too many to link them all), with the link prefix.
LINKS = (("page_fr", ""), ("page_en", ""), ("website", ""), ("email", "mailto:"))
WIDTHS = (8, 60)  # narrowest and widest column, in characters
NO_DATE = dt.datetime(1980, 1, 1)  # document date of a file without enterprises

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


@dataclass(frozen=True)
class Link:
    """A cell showing `text` that links to `target`."""

    text: str
    target: str


def _write(sheet, row: int, column: int, cell, formats: dict) -> int:
    """Write one typed cell; return the width of its text (0 for an empty cell)."""
    if isinstance(cell, Link):
        text = cell.text[:TEXT_LIMIT]
        if len(cell.target) <= URL_LIMIT and cell.target.startswith(LINK_SCHEMES):
            sheet.write_url(row, column, cell.target, formats["link"], string=text)
        else:
            sheet.write_string(row, column, text)
        return len(text)
    if cell is None or cell == "":
        return 0
    if isinstance(cell, bool):
        sheet.write_boolean(row, column, cell)
    elif isinstance(cell, (int, float)):
        sheet.write_number(row, column, cell)
    elif isinstance(cell, dt.date):
        sheet.write_datetime(row, column, dt.datetime.combine(cell, dt.time()), formats["date"])
        return 10
    else:
        sheet.write_string(row, column, cell[:TEXT_LIMIT], formats["text"])
    return len(str(cell))


def _table_sheet(book, sheet, header: Sequence[str], rows: Iterable[Sequence], notes: bool = False) -> None:
    """Header row (bold, frozen) then `rows` of typed cells, columns sized to their text; filters on the
    header, or wrapped text for `notes`."""
    formats = {"date": book.add_format({"num_format": "yyyy-mm-dd"}),
               "link": book.add_format({"font_color": "#0563C1", "underline": 1}),
               "text": book.add_format({"text_wrap": True, "valign": "top"}) if notes else None}
    bold = book.add_format({"bold": True})
    widths = [len(name) for name in header]
    for column, name in enumerate(header):
        sheet.write_string(0, column, name, bold)
    count = 0
    for count, row in enumerate(rows, start=1):
        for column, cell in enumerate(row):
            widths[column] = max(widths[column], _write(sheet, count, column, cell, formats))
    for column, width in enumerate(widths):
        sheet.set_column(column, column, min(max(width + 2, WIDTHS[0]), WIDTHS[1]))
    sheet.freeze_panes(1, 0)
    if not notes:
        sheet.autofilter(0, 0, count, len(header) - 1)


def _about_rows(gettexts: dict[str, Gettext], licence: dict, source: dict[str, str]) -> list[tuple]:
    rows = [(", ".join(f.column_names), *(gettexts[lang](f.description) for lang in LANGS)) for f in FIELDS]
    rows.append(("", "", ""))
    rows.append((bilingual(gettexts, N_("Licence")), *(licence["name"][lang] for lang in LANGS)))
    rows.append(("", Link(licence["url"], licence["url"]), ""))
    rows.append((bilingual(gettexts, N_("Source")), *(Link(source[lang], source[lang]) for lang in LANGS)))
    return rows


def enterprises_xlsx(enterprises: Sequence[Enterprise], page_url: PageUrl, gettexts: dict[str, Gettext],
                     licence: dict, source: dict[str, str], title: str) -> bytes:
    """The spreadsheet of `enterprises`; `gettexts` translate into each language, `source` is the open-data
    page's address in each language."""
    out = io.BytesIO()
    # Row by row through temporary files: at 10,000 enterprises ~15 MB of memory instead of ~260 MB in memory
    # mode. XlsxWriter dates every part 1980-01-31 whatever the clock, so the bytes depend on the data only.
    book = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                                     "strings_to_urls": False})
    latest = max((e.last_verified for e in enterprises), default=None)
    book.set_properties({"title": title, "created": dt.datetime.combine(latest, dt.time()) if latest else NO_DATE})
    data, about = (book.add_worksheet(bilingual(gettexts, name, " – ")[:31]) for name in SHEET_NAMES)
    links = linked_columns(len(enterprises))

    def row(enterprise):
        cells = zip(COLUMNS, row_cells(enterprise, page_url))
        return [Link(cell, links[name] + cell) if name in links and cell else cell for name, cell in cells]

    _table_sheet(book, data, COLUMNS, map(row, enterprises))
    about_header = [bilingual(gettexts, ABOUT_HEADERS[0]),
                    *(f"{gettexts[lang](ABOUT_HEADERS[1])} ({lang})" for lang in LANGS)]
    _table_sheet(book, about, about_header, _about_rows(gettexts, licence, source), notes=True)
    book.close()
    return out.getvalue()
