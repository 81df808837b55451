"""What the build makes once in a process without being given the settings is kept in the build's cache
folder (engine/cache.keep_in) and read back by any process of a build (the language written beside the other
one included): the confusable classes of lookalike.py (the names that read alike are the same) and the
validator's compiled message catalogues (a damaged one is compiled again)."""

import pytest

from portfolio.engine.cache import keep_in
from portfolio.records import lookalike, messages
from portfolio.records.lookalike import name_keys
from portfolio.records.messages import Messages

MESSAGE = "This file could not be checked because of an unexpected problem ({problem}); please report it."


@pytest.fixture
def made_afresh():
    """Nothing made yet in this process, no cache folder named; the same once the test is done."""
    lookalike._classes.cache_clear()
    messages.translations.cache_clear()
    yield
    keep_in(None)
    lookalike._classes.cache_clear()
    messages.translations.cache_clear()


def test_the_classes_are_read_back_from_the_cache_folder(tmp_path, monkeypatch, made_afresh):
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


def test_the_catalogues_are_read_back_from_the_cache_folder(tmp_path, monkeypatch, made_afresh):
    made = Messages("fr")(MESSAGE, problem="x")  # no cache folder: compiled here
    assert made != MESSAGE.format(problem="x")
    keep_in(tmp_path)
    messages.translations.cache_clear()
    assert Messages("fr")(MESSAGE, problem="x") == made
    [kept] = (tmp_path / messages.CACHE_KIND).iterdir()
    messages.translations.cache_clear()  # as in the next process of the build
    monkeypatch.setattr(messages, "read_po", lambda *args, **kwargs: pytest.fail("compiled again"))
    assert Messages("fr")(MESSAGE, problem="x") == made
    assert list((tmp_path / messages.CACHE_KIND).iterdir()) == [kept]


def test_a_damaged_catalogue_is_compiled_again(tmp_path, made_afresh):
    keep_in(tmp_path)
    made = Messages("en")(MESSAGE, problem="y")
    [kept] = (tmp_path / messages.CACHE_KIND).iterdir()
    kept.write_bytes(b"not a catalogue")
    messages.translations.cache_clear()
    assert Messages("en")(MESSAGE, problem="y") == made
    assert kept.read_bytes() != b"not a catalogue"
