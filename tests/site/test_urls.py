"""URL scheme: French at the root, English under /en/ with translated segments and English term slugs."""

from pathlib import Path

import pytest

from portfolio.records.vocabulary import Vocabulary
from portfolio.site.urls import Urls, slugify

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def urls():
    return Urls(Vocabulary.load(REPO / "data" / "vocabulary.yaml"))


@pytest.mark.parametrize("key, fr, en", [
    (("home",), "/", "/en/"),
    (("directory",), "/entreprises/", "/en/enterprises/"),
    (("enterprise", "traiteur-x"), "/entreprises/traiteur-x/", "/en/enterprises/traiteur-x/"),
    (("institutions",), "/institutions/", "/en/institutions/"),
    (("institution", "stm"), "/institutions/stm/", "/en/institutions/stm/"),
    (("declaration", "stm"), "/declaration/stm/", "/en/declaration/stm/"),
    (("signatories",), "/declaration/signataires/", "/en/declaration/signatories/"),
    (("search",), "/recherche/", "/en/search/"),
    (("catalogue",), "/catalogue/", "/en/catalogue/"),
    (("shortlist",), "/ma-liste/", "/en/my-list/"),
    (("data",), "/donnees/", "/en/data/"),
    (("news",), "/nouvelles/", "/en/news/"),
    (("sector", "alimentation-traiteur"), "/secteurs/alimentation-traiteur/", "/en/sectors/food-and-catering/"),
    (("catalogue-sector", "alimentation-traiteur"), "/catalogue/alimentation-traiteur/",
     "/en/catalogue/food-and-catering/"),
    (("territory", "ile-de-montreal"), "/territoires/ile-de-montreal/", "/en/territories/the-whole-island-of-montreal/"),
    (("impact", "lutte-pauvrete"), "/impact/lutte-pauvrete/", "/en/impact/fight-against-poverty/"),
])
def test_both_languages(urls, key, fr, en):
    assert urls.url(key, "fr") == fr
    assert urls.url(key, "en") == en


def test_pages_of_a_listing(urls):
    assert urls.url(("directory",), "fr", 1) == "/entreprises/"
    assert urls.url(("directory",), "en", 3) == "/en/enterprises/page/3/"
    assert urls.output_path(("directory",), "fr", 2) == "entreprises/page/2/index.html"
    assert urls.output_path(("home",), "en") == "en/index.html"


def test_content_pages_may_exist_in_one_language(urls):
    urls.add_content(("page", "about"), "fr", "/a-propos/")
    urls.add_content(("page", "about"), "en", "/en/about/")
    urls.add_content(("page", "only-fr"), "fr", "/seulement/")
    assert urls.url(("page", "about"), "en") == "/en/about/"
    assert urls.exists(("page", "about"), "en")
    assert not urls.exists(("page", "only-fr"), "en")
    assert urls.exists(("enterprise", "x"), "en")


def test_unknown_key_is_an_error(urls):
    with pytest.raises(KeyError):
        urls.url(("nowhere",), "fr")


def test_english_term_slugs_are_unique(urls):
    vocabulary = Vocabulary.load(REPO / "data" / "vocabulary.yaml")
    for section in ("sectors", "territories", "impact_goals"):
        slugs = [slugify(term.en) for term in vocabulary[section].values()]
        assert len(slugs) == len(set(slugs)), section


def test_slugify_folds_accents_and_punctuation():
    assert slugify("Côte-des-Neiges–Notre-Dame-de-Grâce") == "cote-des-neiges-notre-dame-de-grace"
    assert slugify("Transport, delivery and moving") == "transport-delivery-and-moving"
