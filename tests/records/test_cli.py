"""The command line: exit status, the three output formats, both languages, the shipped data."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from portfolio import validate
from portfolio.records.load import record_files
from records_corpus import FIXTURES, TODAY, fixtures, install, install_valid, read_fixture

REPOSITORY = Path(__file__).resolve().parents[2]


def run(capsys, *args) -> tuple[int, str]:
    status = validate.main([*map(str, args), "--today", TODAY.isoformat()])
    return status, capsys.readouterr().out


@pytest.fixture
def portfolio_root(tmp_path):
    """A root with the valid fixtures and the institutions they cite."""
    install_valid(tmp_path)
    (tmp_path / "institutions").mkdir(exist_ok=True)
    for slug in ("stm", "universite-concordia"):
        (tmp_path / "institutions" / f"{slug}.yaml").write_text(
            f"name: {{fr: {slug}}}\ntype: municipal\ncohorts: [2016-2017]\nwebsite: https://{slug}.example\n",
            encoding="utf-8")
    return tmp_path


def test_valid_root_exits_zero_with_a_french_summary(capsys, portfolio_root):
    status, out = run(capsys, "--root", portfolio_root)
    assert status == 0
    assert out.strip().splitlines()[-1] == "5 fichiers vérifiés, 0 erreur, 0 avertissement."


@pytest.mark.parametrize("source", fixtures("invalid"), ids=lambda p: p.stem)
def test_each_invalid_fixture_fails_with_its_location(capsys, portfolio_root, source):
    fixture = read_fixture(source)
    path = install(fixture, portfolio_root)
    others = [p for p in record_files(portfolio_root) if p != path] if source.name.startswith("duplicate_") else []
    status, out = run(capsys, "--root", portfolio_root, *others, path)
    assert status == 1
    _, line, column, field, code = fixture.expected[0]
    location = f"{fixture.target}:{line}:{column}: " + (f"{field}: " if field else "")
    assert any(row.startswith(location) for row in out.splitlines()), out


def test_warnings_do_not_fail_and_are_marked(capsys, portfolio_root):
    path = install(read_fixture(FIXTURES / "warning" / "verification_old.yaml"), portfolio_root)
    status, out = run(capsys, "--root", portfolio_root, path)
    assert status == 0
    assert "enterprises/verification-old.yaml:35:16: avertissement: last_verified: " in out
    assert out.strip().splitlines()[-1] == "1 fichier vérifié, 0 erreur, 1 avertissement."


def test_a_notice_is_marked_and_counted_neither_as_error_nor_as_warning(capsys, portfolio_root):
    path = install(read_fixture(FIXTURES / "warning" / "person_no-consent.yaml"), portfolio_root)
    status, out = run(capsys, "--root", portfolio_root, path)
    assert status == 0
    assert ("enterprises/person-no-consent.yaml:34:3: remarque: contact.person: La personne-ressource « Lucie "
            "Exemple » ne sera pas publiée") in out
    assert out.strip().splitlines()[-1] == "1 fichier vérifié, 0 erreur, 0 avertissement."
    status, out = run(capsys, "--root", portfolio_root, "--format", "github", path)
    assert out.startswith("::notice file=enterprises/person-no-consent.yaml,line=34,col=3,")
    status, out = run(capsys, "--root", portfolio_root, "--format", "json", path)
    report = json.loads(out)
    assert (report["errors"], report["warnings"], report["diagnostics"][0]["severity"]) == (0, 0, "notice")


def test_english_messages_and_summary(capsys, portfolio_root):
    path = install(read_fixture(FIXTURES / "invalid" / "postal-code_format.yaml"), portfolio_root)
    status, out = run(capsys, "--root", portfolio_root, "--lang", "en", path)
    assert status == 1
    assert ("enterprises/postal-code-format.yaml:30:16: address.postal_code: The postal code « H2X1Y4Z » is "
            "not valid (expected format: H2X 1Y4).") in out
    assert out.strip().splitlines()[-1] == "1 file checked, 1 error, 0 warnings."


def test_french_message_names_the_field_as_a_person_would(capsys, portfolio_root):
    path = install(read_fixture(FIXTURES / "invalid" / "postal-code_format.yaml"), portfolio_root)
    _, out = run(capsys, "--root", portfolio_root, path)
    assert ("enterprises/postal-code-format.yaml:30:16: address.postal_code: Le code postal « H2X1Y4Z » n'est "
            "pas valide (format attendu : H2X 1Y4).") in out


def test_json_format(capsys, portfolio_root):
    paths = [install(read_fixture(FIXTURES / kind / name), portfolio_root)
             for kind, name in (("invalid", "length_too-long.yaml"), ("warning", "certification_expired.yaml"))]
    status, out = run(capsys, "--root", portfolio_root, "--format", "json", *paths)
    assert status == 1
    report = json.loads(out)
    assert {k: report[k] for k in ("files", "errors", "warnings", "lang")} == {
        "files": 2, "errors": 1, "warnings": 1, "lang": "fr"}
    assert report["diagnostics"][1] == {
        "severity": "error", "path": "enterprises/length-too-long.yaml", "line": 2, "column": 7, "field": "name",
        "code": "too-long", "message": "« nom de l'entreprise » est trop long : 188 caractères, au plus 120."}
    assert report["diagnostics"][0]["severity"] == "warning"


def test_github_format(capsys, portfolio_root):
    path = install(read_fixture(FIXTURES / "invalid" / "email_malformed.yaml"), portfolio_root)
    status, out = run(capsys, "--root", portfolio_root, "--format", "github", "--lang", "en", path)
    assert status == 1
    first = out.splitlines()[0]
    assert re.fullmatch(r"::error file=enterprises/email-malformed\.yaml,line=32,col=10,"
                        r"title=email-format contact\.email::« bonjour\(at\)cafe\.example » is not a valid email .*",
                        first), first
    assert out.splitlines()[-1] == "1 file checked, 1 error, 0 warnings."


def test_module_and_console_script_both_run(portfolio_root):
    module = subprocess.run([sys.executable, "-m", "portfolio.validate", "--root", str(portfolio_root),
                             "--lang", "en"], capture_output=True, text=True, cwd=REPOSITORY / "plugins")
    assert module.returncode == 0, module.stdout + module.stderr
    assert module.stdout.strip().endswith("5 files checked, 0 errors, 0 warnings.")
    script = Path(sys.executable).parent / "portfolio-validate"
    if script.exists():
        broken = install(read_fixture(FIXTURES / "invalid" / "yaml_tab.yaml"), portfolio_root)
        result = subprocess.run([str(script), "--root", str(portfolio_root), str(broken)],
                                capture_output=True, text=True)
        assert result.returncode == 1
        assert "enterprises/yaml-tab.yaml:29:1: " in result.stdout


def test_shipped_data_is_valid(capsys):
    """What `make validate` runs: every shipped record must pass (warnings allowed)."""
    status, out = run(capsys, "--root", REPOSITORY)
    assert status == 0, out
