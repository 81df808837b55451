"""Procurement facets of search, which are not controlled vocabularies: the languages an enterprise serves
its clients in, the largest contract it accepts (« at least » a threshold: an enterprise accepting
$150,000 is found under $25,000 and $100,000), and a valid certification (held on the build date). Their
terms are made here."""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.numbers import format_currency

from ..records.model import Enterprise, Portfolio
from ..records.vocabulary import Term
from ..site.freshness import certified

THRESHOLDS = (25_000, 100_000, 250_000, 1_000_000)
VALID = "valide"
LOCALES = {"fr": ("fr_CA", "≥ #,##0\u00a0¤"), "en": ("en_CA", "≥ ¤#,##0")}


def language_terms(portfolio: Portfolio) -> dict[str, Term]:
    """One term per language some enterprise serves in, French and English first."""
    codes = sorted({code for e in portfolio.enterprises for code in e.languages},
                   key=lambda code: (code not in ("fr", "en"), code != "fr", code))
    names = {lang: Locale.parse(locale).languages for lang, (locale, _) in LOCALES.items()}
    return {code: Term(code, *(names[lang].get(code, code).capitalize() for lang in ("fr", "en"))) for code in codes}


def value_terms() -> dict[str, Term]:
    """One term per threshold of contract value, « ≥ 25 000 $ »."""
    def label(lang, amount):
        locale, pattern = LOCALES[lang]
        return format_currency(amount, "CAD", pattern, locale=locale, currency_digits=False)

    return {str(amount): Term(str(amount), label("fr", amount), label("en", amount)) for amount in THRESHOLDS}


def certification_terms(gettext) -> dict[str, Term]:
    """The one term of the certification facet, labelled from the catalogue of the build's language (a build
    shows one language: both labels are that one)."""
    label = gettext("Valid certification")
    return {VALID: Term(VALID, label, label)}


def terms_of(enterprise: Enterprise, facet: str, portfolio_terms: dict[str, Term], today: dt.date) -> tuple[Term, ...]:
    """The terms of `enterprise` for the procurement facet `facet` (`language`, `contract_value` or
    `certification`) on the build date `today`."""
    if facet == "language":
        return tuple(portfolio_terms[code] for code in enterprise.languages)
    if facet == "certification":
        return (portfolio_terms[VALID],) if certified(enterprise, today) else ()
    largest = enterprise.procurement.max_contract_value if enterprise.procurement else None
    return tuple(term for key, term in portfolio_terms.items() if largest is not None and largest >= int(key))
