"""The data files (data/vocabulary.yaml, data/results.yaml) go through the records' reader and validator:
every problem at once, with file:line:column, field and rule code, in French and in English."""

from __future__ import annotations

import json
import shutil

import pytest

from portfolio import validate as cli
from portfolio.records import datafiles, schemacheck
from portfolio.records.load import DataFileError, check_data_file, load_portfolio, vocabulary_of
from portfolio.records.messages import Messages
from portfolio.records.vocabulary import SECTIONS, Vocabulary
from portfolio.records.yamlload import parse
from records_corpus import FIXTURES, TODAY, found, install, read_fixture, validate

DATA = FIXTURES / "data"
REPOSITORY = FIXTURES.parents[2]

# Every rule a data file can break, and (test below) the fixture proving it.
REQUIRED_CODES = {
    "unknown-group", "unknown-figure", "unknown-qualifier", "above-maximum", "duplicate-edition",
    "qualifier-number", "key-format", "unknown-key", "required", "unknown-term", "number-expected",
    "below-minimum", "wrong-type", "yaml-duplicate-key", "yaml-syntax", "yaml-tab", "code-format",
    "code-in-two-sectors", "quote-needed",
}


def data_fixtures(kind: str):
    return sorted((DATA / kind).glob("*.yaml"))


@pytest.mark.parametrize("source", data_fixtures("valid") + [REPOSITORY / "data" / "results.yaml",
                                                             REPOSITORY / "data" / "vocabulary.yaml"],
                         ids=lambda p: p.relative_to(REPOSITORY).as_posix())
def test_valid_data_files_have_no_diagnostic(source, tmp_path):
    path = tmp_path / "data" / source.name
    path.parent.mkdir()
    shutil.copyfile(source, path)
    data, diagnostics = check_data_file(path, tmp_path)
    assert diagnostics == []
    assert data is not None


@pytest.mark.parametrize("source", data_fixtures("invalid"), ids=lambda p: p.stem)
def test_invalid_data_fixture_gets_its_diagnostic(source, tmp_path):
    fixture = read_fixture(source)
    assert fixture.expected, f"{source.name} declares no '# expect:' line"
    result = validate([install(fixture, tmp_path)], tmp_path)
    assert found(result, fixture.target) == fixture.expected
    assert check_data_file(tmp_path / fixture.target, tmp_path)[0] is None


def test_the_data_corpus_covers_every_rule():
    declared = {e[4] for source in data_fixtures("invalid") for e in read_fixture(source).expected}
    assert REQUIRED_CODES <= declared, REQUIRED_CODES - declared


@pytest.mark.parametrize("name, lang, expected", [
    ("results_percent-above-100", "fr", "data/results.yaml:23:27: editions[0].figures.share_new_relation: "
                                        "« valeur du chiffre » doit valoir au plus 100 (ici : 160)."),
    ("results_percent-above-100", "en", "data/results.yaml:23:27: editions[0].figures.share_new_relation: "
                                        "« value of the figure » must be at most 100 (here: 160)."),
    ("vocabulary_missing-english", "fr", "data/vocabulary.yaml:5:3: sectors.informatique.en: Le champ "
                                         "obligatoire « secteur (libellé anglais) » est absent."),
    ("vocabulary_missing-english", "en", "data/vocabulary.yaml:5:3: sectors.informatique.en: The required field "
                                         "« sector (English label) » is missing."),
    ("results_unknown-chart-figure", "fr", "data/results.yaml:15:13: charts[0].figure: « contracts_value » n'est "
                                           "pas défini sous « figures: » dans ce fichier ; les clés qui y sont "
                                           "définies sont : contracts, contract_value, share_new_relation, "
                                           "enterprises."),
    ("results_unknown-chart-figure", "en", "data/results.yaml:15:13: charts[0].figure: « contracts_value » is not "
                                           "defined under « figures: » in this file; the keys defined there are: "
                                           "contracts, contract_value, share_new_relation, enterprises."),
    ("vocabulary_code-in-two-sectors", "fr", "data/vocabulary.yaml:5:96: sectors.informatique.codes[1]: Le code de "
                                             "catégorie d’achat « TEST-1 » figure déjà sous le secteur "
                                             "« alimentation-traiteur » (ligne 4) ; un code ne va qu’à un seul "
                                             "secteur."),
    ("vocabulary_code-in-two-sectors", "en", "data/vocabulary.yaml:5:96: sectors.informatique.codes[1]: The purchase "
                                             "category code « TEST-1 » is already listed under the sector "
                                             "« alimentation-traiteur » (line 4); a code belongs to one sector only."),
])
def test_messages_in_both_languages(name, lang, expected, tmp_path):
    path = install(read_fixture(DATA / "invalid" / f"{name}.yaml"), tmp_path)
    assert [str(d) for d in validate([path], tmp_path, lang).diagnostics] == [expected]


def test_every_problem_of_a_file_is_reported_at_once(tmp_path):
    path = install(read_fixture(DATA / "valid" / "results.yaml"), tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("unit: money", "unit: dollars").replace("enterprises: 27", "enterprises: -27")
                    .replace("qualifier: about", "qualifier: roughly"), encoding="utf-8")
    data, diagnostics = check_data_file(path, tmp_path)
    assert data is None
    assert [(d.line, d.field, d.code) for d in diagnostics] == [
        (7, "figures.contract_value.unit", "unknown-term"),
        (23, "editions[0].figures.enterprises", "below-minimum"),
        (28, "editions[1].figures.enterprises.qualifier", "unknown-qualifier")]


def test_the_build_cache_keeps_a_checked_data_file_until_it_changes(tmp_path, monkeypatch):
    """With the build cache, an unchanged data file is not checked again, its diagnostics included; an
    edited one is, and only its latest result is kept."""
    from portfolio.records import load

    root, cache = tmp_path / "root", tmp_path / "cache"
    path = install(read_fixture(DATA / "valid" / "results.yaml"), root)
    path.write_text(path.read_text(encoding="utf-8").replace("enterprises: 27", "enterprises: -27"), encoding="utf-8")
    first = check_data_file(path, root, cache=cache)
    assert first[0] is None and [d.code for d in first[1]] == ["below-minimum"]
    checked = []
    real_validate = load.Validator.validate
    monkeypatch.setattr(load.Validator, "validate", lambda self, paths: checked.append(paths) or real_validate(self, paths))
    assert check_data_file(path, root, cache=cache) == first and checked == []
    assert check_data_file(path, root, "en", cache=cache) != first and len(checked) == 1  # messages in English
    path.write_text(path.read_text(encoding="utf-8").replace("enterprises: -27", "enterprises: 27"), encoding="utf-8")
    data, diagnostics = check_data_file(path, root, cache=cache)
    assert data is not None and diagnostics == [] and len(checked) == 2
    assert len(list((cache / "data-files").iterdir())) == 1


def test_yaml_1_2_keeps_no_as_text(tmp_path):
    data, _ = check_data_file(install(read_fixture(DATA / "valid" / "vocabulary.yaml"), tmp_path), tmp_path)
    assert data["social_networks"]["mastodon"]["en"] == "no"


def test_vocabulary_load_reports_every_problem(tmp_path):
    path = install(read_fixture(DATA / "invalid" / "vocabulary_territory-kind.yaml"), tmp_path)
    with pytest.raises(DataFileError) as error:
        Vocabulary.load(path)
    assert str(error.value).startswith(f"{path.relative_to(tmp_path)}:10:57: territories.ville-marie.kind: ")
    assert [d.code for d in error.value.diagnostics] == ["unknown-term"]


def test_a_broken_vocabulary_does_not_stop_checking_records(tmp_path):
    install(read_fixture(DATA / "invalid" / "vocabulary_yaml-tab.yaml"), tmp_path)
    assert vocabulary_of(tmp_path)["sectors"] == {}


def test_a_record_folder_is_not_a_data_file(tmp_path):
    with pytest.raises(ValueError, match="not a data file"):
        check_data_file(tmp_path / "enterprises" / "results.yaml")


def test_vocabulary_file_schema_lists_every_section():
    schema = schemacheck.schemas()["vocabulary-file"]
    assert list(schema["properties"]) == schema["required"] == list(SECTIONS)


def readable_fixtures():
    """(kind, data) of every data fixture the reader can read."""
    for source in data_fixtures("valid") + data_fixtures("invalid"):
        data = parse(source.read_bytes(), lambda *args: None, Messages("en")).data
        if data is not None:
            yield pytest.param(datafiles.kind_of(FIXTURES / read_fixture(source).target), data, id=source.stem)


@pytest.mark.parametrize("kind, data", list(readable_fixtures()))
def test_fast_precheck_agrees_with_jsonschema(kind, data):
    detailed = not any(schemacheck.detailed_validator(kind).iter_errors(data))
    assert schemacheck.is_valid(kind, data) == detailed


def _root_with_data(tmp_path, broken: str | None = None):
    """A portfolio root with the valid data fixtures, one of them replaced by the invalid fixture `broken`."""
    for source in data_fixtures("valid"):
        install(read_fixture(source), tmp_path)
    if broken:
        install(read_fixture(DATA / "invalid" / f"{broken}.yaml"), tmp_path)
    return tmp_path


def test_make_validate_covers_the_data_files(tmp_path, capsys):
    root = _root_with_data(tmp_path, "results_duplicate-edition")
    status = cli.main(["--root", str(root), "--today", TODAY.isoformat(), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert status == 1
    assert report["files"] == 2
    assert [(d["path"], d["line"], d["column"], d["field"], d["code"]) for d in report["diagnostics"]] == [
        ("data/results.yaml", 25, 10, "editions[1].key", "duplicate-edition")]


@pytest.mark.parametrize("lang, summary", [("fr", "2 fichiers vérifiés, 0 erreur, 0 avertissement."),
                                           ("en", "2 files checked, 0 errors, 0 warnings.")])
def test_make_validate_passes_valid_data_files(tmp_path, capsys, lang, summary):
    status = cli.main(["--root", str(_root_with_data(tmp_path)), "--lang", lang, "--today", TODAY.isoformat()])
    assert status == 0
    assert capsys.readouterr().out.strip() == summary


@pytest.mark.parametrize("broken", ["results_unknown-qualifier", "vocabulary_key-format"])
def test_a_broken_data_file_stops_the_portfolio(tmp_path, broken):
    fixture = read_fixture(DATA / "invalid" / f"{broken}.yaml")
    result = load_portfolio(_root_with_data(tmp_path, broken), today=TODAY)
    assert result.portfolio is None
    assert [(d.severity, d.line, d.column, d.field, d.code) for d in result.diagnostics
            if d.path == fixture.target] == fixture.expected


def test_the_model_is_built_from_the_checked_vocabulary(tmp_path):
    result = load_portfolio(_root_with_data(tmp_path), today=TODAY)
    assert result.diagnostics == []
    assert result.portfolio.vocabulary["territories"]["ville-marie"].kind == "borough"
    sectors = result.portfolio.vocabulary["sectors"]
    assert (sectors["informatique"].codes, sectors["alimentation-traiteur"].codes) == (("TEST-1", "99.01"), ())
