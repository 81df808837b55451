"""Every field of the form has its words: each schema title in the validator's catalogue and each schema
description in contribute.po, in French (English reads the schema's own words), so that a field added to a
schema without its translation fails here."""

import pytest
from babel.messages.pofile import read_po

from form_support import config
from portfolio.contribute.schemaform import titles_and_descriptions
from portfolio.records.messages import catalogue_path
from portfolio.settings import REPOSITORY


def _translated(path) -> dict[str, str]:
    with path.open("rb") as po:
        return {m.id: m.string for m in read_po(po) if m.id and m.string and not m.fuzzy}


def test_every_title_and_description_has_its_french_words():
    titles, descriptions = titles_and_descriptions()
    validator = _translated(catalogue_path("fr"))
    form = _translated(REPOSITORY / "theme" / "translations" / "fr" / "LC_MESSAGES" / "contribute.po")
    assert [t for t in titles if t not in validator] == []
    assert [d for d in descriptions if d not in form] == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_form_description_carries_every_term_and_message(lang):
    described = config(lang)
    assert described["terms"]["vocabulary.schema.json#/$defs/sector"]["alimentation-traiteur"]
    assert all(described["messages"].values()) and all(all(pair) for pair in described["plurals"].values())
    assert described["titles"]["postal code"] == {"fr": "code postal", "en": "postal code"}[lang]
