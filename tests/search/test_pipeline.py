"""The Python side of search: pipelines, index content, shards, document store and chunks, stage errors."""

import json
import random
import re

import pytest

from portfolio.search import pipeline, shards
from portfolio.search.documents import FACETS, FIELDS, StoreLinks, document_store, indexed_fields
from portfolio.search.index import DOCS_PER_CHUNK, NAMES, TIERS, search_files, tier_frequencies
from portfolio.search.shards import WEIGHT_SCALE, Frequencies, cut, postings
from portfolio.search.lunr_languages import MissingNodeModules, french_stop_words, node_file
from portfolio.site.hosting import fingerprinted
from portfolio.site.urls import Urls

from .conftest import build_facts
from .lunr_reference import build_index, lunr_builder


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


@pytest.mark.parametrize("tier", ["main", "more"])
def test_shard_weights_are_lunr_scores_summed_over_fields(sample_portfolio, tier, monkeypatch):
    """lunr's scores, with each field's average length rounded as the shards round it."""
    built = build_index(sample_portfolio, "fr", TIERS[tier])
    average = built._calculate_average_field_lengths

    def rounded_averages():
        average()
        built.average_field_length = {field: shards.rounded(n) for field, n in built.average_field_length.items()}

    monkeypatch.setattr(built, "_calculate_average_field_lengths", rounded_averages)
    expected = {}
    for field_ref, vector in built.build().field_vectors.items():
        ref = int(field_ref.split("/")[1])
        for term_number, score in zip(vector.elements[::2], vector.elements[1::2]):
            expected.setdefault(term_number, {}).setdefault(ref, 0)
            expected[term_number][ref] += score
    terms = sorted(built.inverted_index)
    by_term = {}
    _terms, _bounds, texts = cut(postings(Frequencies.of(built, len(sample_portfolio.enterprises))).rows)
    for piece in map(json.loads, texts):
        for term, flat in zip(piece["terms"], piece["postings"]):
            refs = [sum(flat[0:i + 1:2]) for i in range(0, len(flat), 2)]
            by_term[term] = dict(zip(refs, (w / WEIGHT_SCALE for w in flat[1::2])))
    assert list(by_term) == terms
    numbers = {term: built.inverted_index[term]["_index"] for term in terms}
    for term in terms:
        theirs = expected[numbers[term]]
        assert by_term[term].keys() == theirs.keys(), term
        assert all(abs(by_term[term][ref] - theirs[ref]) <= 0.5 / WEIGHT_SCALE + 0.002 for ref in theirs), term


def test_shards_cover_the_sorted_terms_in_order(sample_portfolio):
    built = build_index(sample_portfolio, "en", TIERS["more"])
    terms, bounds, texts = cut(postings(Frequencies.of(built, len(sample_portfolio.enterprises))).rows, limit=2_000)
    pieces = [json.loads(text) for text in texts]
    assert len(pieces) > 3 and bounds == [piece["terms"][0] for piece in pieces]
    assert [t for piece in pieces for t in piece["terms"]] == terms == sorted(built.inverted_index)
    assert all(len(text) <= 2 * 2_000 for text, piece in zip(texts, pieces) if len(piece["terms"]) > 1)


def test_after_an_edit_only_the_postings_of_its_terms_are_made_and_the_rest_is_as_a_new_build(sample_portfolio,
                                                                                               monkeypatch):
    built = build_index(sample_portfolio, "fr", TIERS["more"])
    before = Frequencies.of(built, len(sample_portfolio.enterprises))
    keys = [f"k{n}" for n in range(len(before.documents))]
    kept = postings(before, keys)
    edited = {field: dict(terms) for field, terms in before.documents[2].items()}
    edited["description"] = {**{term: 1 for term in list(edited["description"])[1:]}, "nouveautermeunique": 2}
    after = Frequencies(before.boosts, [*before.documents[:2], edited, *before.documents[3:]])
    known = {**dict(zip(keys, before.documents)), "edited": edited}
    made = record_weights_made(monkeypatch)
    monkeypatch.setattr(shards, "rounded", lambda average: 10.0)  # an edit that keeps the averages
    cold_kept = postings(before, keys)
    again = postings(after, [*keys[:2], "edited", *keys[3:]], cold_kept, known)
    made_again = {term for document in (before.documents[2], edited) for terms in document.values() for term in terms}
    assert made[0] == (None, list(range(len(keys)))), "the first build made every posting"
    assert set().union(*(terms for terms, _refs in made[1:])) == {t for t in made_again if again.holders.get(t)}, \
        "the second only the edit's terms' (those no longer held taken out)"
    assert any(terms and refs == [2] for terms, refs in made[1:]), \
        "the terms held as often as before: only the edited document's weights"
    cold = postings(after, [*keys[:2], "edited", *keys[3:]])
    assert again.rows == cold.rows and again.holders == cold.holders and again.averages == cold.averages
    old_cut, new_cut = cut(cold_kept.rows, 1_500)[2], cut(again.rows, 1_500)[2]
    assert all(any(f'"{term}"' in text for term in made_again) for text in set(new_cut) - set(old_cut)), \
        "only the shards holding an edited term change"


def record_weights_made(monkeypatch) -> list:
    """(terms, refs) of each call making posting weights (shards._Weights.rows)."""
    made, rows = [], shards._Weights.rows

    def recording(self, holders, terms, refs):
        made.append((terms, list(refs)))
        return rows(self, holders, terms, made[-1][1])

    monkeypatch.setattr(shards._Weights, "rows", recording)
    return made


def test_postings_after_random_edits_are_those_of_a_new_build(sample_portfolio, monkeypatch):
    built = build_index(sample_portfolio, "fr", TIERS["more"])
    first = Frequencies.of(built, len(sample_portfolio.enterprises))
    documents, boosts = first.documents, first.boosts
    monkeypatch.setattr(shards, "rounded", lambda average: 10.0)  # edits that keep the averages
    rng, vocabulary = random.Random(11), sorted({t for d in documents for terms in d.values() for t in terms})
    keys, kept, known = [f"k{n}" for n in range(len(documents))], None, {}
    for turn in range(12):
        for ref in rng.sample(range(len(documents)), rng.choice([1, 1, 2, 5])):
            edited = {field: dict(terms) for field, terms in documents[ref].items()}
            field = rng.choice(list(edited))
            for term in rng.sample(sorted(edited[field]), min(len(edited[field]), rng.randrange(3))):
                del edited[field][term]
            for term in rng.sample(vocabulary, rng.randrange(4)) + [f"nouveau{turn}"] * rng.randrange(2):
                edited[field][term] = rng.randrange(1, 4)
            documents[ref], keys[ref] = edited, f"k{ref}-{turn}"
        frequencies = Frequencies(boosts, list(documents))
        known.update(zip(keys, documents))
        kept = postings(frequencies, keys, kept, known)
        assert kept == postings(frequencies, keys), f"edit {turn}"


def test_a_changed_term_changes_the_shards_around_it_only():
    rng = random.Random(3)
    rows = {f"terme{n:05d}": json.dumps([1, rng.randrange(1, 99)] * rng.choice([1, 2, 5, 40])) for n in range(5_000)}
    _terms, _bounds, before = cut(rows)
    for edit in ({"terme02500": json.dumps([1, 7] * 300)}, {"terme02500a": "[1,5]"}, {"terme00000": "[2,5]"}):
        _terms, _bounds, after = cut({**rows, **edit})
        assert 1 <= len(set(after) - set(before)) <= 3 < len(after) / 10


def test_a_changed_average_makes_every_posting_again(sample_portfolio):
    built = build_index(sample_portfolio, "fr", TIERS["main"])
    before = Frequencies.of(built, len(sample_portfolio.enterprises))
    keys = [f"k{n}" for n in range(len(before.documents))]
    longer = {field: {**terms, **{f"mot{n}": 1 for n in range(50)}} for field, terms in before.documents[0].items()}
    after = Frequencies(before.boosts, [longer, *before.documents[1:]])
    known = {**dict(zip(keys, before.documents)), "longer": longer}
    again = postings(after, ["longer", *keys[1:]], postings(before, keys), known)
    assert again == postings(after, ["longer", *keys[1:]])


def test_search_files_name_every_piece_in_the_manifest_under_hashed_names(sample_portfolio):
    texts = search_files(sample_portfolio, "fr", StoreLinks(url=Urls(sample_portfolio.vocabulary).url),
                         build_facts("fr"), folder="/theme/search/")
    files = {name: json.loads(text) for name, text in texts.items()}
    manifest = files.pop("search-fr.json")
    count = len(sample_portfolio.enterprises)
    assert manifest["count"] == count and manifest["chunk"] == DOCS_PER_CHUNK
    assert manifest["folder"] == "/theme/search/"
    listed = manifest["files"]
    chunks = listed["chunk"]
    assert set(files) == {listed["facets"], listed["verified"], *chunks, *listed["lexicon"].values(),
                          *(name for names in listed["shard"].values() for name in names)}
    assert [len(listed["shard"][tier["name"]]) for tier in manifest["tiers"]] == [
        len(tier["shards"]) for tier in manifest["tiers"]]
    for name, text in texts.items():  # every name but the manifest's carries the hash of its bytes
        plain = re.sub(r"\.[0-9a-f]{10}\.json$", ".json", name)
        assert name == "search-fr.json" or name == fingerprinted(plain, text.encode("utf-8"))
    assert chunks[:2] == [fingerprinted(NAMES["chunk"].format(lang="fr", n=n), texts[chunks[n]].encode("utf-8"))
                          for n in range(2)]
    assert len(chunks) == -(-count // DOCS_PER_CHUNK)
    rows = [row for name in chunks for row in files[name]["docs"]]
    assert [row[0] for row in rows] == [e.name for e in sample_portfolio.enterprises]
    assert files[listed["facets"]]["values"] == [row[5] for row in rows]
    days = [e.last_verified.toordinal() for e in sample_portfolio.enterprises]
    assert files[listed["verified"]]["days"] == [day - min(days) for day in days]


def test_document_store_rows(sample_portfolio):
    store = document_store(sample_portfolio, "en", StoreLinks(url=Urls(sample_portfolio.vocabulary).url,
                                                            thumbnail=lambda image: "/thumb/" + image.path),
                           build_facts("en"))
    assert [f["param"] for f in store["facets"]] == [params["en"] for _, params in FACETS.values()]
    position, marmite = next((i, e) for i, e in enumerate(sample_portfolio.enterprises)
                             if e.slug == "traiteur-la-marmite-solidaire")
    name, url, summary, summary_lang, thumbnail, facets, example, badges = store["docs"][position]
    (page_prefix, page_suffix), (thumbnail_prefix, thumbnail_suffix) = store["affixes"]
    assert (name, page_prefix + url + page_suffix, summary_lang) == (
        "Traiteur La Marmite solidaire", "/en/enterprises/traiteur-la-marmite-solidaire/", "en")
    assert url == "traiteur-la-marmite-solidaire" and summary.startswith("A work-integration caterer")
    assert thumbnail_prefix + thumbnail + thumbnail_suffix == "/thumb/" + marmite.logo.path
    sectors = [store["facets"][0]["terms"][n][0] for n in facets[0]]
    assert sectors == ["alimentation-traiteur", "evenementiel"]
    assert example == 1 and badges == []


def test_document_store_rows_made_by_runs_are_the_same(sample_portfolio):
    links = StoreLinks(url=Urls(sample_portfolio.vocabulary).url, thumbnail=lambda image: "/thumb/" + image.path)
    enterprises, seen = sample_portfolio.enterprises, []

    def runs(make, also):
        seen.append(also)
        return [make(n, enterprises[n:n + 2]) for n in range(0, len(enterprises), 2)]

    assert document_store(sample_portfolio, "en", links, build_facts("en"), runs) == document_store(
        sample_portfolio, "en", links, build_facts("en"))
    assert "en" in seen[0] and build_facts("en").today in seen[0], "the rows depend on the language and the date"


def test_missing_node_modules_fails_clearly(tmp_path):
    with pytest.raises(MissingNodeModules, match="npm ci"):
        node_file("lunr", "lunr.min.js", root=tmp_path)


def test_known_term_frequencies_are_not_analysed_again_and_give_the_same_files(sample_portfolio, monkeypatch):
    from portfolio.search import index

    links = StoreLinks(url=Urls(sample_portfolio.vocabulary).url)
    keys = [e.slug for e in sample_portfolio.enterprises]
    known = {}
    first = index.search_files(sample_portfolio, "fr", links, build_facts("fr"), keys=keys, known=known)
    assert set(known) == set(index.TIERS) and set(known["main"]) == set(keys)
    monkeypatch.setattr(index, "terms", lambda *args: pytest.fail("analysed again although known"))
    assert index.search_files(sample_portfolio, "fr", links, build_facts("fr"), keys=keys, known=known) == first


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_term_counts_of_every_document_are_the_lunr_builders(sample_portfolio, lang):
    """tier_frequencies counts terms with pipeline.terms (one pipeline run per distinct word): the same
    counts, in the same order, as lunr's own Builder (Tokenizer, then the pipeline over every token)."""
    names = tuple(name for name, _ in FIELDS)
    texts = [indexed_fields(e, lang, names) for e in sample_portfolio.enterprises]
    texts.append({name: "Co-op – l'été, à\u00a0Montréal-Nord;\tÉTÉ  déjà-vu 3D" for name in names})
    built = lunr_builder(texts, lang, FIELDS)
    ours = tier_frequencies(texts, lang, FIELDS, [str(n) for n in range(len(texts))], {})
    for n in range(len(texts)):
        for name, _boost in FIELDS:
            theirs = dict(built.field_term_frequencies[f"{name}/{n}"])
            assert list(ours.documents[n][name].items()) == list(theirs.items()), (n, name)
