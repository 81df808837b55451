"""The typed settings: defaults, environment variables, renamed and unknown names refused with a message."""

import datetime as dt

import pytest

from portfolio.settings import Settings, SettingsError


def test_defaults_and_values_from_pelican():
    settings = Settings.from_pelican({"SITENAME": "Portfolio", "PORTFOLIO_PAGE_SIZE": 12,
                                      "PORTFOLIO_STAGES": ["a.b"]}, environ={})
    assert settings.page_size == 12 and settings.stages == ("a.b",) and settings.site_name == "Portfolio"
    assert settings.pdf is False and settings.feed_size == Settings().feed_size


def test_environment_variables_win():
    settings = Settings.from_pelican({"PORTFOLIO_SITE_URL": "https://a.example"},
                                     environ={"PORTFOLIO_SITE_URL": "https://b.example/", "PORTFOLIO_PDF": "1",
                                              "PORTFOLIO_TODAY": "2027-01-05"})
    assert settings.site_url == "https://b.example" and settings.pdf is True
    assert settings.build_date == dt.date(2027, 1, 5)


@pytest.mark.parametrize("old, new", [("PORTFOLIO_SITE_ORIGIN", "PORTFOLIO_SITE_URL"),
                                      ("CATALOGUE_PDF_MAX_ENTERPRISES", "PORTFOLIO_PDF_MAX_ENTERPRISES")])
def test_a_renamed_setting_fails_naming_its_new_name(old, new):
    with pytest.raises(SettingsError, match=f"{old} was renamed: use {new}"):
        Settings.from_pelican({old: "x"}, environ={})
    with pytest.raises(SettingsError, match=new):
        Settings.from_pelican({}, environ={old: "x"})


def test_an_unknown_setting_fails_with_the_known_ones():
    with pytest.raises(SettingsError, match="PORTFOLIO_PAGESIZE.*PORTFOLIO_PAGE_SIZE"):
        Settings.from_pelican({"PORTFOLIO_PAGESIZE": 10}, environ={})


@pytest.mark.parametrize("environ", [{"PORTFOLIO_PDF": "perhaps"}, {"PORTFOLIO_TODAY": "29/11/2026"}])
def test_malformed_values_fail(environ):
    with pytest.raises((SettingsError, ValueError)):
        Settings.from_pelican({}, environ=environ)
