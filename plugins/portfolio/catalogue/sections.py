"""What a catalogue contains: sections by sector, in the reader's alphabetical order.

In the full catalogue each enterprise is described once, under its main (first) sector; the other
sectors it works in list it under "see also". A sector's catalogue describes every enterprise of it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records.model import Enterprise, Portfolio
from ..records.vocabulary import Term
from ..textfold import sort_key


@dataclass
class Section:
    """One sector of a catalogue: the enterprises it describes, and those described elsewhere."""

    sector: Term
    enterprises: list[Enterprise] = field(default_factory=list)
    see_also: list[Enterprise] = field(default_factory=list)


def _ordered(sections: dict[str, Section], lang: str) -> list[Section]:
    return sorted(sections.values(), key=lambda s: sort_key(s.sector.label(lang)))


def full_catalogue(portfolio: Portfolio, lang: str) -> list[Section]:
    """Non-empty sections of the whole catalogue (enterprises are already sorted by name)."""
    sections: dict[str, Section] = {}
    for enterprise in portfolio.enterprises:
        main, *others = enterprise.sectors
        sections.setdefault(main.key, Section(main)).enterprises.append(enterprise)
        for sector in others:
            sections.setdefault(sector.key, Section(sector)).see_also.append(enterprise)
    return _ordered(sections, lang)


def sector_catalogues(portfolio: Portfolio, lang: str) -> list[Section]:
    """One section per non-empty sector, describing all of its enterprises."""
    sectors = portfolio.vocabulary["sectors"]
    return _ordered({key: Section(sectors[key], enterprises)
                     for key, enterprises in portfolio.by_term("sectors").items()}, lang)


def edition_date(enterprises: list[Enterprise]):
    """The date a catalogue is up to: the latest date one of its enterprises confirmed its listing."""
    return max((e.last_verified for e in enterprises), default=None)
