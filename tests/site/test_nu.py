"""The W3C Nu HTML checker finds no error in any built page; a checker that fails is never a pass."""

import sys

import pytest

from support.checkers import CheckerFailed, nu_errors


def test_every_page_is_valid_html(built_site):
    files = sorted(built_site.rglob("*.html"))
    errors = nu_errors(files)
    summary = [f"{m.get('url', '?').rsplit(str(built_site), 1)[-1]}:{m.get('lastLine')}: {m.get('message')}"
               for m in errors]
    assert not errors, "\n".join(summary[:40])


def _fake_checker(status: int, stdout: str) -> list[str]:
    """A command that behaves like a broken Nu checker: prints `stdout`, exits with `status`."""
    return [sys.executable, "-c", f"import sys; sys.stdout.write({stdout!r}); sys.exit({status})"]


@pytest.mark.parametrize("status, stdout", [
    (1, ""),  # Java crashed before writing anything
    (0, ""),  # nothing written at all
    (0, "Error: Unable to access jarfile"),  # not its JSON report
    (1, '{"messages": []}'),  # an error status with no error listed
    (134, '{"messages": []}'),  # killed (SIGABRT) after a partial report
])
def test_a_failing_checker_fails_the_test(status, stdout, tmp_path):
    page = tmp_path / "index.html"
    page.write_text("<!doctype html><title>x</title>", encoding="utf-8")
    with pytest.raises(CheckerFailed):
        nu_errors([page], command=_fake_checker(status, stdout))


def test_a_working_checker_reports_its_errors(tmp_path):
    report = '{"messages": [{"type": "error", "message": "Stray end tag"}]}'
    assert nu_errors([tmp_path / "x.html"], command=_fake_checker(1, report)) == [
        {"type": "error", "message": "Stray end tag"}]
    assert nu_errors([tmp_path / "x.html"], command=_fake_checker(0, '{"messages": []}')) == []
