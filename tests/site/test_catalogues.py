"""Gettext catalogues: complete in both languages, and every string the templates and stages use is in one."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from portfolio.site.i18n import load_translations

REPO = Path(__file__).resolve().parents[2]
TRANSLATIONS = REPO / "theme" / "translations"
STAGE_PACKAGES = ["site", "content", "search", "catalogue", "exports"]
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}


def catalogues(lang):
    for po in sorted((TRANSLATIONS / lang / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as handle:
            yield po.name, read_po(handle, locale=lang)


def used_messages() -> dict:
    """msgid (or (singular, plural)) -> where it is used."""
    found = {}
    templates = extract_from_dir(REPO / "theme" / "templates", [("**.html", "jinja2")],
                                 options_map={"**.html": JINJA_OPTIONS})
    for filename, lineno, message, _comments, _context in templates:
        found.setdefault(message, f"theme/templates/{filename}:{lineno}")
    for package in STAGE_PACKAGES:
        folder = REPO / "plugins" / "portfolio" / package
        if folder.is_dir():
            for filename, lineno, message, _c, _x in extract_from_dir(
                    folder, [("**.py", "python")], keywords={"_": None, "gettext": None, "ngettext": (1, 2)}):
                found.setdefault(message, f"plugins/portfolio/{package}/{filename}:{lineno}")
    return found


def known_ids(lang) -> set:
    return {m.id if isinstance(m.id, str) else m.id[0] for _name, cat in catalogues(lang) for m in cat if m.id}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_used_string_is_in_a_catalogue(lang):
    ids = known_ids(lang)
    missing = {m if isinstance(m, str) else m[0]: where for m, where in used_messages().items()
               if (m if isinstance(m, str) else m[0]) not in ids}
    assert not missing, f"strings missing from the {lang} catalogues: {missing}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_catalogues_are_complete(lang):
    problems = []
    for name, catalog in catalogues(lang):
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy or not all(strings):
                problems.append(f"{name}: {message.id!r}")
    assert not problems, f"untranslated or fuzzy entries in {lang}: {problems}"


def test_both_languages_have_the_same_catalogues_and_messages():
    fr = {name: {m.id for m in cat if m.id} for name, cat in catalogues("fr")}
    en = {name: {m.id for m in cat if m.id} for name, cat in catalogues("en")}
    assert fr.keys() == en.keys()
    for name in fr:
        assert fr[name] == en[name], name


def test_french_plurals_follow_french_rules():
    translations = load_translations(TRANSLATIONS, "fr")
    assert translations.ngettext("%(num)d enterprise", "%(num)d enterprises", 0) == "%(num)d entreprise"
    assert translations.ngettext("%(num)d enterprise", "%(num)d enterprises", 2) == "%(num)d entreprises"
    assert load_translations(TRANSLATIONS, "en").gettext("Other language name") == "Français"


FRENCH_PUNCTUATION = re.compile(r"(?:[^\u00a0\u202f]|^)[;!?»]|«(?:[^\u00a0\u202f]|$)|[^\u00a0\u202f\d/]:(?:\s|$)")


def test_french_messages_follow_french_typography():
    """A no-break space comes before ; : ! ? » and after « (the initiative's own name excepted)."""
    wrong = [(name, message.string) for name, catalogue in catalogues("fr") for message in catalogue if message.id
             for text in ([message.string] if isinstance(message.string, str) else message.string)
             if FRENCH_PUNCTUATION.search(text.replace("j’achète!", "").replace("j'achète!", ""))]
    assert not wrong, "\n".join(f"{name}: {text}" for name, text in wrong)
