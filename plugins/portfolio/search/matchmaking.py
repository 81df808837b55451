"""Stage `portfolio.search.matchmaking`: the matchmaking sheet (« Mes besoins », /maillage/, /en/matchmaking/).

A buyer's needs, typed or read from a CSV file, are matched in the browser (theme/static/js/matchmaking.js)
with the search files of both languages (search stage) and the shortlist's export rows (procurement
readiness and contact, catalogue/shortlist.py), keyed by slug; the refs file (`refs_data`, fingerprinted
beside the search files) gives the slug of each index ref and the purchase category codes of the sectors
(`codes:` in data/vocabulary.yaml), by which a need with a category matches too. Nothing leaves the
browser: the page fetches every index file at once, so what it fetches says nothing of the needs. The
sheet's CSV and spreadsheet are made by shortlist-export.js (and xlsx.js) with the columns below.
"""

from __future__ import annotations

from ..catalogue.shortlist import EXPORT_COLUMNS, EXPORT_SCRIPT, export_file, export_spec
from ..exports.columns import N_
from ..records.model import Portfolio
from ..site.hosting import fingerprinted
from ..jsontext import compact
from .index import manifest_name
from .lunr_languages import BROWSER_FILES
from .stage import FILES_FOLDER, LIBRARY_FOLDER

REFS_FILE = "matchmaking-{lang}.json"  # before its content hash
# Cells of the shortlist's export rows the sheet shows: name -> header in EXPORT_COLUMNS.
ROW_CELLS = {"name": "Name", "sectors": "Sectors", "territories": "Territories served",
             "modes": "Contracting modes", "max_value": "Maximum contract value ($)", "lead_time": "Lead time",
             "email": "Email", "phone": "Phone", "url": "Page on this site"}

# The sheet's export: header, what it holds, cell type (see xlsx.js), width in characters.
SHEET_COLUMNS = (
    (N_("Need"), N_("The need as the buyer wrote it."), "text", 40),
    (N_("Quantity"), N_("Quantity, from the needs file."), "text", 10),
    (N_("Date"), N_("Date, from the needs file."), "text", 12),
    (N_("Category"), N_("Category, from the needs file."), "text", 16),
    (N_("Status"), N_("Pinned, suggested, or no enterprise found for this need."), "text", 16),
    (N_("Enterprise"), N_("Name of the enterprise."), "text", 32),
    (N_("Why it matches"), N_("Words of the need found in the listing, its purchase category when the category "
                              "maps to a sector, sectors and territories served."), "text", 40),
    (N_("Contracting modes"), N_("Contracting modes the enterprise can answer."), "text", 32),
    (N_("Maximum contract value ($)"),
     N_("Largest contract value the enterprise can take on, in Canadian dollars."), "number", 16),
    (N_("Lead time"), N_("Usual lead time."), "text", 20),
    (N_("Email"), N_("General email address of the enterprise."), "email", 30),
    (N_("Phone"), N_("General phone number of the enterprise."), "text", 18),
    (N_("Page on this site"), N_("Address of the enterprise's page on this site."), "url", 44),
)


def write(build) -> None:
    _ = build.gettext
    manifests = [build.url(("search",), lang) + manifest_name(lang) for lang in (build.lang, build.other_lang)]
    scripts = [build.static(LIBRARY_FOLDER + name) for name in BROWSER_FILES] + [build.static("js/search-core.js")]
    headers = [header for header, *_rest in EXPORT_COLUMNS]
    spec = export_spec(build, export_file(build)[0])
    spec.update({
        "title": _("My needs"), "names": {"xlsx": _("my-needs") + ".xlsx", "csv": _("my-needs") + ".csv"},
        "sheets": [_("My needs"), _("Columns")],
        "columns": [{"header": _(header), "description": _(description), "type": kind, "width": width}
                    for header, description, kind, width in SHEET_COLUMNS],
    })
    text = compact(refs_data(build.portfolio, build.lang))
    refs = build.static(FILES_FOLDER) + fingerprinted(REFS_FILE.format(lang=build.lang), text.encode("utf-8"))
    build.write_file(refs, text)
    build.render("matchmaking.html", ("matchmaking",), manifests=manifests, search_scripts=scripts, refs=refs,
                 cells={name: headers.index(header) for name, header in ROW_CELLS.items()},
                 export_script=build.static(EXPORT_SCRIPT), export=spec)


def refs_data(portfolio: Portfolio, lang: str) -> dict:
    """`slugs`: the slug of each index ref; `sectors`: each sector with purchase category codes, with its
    label in `lang`, its codes and the refs of its enterprises."""
    refs: dict[str, list[int]] = {}
    for ref, enterprise in enumerate(portfolio.enterprises):
        for sector in enterprise.sectors:
            refs.setdefault(sector.key, []).append(ref)
    return {"slugs": [e.slug for e in portfolio.enterprises],
            "sectors": [{"label": term.label(lang), "codes": list(term.codes), "refs": refs.get(term.key, [])}
                        for term in portfolio.vocabulary["sectors"].values() if term.codes]}
