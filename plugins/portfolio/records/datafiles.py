"""The data files beside the records: `data/vocabulary.yaml` and `data/results.yaml`.

They go through the records' reader and validator (records/load.py): yamlload, then their JSON Schema
(`schema/vocabulary-file.schema.json`, `schema/results.schema.json`), then the rules below, which a
schema cannot express (references between the parts of the results file; a purchase category code in
one sector only).
"""

from __future__ import annotations

from pathlib import Path

from .messages import N_

FOLDER = "data"
FILES = {"vocabulary-file": "vocabulary.yaml", "results": "results.yaml"}  # kind (schema name) -> file name


def kind_of(path: Path) -> str | None:
    """The kind of a data file (`vocabulary-file` or `results`), None for any other file."""
    if Path(path).parent.name != FOLDER:
        return None
    return next((kind for kind, name in FILES.items() if Path(path).name == name), None)


def files(root: Path) -> list[Path]:
    """The data files present under `root`."""
    paths = (Path(root) / FOLDER / name for name in FILES.values())
    return [path for path in paths if path.exists() or path.is_symlink()]


def check(kind: str, data: dict, positions, report, say, label) -> None:
    """Report what the schema of `kind` cannot see; `label(parts)` names a field for people."""
    if kind == "results":
        _ResultsRules(data, positions, report, say, label).check()
    elif kind == "vocabulary-file":
        _codes_in_one_sector(data, positions, report, say)


def _mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def _items(value) -> list:
    return list(enumerate(value)) if isinstance(value, list) else []


def _codes_in_one_sector(data: dict, positions, report, say) -> None:
    """A purchase category code listed under two sectors is an error, not a warning: a category names one
    kind of purchase, and a code pasted into a second sector by mistake would show that sector's enterprises
    to every need of the category, which no reader of the sheet could tell from a real match. The need's
    words still find the enterprises of any other sector that serves it."""
    first: dict[str, tuple[str, int]] = {}  # code -> (sector, line)
    for key, sector in _mapping(data.get("sectors")).items():
        for index, code in _items(_mapping(sector).get("codes")):
            if not isinstance(code, str):
                continue
            parts = ("sectors", key, "codes", index)
            other, line = first.setdefault(code, (key, positions.of(parts)[0]))
            if other != key:  # twice in one sector: the schema's uniqueItems says so
                report(positions.of(parts), parts, "code-in-two-sectors", say(N_(
                    "The purchase category code « {code} » is already listed under the sector « {sector} » "
                    "(line {line}); a code belongs to one sector only."), code=code, sector=other, line=line))


class _ResultsRules:
    """Every figure, group and qualifier used is defined; percentages stay within 100; editions differ."""

    def __init__(self, data: dict, positions, report, say, label):
        self.data, self.positions, self.report, self.say, self.label = data, positions, report, say, label

    def check(self) -> None:
        figures = _mapping(self.data.get("figures"))
        for key, figure in figures.items():
            group = _mapping(figure).get("group")
            self.defined(("figures", key, "group"), group, "groups", "unknown-group")
        for index, chart in _items(self.data.get("charts")):
            self.defined(("charts", index, "figure"), _mapping(chart).get("figure"), "figures", "unknown-figure")
        first_line: dict = {}
        for index, edition in _items(self.data.get("editions")):
            edition = _mapping(edition)
            key, parts = edition.get("key"), ("editions", index, "key")
            if isinstance(key, str) and key in first_line:
                self.report(self.positions.of(parts), parts, "duplicate-edition", self.say(N_(
                    "The edition « {value} » is already listed (line {line}); each edition has its own key."),
                    value=key, line=first_line[key]))
            elif isinstance(key, str):
                first_line[key] = self.positions.of(parts)[0]
            for name, value in _mapping(edition.get("figures")).items():
                self.value(("editions", index, "figures", name), value, figures)

    def value(self, parts: tuple, value, figures: dict) -> None:
        """One figure of an edition: a defined figure, a defined qualifier, at most 100 for a percentage."""
        name = parts[-1]
        if not self.defined(parts, name, "figures", "unknown-figure", key=True):
            return
        if isinstance(value, dict):
            self.defined(parts + ("qualifier",), value.get("qualifier"), "qualifiers", "unknown-qualifier")
            parts, value = parts + ("value",), value.get("value")
        percent = _mapping(figures[name]).get("unit") == "percent"
        if percent and isinstance(value, (int, float)) and not isinstance(value, bool) and value > 100:
            self.report(self.positions.of(parts), parts, "above-maximum", self.say(N_(
                "« {label} » must be at most {limit} (here: {value})."), label=self.label(parts), limit=100,
                value=self.positions.raw.get(parts, value)))

    def defined(self, parts: tuple, value, section: str, code: str, key: bool = False) -> bool:
        """Whether `value` is a key of the `section` group (reported when it is not); False when that
        group is itself broken (the schema reports it)."""
        known = self.data.get(section)
        if not isinstance(known, dict):
            return False
        if not isinstance(value, str) or value in known:
            return True
        self.report(self.positions.of(parts, key=key), parts, code, self.say(N_(
            "« {value} » is not defined under « {section}: » in this file; the keys defined there are: "
            "{known}."), value=value, section=section, known=", ".join(known) or "—"))
        return False
