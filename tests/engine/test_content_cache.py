"""Pelican's cache of what its readers made of the hand-written content: in the build's cache folder, in a
folder of its settings (engine/start.py, place_content_cache), holding every content file once built."""

import pickle

from pelican.settings import DEFAULT_CONFIG

from portfolio.engine.start import CONTENT_CACHE, place_content_cache
from support.site import build_site
from support.tools import REPO


def placed(cache, **settings) -> dict:
    pelican = {**DEFAULT_CONFIG, "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, **settings}
    place_content_cache(pelican, cache)
    return pelican


def test_the_cache_is_the_builds_and_named_after_the_settings(tmp_path):
    first = placed(tmp_path)["CACHE_PATH"]
    assert first.startswith(str(tmp_path / CONTENT_CACHE)) and placed(tmp_path)["CACHE_PATH"] == first
    (tmp_path / CONTENT_CACHE / first.rsplit("/", 1)[1]).mkdir(parents=True)
    other = placed(tmp_path, MARKDOWN={"extensions": []})["CACHE_PATH"]
    assert other != first
    assert [p.name for p in (tmp_path / CONTENT_CACHE).iterdir()] == [], "the other settings' folder stays"


def test_without_a_cache_folder_nothing_is_cached():
    pelican = placed(None)
    assert not pelican["CACHE_CONTENT"] and not pelican["LOAD_CONTENT_CACHE"]


def test_a_build_keeps_what_the_readers_made_of_every_content_file(tmp_path):
    build_site(tmp_path / "out", extra_env={"PORTFOLIO_CACHE": str(tmp_path / "cache")})
    kept = {}
    for readers in (tmp_path / "cache" / CONTENT_CACHE).glob("*/*-Readers"):
        with readers.open("rb") as handle:
            kept.update(pickle.load(handle))
    assert set(kept) == {str(p) for p in (REPO / "content").rglob("*.md")}
