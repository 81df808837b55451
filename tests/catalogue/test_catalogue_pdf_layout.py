"""The PDF catalogues on paper: at least three enterprises a page, no block split across pages, an alphabetical
index of the enterprises with their page numbers, a structure tree and the document language."""

import re

import pytest
from pypdf import PdfReader

from portfolio.records.load import load_portfolio
from support.tools import REPO

FILES = {"fr": "catalogue/catalogue-fr.pdf", "en": "en/catalogue/catalogue-en.pdf"}
INDEX = {"fr": "Index des entreprises", "en": "Index of the enterprises"}


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'"))


@pytest.fixture(scope="module")
def enterprises():
    return load_portfolio(REPO).portfolio.enterprises


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_whole_catalogue_flows_and_ends_with_an_index(built_site, enterprises, lang):
    reader = PdfReader(built_site / FILES[lang])
    pages = [flat(page.extract_text()) for page in reader.pages]
    index_at = next(n for n, text in enumerate(pages) if INDEX[lang] in text)
    content = range(2, index_at)  # after the cover and the table of contents
    where = {}
    for e in enterprises:
        found = [n for n in content if flat(e.name) in pages[n] and e.contact.email in pages[n]]
        assert found, f"{e.name}: its name and its contact are not on one page"
        where[e.slug] = found[0]
    assert len(enterprises) / len(content) >= 3  # 3.5 with the sample (14 on 4 pages): a margin above the 2
    index = " ".join(pages[index_at:])
    listed = re.findall(r"([^.]+?) \.{3,} ?(\d+)", index.split(INDEX[lang], 1)[1])
    numbers = {name.strip(): int(number) for name, number in listed}
    for e in enterprises:
        assert numbers[flat(e.name)] == where[e.slug] + 1, e.name
    names = [name.strip() for name, _ in listed]
    assert len(names) == len(enterprises)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_catalogues_are_tagged_with_their_language(built_site, lang):
    root = PdfReader(built_site / FILES[lang]).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == lang
