"""The results data file: loading through the records' validator, number formatting per language, and
the SVG bar chart."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from portfolio.content import results
from portfolio.records.load import DataFileError
from support.tools import REPO

SVG = "{http://www.w3.org/2000/svg}"
DATA = REPO / "data" / "results.yaml"


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "data" / "results.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def raw() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def test_the_published_file_has_the_pilot_figures():
    data = results.load(DATA)
    pilot = data.editions[0]
    assert pilot.key == "pilote-2013-2015"
    assert pilot.values["contracts"] == results.Value(200, "more-than")
    assert pilot.values["contract_value"].number == 2_500_000
    assert pilot.values["enterprises"].number == 27


@pytest.mark.parametrize("lang, expected", [("fr", "2,5\u00a0M\u00a0$"), ("en", "$2.5M")])
def test_money_is_written_the_way_each_language_writes_it(lang, expected):
    data = results.load(DATA)
    assert data.format("contract_value", data.editions[0].values["contract_value"], lang) == expected


@pytest.mark.parametrize("lang, expected", [("fr", "60\u00a0%"), ("en", "60%")])
def test_percentages_follow_the_language(lang, expected):
    data = results.load(DATA)
    assert data.format("share_new_relation", data.editions[0].values["share_new_relation"], lang) == expected


def test_qualified_numbers_read_as_floors_or_estimates():
    data = results.load(DATA)
    values = data.editions[0].values
    assert data.format("contracts", values["contracts"], "fr") == "plus de 200"
    assert data.format("institution_staff_reached", values["institution_staff_reached"], "en") == "about 150"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_chart_is_well_formed_accessible_svg(lang):
    data = results.load(DATA)
    root = parse(results.chart_svg(data, data.charts[0], lang))
    assert root.tag == SVG + "svg"
    assert root.get("role") == "img"
    title, desc = root.find(SVG + "title"), root.find(SVG + "desc")
    assert title is not None and title.text == data.charts[0].title[lang]
    assert desc is not None and data.editions[0].label[lang] in desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert len(list(root.iter(SVG + "rect"))) == len(data.editions) == 1


def contrast(colour: str, background: str = "#ffffff") -> float:
    def luminance(hex_colour):
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    high, low = sorted((luminance(colour), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_chart_colours_meet_aa_contrast_on_white():
    root = parse(results.chart_svg(results.load(DATA), results.load(DATA).charts[0], "fr"))
    assert all(contrast(t.get("fill")) >= 4.5 for t in root.iter(SVG + "text"))
    assert all(contrast(r.get("fill")) >= 3 for r in root.iter(SVG + "rect"))


def test_adding_an_edition_adds_a_bar_and_the_chart_grows(tmp_path, raw):
    before = results.load(write(tmp_path, raw))
    raw["editions"].append({"key": "2016-2017", "label": {"fr": "Cohorte 2016-2017", "en": "2016-2017 cohort"},
                            "figures": {"contract_value": 5_000_000, "contracts": 310}})
    after = results.load(write(tmp_path, raw))
    old, new = (parse(results.chart_svg(d, d.charts[0], "fr")) for d in (before, after))
    assert len(list(new.iter(SVG + "rect"))) == len(list(old.iter(SVG + "rect"))) + 1 == 2
    assert float(new.get("height")) > float(old.get("height"))
    bars = [float(rect.get("width").removesuffix("%")) for rect in new.iter(SVG + "rect")]
    assert bars == pytest.approx([50, 100])  # shares of the width, the largest value filling it
    assert "5\u00a0M\u00a0$" in new.find(SVG + "desc").text


def test_an_edition_without_the_figure_gets_no_bar(tmp_path, raw):
    raw["editions"].append({"key": "x", "label": {"fr": "X", "en": "X"}, "figures": {"enterprises": 38}})
    data = results.load(write(tmp_path, raw))
    assert len(list(parse(results.chart_svg(data, data.charts[0], "en")).iter(SVG + "rect"))) == 1


def test_text_from_the_file_is_escaped_in_the_svg(tmp_path, raw):
    raw["editions"][0]["label"]["en"] = "<script>alert(1)</script> & co"
    data = results.load(write(tmp_path, raw))
    svg = str(results.chart_svg(data, data.charts[0], "en"))
    assert "<script>" not in svg
    assert parse(svg).find(SVG + "desc").text.startswith("<script>alert(1)</script> & co")


def test_context_lists_newest_edition_first_with_grouped_figures(tmp_path, raw):
    raw["editions"].append({"key": "2016-2017", "label": {"fr": "Cohorte 2016-2017", "en": "2016-2017 cohort"},
                            "figures": {"enterprises": 38}})
    context = results.results_context(results.load(write(tmp_path, raw)), "fr")
    assert [e["key"] for e in context["editions"]] == ["2016-2017", "pilote-2013-2015"]
    assert context["editions"][0]["groups"] == [
        {"key": "participants", "label": "Participants",
         "figures": [{"number": "38", "label": "entreprises d'économie sociale"}]}]
    assert context["editions"][1]["groups"][0]["figures"][0]["number"] == "Plus de 200"
    assert [c["rows"] for c in context["charts"]][0] == [("Projet pilote 2013-2015", "2,5\u00a0M\u00a0$")]


def test_every_mistake_is_reported_at_once_with_file_line_column_and_field(tmp_path, raw):
    raw["editions"][0]["figures"].update(unknown=3, share_new_relation=160)
    raw["charts"][0].update(figure="nothing")
    path = write(tmp_path, raw)
    with pytest.raises(DataFileError) as error:
        results.load(path)
    diagnostics = error.value.diagnostics
    assert str(error.value).splitlines() == [str(d) for d in diagnostics]
    assert [(d.path, d.field, d.code) for d in diagnostics] == [
        ("data/results.yaml", "charts[0].figure", "unknown-figure"),
        ("data/results.yaml", "editions[0].figures.share_new_relation", "above-maximum"),
        ("data/results.yaml", "editions[0].figures.unknown", "unknown-figure")]
    assert all(1 <= d.line <= len(path.read_text(encoding="utf-8").splitlines()) for d in diagnostics)


@pytest.mark.parametrize("lang, message", [
    ("fr", "Un groupe entre accolades { … } n'est pas fermé ou il y manque une virgule."),
    ("en", "A group in braces { … } is not closed or is missing a comma."),
])
def test_a_syntax_error_names_the_file_line_and_column(tmp_path, lang, message):
    path = tmp_path / "data" / "results.yaml"
    path.parent.mkdir()
    path.write_text("groups:\n  results: {fr: Résultats, en: Results\n", encoding="utf-8")
    data, diagnostics = results.load_results(tmp_path, lang)
    assert data is None
    assert [str(d) for d in diagnostics] == [f"data/results.yaml:2:12: {message}"]


def test_load_results_gives_the_model_and_no_diagnostic():
    data, diagnostics = results.load_results(REPO, "en")
    assert diagnostics == []
    assert data == results.load(DATA)
