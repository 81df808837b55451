"""The controlled vocabularies (data/vocabulary.yaml) and the JSON Schema made from them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

# Vocabulary section -> name of its definition in schema/vocabulary.schema.json.
SECTIONS = {
    "sectors": "sector",
    "impact_goals": "impact_goal",
    "territories": "territory",
    "legal_forms": "legal_form",
    "institution_types": "institution_type",
    "contracting_modes": "contracting_mode",
    "cohorts": "cohort",
    "social_networks": "social_network",
}


@dataclass(frozen=True)
class Term:
    """One controlled term: its stable key and its labels."""

    key: str
    fr: str
    en: str
    kind: str | None = None
    within: str | None = None  # territories: the key of the smallest territory that contains this one
    codes: tuple[str, ...] = ()  # sectors: the buyers' purchase category codes that map to this sector

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.fr


class Vocabulary:
    """All controlled vocabularies, section name -> {key: Term} in file order."""

    def __init__(self, sections: dict[str, dict[str, Term]]):
        self.sections = sections

    @classmethod
    def load(cls, path: Path) -> "Vocabulary":
        """Read and check a vocabulary file (`data/vocabulary.yaml`) with the records' validator;
        raise load.DataFileError listing every problem."""
        from .load import load_data_file  # load.py validates records against a Vocabulary

        return cls.from_data(load_data_file(path))

    @classmethod
    def from_data(cls, data: dict) -> "Vocabulary":
        """The vocabulary of a checked vocabulary file's data."""
        return cls({section: {key: Term(key, **{**labels, "codes": tuple(labels.get("codes", ()))})
                              for key, labels in data[section].items()}
                    for section in SECTIONS})

    @classmethod
    def empty(cls) -> "Vocabulary":
        return cls({section: {} for section in SECTIONS})

    def __getitem__(self, section: str) -> dict[str, Term]:
        return self.sections[section]

    def json_schema(self) -> dict:
        """The vocabulary as a JSON Schema of enumerations, for editors and validators."""
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Controlled vocabularies",
            "description": "Generated from data/vocabulary.yaml by `make schema`; do not edit by hand.",
            "$defs": {
                name: {
                    "title": name.replace("_", " "),
                    "description": "One of: " + "; ".join(f"{t.key} ({t.en})" for t in self.sections[section].values()),
                    "type": "string",
                    "enum": list(self.sections[section]),
                }
                for section, name in SECTIONS.items()
            },
        }


def write_schema(vocabulary_path: Path, schema_path: Path) -> None:
    """Write schema/vocabulary.schema.json from data/vocabulary.yaml."""
    text = json.dumps(Vocabulary.load(vocabulary_path).json_schema(), ensure_ascii=False, indent=2) + "\n"
    schema_path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[3]
    write_schema(root / "data" / "vocabulary.yaml", root / "schema" / "vocabulary.schema.json")
