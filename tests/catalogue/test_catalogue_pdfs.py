"""The PDF catalogues of the built sample site: every enterprise, a table of contents whose page numbers
point to the right pages, an index in the whole catalogue only, running headers, page numbers, metadata and
text in the right language."""

import re
import subprocess

import pytest
from pypdf import PdfReader

from portfolio.records.load import load_portfolio
from portfolio.site.urls import slugify
from support.tools import REPO, require

TITLES = {"fr": "Catalogue des fournisseurs d’économie sociale", "en": "Catalogue of social-economy suppliers"}
CONTENTS = {"fr": "Table des matières", "en": "Contents"}
INDEX = {"fr": "Index des entreprises", "en": "Index of the enterprises"}
TOC_LINE = re.compile(r"^(?P<label>\S.*?)\s*\.{3,}\s*(?P<page>\d+)$")


@pytest.fixture(scope="module")
def portfolio():
    return load_portfolio(REPO).portfolio


def pages_of(pdf) -> list[str]:
    """Text of each page, as pdftotext gives it."""
    tool = require("pdftotext")
    text = subprocess.run([tool, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    return text.split("\f")[:-1]


def header(page: str) -> list[str]:
    """The first lines of a page: the running header (initiative, sector)."""
    return [line.strip() for line in page.splitlines() if line.strip()][:2]


def flat(text: str) -> str:
    return " ".join(text.split())


def catalogues(built_site, portfolio):
    """(lang, pdf path, expected enterprise names, sector term or None) of every catalogue PDF."""
    found = []
    for lang, folder in (("fr", built_site / "catalogue"), ("en", built_site / "en" / "catalogue")):
        found.append((lang, folder / f"catalogue-{lang}.pdf", {e.name for e in portfolio.enterprises}, None))
        for key, enterprises in portfolio.by_term("sectors").items():
            pdfs = list(folder.glob(f"*/catalogue-*-{lang}.pdf"))
            sector = portfolio.vocabulary["sectors"][key]
            segment = key if lang == "fr" else slugify(sector.en)
            match = [p for p in pdfs if p.parent.name == segment]
            assert len(match) == 1, f"no PDF for sector {key} in {lang}"
            found.append((lang, match[0], {e.name for e in enterprises}, sector))
    return found


def test_every_catalogue_pdf_holds_its_enterprises(built_site, portfolio):
    for lang, pdf, names, _sector in catalogues(built_site, portfolio):
        text = flat(" ".join(pages_of(pdf)))
        missing = [n for n in names if flat(n) not in text]
        assert not missing, f"{pdf.name}: missing {missing}"


def test_example_records_are_labelled(built_site, portfolio):
    examples = sum(e.example for e in portfolio.enterprises)
    for lang, label in (("fr", "Fiche d’exemple"), ("en", "Example listing")):
        text = flat(" ".join(pages_of(built_site / ("en/" if lang == "en" else "") / "catalogue" / f"catalogue-{lang}.pdf")))
        assert text.count(label) == examples


def toc(pages: list[str]) -> list[tuple[str, int]]:
    entries = [(m["label"].strip(), int(m["page"])) for line in pages[1].splitlines()
               if (m := TOC_LINE.match(line.strip()))]
    assert entries, "no table of contents entry with a page number on page 2"
    return entries


def test_facts_run_in_after_their_label_and_the_contact_on_one_line(built_site, portfolio):
    """Each fact's label ends with the language's colon (a space before it in French), and the contact's
    email, phone, website and address run on, separated by middle dots (compared without spaces and
    hyphens: pdftotext breaks lines inside addresses and drops some hyphens at the end of a line)."""
    colon = {"fr": "Secteurs :", "en": "Sectors:"}
    def bare(text: str) -> str:
        return "".join(text.split()).replace("-", "")

    for lang, folder in (("fr", built_site / "catalogue"), ("en", built_site / "en" / "catalogue")):
        text = flat(" ".join(pages_of(folder / f"catalogue-{lang}.pdf")))
        assert text.count(colon[lang]) == len(portfolio.enterprises), lang
        for enterprise in portfolio.enterprises:
            contact = enterprise.public_contact
            parts = [contact.email, contact.phone, enterprise.website, enterprise.address.street]
            assert bare(" · ".join(filter(None, parts))) in bare(text), f"{lang}: {enterprise.name}"


def test_table_of_contents_points_to_the_right_pages(built_site, portfolio):
    for lang, pdf, names, sector in catalogues(built_site, portfolio):
        pages = pages_of(pdf)
        entries = toc(pages)
        if sector is None:
            expected = {portfolio.vocabulary["sectors"][k].label(lang) for k in portfolio.by_term("sectors")}
            assert {label for label, _ in entries} == expected
        else:
            assert {label for label, _ in entries} == names
        for label, number in entries:
            page = pages[number - 1]
            assert flat(label) in flat(page), f"{pdf.name}: « {label} » is not on page {number}"
            if sector is None:  # sectors flow: the running header names the first sector of the page
                assert header(page)[-1] in expected, f"{pdf.name}: no sector in the running header of page {number}"


def test_a_sector_catalogue_lists_its_enterprises_in_order_once(built_site, portfolio):
    """Its contents are the alphabetical list of its enterprises: an index at the end would repeat them."""
    for lang, pdf, names, sector in catalogues(built_site, portfolio):
        pages = pages_of(pdf)
        assert any(INDEX[lang] in page for page in pages) == (sector is None), pdf.name
        if sector is not None:
            listed = [label for label, _ in toc(pages)]
            order = [e.name for e in portfolio.enterprises if e.name in names]
            assert listed == order, pdf.name


def test_pages_are_numbered_and_headed_with_their_sector(built_site, portfolio):
    for lang, pdf, _names, sector in catalogues(built_site, portfolio):
        pages = pages_of(pdf)
        total = len(pages)
        for number, page in enumerate(pages[1:], start=2):
            assert re.search(rf"(?m)^{number}\s*/\s*{total}$", page), f"{pdf.name}: no page number on page {number}"
        if sector is not None:
            for number, page in enumerate(pages[2:], start=3):
                assert sector.label(lang) in header(page), f"{pdf.name}: no running header on page {number}"


def test_metadata_and_language(built_site, portfolio):
    for lang, pdf, _names, sector in catalogues(built_site, portfolio):
        reader = PdfReader(pdf)
        assert reader.trailer["/Root"]["/Lang"] == lang
        assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"], "the PDF is not tagged"
        title = reader.metadata.title
        assert title.startswith(TITLES[lang]) and (sector is None or sector.label(lang) in title)
        text = " ".join(pages_of(pdf)[:2])
        assert CONTENTS[lang] in text and CONTENTS["en" if lang == "fr" else "fr"] not in text


def test_pages_render_to_images(built_site, tmp_path):
    """pdftoppm renders the cover and the first pages (and a person looks at them: see benchmarks/catalogue_build.py --pages)."""
    tool = require("pdftoppm")
    subprocess.run([tool, "-r", "40", "-png", "-f", "1", "-l", "3", str(built_site / "catalogue" / "catalogue-fr.pdf"),
                    str(tmp_path / "page")], check=True)
    from PIL import Image
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == 3
    for image in images:
        with Image.open(image) as opened:
            darkest = opened.convert("L").getextrema()[0]
        assert darkest < 100, f"{image.name} looks blank"
