"""Results figures of each edition (`data/results.yaml`): loading (checked by the records' validator),
formatting, and a bar chart drawn at build time as inline, accessible SVG."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.numbers import format_compact_currency, format_decimal, format_percent
from markupsafe import Markup, escape

from ..records.diagnostics import Diagnostic
from ..records.load import check_data_file, load_data_file
from . import LOCALES


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


def load_results(root: Path, lang: str = "fr") -> tuple[Results | None, list[Diagnostic]]:
    """The results of `root/data/results.yaml`, checked by the records' validator (schema/results.schema.json
    and records/datafiles.py): (Results, None when the file has an error; every diagnostic, in `lang`)."""
    data, diagnostics = check_data_file(Path(root) / "data" / "results.yaml", root, lang)
    return (None if data is None else from_data(data)), diagnostics


def load(path: Path, cache: Path | None = None) -> Results:
    """The results of a results file (`…/data/results.yaml`); raise DataFileError listing every problem.
    `cache`: the build cache, which keeps the checked file (records/load.py check_data_file)."""
    return from_data(load_data_file(path, cache=cache))


def from_data(data: dict) -> Results:
    """Results from the data of a checked results file."""
    def value(raw) -> Value:
        return Value(raw["value"], raw["qualifier"]) if isinstance(raw, dict) else Value(raw)

    def texts(labels: dict) -> dict[str, str]:
        return {lang: labels[lang] for lang in LOCALES}

    return Results(
        groups={key: texts(labels) for key, labels in data["groups"].items()},
        figures={key: Figure(key, figure["group"], figure["unit"], texts(figure))
                 for key, figure in data["figures"].items()},
        qualifiers={key: texts(labels) for key, labels in data["qualifiers"].items()},
        charts=tuple(Chart(chart["figure"], texts(chart["title"])) for chart in data["charts"]),
        editions=tuple(Edition(edition["key"], texts(edition["label"]),
                               {name: value(raw) for name, raw in edition["figures"].items()})
                       for edition in data["editions"]),
    )


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


# Geometry of the chart in CSS pixels: the SVG is as wide as its container (width 100 %, no viewBox), its
# 16 px text keeps its size at any width, and each bar is a percentage of that width (the largest value
# fills it), under a line giving the edition and its value.
ROW, BAR, LINE, FONT, GAP = 62, 22, 18, 16, 10
BAR_COLOUR = "#1d5a85"  # 7.2:1 against white: bars and their edges are clearly visible (WCAG 1.4.11)
TEXT_COLOUR = "#1a1a1a"


def chart_svg(results: Results, chart: Chart, lang: str) -> Markup:
    """A horizontal bar chart of one figure, one bar per edition reporting it, as inline SVG with
    `role="img"`, a `<title>` and a `<desc>` listing every value (the text alternative)."""
    rows = chart_rows(results, chart.figure, lang)
    largest = max((number for _, _, number in rows), default=0) or 1
    height = ROW * len(rows)
    ident = f"chart-{chart.figure}-{lang}"
    desc = "; ".join(f"{label} — {text}" for label, text, _ in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="results-chart" role="img" width="100%" height="{height}"'
        f' aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(chart.title[lang])}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
    ]
    for index, (label, text, number) in enumerate(rows):
        y = index * ROW
        share = max(0.5, 100 * number / largest) if number else 0.0  # a small value still shows a sliver
        parts.append(
            f'<g class="bar"><text x="0" y="{y + LINE}" font-size="{FONT}" fill="{TEXT_COLOUR}">{escape(label)}'
            f'<tspan dx="{GAP}" font-weight="bold">{escape(text)}</tspan></text>'
            f'<rect x="0" y="{y + LINE + 8}" width="{share:.1f}%" height="{BAR}" fill="{BAR_COLOUR}"/></g>'
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
