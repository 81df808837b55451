"""The Python side of search: pipelines, index content, compact form, document store, stage errors."""

import pytest

from portfolio.search import pipeline
from portfolio.search.compact import compact
from portfolio.search.documents import FACETS, StoreLinks, document_store, indexed_fields
from portfolio.search.index import TIERS, build_index
from portfolio.search.lunr_languages import MissingNodeModules, french_stop_words, node_file
from portfolio.site.urls import Urls


def test_french_terms_are_folded_stemmed_and_skip_stop_words():
    assert pipeline.terms("L'Économie des œuvres, traiteurs et vélos!", "fr") == ["econom", "oeuvr", "traiteur", "velos"]


def test_accents_case_and_oe_do_not_change_french_terms():
    for lang in ("fr", "en"):
        assert pipeline.terms("ÉCONOMIE Œuvre", lang) == pipeline.terms("economie oeuvre", lang)


def test_english_terms_use_lunr_english_pipeline_after_folding():
    assert pipeline.terms("The caterers of Montréal", "en") == ["cater", "montreal"]


def test_stop_words_come_from_the_pinned_lunr_fr_js():
    words = french_stop_words()
    assert {"de", "la", "les", "été"} <= words and "traiteur" not in words


def test_searchable_turns_apostrophes_and_punctuation_into_spaces():
    assert pipeline.searchable("d’insertion, l'île!") == "d insertion  l île "


def test_index_pipelines_carry_the_names_lunr_js_knows(sample_portfolio):
    french = build_index(sample_portfolio, "fr").build().serialize()["pipeline"]
    english = build_index(sample_portfolio, "en").build().serialize()["pipeline"]
    assert french == ["trimmer-fr", "stopWordFilter-fr", pipeline.FOLD, "stopWordFilter-fr-folded", "stemmer-fr"]
    assert english == [pipeline.FOLD, "trimmer", "stopWordFilter", "stemmer-en"]


def test_fields_are_weighted_name_first(sample_portfolio):
    boosts = dict(TIERS["main"])
    assert boosts["name"] > boosts["offers"] > boosts["terms"]
    more = dict(TIERS["more"])
    assert boosts["terms"] > more["summary"] > more["description"]


def test_fields_hold_the_right_texts(sample_portfolio):
    marmite = next(e for e in sample_portfolio.enterprises if e.slug == "traiteur-la-marmite-solidaire")
    french = indexed_fields(marmite, "fr", ("name", "offers", "terms", "other"))
    assert french["name"] == "Traiteur La Marmite solidaire"
    assert "Boîtes à lunch" in french["offers"] and "Alimentation et traiteur" in french["terms"]
    assert "Boxed lunches" in french["other"] and "Food and catering" in french["other"]
    assert "Boîtes à lunch" in indexed_fields(marmite, "en", ("other",))["other"]


def test_compact_form_keeps_every_term_and_frequency(sample_portfolio):
    built = build_index(sample_portfolio, "fr", TIERS["main"])
    data = compact(built, len(sample_portfolio.enterprises))
    assert data["terms"] == sorted(built.inverted_index)
    for f, field in enumerate(data["fields"]):
        for ref, row in enumerate(data["vectors"][f]):
            numbers, n = [], 0
            for gap in row:
                n += gap
                numbers.append(data["terms"][n])
            frequencies = built.field_term_frequencies[f"{field}/{ref}"]
            assert sorted(numbers) == sorted(t for t, c in frequencies.items() for _ in range(c))


def test_document_store_rows(sample_portfolio):
    store = document_store(sample_portfolio, "en", StoreLinks(url=Urls(sample_portfolio.vocabulary).url,
                                                            thumbnail=lambda image: "/thumb/" + image.path))
    assert [f["param"] for f in store["facets"]] == [params["en"] for _, params in FACETS.values()]
    position, marmite = next((i, e) for i, e in enumerate(sample_portfolio.enterprises)
                             if e.slug == "traiteur-la-marmite-solidaire")
    name, url, summary, summary_lang, thumbnail, facets, example = store["docs"][position]
    (page_prefix, page_suffix), (thumbnail_prefix, thumbnail_suffix) = store["affixes"]
    assert (name, page_prefix + url + page_suffix, summary_lang) == (
        "Traiteur La Marmite solidaire", "/en/enterprises/traiteur-la-marmite-solidaire/", "en")
    assert url == "traiteur-la-marmite-solidaire" and summary.startswith("A work-integration caterer")
    assert thumbnail_prefix + thumbnail + thumbnail_suffix == "/thumb/" + marmite.logo.path
    sectors = [store["facets"][0]["terms"][n][0] for n in facets[0]]
    assert sectors == ["alimentation-traiteur", "evenementiel"]
    assert example == 1


def test_missing_node_modules_fails_clearly(tmp_path):
    with pytest.raises(MissingNodeModules, match="npm ci"):
        node_file("lunr", "lunr.min.js", root=tmp_path)
