"""Results figures of each edition (`data/results.yaml`): loading, checking, formatting, and a bar
chart drawn at build time as inline, accessible SVG."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.numbers import format_compact_currency, format_decimal, format_percent
from markupsafe import Markup, escape

from . import LOCALES

LANGS = ("fr", "en")
UNITS = ("count", "percent", "money")


class ResultsError(ValueError):
    """The results file is malformed; the message names the file, line and field."""


@dataclass(frozen=True)
class Figure:
    """What one number counts: its group, unit and label in both languages."""

    key: str
    group: str
    unit: str
    label: dict[str, str]


@dataclass(frozen=True)
class Value:
    number: float
    qualifier: str | None = None  # key of Results.qualifiers, e.g. "more-than" (a floor)


@dataclass(frozen=True)
class Edition:
    key: str
    label: dict[str, str]
    values: dict[str, Value]  # figure key -> value, in the file's order


@dataclass(frozen=True)
class Chart:
    figure: str
    title: dict[str, str]


@dataclass(frozen=True)
class Results:
    groups: dict[str, dict[str, str]]
    figures: dict[str, Figure]
    qualifiers: dict[str, dict[str, str]]  # key -> text around `{number}` per language
    charts: tuple[Chart, ...]
    editions: tuple[Edition, ...]  # oldest first

    def format(self, figure_key: str, value: Value, lang: str) -> str:
        """The number as a reader of `lang` writes it: `2,5 M $` / `$2.5M`, `60 %` / `60%`, `plus de 200`."""
        number = format_number(value.number, self.figures[figure_key].unit, lang)
        return self.qualifiers[value.qualifier][lang].format(number=number) if value.qualifier else number


def load(path: Path) -> Results:
    """Read and check the results file; raise ResultsError naming the first problem's line."""
    path = Path(path)
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError) as error:
        raise ResultsError(f"{path}: cannot read results: {error}") from error
    return _Checker(path, node).results()


class _Checker:
    """Turns the YAML node tree into Results, reporting `file:line: field: message` on error."""

    def __init__(self, path: Path, root):
        self.path = path
        self.root = root

    def fail(self, node, field: str, message: str):
        line = node.start_mark.line + 1 if node is not None else 1
        raise ResultsError(f"{self.path}:{line}: {field}: {message}")

    def mapping(self, node, field: str) -> dict:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, field, "expected a mapping")
        result = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node, field)
            if key in result:
                self.fail(key_node, f"{field}.{key}", "duplicate key")
            result[key] = value_node
        return result

    def sequence(self, node, field: str) -> list:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, field, "expected a list")
        return node.value

    def scalar(self, node, field: str):
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, field, "expected a single value")
        return yaml.SafeLoader(" ").construct_object(node)

    def text(self, node, field: str) -> str:
        value = self.scalar(node, field)
        if not isinstance(value, str) or not value.strip():
            self.fail(node, field, "expected non-empty text")
        return value

    def keys(self, node, field: str, required: set, optional: set = frozenset()) -> dict:
        items = self.mapping(node, field)
        for key in items:
            if key not in required | optional:
                self.fail(items[key], f"{field}.{key}", f"unknown key (expected {', '.join(sorted(required | optional))})")
        for key in sorted(required - items.keys()):
            self.fail(node, field, f"missing key {key!r}")
        return items

    def bilingual(self, node, field: str, extra: set = frozenset()) -> tuple[dict[str, str], dict]:
        items = self.keys(node, field, set(LANGS), extra)
        return {lang: self.text(items[lang], f"{field}.{lang}") for lang in LANGS}, items

    def results(self) -> Results:
        top = self.keys(self.root, "results", {"groups", "figures", "qualifiers", "charts", "editions"})
        groups = {key: self.bilingual(node, f"groups.{key}")[0]
                  for key, node in self.mapping(top["groups"], "groups").items()}
        figures = {key: self.figure(key, node, groups) for key, node in self.mapping(top["figures"], "figures").items()}
        qualifiers = {key: self.qualifier(key, node) for key, node in self.mapping(top["qualifiers"], "qualifiers").items()}
        charts = [self.chart(index, node, figures) for index, node in enumerate(self.sequence(top["charts"], "charts"))]
        editions = [self.edition(index, node, figures, qualifiers)
                    for index, node in enumerate(self.sequence(top["editions"], "editions"))]
        seen = set()
        for index, edition in enumerate(editions):
            if edition.key in seen:
                self.fail(top["editions"].value[index], f"editions[{index}].key", f"duplicate edition {edition.key!r}")
            seen.add(edition.key)
        return Results(groups, figures, qualifiers, tuple(charts), tuple(editions))

    def qualifier(self, key: str, node) -> dict[str, str]:
        texts, items = self.bilingual(node, f"qualifiers.{key}")
        for lang in LANGS:
            if "{number}" not in texts[lang]:
                self.fail(items[lang], f"qualifiers.{key}.{lang}", "must contain {number}")
        return texts

    def chart(self, index: int, node, figures: dict) -> Chart:
        field = f"charts[{index}]"
        items = self.keys(node, field, {"figure", "title"})
        figure = self.scalar(items["figure"], f"{field}.figure")
        if figure not in figures:
            self.fail(items["figure"], f"{field}.figure", f"unknown figure {figure!r}")
        return Chart(figure, self.bilingual(items["title"], f"{field}.title")[0])

    def figure(self, key: str, node, groups: dict) -> Figure:
        field = f"figures.{key}"
        label, items = self.bilingual(node, field, {"group", "unit"})
        for name in ("group", "unit"):
            if name not in items:
                self.fail(node, field, f"missing key {name!r}")
        group, unit = self.scalar(items["group"], f"{field}.group"), self.scalar(items["unit"], f"{field}.unit")
        if group not in groups:
            self.fail(items["group"], f"{field}.group", f"unknown group {group!r}")
        if unit not in UNITS:
            self.fail(items["unit"], f"{field}.unit", f"unit must be one of {', '.join(UNITS)}")
        return Figure(key, group, unit, label)

    def edition(self, index: int, node, figures: dict, qualifiers: dict) -> Edition:
        field = f"editions[{index}]"
        items = self.keys(node, field, {"key", "label", "figures"})
        key = self.text(items["key"], f"{field}.key")
        label = self.bilingual(items["label"], f"{field}.label")[0]
        values = {}
        for name, value_node in self.mapping(items["figures"], f"{field}.figures").items():
            if name not in figures:
                self.fail(value_node, f"{field}.figures.{name}", "unknown figure (define it under `figures:`)")
            values[name] = self.value(value_node, f"{field}.figures.{name}", figures[name].unit, qualifiers)
        return Edition(key, label, values)

    def value(self, node, field: str, unit: str, qualifiers: dict) -> Value:
        qualifier = None
        if isinstance(node, yaml.MappingNode):
            items = self.keys(node, field, {"value", "qualifier"})
            qualifier = self.scalar(items["qualifier"], f"{field}.qualifier")
            if qualifier not in qualifiers:
                self.fail(items["qualifier"], f"{field}.qualifier", f"unknown qualifier (define it under `qualifiers:`)")
            node = items["value"]
        number = self.scalar(node, field)
        if isinstance(number, bool) or not isinstance(number, (int, float)) or number < 0:
            self.fail(node, field, "expected a number, zero or more")
        if unit == "percent" and number > 100:
            self.fail(node, field, "a percentage cannot exceed 100")
        return Value(number, qualifier)


def format_number(number: float, unit: str, lang: str) -> str:
    """`number` in `unit` with babel's conventions for `lang` (Canadian locales)."""
    locale = LOCALES[lang]
    if unit == "money":
        return format_compact_currency(number, "CAD", locale=locale, fraction_digits=1)
    if unit == "percent":
        return format_percent(number / 100, locale=locale)
    return format_decimal(number, locale=locale)


def chart_rows(results: Results, figure_key: str, lang: str) -> list[tuple[str, str, float]]:
    """(edition label, formatted value, number) for every edition that reports the figure."""
    return [(edition.label[lang], results.format(figure_key, edition.values[figure_key], lang),
             edition.values[figure_key].number)
            for edition in results.editions if figure_key in edition.values]


# Geometry of the chart in SVG user units, drawn 1:1 in CSS pixels (width and height attributes) and
# shrunk with its container on narrow screens (the theme's `svg { max-width: 100%; height: auto }`):
# narrow enough that its 16-unit text stays readable on a 320 px screen.
WIDTH, ROW, BAR, TOP, VALUE_ROOM, FONT = 360, 58, 22, 8, 140, 16
BAR_COLOUR = "#1d5a85"  # 7.2:1 against white: bars and their edges are clearly visible (WCAG 1.4.11)
TEXT_COLOUR = "#1a1a1a"


def chart_svg(results: Results, chart: Chart, lang: str) -> Markup:
    """A horizontal bar chart of one figure, one bar per edition reporting it, as inline SVG with
    `role="img"`, a `<title>` and a `<desc>` listing every value (the text alternative)."""
    rows = chart_rows(results, chart.figure, lang)
    largest = max((number for _, _, number in rows), default=0) or 1
    height = TOP + ROW * len(rows)
    ident = f"chart-{chart.figure}-{lang}"
    desc = "; ".join(f"{label} — {text}" for label, text, _ in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="results-chart" role="img" width="{WIDTH}" height="{height}"'
        f' viewBox="0 0 {WIDTH} {height}"'
        f' aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(chart.title[lang])}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
    ]
    for index, (label, text, number) in enumerate(rows):
        y = TOP + index * ROW
        length = max(2.0, (WIDTH - VALUE_ROOM) * number / largest) if number else 0.0
        parts.append(
            f'<g class="bar"><text x="0" y="{y + 15}" font-size="{FONT}" fill="{TEXT_COLOUR}">{escape(label)}</text>'
            f'<rect x="0" y="{y + 22}" width="{length:.1f}" height="{BAR}" fill="{BAR_COLOUR}"/>'
            f'<text x="{length + 8:.1f}" y="{y + 22 + BAR - 6}" font-size="{FONT}" font-weight="bold"'
            f' fill="{TEXT_COLOUR}">{escape(text)}</text></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def results_context(results: Results, lang: str) -> dict:
    """What the results template shows: each edition's figures by group (newest edition first),
    and each chart with the rows of its data table."""
    editions = []
    for edition in reversed(results.editions):
        groups = []
        for group_key, group_label in results.groups.items():
            figures = [{"number": _capitalised(results.format(key, value, lang)),
                        "label": results.figures[key].label[lang]}
                       for key, value in edition.values.items() if results.figures[key].group == group_key]
            if figures:
                groups.append({"key": group_key, "label": group_label[lang], "figures": figures})
        editions.append({"key": edition.key, "label": edition.label[lang], "groups": groups})
    charts = [{"key": chart.figure, "title": chart.title[lang], "svg": chart_svg(results, chart, lang),
               "rows": [(label, text) for label, text, _ in chart_rows(results, chart.figure, lang)]}
              for chart in results.charts]
    return {"editions": editions, "charts": charts}


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
