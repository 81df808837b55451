"""Procurement facets: languages of service and the largest contract accepted (at least a threshold)."""

from portfolio.search.documents import facet_terms, facet_vocabularies
from portfolio.search.procurement import language_terms, value_terms


def test_value_thresholds_are_labelled_in_both_languages():
    terms = value_terms()
    assert (terms["25000"].fr, terms["25000"].en) == ("≥ 25\u00a0000\u00a0$", "≥ $25,000")


def test_an_enterprise_is_found_under_every_threshold_it_reaches(sample_portfolio):
    vocabularies = facet_vocabularies(sample_portfolio)
    for e in sample_portfolio.enterprises:
        largest = e.procurement.max_contract_value if e.procurement else None
        keys = {t.key for t in facet_terms(e, "contract_value", vocabularies)}
        assert keys == {k for k in vocabularies["contract_value"] if largest is not None and largest >= int(k)}


def test_languages_french_and_english_first(sample_portfolio):
    terms = language_terms(sample_portfolio)
    assert list(terms)[:2] == ["fr", "en"]
    assert (terms["es"].fr, terms["es"].en) == ("Espagnol", "Spanish")
