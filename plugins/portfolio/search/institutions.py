"""Institutions on the search page: found by their names and short name (« STM », « CSDM »), shown in a
group of their own above the enterprises (search.js matches the query's words against `words`)."""

from __future__ import annotations

from ..records.model import Institution, Portfolio
from ..textfold import fold
from .pipeline import searchable


def entries(portfolio: Portfolio, lang: str) -> list[tuple[Institution, str]]:
    """Each institution (by name in `lang`) with the folded words of its names and short name."""
    found = []
    for institution in sorted(portfolio.institutions, key=lambda i: i.sort_key(lang)):
        names = (institution.name.fr, institution.name.en or "", institution.short_name or "")
        found.append((institution, " ".join(dict.fromkeys(fold(searchable(" ".join(names))).split()))))
    return found
