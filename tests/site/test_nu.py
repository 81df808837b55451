"""The W3C Nu HTML checker finds no error in any built page."""

from support.checkers import nu_errors


def test_every_page_is_valid_html(built_site):
    files = sorted(built_site.rglob("*.html"))
    errors = nu_errors(files)
    summary = [f"{m.get('url', '?').rsplit(str(built_site), 1)[-1]}:{m.get('lastLine')}: {m.get('message')}"
               for m in errors]
    assert not errors, "\n".join(summary[:40])
