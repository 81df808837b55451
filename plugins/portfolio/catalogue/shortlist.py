"""The buyer's shortlist page, the small JSON of enterprise facts it shows, and the export rows (same origin).

The list itself lives in the visitor's browser only (localStorage, see theme/static/js/shortlist.js). Its
spreadsheet and CSV are made in the browser (shortlist-export.js with the shared writer xlsx.js), loaded
with their rows (`export_file`) only when the visitor asks for a file."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from babel import Locale

from ..exports.columns import N_, certification_text
from ..exports.table import COMMA, SEMICOLON
from ..jsontext import compact
from ..records.model import Enterprise, phone_uri
from ..site.hosting import fingerprinted

DATA_FILE = "enterprises.json"
EXPORT_FILE = "export.json"  # before its content hash
EXPORT_SCRIPT = "js/shortlist-export.js"
CSV_DIALECTS = {"fr": SEMICOLON, "en": COMMA}  # what spreadsheet software in each language expects

# The export's columns: header, what it holds, cell type (see xlsx.js), width in characters.
EXPORT_COLUMNS = (
    (N_("Name"), N_("Name of the enterprise."), "text", 32),
    (N_("NEQ"), N_("Québec enterprise number (NEQ)."), "text", 12),
    (N_("Legal form"), N_("Legal form."), "text", 20),
    (N_("Sectors"), N_("Sectors of activity, the main one first."), "text", 30),
    (N_("Territories served"), N_("Territories served."), "text", 24),
    (N_("Contracting modes"), N_("Contracting modes the enterprise can answer."), "text", 32),
    (N_("Maximum contract value ($)"),
     N_("Largest contract value the enterprise can take on, in Canadian dollars."), "number", 16),
    (N_("Capacity"), N_("Production or service capacity."), "text", 28),
    (N_("Lead time"), N_("Usual lead time."), "text", 20),
    (N_("Insurance"), N_("Insurance coverage."), "text", 28),
    (N_("Languages of service"), N_("Languages the enterprise serves its clients in."), "text", 20),
    (N_("Certifications"), N_("Certifications, each with its issuer and expiry date."), "text", 32),
    (N_("Contact person"), N_("Contact person (published with their consent only)."), "text", 22),
    (N_("Role"), N_("Role of the contact person."), "text", 22),
    (N_("Contact person's email"), N_("Email address of the contact person."), "email", 30),
    (N_("Contact person's phone"), N_("Phone number of the contact person."), "text", 18),
    (N_("Email"), N_("General email address of the enterprise."), "email", 30),
    (N_("Phone"), N_("General phone number of the enterprise."), "text", 18),
    (N_("Website"), N_("Website."), "url", 30),
    (N_("Street address"), N_("Street address."), "text", 28),
    (N_("City"), N_("City."), "text", 14),
    (N_("Postal code"), N_("Postal code."), "text", 11),
    (N_("Listing verified on"), N_("Date the enterprise last confirmed its listing (year-month-day)."), "date", 12),
    (N_("Example"), N_("TRUE for an invented enterprise shown as an example, FALSE for a real one."), "boolean", 10),
    (N_("Page on this site"), N_("Address of the enterprise's page on this site."), "url", 44),
)
# The buyer's note, which the browser puts in column NOTE_AT, after the name (it is not in EXPORT_FILE's rows).
NOTE_COLUMN = (N_("My note"), N_("Your note on this enterprise, typed on the list page."), "text", 40)
NOTE_AT = 1


def entry(build, enterprise) -> dict:
    """What the shortlist shows for one enterprise, in the build's language."""
    lang, contact = build.lang, enterprise.public_contact
    return {
        "name": enterprise.name,
        "url": build.url(("enterprise", enterprise.slug)),
        "summary": enterprise.summary.get(lang),
        "summaryLang": enterprise.summary.lang_of(lang),
        "sectors": [t.label(lang) for t in enterprise.sectors],
        "territories": [t.label(lang) for t in enterprise.territories],
        "person": contact.person.name if contact.person else "",
        "email": contact.email,
        "phone": contact.phone or "",
        "phoneUri": phone_uri(contact.phone) or "",
        "website": enterprise.website or "",
    }


def export_row(build, enterprise: Enterprise, languages: dict[str, str]) -> list:
    """The cells of `enterprise` in the order of EXPORT_COLUMNS, in the build's language (the page's
    address stays site-absolute: the browser adds its origin)."""
    lang, contact, procurement = build.lang, enterprise.public_contact, enterprise.procurement
    person = contact.person

    def labels(terms):
        return "; ".join(t.label(lang) for t in terms)

    def text(value):
        return value.get(lang) if value else None

    certifications = "; ".join(certification_text(c).get(lang) for c in enterprise.certifications)
    return [
        enterprise.name, enterprise.neq, enterprise.legal_form.label(lang), labels(enterprise.sectors),
        labels(enterprise.territories), labels(procurement.contracting_modes) if procurement else None,
        procurement.max_contract_value if procurement else None, text(procurement and procurement.capacity),
        text(procurement and procurement.lead_time), text(procurement and procurement.insurance),
        ", ".join(languages.get(code, code) for code in enterprise.languages), certifications,
        person and person.name, text(person and person.role), person and person.email, person and person.phone,
        contact.email, contact.phone, enterprise.website,
        enterprise.address.street, enterprise.address.city, enterprise.address.postal_code,
        enterprise.last_verified.isoformat(), enterprise.example, build.url(("enterprise", enterprise.slug)),
    ]


def export_spec(build, export_url: str) -> dict:
    """What shortlist-export.js needs besides the rows: the page's words, file names and CSV dialect."""
    _ = build.gettext
    licence = build.settings.open_data_licence
    home = build.absolute(build.url(("home",)))
    dialect = CSV_DIALECTS[build.lang]
    return {
        "source": export_url,
        "title": _("My list"),
        "names": {"xlsx": _("my-list") + ".xlsx", "csv": _("my-list") + ".csv"},
        "sheets": [_("My list"), _("Columns")],
        "about": [_("Column"), _("Content")],
        "columns": columns(build, EXPORT_COLUMNS),
        "notes": [[_("Licence"), licence["name"][build.lang], licence["url"]], [_("Source"), home, home]],
        "csv": {"separator": dialect.delimiter, "decimal": dialect.decimal},
        "booleans": [_("FALSE"), _("TRUE")],
    }


def columns(build, specs) -> list[dict]:
    """The columns of `specs` (header, description, cell type, width) as shortlist-export.js takes them."""
    _ = build.gettext
    return [{"header": _(header), "description": _(description), "type": kind, "width": width}
            for header, description, kind, width in specs]


def export_file(build) -> tuple[str, str]:
    """The address and JSON text of the export rows of `build`'s language (slug -> row), made once per build
    (kept while the build lives: the preview server's builder goes on to other builds). The name carries a
    hash of the content: the matchmaking sheet pairs the rows with other files of the same build (the search
    index, its refs file), and a cache must never give it an older one."""
    if build not in _export_files:
        languages = Locale.parse(build.lang).languages
        text = by_slug(build, "shortlist-export", lambda e: export_row(build, e, languages))
        _export_files[build] = build.url(("shortlist",)) + fingerprinted(EXPORT_FILE, text.encode("utf-8")), text
    return _export_files[build]


_export_files: WeakKeyDictionary = WeakKeyDictionary()  # build -> export_file(build)


def by_slug(build, kind: str, make) -> str:
    """The JSON text of {slug: make(enterprise)} for every enterprise, in `build`'s language; the part of
    each run of enterprises is kept between builds (Site.cached_runs, cache folder `kind`-lang)."""
    def part(_first: int, enterprises) -> str:
        return ",".join(f"{compact(e.slug)}:{compact(make(e))}" for e in enterprises)

    parts = build.site.cached_runs(f"{kind}-{build.lang}", build.portfolio.enterprises, part, also=[build.lang],
                                   workers=build.workers)
    return "{" + ",".join(parts) + "}"


def write_shortlist(build) -> None:
    folder = build.url(("shortlist",))
    build.write_file(folder + DATA_FILE, by_slug(build, "shortlist-entries", lambda e: entry(build, e)))
    export_url, text = export_file(build)
    build.write_file(export_url, text)
    spec = export_spec(build, export_url)
    spec["columns"][NOTE_AT:NOTE_AT] = columns(build, [NOTE_COLUMN])
    build.render("shortlist.html", ("shortlist",), data_url=folder + DATA_FILE,
                 export_script=build.static(EXPORT_SCRIPT), export={**spec, "note": NOTE_AT})
