"""Facts the shipped sample data must keep: the real institutions, invented but complete enterprises."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

from portfolio.textfold import fold
from support.record_schemas import load_record, validator

ROOT = Path(__file__).resolve().parents[1]
INSTITUTIONS_2016_2017 = {
    "administration-portuaire-de-montreal", "aeroports-de-montreal", "caisse-de-depot-et-placement-du-quebec",
    "college-de-rosemont", "college-marie-victorin", "ciusss-du-nord-de-l-ile-de-montreal", "chum", "csdm", "cspi",
    "concertation-montreal", "gaz-metro", "investissement-quebec", "mouvement-desjardins", "omhm", "saq", "shdm",
    "stm", "universite-concordia", "ville-de-montreal",
}
IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}


def _records(kind: str) -> dict[str, dict]:
    return {path.stem: load_record(path) for path in sorted((ROOT / kind).glob("*.yaml"))}


INSTITUTIONS = _records("institutions")
ENTERPRISES = _records("enterprises")


def _media(slug: str, data: dict) -> list[str]:
    """Every image file name an enterprise record refers to."""
    files = [data["logo"]] if "logo" in data else []
    files += [photo["file"] for photo in data.get("photos", ())]
    files += [offer["photo"]["file"] for offer in data["offer"] if "photo" in offer]
    return files


def test_the_19_institutions_of_2016_2017():
    assert set(INSTITUTIONS) == INSTITUTIONS_2016_2017
    assert all("2016-2017" in data["cohorts"] for data in INSTITUTIONS.values())


def test_institutions_claim_no_signature_the_source_does_not_record_and_show_no_logo():
    """The initiative's document lists them as participants (2016-2017), not as signatories."""
    for slug, data in INSTITUTIONS.items():
        assert "declaration" not in data, slug
        assert data["article"] in ("le", "la", "l'", "les", "none"), slug
        assert "logo" not in data, slug
        assert urlsplit(data["website"]).scheme == "https", slug


@pytest.mark.parametrize("kind", ["institution", "enterprise"])
def test_records_are_schema_valid(kind):
    check = validator(ROOT, kind)
    records = INSTITUTIONS if kind == "institution" else ENTERPRISES
    errors = {slug: [f"{list(e.absolute_path)}: {e.message}" for e in check.iter_errors(data)]
              for slug, data in records.items()}
    assert {slug: e for slug, e in errors.items() if e} == {}


def test_enough_enterprises_over_enough_sectors_and_boroughs():
    assert len(ENTERPRISES) >= 13
    assert len({sector for data in ENTERPRISES.values() for sector in data["sectors"]}) >= 10
    assert len({data["address"]["borough"] for data in ENTERPRISES.values()}) >= 10
    assert len({data["legal_form"] for data in ENTERPRISES.values()}) >= 4


def test_every_enterprise_is_an_invented_example_with_contact_details_that_reach_no_one():
    for slug, data in ENTERPRISES.items():
        assert data["example"] is True, slug
        assert urlsplit(data["website"]).hostname.endswith(".example"), slug
        assert data["contact"]["email"].endswith(".example"), slug
        assert re.match(r"514 555-01\d\d\b", data["contact"]["phone"]), slug


def test_every_enterprise_has_french_and_english_summary():
    for slug, data in ENTERPRISES.items():
        assert data["summary"].get("fr") and data["summary"].get("en"), slug


def test_some_fields_lack_english_so_the_fallback_is_shown():
    def missing_english(value) -> bool:
        if isinstance(value, dict):
            return ("fr" in value and "en" not in value) or any(missing_english(v) for v in value.values())
        return isinstance(value, list) and any(missing_english(v) for v in value)

    assert 1 <= sum(missing_english(data) for data in ENTERPRISES.values()) <= len(ENTERPRISES) // 3


def test_names_are_unique_once_folded():
    folded = [fold(data["name"]) for data in ENTERPRISES.values()]
    assert len(set(folded)) == len(folded)


def test_clients_are_participating_institutions():
    for slug, data in ENTERPRISES.items():
        assert set(data.get("clients", ())) <= set(INSTITUTIONS), slug
    assert sum(len(data.get("clients", ())) >= 2 for data in ENTERPRISES.values()) >= 2


def test_addresses_are_on_the_island():
    for slug, data in ENTERPRISES.items():
        address = data["address"]
        assert address["postal_code"].startswith("H"), slug
        assert 45.40 < address["coordinates"]["lat"] < 45.71, slug
        assert -73.98 < address["coordinates"]["lon"] < -73.47, slug


def test_every_referenced_image_exists_and_is_what_its_name_says():
    for slug, data in ENTERPRISES.items():
        assert "logo" in data, slug
        for name in _media(slug, data):
            path = ROOT / "enterprises" / "media" / slug / name
            with Image.open(path) as image:
                assert image.format == IMAGE_FORMATS[path.suffix.lower()], path


def test_no_media_file_is_left_unused_and_media_stay_small():
    referenced = {f"{slug}/{name}" for slug, data in ENTERPRISES.items() for name in _media(slug, data)}
    media = ROOT / "enterprises" / "media"
    files = [p for p in media.rglob("*") if p.is_file() and p.name != ".gitkeep"]
    assert {p.relative_to(media).as_posix() for p in files} == referenced
    assert sum(p.stat().st_size for p in files) < 3_000_000
