"""What search knows of an enterprise: the text fields lunr indexes and the small document store
search.js renders results and facets from (no page is fetched to show a result)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlencode

from ..records.model import Enterprise, Portfolio
from ..records.vocabulary import Term
from ..site.freshness import badges
from . import procurement

OTHER = {"fr": "en", "en": "fr"}

# Indexed fields, most telling first, with their lunr boost. `terms` holds the labels of the
# sectors, impact goals and legal form; `other` the names of the offer and the sectors in the other
# language, so « catering » finds a caterer on the French site.
FIELDS = (("name", 10), ("offers", 5), ("terms", 3), ("summary", 2), ("description", 1), ("other", 1))

# Facets: name -> (vocabulary section, or None for the procurement facets, URL parameter per language).
FACETS = {
    "sector": ("sectors", {"fr": "secteur", "en": "sector"}),
    "territory": ("territories", {"fr": "territoire", "en": "territory"}),
    "impact": ("impact_goals", {"fr": "impact", "en": "impact"}),
    "legal_form": ("legal_forms", {"fr": "forme", "en": "legal-form"}),
    "contracting_mode": ("contracting_modes", {"fr": "mode", "en": "mode"}),
    "contract_value": (None, {"fr": "valeur", "en": "value"}),
    "language": (None, {"fr": "langue", "en": "language"}),
    "certification": (None, {"fr": "certification", "en": "certification"}),
}
QUERY_PARAMETER = "q"
# Sorting other than by relevance: URL parameter per language, and its values (the same in both languages).
SORT_PARAMETER = {"fr": "tri", "en": "sort"}
SORTS = ("nom", "verification")  # by name; most recently verified first


def search_query(lang: str, **filters: list[str]) -> str:
    """The query string of a search of `lang` with `filters` (facet name -> term keys) ticked."""
    return "?" + urlencode([(FACETS[facet][1][lang], key) for facet, keys in filters.items() for key in keys])


@dataclass(frozen=True)
class BuildFacts:
    """What search takes from the build besides the records: its date (freshness, valid certifications) and
    the gettext of its language (labels of the facets made here)."""

    today: dt.date
    gettext: Callable[[str], str]


def facet_vocabularies(portfolio: Portfolio, gettext: Callable[[str], str]) -> dict[str, dict[str, Term]]:
    """Facet -> its terms by key, in display order."""
    made = {"contract_value": procurement.value_terms(), "language": procurement.language_terms(portfolio),
            "certification": procurement.certification_terms(gettext)}
    return {facet: portfolio.vocabulary[section] if section else made[facet] for facet, (section, _) in FACETS.items()}


def facet_terms(enterprise: Enterprise, facet: str, vocabularies: dict[str, dict[str, Term]], today: dt.date) -> tuple:
    """The terms of `enterprise` for `facet` on the build date `today` (always a tuple); `vocabularies`:
    facet_vocabularies."""
    if FACETS[facet][0] is None:
        return procurement.terms_of(enterprise, facet, vocabularies[facet], today)
    if facet == "sector":
        return enterprise.sectors
    if facet == "territory":
        return enterprise.territories
    if facet == "impact":
        return enterprise.impact.goals
    if facet == "legal_form":
        return (enterprise.legal_form,)
    return enterprise.procurement.contracting_modes if enterprise.procurement else ()


def indexed_fields(enterprise: Enterprise, lang: str, fields: tuple[str, ...]) -> dict[str, str]:
    """The text of each indexed field of `enterprise` in `lang` (only the `fields` asked for)."""
    other = OTHER[lang]
    texts = {
        "name": lambda: enterprise.name,
        "offers": lambda: " ".join(offer.name.get(lang) for offer in enterprise.offer),
        "terms": lambda: " ".join(term.label(lang) for term in (*enterprise.sectors, *enterprise.impact.goals,
                                                                 enterprise.legal_form)),
        "summary": lambda: enterprise.summary.get(lang),
        "description": lambda: " ".join((enterprise.description.get(lang),
                                         *(offer.description.get(lang) for offer in enterprise.offer))),
        "other": lambda: " ".join((*(offer.name.get(other) for offer in enterprise.offer if offer.name.en),
                                   *(term.label(other) for term in enterprise.sectors))),
    }
    return {field: texts[field]() for field in fields}


@dataclass(frozen=True)
class StoreLinks:
    """How the store names pages and images: `url(key, lang)` and `thumbnail(image)` (or None)."""

    url: Callable[[tuple, str], str]
    thumbnail: Callable | None = None


def document_store(portfolio: Portfolio, lang: str, links: StoreLinks, facts: BuildFacts, runs=None) -> dict:
    """The store of `lang`: facet tables (key, label; territories also `within`: the number of the
    territory containing each one, or null), the common `affixes` of page and thumbnail URLs
    ([prefix, suffix] each), one compact row per enterprise, in the order of the index refs (names'):
    [name, page URL middle, summary, summary language, thumbnail URL middle or null,
    [[term numbers] per facet], 1 for an example record else 0, [freshness badges]] (search.js puts each
    URL back together: prefix + middle + suffix), and `verified`: per ref, the day its listing was last
    verified (proleptic Gregorian ordinal), to sort by. `runs(make, also)`: the rows of each run of
    enterprises, [make(first, enterprises) for each run], given `also`, plain values they depend on besides
    the enterprises (Site.cached_runs keeps them between builds); by default, one run of all."""
    vocabulary, vocabularies = portfolio.vocabulary, facet_vocabularies(portfolio, facts.gettext)
    tables = {facet: {key: n for n, key in enumerate(terms)} for facet, terms in vocabularies.items()}
    enterprises = portfolio.enterprises
    pages = [links.url(("enterprise", enterprise.slug), lang) for enterprise in enterprises]
    thumbnails = [links.thumbnail(e.logo) if links.thumbnail and e.logo else None for e in enterprises]
    page_affixes, thumbnail_affixes = _affixes(pages), _affixes([t for t in thumbnails if t is not None])

    def rows_of(first: int, run: list) -> list:
        last = first + len(run)
        return [
            [
                enterprise.name,
                _middle(page, page_affixes),
                enterprise.summary.get(lang),
                enterprise.summary.lang_of(lang),
                _middle(thumbnail, thumbnail_affixes) if thumbnail else None,
                [[tables[facet][term.key] for term in facet_terms(enterprise, facet, vocabularies, facts.today)]
                 for facet in FACETS],
                int(enterprise.example),
                list(badges(enterprise, facts.today)),
            ]
            for enterprise, page, thumbnail in zip(run, pages[first:last], thumbnails[first:last])
        ]

    runs = runs or (lambda make, also: [make(0, enterprises)])
    rows = [row for part in runs(rows_of, [lang, facts.today, tables, page_affixes, thumbnail_affixes])
            for row in part]
    facets = [
        {"name": facet, "param": params[lang],
         "terms": [[term.key, term.label(lang)] for term in vocabularies[facet].values()]}
        for facet, (_section, params) in FACETS.items()
    ]
    territories = vocabulary["territories"]
    facets[list(FACETS).index("territory")]["within"] = [tables["territory"].get(term.within)
                                                         for term in territories.values()]
    return {"lang": lang, "facets": facets, "affixes": [page_affixes, thumbnail_affixes], "docs": rows,
            "verified": [e.last_verified.toordinal() for e in enterprises]}


def _affixes(urls: list[str]) -> list[str]:
    """The longest prefix and suffix all `urls` share (not overlapping in the shortest one)."""
    if not urls:
        return ["", ""]
    prefix = os.path.commonprefix(urls)
    suffix = os.path.commonprefix([url[len(prefix):][::-1] for url in urls])[::-1]
    return [prefix, suffix]


def _middle(url: str, affixes: list[str]) -> str:
    return url[len(affixes[0]):len(url) - len(affixes[1])]
