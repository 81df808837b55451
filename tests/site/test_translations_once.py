"""The theme's catalogues are compiled once in a process while their .po files are the same: the preview
server's builder builds again and again, and sees an edited translation at its next build; compiled, they are
kept in the cache folder for the next build's processes."""

import shutil

import pytest

from portfolio.site import i18n
from portfolio.site.i18n import load_translations
from support.tools import REPO


def test_an_edited_translation_is_compiled_again(tmp_path):
    translations = tmp_path / "translations"
    shutil.copytree(REPO / "theme" / "translations", translations)
    first = load_translations(translations, "fr")
    assert load_translations(translations, "fr") is first and first.gettext("Enterprises") == "Entreprises"
    po = translations / "fr" / "LC_MESSAGES" / "site.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Entreprises"', 'msgstr "Les entreprises"', 1),
                  encoding="utf-8")
    assert load_translations(translations, "fr").gettext("Enterprises") == "Les entreprises"
    assert load_translations(translations, "en") is not load_translations(translations, "fr")


def test_the_compiled_catalogues_are_kept_in_the_cache_folder(tmp_path, monkeypatch):
    translations, cache = tmp_path / "translations", tmp_path / "cache"
    shutil.copytree(REPO / "theme" / "translations", translations)
    made = load_translations(translations, "fr", cache).gettext("Enterprises")
    [kept] = (cache / "translations").glob("fr-*")
    i18n._compiled.cache_clear()  # as in another process
    monkeypatch.setattr(i18n, "merged_catalog", lambda *_: pytest.fail("compiled again"))
    assert load_translations(translations, "fr", cache).gettext("Enterprises") == made == "Entreprises"
    monkeypatch.undo()

    po = translations / "fr" / "LC_MESSAGES" / "site.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Entreprises"', 'msgstr "Les entreprises"', 1),
                  encoding="utf-8")
    assert load_translations(translations, "fr", cache).gettext("Enterprises") == "Les entreprises"
    [now] = (cache / "translations").glob("fr-*")
    assert now != kept  # the earlier one removed

    now.write_bytes(b"\xde\x12\x04\x95 not a catalogue")
    i18n._compiled.cache_clear()
    assert load_translations(translations, "fr", cache).gettext("Enterprises") == "Les entreprises"
