"""The validator's compiled message catalogues are kept in the build's cache folder and read back, by any
process of a build (the language written beside the other one included); a damaged one is compiled again."""

import pytest

from portfolio.engine.cache import keep_in
from portfolio.records import messages
from portfolio.records.messages import Messages

MESSAGE = "This file could not be checked because of an unexpected problem ({problem}); please report it."


@pytest.fixture
def fresh_catalogues():
    messages.translations.cache_clear()
    yield
    keep_in(None)
    messages.translations.cache_clear()


def test_the_catalogues_are_read_back_from_the_cache_folder(tmp_path, monkeypatch, fresh_catalogues):
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


def test_a_damaged_catalogue_is_compiled_again(tmp_path, fresh_catalogues):
    keep_in(tmp_path)
    made = Messages("en")(MESSAGE, problem="y")
    [kept] = (tmp_path / messages.CACHE_KIND).iterdir()
    kept.write_bytes(b"not a catalogue")
    messages.translations.cache_clear()
    assert Messages("en")(MESSAGE, problem="y") == made
    assert kept.read_bytes() != b"not a catalogue"
