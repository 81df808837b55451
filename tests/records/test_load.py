"""load_portfolio: validate everything under a root, build the model only when there is no error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from portfolio.records.load import load_portfolio, record_files
from portfolio.records.model import Contact
from records_corpus import FIXTURES, TODAY, install, install_valid, read_fixture

REPOSITORY = Path(__file__).resolve().parents[2]


def make_root(tmp_path):
    install_valid(tmp_path)
    for slug in ("stm", "universite-concordia"):
        (tmp_path / "institutions" / f"{slug}.yaml").write_text(
            f"name: {{fr: {slug.upper()}}}\ntype: paramunicipal\ncohorts: [2016-2017]\nwebsite: https://{slug}.example\n",
            encoding="utf-8")
    return tmp_path


def test_valid_root_builds_the_model(tmp_path):
    result = load_portfolio(make_root(tmp_path), today=TODAY)
    assert result.diagnostics == []
    portfolio = result.portfolio
    assert [e.slug for e in portfolio.enterprises] == ["atelier-complet", "cafe-exemple"]
    assert {i.slug for i in portfolio.institutions} == {"stm", "universite-concordia", "ville-exemple"}
    atelier = portfolio.enterprises[0]
    assert atelier.address.postal_code == "H1W 1A1"
    assert atelier.logo.path == "enterprises/media/atelier-complet/logo.png"
    assert [e.slug for e in portfolio.clients_of["stm"]] == ["atelier-complet"]
    assert portfolio.enterprises[1].last_verified.isoformat() == "2026-10-15"


def test_any_error_means_no_portfolio(tmp_path):
    root = make_root(tmp_path)
    (root / "enterprises" / "cafe-exemple.yaml").unlink()  # same name as the fixture below
    install(read_fixture(FIXTURES / "invalid" / "postal-code_format.yaml"), root)
    result = load_portfolio(root, today=TODAY)
    assert result.portfolio is None
    assert [(d.path, d.code) for d in result.diagnostics if d.is_error] == [
        ("enterprises/postal-code-format.yaml", "postal-code-format")]


def test_warnings_do_not_block_and_follow_the_language(tmp_path):
    root = make_root(tmp_path)
    (root / "enterprises" / "cafe-exemple.yaml").unlink()  # same name as the fixture below
    install(read_fixture(FIXTURES / "warning" / "verification_old.yaml"), root)
    result = load_portfolio(root, lang="en", today=TODAY)
    assert result.portfolio is not None
    [warning] = result.diagnostics
    assert warning.severity == "warning" and warning.code == "verification-old"
    assert "more than 12 months ago" in warning.message
    assert str(warning).startswith("enterprises/verification-old.yaml:35:16: warning: last_verified: ")


def test_the_contact_person_is_public_only_with_a_recorded_consent(tmp_path):
    root = make_root(tmp_path)
    (root / "enterprises" / "cafe-exemple.yaml").unlink()  # same name as the fixture below
    install(read_fixture(FIXTURES / "warning" / "person_no-consent.yaml"), root)
    result = load_portfolio(root, today=TODAY)
    assert [(d.severity, d.code) for d in result.diagnostics] == [("notice", "person-unpublished")]
    consented, unconsented = result.portfolio.enterprises  # atelier-complet, person-no-consent
    assert consented.contact.person.consent == dt.date(2026, 9, 1)
    assert consented.public_contact == consented.contact
    assert unconsented.contact.person.email == "lucie@cafe.example"  # kept in the model, for CESIM's report
    assert unconsented.public_contact == Contact("bonjour@cafe.example", "514 555-0100")


def test_groups_by_term_are_made_once_and_name_every_enterprise_of_a_term():
    portfolio = load_portfolio(REPOSITORY).portfolio
    sectors = portfolio.by_term("sectors")
    assert portfolio.by_term("sectors") is sectors  # Portfolio.derived: once for both languages
    for key, enterprises in sectors.items():
        assert enterprises == [e for e in portfolio.enterprises if key in {s.key for s in e.sectors}]
    assert portfolio.by_term("impact_goals") is not sectors


def test_shipped_data_loads():
    result = load_portfolio(REPOSITORY)
    assert result.portfolio is not None, "\n".join(map(str, result.diagnostics))
    assert len(result.portfolio.enterprises) >= 12
    assert len(result.portfolio.institutions) == 19


def test_record_files_are_those_glob_finds_in_order(tmp_path):
    for name in ("b.yaml", "a.yaml", ".hidden.yaml", "notes.txt", "UPPER.YAML", "z.yaml~"):
        (tmp_path / "enterprises" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "enterprises" / name).write_text("")
    (tmp_path / "enterprises" / "folder.yaml").mkdir()
    expected = sorted((tmp_path / "enterprises").glob("*.yaml"))  # no institutions/ folder at all
    assert record_files(tmp_path) == expected
    assert [path.name for path in expected] == [".hidden.yaml", "a.yaml", "b.yaml", "folder.yaml"]
