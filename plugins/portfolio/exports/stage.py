"""Pipeline stage: write the open-data files of the portfolio and the page documenting them.

Each language build writes the same bilingual files under its own open-data page (`/donnees/`,
`/en/data/`), byte for byte identical, with file names in that language."""

from __future__ import annotations

from pathlib import Path

from .columns import FIELDS
from .records import enterprises_json, institutions_json
from .table import enterprises_csv

FILE_NAMES = {
    "fr": {"csv": "entreprises.csv", "enterprises": "entreprises.json", "institutions": "institutions.json"},
    "en": {"csv": "enterprises.csv", "enterprises": "enterprises.json", "institutions": "institutions.json"},
}
SCHEMAS = ("enterprise", "institution", "common", "vocabulary")


def files(build) -> dict[str, str]:
    """The open-data documents, by kind ("csv", "enterprises", "institutions")."""
    portfolio, licence = build.portfolio, build.settings["OPEN_DATA_LICENCE"]
    page_url = lambda key, lang: build.absolute(build.url(key, lang))  # noqa: E731
    return {
        "csv": enterprises_csv(portfolio.enterprises, lambda e, lang: page_url(("enterprise", e.slug), lang)),
        "enterprises": enterprises_json(portfolio, page_url, licence),
        "institutions": institutions_json(portfolio, page_url, licence),
    }


def write(build) -> None:
    folder = build.url(("data",))
    names = FILE_NAMES[build.lang]
    documents = files(build)
    for kind, text in documents.items():
        build.write_file(folder + names[kind], text)
    schema_root = Path(build.settings["PORTFOLIO_ROOT"]) / "schema"
    schemas = {name: f"{folder}schema/{name}.schema.json" for name in SCHEMAS}
    for name, path in schemas.items():
        build.write_file(path, (schema_root / f"{name}.schema.json").read_text("utf-8"))
    downloads = {kind: {"url": folder + names[kind], "name": names[kind], "bytes": len(text.encode("utf-8"))}
                 for kind, text in documents.items()}
    build.render("data.html", ("data",), fields=FIELDS, downloads=downloads, schemas=schemas,
                 licence=build.settings["OPEN_DATA_LICENCE"], count=len(build.portfolio.enterprises))
