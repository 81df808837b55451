"""The shipped JavaScript (pinned lunr.js, lunr-languages, our search-core.js) under node, against
what Python builds: same terms, same folding, same index, expected answers to a fixed query set."""

import json
from pathlib import Path

import pytest

from portfolio.search import pipeline
from portfolio.territories import ancestors
from portfolio.textfold import fold

from .node_runner import run_node

DATA = Path(__file__).with_name("data")
PIPELINES = {"fr": ["trimmer-fr", "stopWordFilter-fr", pipeline.FOLD, "stopWordFilter-fr-folded", "stemmer-fr"],
             "en": [pipeline.FOLD, "trimmer", "stopWordFilter", "stemmer-en"]}


def words(name):
    return (DATA / name).read_text(encoding="utf-8").split()


@pytest.mark.parametrize("lang, name", [("fr", "french-words.txt"), ("en", "english-words.txt")])
def test_python_and_javascript_stems_agree(lang, name):
    texts = words(name)
    assert len(texts) > 300
    javascript = run_node("terms", pipeline=PIPELINES[lang], texts=texts)
    disagreements = [(t, pipeline.terms(t, lang), js) for t, js in zip(texts, javascript) if pipeline.terms(t, lang) != js]
    assert not disagreements


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_python_and_javascript_agree_on_whole_texts(sample_portfolio, lang):
    texts = [e.description.get(lang) + " " + e.summary.get(lang) for e in sample_portfolio.enterprises]
    assert run_node("terms", pipeline=PIPELINES[lang], texts=texts) == [pipeline.terms(t, lang) for t in texts]


def test_python_and_javascript_drop_the_same_folded_stop_words():
    texts = ["boite a lunch", "boîte à lunch", "meme ete", "même été"]
    javascript = run_node("terms", pipeline=PIPELINES["fr"], texts=texts)
    assert javascript == [pipeline.terms(t, "fr") for t in texts]
    assert javascript[0] == javascript[1] and javascript[2] == javascript[3] == []


def test_python_and_javascript_fold_alike():
    texts = ["Économie", "ŒUVRE cœur", "Æsop", "Straße", "naïve Noël", "Côte-des-Neiges–Notre-Dame-de-Grâce",
             "garçon", "ÎLE", "Ü ù û", "crème brûlée"]
    assert run_node("fold", texts=texts) == [fold(t) for t in texts]


def _search(search_dir, lang, queries):
    answers = run_node("search", folder=str(search_dir), lang=lang, queries=queries)
    return [answers[json.dumps([q["query"], q.get("facets")], separators=(",", ":"), ensure_ascii=False)] for q in queries]


def _slugs(answer):
    return [url.rstrip("/").rsplit("/", 1)[1] for url in answer["urls"]]


FRENCH = [
    # query, slugs expected first (in order), slugs that must be present, typo fallback used
    ("traiteur", ["traiteur-la-marmite-solidaire"], [], False),
    ("trait", [], ["traiteur-la-marmite-solidaire"], False),
    ("Marmitte", ["traiteur-la-marmite-solidaire"], [], True),
    ("boîtes à lunch", ["traiteur-la-marmite-solidaire"], [], False),
    ("catering", [], ["traiteur-la-marmite-solidaire"], False),
    ("entretien ménager", [], ["l-entraide-services-a-domicile"], False),
    ("ordinateurs reconditionnés", ["atelier-informatique-le-reboot"], [], False),
    ("velo", [], ["cooperative-l-echappee"], False),
    ("déneigement", ["jardins-du-coteau-vert"], [], False),
]
ENGLISH = [
    ("catering", [], ["traiteur-la-marmite-solidaire"], False),
    ("boxed lunch", ["traiteur-la-marmite-solidaire"], [], False),
    ("refurbished computers", ["atelier-informatique-le-reboot"], [], False),
    ("snow", ["jardins-du-coteau-vert"], [], False),
    ("traiteur", [], ["traiteur-la-marmite-solidaire"], False),
    ("bike", [], ["cooperative-l-echappee"], False),
]


@pytest.mark.parametrize("lang, cases", [("fr", FRENCH), ("en", ENGLISH)])
def test_fixed_queries_give_expected_results(search_dir, lang, cases):
    answers = _search(search_dir, lang, [{"query": query} for query, *_ in cases])
    for (query, first, present, typo), answer in zip(cases, answers):
        slugs = _slugs(answer)
        assert slugs[:len(first)] == first, (query, slugs)
        assert set(present) <= set(slugs), (query, slugs)
        assert answer["typo"] is typo, query


def test_accents_and_capitals_do_not_change_results(search_dir):
    answers = _search(search_dir, "fr", [{"query": q} for q in ("economie", "ÉCONOMIE", "économie", "Économie")])
    assert answers[0]["urls"] and all(a["urls"] == answers[0]["urls"] for a in answers)


def test_nonsense_finds_nothing(search_dir):
    assert _search(search_dir, "fr", [{"query": "zzzqqq"}])[0]["urls"] == []


def test_a_query_fetches_only_the_shards_of_its_terms(search_dir):
    manifest = json.loads((search_dir / "search-fr.json").read_text(encoding="utf-8"))
    assert all(len(tier["shards"]) > 1 for tier in manifest["tiers"])
    exact, typo = _search(search_dir, "fr", [{"query": "traiteur"}, {"query": "Marmitte"}])
    files = manifest["files"]
    assert sorted(exact["fetched"]) == sorted([files["shard"]["main"][n] for n in _shards(manifest, 0, "traiteur")] + [
        files["shard"]["more"][n] for n in _shards(manifest, 1, "traiteur")])
    assert set(files["lexicon"].values()) <= set(typo["fetched"])
    assert len(typo["fetched"]) < sum(len(tier["shards"]) for tier in manifest["tiers"])


def _shards(manifest, tier, term):
    """Numbers of the shards of `tier` holding `term` (exactly, and as a prefix in the first tier)."""
    bounds = manifest["tiers"][tier]["shards"]
    first = max(n for n, bound in enumerate(bounds) if bound <= term)
    following = [n for n, bound in enumerate(bounds) if n > first and bound.startswith(term)] if tier == 0 else []
    return [first, *following]


def test_facets_combine_and_count(search_dir, sample_portfolio):
    store = json.loads((search_dir / "search-fr.json").read_text(encoding="utf-8"))
    number = {f["name"]: {key: n for n, (key, _) in enumerate(f["terms"])} for f in store["facets"]}
    none = [[] for _ in store["facets"]]
    sector = [[number["sector"]["formation"]], *none[1:]]
    both = [[number["sector"]["formation"]], [number["territory"]["ile-de-montreal"]], *none[2:]]
    by_sector, by_both = _search(search_dir, "fr", [{"query": "", "facets": sector}, {"query": "", "facets": both}])
    expected = {e.slug for e in sample_portfolio.enterprises if any(s.key == "formation" for s in e.sectors)}
    assert set(_slugs(by_sector)) == expected and len(expected) > 1
    island = {"ile-de-montreal", *ancestors(sample_portfolio.vocabulary, "ile-de-montreal")}  # territories nest
    assert set(_slugs(by_both)) == {s for s in expected if any(
        t.key in island for e in sample_portfolio.enterprises if e.slug == s for t in e.territories)}
    assert 0 < len(_slugs(by_both)) < len(expected)
    # The counts of the sector facet ignore its own selection; the others follow it.
    counts = by_sector["counts"]
    assert counts[0][str(number["sector"]["alimentation-traiteur"])] == 2
    assert counts[1][str(number["territory"]["ile-de-montreal"])] == len(_slugs(by_both))
