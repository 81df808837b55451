"""The validator's catalogues: complete in French, in step with the code and the schema titles."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from portfolio.records.messages import Messages, catalogue_path

PLUGIN = Path(__file__).resolve().parents[2] / "plugins" / "portfolio"
SCHEMA = PLUGIN.parents[1] / "schema"
SOURCES = sorted((PLUGIN / "records").glob("*.py")) + [PLUGIN / "validate.py"]
KEYWORDS = {"N_": None, "plural": (1, 2)}


def catalogue(lang):
    with catalogue_path(lang).open("rb") as po:
        return read_po(po, locale=lang)


def code_msgids() -> set[str]:
    found = set()
    for source in SOURCES:
        for _, message, _, _ in extract_from_file("python", str(source), keywords=KEYWORDS):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


def schema_titles() -> set[str]:
    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("title"), str):
                yield node["title"]
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)
    return {t for path in SCHEMA.glob("*.schema.json") for t in walk(json.loads(path.read_text("utf-8")))}


def test_french_catalogue_is_complete_and_not_fuzzy():
    problems = [m.id for m in catalogue("fr") if m.id and (m.fuzzy or not all(
        m.string if isinstance(m.string, tuple) else [m.string]))]
    assert problems == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_message_of_the_code_is_in_the_catalogue(lang):
    ids = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalogue(lang) if m.id}
    assert len(code_msgids()) > 50
    assert code_msgids() - ids == set()


def test_every_schema_title_has_a_french_translation():
    say = Messages("fr")
    titles = schema_titles()
    assert "postal code" in titles
    same_in_french = {"date", "description", "photo", "photos", "logo", "latitude", "longitude", "contact",
                      "certification", "certifications", "institution"}
    untranslated = {t for t in titles if say.term(t) == t and t not in same_in_french}
    assert untranslated == set()
    ids = {m.id for m in catalogue("fr") if m.id}
    assert titles - ids == set()


def test_french_translations_keep_the_placeholders():
    for message in catalogue("fr"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(re.findall(r"\{(\w+)", ids[-1]))
        for string in strings:
            assert set(re.findall(r"\{(\w+)", string)) == wanted, message.id


def test_plural_forms_follow_french_rules():
    say = Messages("fr")
    assert say.plural("{count} error", "{count} errors", 0) == "0 erreur"
    assert say.plural("{count} error", "{count} errors", 1) == "1 erreur"
    assert say.plural("{count} error", "{count} errors", 2) == "2 erreurs"
    assert Messages("en").plural("{count} error", "{count} errors", 0) == "0 errors"
