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


@pytest.mark.parametrize("old", ["PORTFOLIO_EDIT_URL", "REPOSITORY_EDIT_URL"])
def test_the_edit_url_became_the_repository_and_its_branch(old):
    with pytest.raises(SettingsError, match="PORTFOLIO_REPOSITORY_URL and PORTFOLIO_REPOSITORY_BRANCH"):
        Settings.from_pelican({old: "https://example.org/edit/{path}"}, environ={})
    settings = Settings.from_pelican({"PORTFOLIO_REPOSITORY_URL": "https://github.com/cesim/portfolio/"},
                                     environ={"PORTFOLIO_REPOSITORY_BRANCH": "publication"})
    assert settings.edit_url("enterprises/a.yaml") == (
        "https://github.com/cesim/portfolio/edit/publication/enterprises/a.yaml")


def test_a_site_url_with_a_path():
    settings = Settings.from_pelican({}, environ={"PORTFOLIO_SITE_URL": "https://www.example.org/portfolio/"})
    assert (settings.site_url, settings.origin, settings.base_path) == (
        "https://www.example.org/portfolio", "https://www.example.org", "/portfolio")
    assert Settings.from_pelican({}, environ={}).base_path == ""


@pytest.mark.parametrize("url", ["www.example.org", "ftp://example.org", "https://example.org/?a=1", "https:///x"])
def test_a_malformed_site_url_fails(url):
    with pytest.raises(SettingsError, match="PORTFOLIO_SITE_URL"):
        Settings.from_pelican({"PORTFOLIO_SITE_URL": url}, environ={})


def test_publication_problems_name_each_placeholder():
    real = {"PORTFOLIO_CONTACT_EMAIL": "achats@cesim-publication.ca",
            "PORTFOLIO_REPOSITORY_URL": "https://github.com/cesim-publication/portfolio",
            "PORTFOLIO_SITE_URL": "https://portfolio.cesim-publication.ca/repertoire"}
    assert Settings.from_pelican(real, environ={}).publication_problems() == []
    for name, value in [("PORTFOLIO_CONTACT_EMAIL", "portfolio@cesim.example"),
                        ("PORTFOLIO_CONTACT_EMAIL", "a@example.com"),
                        ("PORTFOLIO_REPOSITORY_URL", "https://github.com/cesim-montreal/portfolio-economie-sociale"),
                        ("PORTFOLIO_REPOSITORY_URL", ""), ("PORTFOLIO_SITE_URL", "http://127.0.0.1:8000"),
                        ("PORTFOLIO_SITE_URL", "https://portfolio.test")]:
        problems = Settings.from_pelican({**real, name: value}, environ={}).publication_problems()
        assert len(problems) == 1 and problems[0].startswith(name), (name, value, problems)
    local = Settings.from_pelican({**real, "PORTFOLIO_SITE_URL": "http://localhost:8000"},
                                  environ={"PORTFOLIO_ALLOW_LOCAL": "1"})
    assert local.publication_problems() == []
