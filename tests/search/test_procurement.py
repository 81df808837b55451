"""Procurement facets: languages of service, the largest contract accepted (at least a threshold) and a valid
certification on the build date."""

import datetime as dt
from dataclasses import replace

from portfolio.records.model import Certification, Text
from portfolio.search.documents import facet_terms, facet_vocabularies
from portfolio.search.procurement import language_terms, value_terms

from .conftest import build_facts

TODAY = dt.date(2026, 11, 29)


def test_value_thresholds_are_labelled_in_both_languages():
    terms = value_terms()
    assert (terms["25000"].fr, terms["25000"].en) == ("≥ 25\u00a0000\u00a0$", "≥ $25,000")


def test_an_enterprise_is_found_under_every_threshold_it_reaches(sample_portfolio):
    vocabularies = facet_vocabularies(sample_portfolio, build_facts("fr").gettext)
    for e in sample_portfolio.enterprises:
        largest = e.procurement.max_contract_value if e.procurement else None
        keys = {t.key for t in facet_terms(e, "contract_value", vocabularies, TODAY)}
        assert keys == {k for k in vocabularies["contract_value"] if largest is not None and largest >= int(k)}


def test_languages_french_and_english_first(sample_portfolio):
    terms = language_terms(sample_portfolio)
    assert list(terms)[:2] == ["fr", "en"]
    assert (terms["es"].fr, terms["es"].en) == ("Espagnol", "Spanish")


def test_a_certification_is_valid_until_the_end_of_its_last_day(sample_portfolio):
    vocabularies = facet_vocabularies(sample_portfolio, build_facts("fr").gettext)

    def valid(*expiries, today=TODAY):
        e = replace(sample_portfolio.enterprises[0], certifications=tuple(
            Certification(Text("Sceau"), "Émetteur", day) for day in expiries))
        return [t.label("fr") for t in facet_terms(e, "certification", vocabularies, today)]

    assert valid() == []
    assert valid(TODAY) == ["Certification valide"]
    assert valid(TODAY - dt.timedelta(days=1)) == []
    assert valid(TODAY - dt.timedelta(days=1), None) == ["Certification valide"]  # no expiry date: valid
    assert valid(dt.date(2027, 6, 30), today=dt.date(2027, 7, 1)) == []


def test_the_certification_facet_is_labelled_in_the_build_language(sample_portfolio):
    english = facet_vocabularies(sample_portfolio, build_facts("en").gettext)["certification"]
    assert [t.label("en") for t in english.values()] == ["Valid certification"]
