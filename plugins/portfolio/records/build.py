"""Turn validated record data (plain dicts) into the typed model."""

from __future__ import annotations

import datetime as dt

from .model import (Address, Certification, Contact, Declaration, Enterprise, Image, Impact, Institution,
                    Offer, Person, Procurement, Text)
from .vocabulary import Vocabulary


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _photo(raw: dict | None, media: str) -> Image | None:
    return Image(f"{media}/{raw['file']}", Text.of(raw["alt"])) if raw else None


def _contact(raw: dict) -> Contact:
    person = raw.get("person")
    return Contact(raw["email"], raw.get("phone"), Person(
        person["name"], Text.of(person.get("role")), person.get("email"), person.get("phone"),
        _date(person.get("consent"))) if person else None)


def _postal_code(code: str) -> str:
    compact = code.replace(" ", "").upper()
    return f"{compact[:3]} {compact[3:]}"


def enterprise(slug: str, source: str, data: dict, vocabulary: Vocabulary, digest: str = "") -> Enterprise:
    """The Enterprise of a record that passed validation (`digest`: records/cached.record_digest)."""
    media = f"enterprises/media/{slug}"
    terms = lambda section, keys: tuple(vocabulary[section][k] for k in keys)  # noqa: E731
    address, impact = data["address"], data["impact"]
    procurement = data.get("procurement")
    coordinates = address.get("coordinates") or {}
    return Enterprise(
        slug=slug,
        source=source,
        name=data["name"],
        example=data.get("example", False),
        legal_form=vocabulary["legal_forms"][data["legal_form"]],
        cohorts=terms("cohorts", data["cohorts"]),
        sectors=terms("sectors", data["sectors"]),
        summary=Text.of(data["summary"]),
        description=Text.of(data["description"]),
        offer=tuple(Offer(Text.of(o["name"]), Text.of(o["description"]), _photo(o.get("photo"), media))
                    for o in data["offer"]),
        impact=Impact(terms("impact_goals", impact["goals"]), Text.of(impact["text"]),
                      impact.get("employees"), impact.get("people_in_integration")),
        territories=terms("territories", data["territories"]),
        address=Address(address["street"], address["city"], _postal_code(address["postal_code"]),
                        vocabulary["territories"].get(address.get("borough")),
                        coordinates.get("lat"), coordinates.get("lon")),
        contact=_contact(data["contact"]),
        languages=tuple(data["languages"]),
        last_verified=_date(data["last_verified"]),
        neq=data.get("neq"),
        founded=data.get("founded"),
        website=data.get("website"),
        social=tuple((vocabulary["social_networks"][k], url) for k, url in (data.get("social") or {}).items()),
        logo=Image(f"{media}/{data['logo']}") if data.get("logo") else None,
        photos=tuple(_photo(p, media) for p in data.get("photos", ())),
        certifications=tuple(Certification(Text.of(c["name"]), c["issuer"], _date(c.get("expires")))
                             for c in data.get("certifications", ())),
        procurement=Procurement(
            terms("contracting_modes", procurement["contracting_modes"]),
            procurement.get("max_contract_value"),
            Text.of(procurement.get("capacity")),
            Text.of(procurement.get("lead_time")),
            Text.of(procurement.get("insurance")),
        ) if procurement else None,
        clients=tuple(data.get("clients", ())),
        digest=digest,
    )


def institution(slug: str, source: str, data: dict, vocabulary: Vocabulary, digest: str = "") -> Institution:
    """The Institution of a record that passed validation (`digest`: records/cached.record_digest)."""
    declaration = data.get("declaration")
    return Institution(
        slug=slug,
        source=source,
        name=Text.of(data["name"]),
        type=vocabulary["institution_types"][data["type"]],
        cohorts=tuple(vocabulary["cohorts"][k] for k in data["cohorts"]),
        website=data["website"],
        short_name=data.get("short_name"),
        article=data.get("article"),
        declaration=Declaration(declaration["signed"], _date(declaration.get("date")), declaration.get("signatory"),
                                Text.of(declaration.get("title"))) if declaration else None,
        procurement_url=data.get("procurement_url"),
        policy_url=data.get("policy_url"),
        supplier_email=data.get("supplier_email"),
        logo=Image(f"institutions/media/{slug}/{data['logo']}") if data.get("logo") else None,
        digest=digest,
    )
