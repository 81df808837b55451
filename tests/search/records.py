"""Portfolios for search tests, built straight from YAML files (independent of the validator)."""

from pathlib import Path

import yaml

from portfolio.records import build
from portfolio.records.model import Portfolio
from portfolio.records.vocabulary import Vocabulary


def portfolio_of(root: Path) -> Portfolio:
    """The Portfolio of the records under `root` (assumed valid)."""
    vocabulary = Vocabulary.load(root / "data" / "vocabulary.yaml")
    def records(kind, make):
        return [make(path.stem, f"{kind}/{path.name}", yaml.safe_load(path.read_text(encoding="utf-8")), vocabulary)
                for path in sorted((root / kind).glob("*.yaml"))]

    return Portfolio(vocabulary, records("enterprises", build.enterprise), records("institutions", build.institution))
