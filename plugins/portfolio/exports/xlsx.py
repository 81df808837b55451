"""The build's spreadsheet (.xlsx, Office Open XML) writer, made for rows kept between builds: `row()` gives
one row's XML, links and text widths; `block()` puts consecutive rows together, their XML compressed
(zipped.py); `workbook()` puts blocks together without compressing them again. After one enterprise is
edited, the build makes its block again and reuses the others (exports/stage.py).

The parts, styles and rules are those of the browser's writer (theme/static/js/xlsx.js): every text is an
inline string, never a formula; numbers, dates and true/false are typed; only http(s) and mailto addresses
become links; the header row is frozen; the zip is dated from the data, never from the clock."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from itertools import zip_longest
from typing import Sequence

from .zipped import Deflated, deflate, joined, zip_archive

LINK_LIMIT = 65_530  # hyperlinks per worksheet, Excel's limit
URL_LIMIT = 2_000  # longer addresses stay plain text (Excel refuses links above 2,079 characters)
LINK_SCHEMES = ("https://", "http://", "mailto:")  # other addresses stay plain text
TEXT_LIMIT = 32_767  # characters per cell
WIDTHS = (8, 60)  # narrowest and widest column, in characters
STYLE = {"plain": 0, "header": 1, "date": 2, "link": 3, "wrap": 4}  # the cell formats of STYLES, in order
NUMBER = "\x00"  # in a row's XML, stands for the row's number: no text can hold it (see escape)
DAY_ZERO = dt.date(1899, 12, 30)  # a spreadsheet date is a count of days since then
NO_DATE = dt.date(1980, 1, 1)  # the earliest date a zip entry can hold
NS = "http://schemas.openxmlformats.org/"
REL = NS + "officeDocument/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# The characters XML 1.0 refuses (all but tab, line feed, return, U+0020-U+D7FF, U+E000-U+FFFD and beyond
# U+FFFF), listed as they are: the class of those it takes compiled in 9 ms, this one in 1.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """`text` for XML: characters XML cannot hold dropped, markup characters escaped."""
    return (_NOT_XML.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def column_name(index: int) -> str:
    """A, B, …, Z, AA, … for 0, 1, …"""
    name, n = "", index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        name = chr(65 + rest) + name
    return name


@dataclass(frozen=True)
class Link:
    """A cell showing `text` that links to `target`."""

    text: str
    target: str


@dataclass(frozen=True)
class Row:
    """One row: its cells' XML (NUMBER where its number goes), its links (column, address) and the width of
    each cell's text."""

    xml: str
    links: tuple[tuple[int, str], ...]
    widths: tuple[int, ...]


def _text(ref: str, text: str, style: int) -> str:
    """An inline string cell; spaces at either end are kept only when marked so (as XlsxWriter does)."""
    styled = f' s="{style}"' if style else ""
    text = escape(text[:TEXT_LIMIT])
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f'<c r="{ref}" t="inlineStr"{styled}><is><t{space}>{text}</t></is></c>'


def _cell(ref: str, cell, style: int) -> tuple[str, int, str | None]:
    """The XML of one cell, the width of its text and the address it links to (or None)."""
    if isinstance(cell, Link):
        linked = len(cell.target) <= URL_LIMIT and cell.target.startswith(LINK_SCHEMES)
        return (_text(ref, cell.text, STYLE["link" if linked else "plain"]), len(cell.text[:TEXT_LIMIT]),
                cell.target if linked else None)
    if cell is None or cell == "":
        return "", 0, None
    if isinstance(cell, bool):
        return f'<c r="{ref}" t="b"><v>{int(cell)}</v></c>', len(str(cell)), None
    if isinstance(cell, int) or (isinstance(cell, float) and math.isfinite(cell)):
        return f'<c r="{ref}"><v>{cell!r}</v></c>', len(str(cell)), None
    if isinstance(cell, dt.date):
        days = (dt.date(cell.year, cell.month, cell.day) - DAY_ZERO).days
        return f'<c r="{ref}" s="{STYLE["date"]}"><v>{days}</v></c>', 10, None
    return _text(ref, str(cell), style), len(str(cell)), None


def row(cells: Sequence, style: str = "plain") -> Row:
    """The row of `cells`: texts (in the STYLE `style`), numbers, dates, true/false, Links, None or "" (empty)."""
    xml, links, widths = [], [], []
    for column, cell in enumerate(cells):
        made, width, target = _cell(column_name(column) + NUMBER, cell, STYLE[style])
        xml.append(made)
        widths.append(width)
        if target is not None:
            links.append((column, target))
    return Row("".join(xml), tuple(links), tuple(widths))


@dataclass(frozen=True)
class Block:
    """Consecutive rows of a sheet from row number `first`: their XML compressed, their links (cell, address)
    and the widest text of each column."""

    first: int
    count: int
    xml: Deflated
    links: tuple[tuple[str, str], ...]
    widths: tuple[int, ...]


def block(rows: Sequence[Row], first: int) -> Block:
    """The block of `rows`, numbered from `first`."""
    xml = "".join(f'<row r="{n}">{r.xml.replace(NUMBER, str(n))}</row>' for n, r in enumerate(rows, start=first))
    links = tuple((f"{column_name(column)}{n}", target) for n, r in enumerate(rows, start=first)
                  for column, target in r.links)
    return Block(first, len(rows), deflate(xml), links, _widest(r.widths for r in rows))


def _widest(widths) -> tuple[int, ...]:
    return tuple(max(column) for column in zip_longest(*widths, fillvalue=0))


@dataclass(frozen=True)
class Sheet:
    """A worksheet: its name (31 characters at most), header row, rows (as Rows, or as Blocks numbered from
    row 2 on), and whether it has filters."""

    name: str
    header: Row
    rows: Sequence[Row] | Sequence[Block]
    filter: bool = False

    def blocks(self) -> list[Block]:
        """The rows as blocks, checked to follow one another from row 2."""
        if not self.rows or isinstance(self.rows[0], Row):
            return [block(self.rows, 2)]
        expected = 2
        for part in self.rows:
            if part.first != expected:
                raise ValueError(f"{self.name}: a block starts at row {part.first}, not {expected}")
            expected += part.count
        return list(self.rows)


def _relationships(items: list[str]) -> str:
    return f'{HEAD}<Relationships xmlns="{NS}package/2006/relationships">{"".join(items)}</Relationships>'


def _sheet_parts(sheet: Sheet) -> tuple[Deflated, str | None, str]:
    """The worksheet's XML, compressed (its blocks as they are), its links' relationships (or None) and the
    range of its cells."""
    blocks = sheet.blocks()
    header = block([sheet.header], 1)
    widths = _widest([header.widths, *(part.widths for part in blocks)])
    last_column = column_name(len(widths) - 1)
    count = 1 + sum(part.count for part in blocks)
    last = f"{last_column}{count}"
    links = [link for part in (header, *blocks) for link in part.links]
    if len(links) > LINK_LIMIT:
        raise ValueError(f"{sheet.name}: {len(links)} links, more than the {LINK_LIMIT} a worksheet may hold")
    cols = "".join(f'<col min="{n}" max="{n}" width="{min(max(width + 2, WIDTHS[0]), WIDTHS[1])}" customWidth="1"/>'
                   for n, width in enumerate(widths, start=1))
    head = (f'{HEAD}<worksheet xmlns="{NS}spreadsheetml/2006/main" xmlns:r="{REL}"><dimension ref="A1:{last}"/>'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft"'
            f' state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols>'
            "<sheetData>")
    tail = "</sheetData>" + (f'<autoFilter ref="A1:{last}"/>' if sheet.filter else "")
    if links:
        tail += "<hyperlinks>" + "".join(f'<hyperlink ref="{ref}" r:id="rId{n}"/>'
                                         for n, (ref, _) in enumerate(links, start=1)) + "</hyperlinks>"
    tail += '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
    rels = _relationships([f'<Relationship Id="rId{n}" Type="{REL}/hyperlink" Target="{escape(target)}"'
                           ' TargetMode="External"/>' for n, (_, target) in enumerate(links, start=1)]) if links else None
    xml = joined([deflate(head), header.xml, *(part.xml for part in blocks), deflate(tail)])
    return xml, rels, f"$A$1:${last_column}${count}"


STYLES = (
    f'{HEAD}<styleSheet xmlns="{NS}spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>'
    '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


def workbook(sheets: Sequence[Sheet], title: str, created: dt.date | None) -> bytes:
    """The .xlsx of `sheets`, titled `title`, dated `created` (None: NO_DATE) in its properties and its zip."""
    made = [_sheet_parts(sheet) for sheet in sheets]
    day = created or NO_DATE
    quoted = ["'" + sheet.name.replace("'", "''") + "'" for sheet in sheets]
    filters = "".join(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
                      f"{escape(quoted[n])}!{made[n][2]}</definedName>" for n, sheet in enumerate(sheets) if sheet.filter)
    types = "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for n in range(1, len(sheets) + 1))
    files = [
        ("[Content_Types].xml", f'{HEAD}<Types xmlns="{NS}package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/'
         f'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{types}'
         '<Override PartName="/xl/styles.xml" ContentType="application/'
         'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
         '<Override PartName="/docProps/core.xml" ContentType="application/'
         'vnd.openxmlformats-package.core-properties+xml"/></Types>'),
        ("_rels/.rels", _relationships([
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>',
            f'<Relationship Id="rId2" Type="{NS}package/2006/relationships/metadata/core-properties"'
            ' Target="docProps/core.xml"/>'])),
        ("docProps/core.xml", f'{HEAD}<cp:coreProperties xmlns:cp="{NS}package/2006/metadata/core-properties"'
         ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
         ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
         + (f"<dc:title>{escape(title)}</dc:title>" if title else "")
         + f'<dcterms:created xsi:type="dcterms:W3CDTF">{day.isoformat()}T00:00:00Z</dcterms:created>'
         f'<dcterms:modified xsi:type="dcterms:W3CDTF">{day.isoformat()}T00:00:00Z</dcterms:modified>'
         "</cp:coreProperties>"),
        ("xl/workbook.xml", f'{HEAD}<workbook xmlns="{NS}spreadsheetml/2006/main" xmlns:r="{REL}">'
         "<bookViews><workbookView/></bookViews><sheets>"
         + "".join(f'<sheet name="{escape(sheet.name)}" sheetId="{n}" r:id="rId{n}"/>'
                   for n, sheet in enumerate(sheets, start=1))
         + "</sheets>" + (f"<definedNames>{filters}</definedNames>" if filters else "") + "</workbook>"),
        ("xl/_rels/workbook.xml.rels", _relationships(
            [f'<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
             for n in range(1, len(sheets) + 1)]
            + [f'<Relationship Id="rId{len(sheets) + 1}" Type="{REL}/styles" Target="styles.xml"/>'])),
        ("xl/styles.xml", STYLES),
    ]
    parts = [(name, deflate(text)) for name, text in files]
    for n, (xml, rels, _range) in enumerate(made, start=1):
        parts.append((f"xl/worksheets/sheet{n}.xml", xml))
        if rels:
            parts.append((f"xl/worksheets/_rels/sheet{n}.xml.rels", deflate(rels)))
    return zip_archive(parts, day)
