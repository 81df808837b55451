"""A synthetic portfolio of 40 enterprises (a few with names a spreadsheet could take for formulas)
loaded into the model."""

import datetime as dt
import re
from pathlib import Path

import pytest

from portfolio.records.load import load_portfolio
from portfolio.synthetic import write_portfolio

FORMULA_NAME = '=HYPERLINK("https://evil.example","Cliquez")'
HOSTILE_NAMES = (FORMULA_NAME, "+Coop du Plateau", "-2+3 Entretien", "@SUM(A1) Traiteur")


@pytest.fixture(scope="package")
def export_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("exports-root")
    write_portfolio(root, 40, seed=11, today=dt.date(2026, 11, 27))
    for record, name in zip(sorted((root / "enterprises").glob("*.yaml")), HOSTILE_NAMES):
        text = record.read_text(encoding="utf-8")
        record.write_text(re.sub(r"(?m)^name: .*$", lambda _: "name: '" + name.replace("'", "''") + "'", text,
                                 count=1), encoding="utf-8")
    return root


@pytest.fixture(scope="package")
def portfolio(export_root):
    result = load_portfolio(export_root)
    assert result.portfolio is not None, result.diagnostics
    return result.portfolio


def page_url(key, lang):
    return f"https://portfolio.example/{lang}/{'/'.join(key)}/"
