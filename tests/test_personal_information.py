"""Québec's privacy law: a contact person's name, email and phone are published only with a recorded consent.

The sample site (built once for the session, PDFs included) has contact people with and without a consent
date; every file it publishes is read as text (HTML with its JSON-LD, JSON of the search, shortlist,
matchmaking sheet and form, CSV, the spreadsheets unzipped, the PDFs' text)."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from portfolio.records.load import load_portfolio
from portfolio.records.model import phone_uri
from support.tools import REPO

IMAGES = {".webp", ".jpg", ".jpeg", ".png", ".ico"}  # re-encoded without metadata (tests/site/test_media.py)


def _text(path: Path) -> str:
    if path.suffix == ".pdf":
        return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(path).pages).split())
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            return "".join(archive.read(name).decode("utf-8") for name in archive.namelist())
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def published(built_site) -> dict[str, str]:
    """Every file of the built site (images apart) -> its text."""
    return {p.relative_to(built_site).as_posix(): _text(p) for p in sorted(built_site.rglob("*"))
            if p.is_file() and p.suffix not in IMAGES}


@pytest.fixture(scope="module")
def people():
    """(consented, unconsented) enterprises of the sample data."""
    enterprises = [e for e in load_portfolio(REPO).portfolio.enterprises if e.contact.person]
    return ([e for e in enterprises if e.contact.person.consent],
            [e for e in enterprises if not e.contact.person.consent])


def _traces(person) -> list[str]:
    """What would show that a person is published: name, direct email and phone, as typed and as HTML."""
    values = [person.name, person.email, person.phone, phone_uri(person.phone)]
    return sorted({form for value in values if value for form in (value, html.escape(value))})


def test_the_sample_data_has_people_with_and_without_consent(people, published):
    consented, unconsented = people
    assert len(consented) >= 3 and len(unconsented) >= 3
    assert any(e.contact.person.email for e in unconsented) and any(e.contact.person.phone for e in unconsented)
    assert any(name.endswith(".pdf") for name in published) and any(name.endswith(".xlsx") for name in published)


def test_no_file_names_a_person_without_consent(people, published):
    _, unconsented = people
    found = {(e.slug, trace, name) for e in unconsented for trace in _traces(e.contact.person)
             for name, text in published.items() if trace in text}
    assert found == set()


def test_a_person_with_consent_is_on_every_kind_of_file(people, published):
    consented, _ = people
    marmite = next(e for e in consented if e.slug == "traiteur-la-marmite-solidaire")
    person = marmite.contact.person
    export_rows = next(name for name in published if re.fullmatch(r"ma-liste/export\.[0-9a-f]+\.json", name))
    kinds = {"entreprises/traiteur-la-marmite-solidaire/index.html", "en/catalogue/index.html",
             "donnees/entreprises.csv", "donnees/entreprises.json", "donnees/entreprises.xlsx",
             export_rows, "modifier/fiches/enterprise/traiteur-la-marmite-solidaire.json"}
    pdfs = {name for name in published if name.endswith(".pdf") and person.name in published[name]}
    assert pdfs, "no PDF catalogue names the consenting person"
    for name in kinds:
        for trace in (person.name, person.email, person.phone):
            assert trace in published[name], (name, trace)
    # and the general contact of an enterprise whose person is not published is still there
    for e in people[1]:
        assert f'href="mailto:{e.contact.email}"' in published[f"entreprises/{e.slug}/index.html"], e.slug
