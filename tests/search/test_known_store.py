"""The term frequencies kept between builds (search/known.py): read back by key, only those a build needs,
forgotten with their documents, a damaged file taken as empty; the search files are those of a new build."""

from dataclasses import replace

from portfolio.search import index
from portfolio.search.documents import StoreLinks
from portfolio.search.known import FOLDER, KnownStore
from portfolio.site.urls import Urls

from .conftest import build_facts

FREQUENCIES = {"name": {"cafe": 2}, "offers": {}}


def test_frequencies_are_read_back_by_key_and_forgotten_with_their_documents(tmp_path):
    store = KnownStore(tmp_path, "fr")
    store.tier("main")["a"] = FREQUENCIES
    store.tier("main")["b"] = {"name": {"b": 1}}
    store.save(["a", "b"])
    again = KnownStore(tmp_path, "fr").tier("main")
    assert "a" in again and "b" in again and "c" not in again
    assert again["a"] == FREQUENCIES
    assert "a" not in KnownStore(tmp_path, "fr").tier("more") and "a" not in KnownStore(tmp_path, "en").tier("main")
    KnownStore(tmp_path, "fr").save(["a"])  # b is no longer indexed
    assert KnownStore(tmp_path, "fr").tier("main").kept() == {"a"}


def test_a_damaged_file_is_taken_as_empty(tmp_path):
    path = tmp_path / FOLDER / "fr.sqlite"
    path.parent.mkdir()
    path.write_bytes(b"not a database" * 100)
    tier = KnownStore(tmp_path, "fr").tier("main")
    assert "a" not in tier
    tier["a"] = FREQUENCIES
    tier.store.save(["a"])
    assert KnownStore(tmp_path, "fr").tier("main")["a"] == FREQUENCIES


def test_an_edit_reads_few_documents_and_gives_the_files_of_a_new_build(sample_portfolio, tmp_path, monkeypatch):
    links = StoreLinks(url=Urls(sample_portfolio.vocabulary).url)
    keys = [e.slug for e in sample_portfolio.enterprises]

    def files(portfolio, keys, kept):
        store = KnownStore(tmp_path, "fr")
        made = index.search_files(portfolio, "fr", links, build_facts("fr"), keys=keys, kept=kept,
                                  known={tier: store.tier(tier) for tier in index.TIERS})
        store.save(keys)
        return made

    kept = {}
    first = files(sample_portfolio, keys, kept)
    assert first == index.search_files(sample_portfolio, "fr", links, build_facts("fr"))
    edited = replace(sample_portfolio.enterprises[2], name="Coopérative renommée à Verdun")  # sorted elsewhere
    portfolio = replace(sample_portfolio, enterprises=[*sample_portfolio.enterprises[:2], edited,
                                                       *sample_portfolio.enterprises[3:]])
    read = []
    original = KnownStore.read
    monkeypatch.setattr(KnownStore, "read", lambda self, sql, parameters=(): read.append(parameters) or
                        original(self, sql, parameters))
    again = files(portfolio, ["edited" if e is edited else e.slug for e in portfolio.enterprises], kept)
    assert again == index.search_files(portfolio, "fr", links, build_facts("fr"))
    documents = {key for parameters in read for key in parameters[1:]}
    assert keys[2] in documents, "the edited document's earlier frequencies"
    assert len(documents) < len(keys) // 2, documents
