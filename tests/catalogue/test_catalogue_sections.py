"""Catalogue sections: the whole catalogue describes each enterprise once; a sector's, all of its own."""

import pytest

from portfolio.catalogue.sections import edition_date, full_catalogue, sector_catalogues
from portfolio.records.load import load_portfolio
from portfolio.textfold import fold
from support.tools import REPO


@pytest.fixture(scope="module")
def portfolio():
    return load_portfolio(REPO).portfolio


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_whole_catalogue_describes_each_enterprise_once_under_its_main_sector(portfolio, lang):
    sections = full_catalogue(portfolio, lang)
    described = [e.slug for s in sections for e in s.enterprises]
    assert sorted(described) == sorted(e.slug for e in portfolio.enterprises)
    for section in sections:
        assert all(e.sectors[0] == section.sector for e in section.enterprises)
        assert all(section.sector in e.sectors[1:] for e in section.see_also)
    labels = [fold(s.sector.label(lang)) for s in sections]
    assert labels == sorted(labels)


def test_sector_catalogues_describe_every_enterprise_of_their_sector(portfolio):
    for section in sector_catalogues(portfolio, "fr"):
        expected = [e.slug for e in portfolio.enterprises if section.sector in e.sectors]
        assert [e.slug for e in section.enterprises] == expected and not section.see_also


def test_edition_is_the_latest_confirmation(portfolio):
    assert edition_date(portfolio.enterprises) == max(e.last_verified for e in portfolio.enterprises)
    assert edition_date([]) is None
