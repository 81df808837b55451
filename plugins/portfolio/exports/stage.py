"""Stage `portfolio.exports.stage`: the open-data files of the portfolio and the page documenting them.

The files are bilingual and made once, in another process while the pages are written (`prepare`), which
writes them under each language's open-data page (`/donnees/`, `/en/data/`), byte for byte identical, with
file names in that language; `finish` takes them in and writes the pages."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..engine.parallel import beside, taken_in
from ..records.model import LANGS
from ..site.freshness import latest_update
from ..site.i18n import load_translations
from .columns import FIELDS, row_cells
from .records import document, enterprise_json, institutions_json
from .spreadsheet import enterprise_row, enterprises_xlsx, linked_columns
from .table import SEMICOLON, csv_document, csv_line
from .xlsx import Block, block

FILE_NAMES = {
    "fr": {"xlsx": "entreprises.xlsx", "csv": "entreprises.csv", "semicolon": "entreprises-point-virgule.csv",
           "enterprises": "entreprises.json", "institutions": "institutions.json"},
    "en": {"xlsx": "enterprises.xlsx", "csv": "enterprises.csv", "semicolon": "enterprises-semicolon.csv",
           "enterprises": "enterprises.json", "institutions": "institutions.json"},
}
SCHEMAS = ("enterprise", "institution", "common", "vocabulary")


class Parts(NamedTuple):
    """What a run of consecutive enterprises gives each document."""

    csv: bytes  # their lines of each CSV dialect
    semicolon: bytes
    json: bytes  # their records, joined by commas
    sheet: Block  # their rows of the spreadsheet


def prepare(site):
    """The open-data files, written in another process while the pages are written (no page waits for them);
    `finish` takes them in. They are made again only when a record changed: else each file of the previous
    build is kept as it is."""
    portfolio = site.portfolio
    inputs = site.key([portfolio.enterprises, portfolio.institutions])
    return beside(site, lambda: _write_documents(site, inputs))


def _write_documents(site, inputs: str) -> dict[str, int]:
    """Write the documents under each language's names (or keep the previous build's, made from the same
    `inputs`); the size of each kind."""
    paths = {(lang, kind): site.urls.site_path(site.urls.url(("data",), lang) + name)
             for lang, names in FILE_NAMES.items() for kind, name in names.items()}
    kept = {place: site.writer.reuse(path, inputs, by=__name__) for place, path in paths.items()}
    made = {} if all(kept.values()) else documents(site)
    written: dict[str, str] = {}  # kind -> the path written: the other language's name is a hard link to it
    for (lang, kind), path in paths.items():
        if kept[lang, kind]:
            continue
        if kind in written:
            site.writer.twin(path, written[kind], by=__name__)
        else:
            site.writer.write(path, made[kind], by=__name__, inputs=inputs)
            written[kind] = path
    return {kind: _size(made[kind]) if made else site.writer.current(paths[LANGS[0], kind]).stat().st_size
            for kind in FILE_NAMES[LANGS[0]]}


def _size(document: bytes | list[bytes]) -> int:
    """The bytes of a document of `documents`."""
    return sum(map(len, document)) if isinstance(document, list) else len(document)


def _commas(parts: list[bytes]) -> list[bytes]:
    """The pieces of b",".join(parts), not joined."""
    pieces = [b","] * max(0, 2 * len(parts) - 1)
    pieces[::2] = parts
    return pieces


def documents(site) -> dict[str, bytes | list[bytes]]:
    """The open-data documents, by kind (the keys of FILE_NAMES), in UTF-8: the large ones as the list of
    their pieces (the writer writes them one after the other). The parts of each run of
    enterprises (their CSV lines, JSON and spreadsheet rows, compressed) are kept between builds (cache folder
    `exports-runs`; they also depend on which columns are links, which the number of enterprises decides):
    after an edit, only the edited enterprise's run is made again, and the documents are put together from
    the parts."""
    portfolio, licence = site.portfolio, site.settings.open_data_licence
    page_url = lambda key, lang: site.absolute(site.urls.url(key, lang))  # noqa: E731
    enterprise_url = lambda e, lang: page_url(("enterprise", e.slug), lang)  # noqa: E731
    translations = Path(site.settings.theme) / "translations"
    gettexts = {lang: load_translations(translations, lang, site.settings.cache).gettext for lang in LANGS}
    links = linked_columns(len(portfolio.enterprises))

    def parts(first: int, enterprises) -> Parts:
        cells = [row_cells(enterprise, enterprise_url) for enterprise in enterprises]
        return Parts(b"".join(csv_line(row) for row in cells), b"".join(csv_line(row, SEMICOLON) for row in cells),
                     b",".join(enterprise_json(enterprise, page_url) for enterprise in enterprises),
                     block([enterprise_row(row, links) for row in cells], first + 2))  # row 1: the header

    # In this process, itself beside the build: more processes would only share the same two processors, and
    # send every part back through a pipe.
    runs = site.cached_runs("exports-runs", portfolio.enterprises, parts, also=list(links), workers=1)
    source = {lang: page_url(("data",), lang) for lang in LANGS}
    return {"xlsx": enterprises_xlsx([run.sheet for run in runs], latest_update(portfolio.enterprises), gettexts,
                                     licence, source, site.settings.site_name),
            "csv": csv_document(run.csv for run in runs),
            "semicolon": csv_document((run.semicolon for run in runs), SEMICOLON),
            "enterprises": document("enterprises", _commas([run.json for run in runs]), len(portfolio.enterprises),
                                    portfolio, licence),
            "institutions": institutions_json(portfolio, page_url, licence).encode("utf-8")}


def finish(site, builds: dict) -> None:
    """The open-data page of each language, once the files are written."""
    sizes = taken_in(site, next(iter(builds.values())).prepared)
    for build in builds.values():
        _write_page(build, sizes)


def _write_page(build, sizes: dict[str, int]) -> None:
    folder = build.url(("data",))
    names = FILE_NAMES[build.lang]
    schema_root = Path(build.settings.root) / "schema"
    schemas = {name: f"{folder}schema/{name}.schema.json" for name in SCHEMAS}
    for name, path in schemas.items():
        build.write_file(path, (schema_root / f"{name}.schema.json").read_text("utf-8"))
    downloads = {kind: {"url": folder + names[kind], "name": names[kind], "bytes": size}
                 for kind, size in sizes.items()}
    build.render("data.html", ("data",), fields=FIELDS, downloads=downloads, schemas=schemas,
                 licence=build.settings.open_data_licence, count=len(build.portfolio.enterprises),
                 latest_update=latest_update(build.portfolio.enterprises))
