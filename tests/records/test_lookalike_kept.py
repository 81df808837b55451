"""The confusable classes of lookalike.py are kept in the build's cache folder and read back as they were
made: the names that read alike are the same."""

import pytest

from portfolio.records import lookalike
from portfolio.engine.cache import keep_in
from portfolio.records.lookalike import name_keys


@pytest.fixture
def fresh_classes():
    lookalike._classes.cache_clear()
    yield
    keep_in(None)
    lookalike._classes.cache_clear()


def test_the_classes_are_read_back_from_the_cache_folder(tmp_path, monkeypatch, fresh_classes):
    made = lookalike._classes()  # no cache folder: made here
    keep_in(tmp_path)
    lookalike._classes.cache_clear()
    assert lookalike._classes()[0] == made[0]
    [kept] = (tmp_path / lookalike.CACHE_KIND).iterdir()

    lookalike._classes.cache_clear()  # as in the next build's process
    monkeypatch.setattr(lookalike, "_joined", lambda: pytest.fail("made again"))
    representative, longer = lookalike._classes()
    assert representative == made[0] and longer.pattern == made[1].pattern
    assert name_keys("\u0406ris") == name_keys("Iris")  # Cyrillic І
    assert name_keys("Iris") & name_keys("lris") and name_keys("Coop burn") & name_keys("coop bum")
    assert list((tmp_path / lookalike.CACHE_KIND).iterdir()) == [kept]
