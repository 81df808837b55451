"""Load every record of a portfolio folder into the typed model.

INTERIM: reads YAML with yaml.safe_load and does no validation; the validator work
replaces the body of load_portfolio while keeping its signature and LoadResult.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import build
from .model import Portfolio
from .vocabulary import Vocabulary


@dataclass
class LoadResult:
    portfolio: Portfolio | None  # None when any record has an error
    diagnostics: list = field(default_factory=list)


def load_portfolio(root: Path, lang: str = "fr", today: dt.date | None = None) -> LoadResult:
    root = Path(root)
    vocabulary = Vocabulary.load(root / "data" / "vocabulary.yaml")

    def records(kind: str):
        for path in sorted((root / kind).glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in data.items()}
            yield path.stem, path.relative_to(root).as_posix(), data

    enterprises = [build.enterprise(s, src, d, vocabulary) for s, src, d in records("enterprises")]
    institutions = [build.institution(s, src, d, vocabulary) for s, src, d in records("institutions")]
    return LoadResult(Portfolio(vocabulary, enterprises, institutions))
