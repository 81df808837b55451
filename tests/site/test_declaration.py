"""The declaration is the initiative's own text, word for word; the site claims no signature that is not
recorded and shows no invented enterprise on a real institution's page without its label."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

from portfolio.records.load import load_portfolio
from support.html_text import blocks, normalise, text_of_class
from support.tools import IN_CI, REPO

SEED = REPO.parent / "shared" / "seed"
# The article of a record -> how the French name follows it (written here again, not imported).
ARTICLES = {"le": "le ", "la": "la ", "l'": "l'", "les": "les ", "none": "", None: ""}
SIGNATORY_WORDS = re.compile(r"\bsignataire|\bsign[ée]e?s?\b|\bsignator|\bsigned\b", re.I)


@lru_cache(maxsize=1)
def sample():
    return load_portfolio(REPO).portfolio


def seed_declaration() -> str:
    """The declaration as the initiative's document writes it, from its title to « Date »."""
    documents = [p.read_text(encoding="utf-8") for p in sorted(SEED.glob("*.txt"))] if SEED.is_dir() else []
    found = [text for text in documents if "DÉCLARATION D'ENGAGEMENT" in text]
    if not found:
        message = f"the initiative's document is not in {SEED}"
        pytest.fail(message) if IN_CI else pytest.skip(message)
    text = found[0]
    start = text.index("DÉCLARATION D'ENGAGEMENT")
    end = text.index("\nDate\n", start) + len("\nDate")
    lines = [re.sub(r"^- ", "", line.strip()) for line in text[start:end].splitlines()]
    return normalise(" ".join(lines).replace("**", ""))


def french_name(institution, capital: bool) -> str:
    name = ARTICLES[institution.article] + institution.name.fr
    return name[:1].upper() + name[1:] if capital else name


@pytest.mark.parametrize("slug", [i.slug for i in sample().institutions])
def test_french_declaration_is_the_initiative_text_word_for_word(built_site, slug):
    institution = next(i for i in sample().institutions if i.slug == slug)
    first, rest = seed_declaration().split("XX", 1)
    expected = normalise(first + french_name(institution, True) + rest.replace("XX", french_name(institution, False)))
    built = text_of_class(built_site / "declaration" / slug / "index.html", "declaration-text",
                          skip_class="signature-value")
    assert built == expected


def test_every_institution_has_its_article_and_the_sentence_reads_with_it(built_site):
    text = text_of_class(built_site / "declaration" / "stm" / "index.html", "declaration-text")
    assert "La Société de transport de Montréal S'ENGAGE" in text
    assert "Pour la Société de transport de Montréal" in text
    assert all(i.article for i in sample().institutions)


def test_english_declaration_is_marked_as_a_translation(built_site):
    page = built_site / "en" / "declaration" / "stm" / "index.html"
    notes = [b for b in blocks(page) if "translation-note" in b.classes]
    assert notes and "/declaration/stm/" in notes[0].links
    assert "COMMITS" in text_of_class(page, "declaration-text")


def names(institution) -> set[str]:
    found = {institution.name.fr, institution.name.get("en")}
    return found | ({institution.short_name} if institution.short_name else set())


def test_no_page_calls_an_institution_a_signatory_without_a_recorded_signature(built_site):
    unsigned = [i for i in sample().institutions if not (i.declaration and i.declaration.signed)]
    assert unsigned
    claims = []
    for page in sorted(built_site.rglob("*.html")):
        for block in blocks(page):
            if SIGNATORY_WORDS.search(block.text):
                claims += [f"{page.relative_to(built_site)}: {block.text[:160]}"
                           for i in unsigned if any(re.search(rf"\b{re.escape(n)}\b", block.text) for n in names(i))]
    assert not claims, "\n".join(claims)


def test_signature_pages_list_only_recorded_signatures(built_site):
    for path, text in (("declaration/signataires/index.html", "Aucune signature de la déclaration n'est encore"),
                       ("en/declaration/signatories/index.html", "No signature of the declaration is recorded")):
        page = built_site / path
        assert not any("/institutions/" in link for b in blocks(page) if b.tag == "tr" for link in b.links)
        assert any(text in b.text for b in blocks(page))
    home = " ".join(b.text for b in blocks(built_site / "index.html"))
    assert "19 institutions participantes" in home and "signataire" not in home


@pytest.mark.parametrize("lang, label", [("fr", "Fiche d'exemple"), ("en", "Example listing")])
def test_real_institutions_pages_label_every_example_enterprise(built_site, lang, label):
    examples = {e.slug for e in sample().enterprises if e.example}
    shown = 0
    for institution in sample().institutions:
        folder = built_site / ("en/" if lang == "en" else "") / "institutions" / institution.slug
        for block in blocks(folder / "index.html"):
            linked = {link.rstrip("/").rsplit("/", 1)[-1] for link in block.links
                      if "/entreprises/" in link or "/enterprises/" in link}
            if block.tag == "li" and linked & examples:
                shown += 1
                assert label in block.text, (institution.slug, block.text)
    assert shown


def test_home_counts_say_the_enterprises_are_examples(built_site):
    home = " ".join(b.text for b in blocks(built_site / "index.html"))
    assert f"{len(sample().enterprises)} fiches d'exemple (entreprises inventées)" in home
    initiative = " ".join(b.text for b in blocks(built_site / "initiative" / "index.html"))
    assert "http://www.economiesocialemontreal.net/jachete/" in initiative
