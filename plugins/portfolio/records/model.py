"""Typed model of validated records: what every later stage (pages, search, catalogue, exports) reads."""

from __future__ import annotations

import datetime as dt
import io
import pickle
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import ClassVar

from ..settings import LANGS
from ..textfold import sort_key
from .vocabulary import Term, Vocabulary


@dataclass(frozen=True)
class Text:
    """A text in French, optionally in English; English falls back to French."""

    fr: str
    en: str | None = None

    @classmethod
    def of(cls, raw: dict | None) -> "Text | None":
        return cls(raw["fr"], raw.get("en")) if raw else None

    def get(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.fr

    def lang_of(self, lang: str) -> str:
        """The language `get(lang)` is actually written in (for a `lang` attribute)."""
        return "en" if lang == "en" and self.en else "fr"


@dataclass(frozen=True)
class Image:
    """An image of a record: repository-relative POSIX path and its text alternative (None for logos)."""

    path: str
    alt: Text | None = None


@dataclass(frozen=True)
class Offer:
    name: Text
    description: Text
    photo: Image | None = None


@dataclass(frozen=True)
class Certification:
    name: Text
    issuer: str
    expires: dt.date | None = None


@dataclass(frozen=True)
class Address:
    street: str
    city: str
    postal_code: str
    borough: Term | None = None
    lat: float | None = None
    lon: float | None = None


def phone_uri(phone: str | None) -> str | None:
    """A tel: URI (E.164, extension after ';ext=') for a phone number of a record."""
    if not phone:
        return None
    number, *extension = re.split(r"[,a-z]", phone, maxsplit=1)
    digits = re.sub(r"\D", "", number)
    digits = digits if len(digits) == 11 else "1" + digits
    ext_digits = re.sub(r"\D", "", extension[0]) if extension else ""
    return f"tel:+{digits}" + (f";ext={ext_digits}" if ext_digits else "")


@dataclass(frozen=True)
class Person:
    """The contact person of an enterprise: published only when `consent` (the date they agreed) is recorded."""

    name: str
    role: Text | None = None
    email: str | None = None
    phone: str | None = None
    consent: dt.date | None = None


@dataclass(frozen=True)
class Contact:
    """The enterprise's general email and phone (always published) and its contact person, if any."""

    email: str
    phone: str | None = None
    person: Person | None = None


@dataclass(frozen=True)
class Procurement:
    contracting_modes: tuple[Term, ...]
    max_contract_value: int | None = None
    capacity: Text | None = None
    lead_time: Text | None = None
    insurance: Text | None = None


@dataclass(frozen=True)
class Impact:
    goals: tuple[Term, ...]
    text: Text
    employees: int | None = None
    people_in_integration: int | None = None


@dataclass(frozen=True)
class Enterprise:
    COUNTED_BY_DIGEST: ClassVar[bool] = True  # engine/fingerprint.py: a page showing it changes with its digest
    slug: str
    source: str  # repository-relative path of the YAML file
    name: str
    example: bool
    legal_form: Term
    cohorts: tuple[Term, ...]
    sectors: tuple[Term, ...]
    summary: Text
    description: Text
    offer: tuple[Offer, ...]
    impact: Impact
    territories: tuple[Term, ...]
    address: Address
    contact: Contact
    languages: tuple[str, ...]
    last_verified: dt.date
    neq: str | None = None
    founded: int | None = None
    website: str | None = None
    social: tuple[tuple[Term, str], ...] = ()
    logo: Image | None = None
    photos: tuple[Image, ...] = ()
    certifications: tuple[Certification, ...] = ()
    procurement: Procurement | None = None
    clients: tuple[str, ...] = ()  # institution slugs, all known to exist
    digest: str = field(default="", compare=False, repr=False)  # of the file and its images (records/cached.py)
    # Of its name: made with the model, so kept with it between builds (10,000 keys: 0.06 s a build).
    sort_key: tuple = field(init=False, compare=False, repr=False)
    images: tuple[Image, ...] = field(init=False, compare=False, repr=False)  # logo, photos, offers' photos

    def __post_init__(self):
        object.__setattr__(self, "sort_key", sort_key(self.name))
        object.__setattr__(self, "images", (*((self.logo,) if self.logo else ()), *self.photos,
                                            *(offer.photo for offer in self.offer if offer.photo)))

    # What a build reads of every enterprise is kept as usual between builds (records/cached.py); the rest,
    # read for the pages rendered again only, is kept packed and unpacked on first use (_PackedField).
    PACKED: ClassVar[tuple[str, ...]] = ("summary", "description", "offer", "address", "contact")

    def __getstate__(self) -> dict:
        """Every field, unpacked (for a copy or another process)."""
        if "_packed" in self.__dict__:
            _unpack(self)
        return self.__dict__

    @cached_property
    def public_contact(self) -> Contact:
        """The contact as it may be published: the person only with their recorded consent (Québec's privacy
        law). Every page, file and export reads this; only CESIM's own report (report.py) reads `contact`."""
        person = self.contact.person
        return self.contact if person is None or person.consent else replace(self.contact, person=None)


class _PackedField:
    """A field of Enterprise.PACKED, read from the object's own attributes; when the object was kept with
    its packed fields packed (`_packed`: their pickled values and the vocabulary's table of terms they name),
    all of them are unpacked the first time one is read. A descriptor of the class, so that reading any
    other attribute costs what it costs on any object (a `__getattr__` would slow every one)."""

    def __init__(self, name: str):
        self.name = name

    def __get__(self, enterprise, owner=None):
        if enterprise is None:
            return self
        _unpack(enterprise)
        return enterprise.__dict__[self.name]


def _unpack(enterprise: Enterprise) -> None:
    try:
        data, terms = enterprise.__dict__.pop("_packed")
    except KeyError:
        raise AttributeError("the packed fields of an enterprise kept without them") from None
    unpickler = pickle.Unpickler(io.BytesIO(data))
    unpickler.persistent_load = terms.__getitem__
    enterprise.__dict__.update(zip(Enterprise.PACKED, unpickler.load()))


for _name in Enterprise.PACKED:  # after @dataclass, which reads class attributes as the fields' defaults
    setattr(Enterprise, _name, _PackedField(_name))
del _name


@dataclass(frozen=True)
class Declaration:
    """A signature of the declaration of commitment, as recorded (participation is the cohorts)."""

    signed: bool
    date: dt.date | None = None
    signatory: str | None = None
    title: Text | None = None


@dataclass(frozen=True)
class Institution:
    COUNTED_BY_DIGEST: ClassVar[bool] = True
    slug: str
    source: str
    name: Text
    type: Term
    cohorts: tuple[Term, ...]
    website: str
    short_name: str | None = None
    article: str | None = None  # le, la, l', les or none: what precedes the French name in a sentence
    declaration: Declaration | None = None
    procurement_url: str | None = None
    policy_url: str | None = None
    supplier_email: str | None = None
    logo: Image | None = None
    digest: str = field(default="", compare=False, repr=False)  # of the file and its images (records/cached.py)

    def sort_key(self, lang: str = "fr"):
        return sort_key(self.name.get(lang))

    @property
    def images(self) -> tuple[Image, ...]:
        return (self.logo,) if self.logo else ()


@dataclass
class Portfolio:
    """Every validated record, with the indexes the pages need, each built once in linear time."""

    vocabulary: Vocabulary
    enterprises: list[Enterprise]  # sorted by name
    institutions: list[Institution]  # sorted by French name
    clients_of: dict[str, list[Enterprise]] = field(default_factory=dict)  # institution slug -> enterprises
    files: Mapping[str, dict] = field(default_factory=dict, repr=False)  # record source -> its file's data

    def __post_init__(self):
        self.enterprises.sort(key=lambda e: e.sort_key)
        self.institutions.sort(key=lambda i: i.sort_key("fr"))
        self.clients_of = {i.slug: [] for i in self.institutions}
        for enterprise in self.enterprises:
            for slug in enterprise.clients:
                self.clients_of[slug].append(enterprise)
        self._derived: dict = {}  # not a field: what `derived` made, never compared or fingerprinted

    def derived(self, key: tuple, make):
        """`make()`, made once for this portfolio (an index of its records: `key` names it and what it
        depends on besides them). Made before the languages are written side by side, it is made once for
        both; the value is shared, never to be modified."""
        if key not in self._derived:
            self._derived[key] = make()
        return self._derived[key]

    def by_term(self, attribute: str) -> dict[str, list[Enterprise]]:
        """Enterprises grouped by term key of a multi-valued attribute ('sectors', 'territories'…)."""
        def group() -> dict[str, list[Enterprise]]:
            groups: dict[str, list[Enterprise]] = {}
            for enterprise in self.enterprises:
                for term in _terms(enterprise, attribute):
                    groups.setdefault(term.key, []).append(enterprise)
            return groups

        return self.derived(("by_term", attribute), group)


def _terms(enterprise: Enterprise, attribute: str) -> tuple[Term, ...]:
    if attribute == "impact_goals":
        return enterprise.impact.goals
    if attribute == "contracting_modes":
        return enterprise.procurement.contracting_modes if enterprise.procurement else ()
    return getattr(enterprise, attribute)
