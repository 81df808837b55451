"""Fixtures of the search tests: the sample portfolio and its search files written to a folder."""

import pytest

from portfolio.records.load import load_portfolio
from portfolio.search.documents import StoreLinks
from portfolio.search.index import search_files
from portfolio.site.urls import Urls
from support.tools import REPO


@pytest.fixture(scope="session")
def sample_portfolio():
    result = load_portfolio(REPO)
    assert result.portfolio is not None, result.diagnostics
    return result.portfolio


@pytest.fixture(scope="session")
def search_dir(sample_portfolio, tmp_path_factory):
    """Folder with the search files of the sample portfolio in both languages, cut into small shards so that
    queries fetch some of them only."""
    folder = tmp_path_factory.mktemp("search")
    links = StoreLinks(url=Urls(sample_portfolio.vocabulary).url)
    for lang in ("fr", "en"):
        for name, text in search_files(sample_portfolio, lang, links, shard_bytes=1_500).items():
            (folder / name).write_text(text, encoding="utf-8")
    return folder
