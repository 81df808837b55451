"""The synthetic portfolio generator writes complete, valid, deterministic portfolio roots."""

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image

from portfolio.records.load import load_portfolio
from portfolio.site.urls import slugify
from portfolio.synthetic import main, to_yaml, write_portfolio
from portfolio.textfold import fold
from support.record_schemas import load_record, validator

TODAY = dt.date(2026, 11, 27)
N = 60


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("synthetic")
    write_portfolio(root, N, seed=7, today=TODAY)
    return root


@pytest.fixture(scope="module")
def records(root) -> dict[str, dict]:
    return {path.stem: load_record(path) for path in sorted((root / "enterprises").glob("*.yaml"))}


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_writes_a_complete_root(root, records):
    assert (root / "data" / "vocabulary.yaml").is_file()
    assert {p.name for p in (root / "schema").glob("*.json")} >= {"common.schema.json", "enterprise.schema.json",
                                                                   "institution.schema.json", "vocabulary.schema.json"}
    repo = Path(__file__).resolve().parents[1]
    assert sorted(p.name for p in (root / "institutions").glob("*.yaml")) == \
        sorted(p.name for p in (repo / "institutions").glob("*.yaml"))
    assert len(records) == N


def test_records_are_schema_valid(root, records):
    check = validator(root, "enterprise")
    errors = {slug: [e.message for e in check.iter_errors(data)] for slug, data in records.items()}
    assert {slug: e for slug, e in errors.items() if e} == {}


def test_records_load_into_the_model(root):
    result = load_portfolio(root, today=TODAY)
    assert result.portfolio is not None
    assert len(result.portfolio.enterprises) == N


def test_every_record_has_a_png_logo(root, records):
    for slug, data in records.items():
        with Image.open(root / "enterprises" / "media" / slug / data["logo"]) as image:
            assert image.format == "PNG"


def test_names_stay_unique_once_folded(records):
    folded = [fold(data["name"]) for data in records.values()]
    assert len(set(folded)) == len(folded)


def test_slug_is_the_folded_name(records):
    assert all(slug == slugify(data["name"]) for slug, data in records.items())


def test_records_are_examples_recently_verified_without_expired_certifications(records):
    for data in records.values():
        assert data["example"] is True
        assert TODAY - dt.timedelta(days=365) < dt.date.fromisoformat(data["last_verified"]) <= TODAY
        for certification in data.get("certifications", ()):
            assert dt.date.fromisoformat(certification["expires"]) > TODAY


def test_records_vary(records):
    assert len({data["sectors"][0] for data in records.values()}) >= 10
    assert len({data["address"]["borough"] for data in records.values()}) >= 10
    assert len({data["legal_form"] for data in records.values()}) >= 4
    assert any("en" not in data["description"] for data in records.values())  # exercises the fallback
    assert any(data.get("clients") for data in records.values())


def test_clients_are_copied_institutions(root, records):
    institutions = {p.stem for p in (root / "institutions").glob("*.yaml")}
    assert all(set(data.get("clients", ())) <= institutions for data in records.values())


def test_same_seed_same_portfolio_other_seed_other_records(tmp_path):
    write_portfolio(tmp_path / "a", 25, seed=3, today=TODAY)
    write_portfolio(tmp_path / "b", 25, seed=3, today=TODAY)
    write_portfolio(tmp_path / "c", 25, seed=4, today=TODAY)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a" / "enterprises") != _files(tmp_path / "c" / "enterprises")


def test_a_larger_portfolio_keeps_unique_names(tmp_path):
    slugs = write_portfolio(tmp_path, 1500, seed=1, today=TODAY)
    assert len(set(slugs)) == 1500
    assert len(list((tmp_path / "enterprises").glob("*.yaml"))) == 1500


def test_refuses_to_mix_with_existing_enterprises(tmp_path):
    write_portfolio(tmp_path, 2, today=TODAY)
    with pytest.raises(FileExistsError):
        write_portfolio(tmp_path, 2, today=TODAY)


def test_command_line(tmp_path):
    assert main(["3", str(tmp_path), "--seed", "5", "--today", "2026-11-27"]) == 0
    assert len(list((tmp_path / "enterprises").glob("*.yaml"))) == 3


def test_yaml_writer_reads_back_the_same_data_even_for_yaml_traps(tmp_path):
    data = {"word": "no", "switch": "On", "colon": "a: b", "hash": "a #b", "date": "2026-01-31", "number": "0123",
            "phone": "514 555-0101", "space": " lead", "keys": ["pilote-2013-2015", "2016-2017"],
            "text": "line\n\n- item;\n", "bare": "two\nlines", "nested": [{"n": 1, "x": 4.5, "b": True,
                                                                         "m": {"fr": "É « x »", "en": "it's"}}]}
    path = tmp_path / "record.yaml"
    path.write_text(to_yaml(data), encoding="utf-8")
    assert load_record(path) == data
