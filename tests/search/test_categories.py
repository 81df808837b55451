"""Purchase category codes (`codes:` of a sector in data/vocabulary.yaml), with a small test mapping: the
matchmaking sheet's refs file publishes them, and in Chromium a need from a CSV file whose category column
holds one matches that sector's enterprises as well as by words, saying so."""

import json
import re
import shutil

import pytest

from portfolio.records.load import load_portfolio
from portfolio.search.matchmaking import refs_data
from support.browser import axe_violations, describe
from support.server import nginx
from support.site import build_site, settings_overlay
from support.tools import REPO

from .test_matchmaking_browser import ENCRIER, MARMITE, sheet, suggestion

# The test mapping: sector -> codes (fictitious, as no real code set is at hand).
CODES = {"impression-graphisme": ["TEST-IMP"], "alimentation-traiteur": ["TEST-ALI", "TEST-REPAS"]}
STAGES = ["portfolio.site.assets", "portfolio.content.stage", "portfolio.site.pages", "portfolio.search.stage",
          "portfolio.search.matchmaking", "portfolio.catalogue.stage", "portfolio.contribute.stage"]


@pytest.fixture(scope="module")
def coded_root(tmp_path_factory):
    """The sample portfolio with CODES added to its vocabulary."""
    root = tmp_path_factory.mktemp("coded-root")
    for folder in ("enterprises", "institutions", "data"):
        shutil.copytree(REPO / folder, root / folder)
    path = root / "data" / "vocabulary.yaml"
    text = path.read_text(encoding="utf-8")
    for key, codes in CODES.items():
        text, count = re.subn(rf"^(  {key}: {{.*)}}$", rf"\1, codes: {json.dumps(codes)}}}", text, flags=re.M)
        assert count == 1, key
    path.write_text(text, encoding="utf-8")
    return root


def test_the_refs_file_gives_each_coded_sector_its_codes_label_and_enterprises(coded_root):
    portfolio = load_portfolio(coded_root).portfolio
    data = refs_data(portfolio, "en")
    assert data["slugs"] == [e.slug for e in portfolio.enterprises]
    sectors = {tuple(s["codes"]): s for s in data["sectors"]}
    assert set(sectors) == {tuple(codes) for codes in CODES.values()}
    printing = sectors[("TEST-IMP",)]
    assert printing["label"] == "Printing and graphic design"
    assert [data["slugs"][ref] for ref in printing["refs"]] == ["imprimerie-l-encrier-solidaire"]
    food = sectors[("TEST-ALI", "TEST-REPAS")]
    assert {data["slugs"][ref] for ref in food["refs"]} == {"traiteur-la-marmite-solidaire", "la-maison-du-parc"}
    assert refs_data(load_portfolio(REPO).portfolio, "fr")["sectors"] == []  # the shipped vocabulary has none


@pytest.fixture(scope="module")
def coded_site(coded_root, tmp_path_factory):
    output = tmp_path_factory.mktemp("coded-site")
    build_site(output, coded_root, settings=str(settings_overlay(coded_root, PORTFOLIO_STAGES=STAGES)),
               extra_env={"PORTFOLIO_CACHE": str(tmp_path_factory.mktemp("coded-cache"))})
    return output


@pytest.fixture(scope="module")
def site_url(coded_site, tmp_path_factory):
    """This module's site in place of the sample's: the `page` fixture allows requests to it only."""
    with nginx(coded_site, tmp_path_factory.mktemp("coded-nginx")) as url:
        yield url


def test_the_built_refs_file_holds_the_codes(coded_site):
    page = (coded_site / "maillage" / "index.html").read_text(encoding="utf-8")
    refs = re.search(r'data-refs="([^"]+)"', page).group(1)
    assert re.fullmatch(r"/theme/search/matchmaking-fr\.[0-9a-f]{10}\.json", refs)
    data = json.loads((coded_site / refs.lstrip("/")).read_text(encoding="utf-8"))
    assert sorted(code for sector in data["sectors"] for code in sector["codes"]) == ["TEST-ALI", "TEST-IMP",
                                                                                     "TEST-REPAS"]


def load_needs(page, site_url, path, tmp_path, rows):
    """Load a CSV file of `rows` (header first) in the sheet at `path`, without submitting it."""
    csv_file = tmp_path / "needs.csv"
    csv_file.write_text("\n".join(";".join(row) for row in rows), encoding="utf-8")
    page.goto(site_url + path)
    page.set_input_files("#matchmaking-file", str(csv_file))
    page.wait_for_selector("#matchmaking-columns:not([hidden])")


def submit(page):
    page.click("#matchmaking-form button[type=submit]")
    page.wait_for_selector("#matchmaking-actions:not([hidden])", timeout=30_000)


def why(page, need, name):
    return suggestion(page, need, name).locator(".suggestion-why").inner_text()


@pytest.mark.browser
def test_a_category_column_matches_by_code_as_well_as_by_words(page, site_url, tmp_path):
    rows = [["Description", "Quantité", "Catégorie"],
            ["xyzzy plugh", "10", "TEST-IMP - Impression"],  # no word found: its category only
            ["boîtes à lunch", "150", "test-ali"],  # words and category; codes compared in capitals
            ["billets d'avion", "2", "TEST-ZZZ"],  # a code of no sector
            ["impression de dépliants", "500", ""]]
    load_needs(page, site_url, "/maillage/", tmp_path, rows)
    assert page.input_value("#matchmaking-column-category") == "2"
    submit(page)
    found = sheet(page)
    assert found["xyzzy plugh"] == [ENCRIER]
    assert "catégorie TEST-IMP → Impression et graphisme" in why(page, "xyzzy plugh", ENCRIER)
    assert "Mots trouvés" not in why(page, "xyzzy plugh", ENCRIER)
    assert found["boîtes à lunch"][0] == MARMITE and "La Maison du Parc" in found["boîtes à lunch"]
    assert "catégorie TEST-ALI → Alimentation et traiteur" in why(page, "boîtes à lunch", MARMITE)
    assert "lunch" in why(page, "boîtes à lunch", MARMITE)
    assert found["billets d'avion"] is None
    assert ENCRIER in found["impression de dépliants"]
    assert "catégorie" not in why(page, "impression de dépliants", ENCRIER)
    violations = axe_violations(page)
    assert not violations, describe(violations)

    page.select_option("#matchmaking-column-category", "")  # no category column chosen: words only
    submit(page)
    assert sheet(page)["xyzzy plugh"] is None


@pytest.mark.browser
def test_the_english_sheet_names_the_category_and_sector_in_english(page, site_url, tmp_path):
    load_needs(page, site_url, "/en/matchmaking/", tmp_path, [["Item", "Category"], ["xyzzy", "TEST-IMP"]])
    submit(page)
    assert "category TEST-IMP → Printing and graphic design" in why(page, "xyzzy", ENCRIER)
