"""The documented fields of the enterprises table (CSV and spreadsheet); each gives one column, or one
per language, or term keys followed by their labels in each language. Column names are stable: consumers
rely on them. Cells are typed (text, number, date, true/false or empty); each file format writes them its way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Union

from ..records.model import LANGS, Enterprise, Text
from ..records.vocabulary import Term

SEPARATOR = "; "

# page_url(enterprise, lang) -> address of the enterprise's page
PageUrl = Callable[[Enterprise, str], str]
Cell = Union[str, int, float, bool, dt.date, None]


def N_(msgid: str) -> str:
    """Mark `msgid` for the catalogue; the open-data page translates it where it shows it."""
    return msgid


@dataclass(frozen=True)
class Field:
    """A documented field and the columns it gives: (column name, cell of an enterprise)."""

    name: str
    description: str  # English msgid
    columns: tuple[tuple[str, Callable[[Enterprise, PageUrl], Cell]], ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)


def _cell(value) -> Cell:
    """`value` as a cell: several values become one text, joined with semicolons."""
    if isinstance(value, (tuple, list)):
        return SEPARATOR.join(map(str, value))
    return value


def value(name: str, description: str, get: Callable[[Enterprise], object]) -> Field:
    return Field(name, description, ((name, lambda e, _: _cell(get(e))),))


def text(name: str, description: str, get: Callable[[Enterprise], Text | None]) -> Field:
    """Columns `<name>_fr`, `<name>_en`; the English cell is empty when there is no English text."""
    def column(lang):
        return lambda e, _: (getattr(get(e), lang, None) or "") if get(e) else ""
    return Field(name, description, tuple((f"{name}_{lang}", column(lang)) for lang in LANGS))


def texts(name: str, description: str, get: Callable[[Enterprise], tuple[Text, ...]]) -> Field:
    """Like `text` for a list of texts, joined with semicolons (English falls back to French per item)."""
    def column(lang):
        return lambda e, _: SEPARATOR.join(t.get(lang) for t in get(e))
    return Field(name, description, tuple((f"{name}_{lang}", column(lang)) for lang in LANGS))


def terms(name: str, description: str, get: Callable[[Enterprise], tuple[Term, ...] | Term | None]) -> Field:
    """Column `<name>` with the stable keys, then `<name>_fr`, `<name>_en` with the labels."""
    def items(e) -> tuple[Term, ...]:
        found = get(e)
        return (found,) if isinstance(found, Term) else (found or ())
    columns = [(name, lambda e, _: SEPARATOR.join(t.key for t in items(e)))]
    columns += [(f"{name}_{lang}", lambda e, _, lang=lang: SEPARATOR.join(t.label(lang) for t in items(e)))
                for lang in LANGS]
    return Field(name, description, tuple(columns))


def _procurement(attribute):
    return lambda e: getattr(e.procurement, attribute) if e.procurement else None


def _person(attribute):
    """An attribute of the contact person, when their consent to publication is recorded."""
    return lambda e: getattr(e.public_contact.person, attribute) if e.public_contact.person else None


def certification_text(c) -> Text:
    """A certification in one line per language: name — issuer — expiry date."""
    def line(name):
        return " — ".join(filter(None, (name, c.issuer, c.expires.isoformat() if c.expires else None)))
    return Text(line(c.name.fr), line(c.name.en) if c.name.en else None)


FIELDS: tuple[Field, ...] = (
    value("slug", N_("Stable identifier of the enterprise (the name of its record file); it never changes."),
          lambda e: e.slug),
    value("name", N_("Name of the enterprise."), lambda e: e.name),
    Field("page", N_("Address of the enterprise's page on this site, in French and in English."),
          tuple((f"page_{lang}", lambda e, url, lang=lang: url(e, lang)) for lang in LANGS)),
    terms("legal_form", N_("Legal form."), lambda e: e.legal_form),
    terms("sectors", N_("Sectors of activity, the main one first."), lambda e: e.sectors),
    text("summary", N_("Summary of what the enterprise offers."), lambda e: e.summary),
    texts("offer", N_("Names of the products and services offered."), lambda e: tuple(o.name for o in e.offer)),
    text("description", N_("Full description (Markdown text)."), lambda e: e.description),
    terms("impact_goals", N_("Social impact goals."), lambda e: e.impact.goals),
    text("impact", N_("Description of the social impact (Markdown text)."), lambda e: e.impact.text),
    value("employees", N_("Number of employees."), lambda e: e.impact.employees),
    value("people_in_integration", N_("Number of people in integration or training."),
          lambda e: e.impact.people_in_integration),
    terms("territories", N_("Territories served."), lambda e: e.territories),
    value("street", N_("Street address."), lambda e: e.address.street),
    value("city", N_("City."), lambda e: e.address.city),
    value("postal_code", N_("Postal code."), lambda e: e.address.postal_code),
    terms("borough", N_("Borough or city of the island where the enterprise is located."), lambda e: e.address.borough),
    value("latitude", N_("Latitude of the address (decimal degrees)."), lambda e: e.address.lat),
    value("longitude", N_("Longitude of the address (decimal degrees)."), lambda e: e.address.lon),
    value("contact_person", N_("Contact person (published with their consent only)."), _person("name")),
    text("contact_role", N_("Role of the contact person."), _person("role")),
    value("contact_person_email", N_("Email address of the contact person."), _person("email")),
    value("contact_person_phone", N_("Phone number of the contact person."), _person("phone")),
    value("email", N_("General email address of the enterprise."), lambda e: e.public_contact.email),
    value("phone", N_("General phone number of the enterprise."), lambda e: e.public_contact.phone),
    value("website", N_("Website."), lambda e: e.website),
    value("social", N_("Addresses of the enterprise's social media pages."), lambda e: tuple(u for _, u in e.social)),
    value("languages", N_("Languages the enterprise serves its clients in (two-letter codes)."),
          lambda e: e.languages),
    terms("contracting_modes", N_("Contracting modes the enterprise can answer."), _procurement("contracting_modes")),
    value("max_contract_value", N_("Largest contract value the enterprise can take on, in Canadian dollars."),
          _procurement("max_contract_value")),
    text("capacity", N_("Production or service capacity."), _procurement("capacity")),
    text("lead_time", N_("Usual lead time."), _procurement("lead_time")),
    text("insurance", N_("Insurance coverage."), _procurement("insurance")),
    texts("certifications", N_("Certifications, each with its issuer and expiry date."),
          lambda e: tuple(certification_text(c) for c in e.certifications)),
    value("clients", N_("Identifiers of the participating institutions the enterprise already serves "
                        "(see the institutions file)."), lambda e: e.clients),
    terms("cohorts", N_("Cohorts of the initiative the enterprise took part in."), lambda e: e.cohorts),
    value("neq", N_("Québec enterprise number (NEQ)."), lambda e: e.neq),
    value("founded", N_("Year founded."), lambda e: e.founded),
    value("last_verified", N_("Date the enterprise last confirmed its listing (year-month-day)."),
          lambda e: e.last_verified),
    value("example", N_("true for an invented enterprise shown as an example, otherwise false."),
          lambda e: e.example),
)

COLUMNS: tuple[str, ...] = tuple(name for f in FIELDS for name in f.column_names)


def row_cells(enterprise: Enterprise, page_url: PageUrl) -> list[Cell]:
    """The cells of `enterprise`'s row, in the order of COLUMNS."""
    return [get(enterprise, page_url) for field in FIELDS for _, get in field.columns]
