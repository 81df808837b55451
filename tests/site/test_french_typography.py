"""French typography on every built French page: typographic apostrophes in the interface and generated
text (records keep what their authors typed), « 1er » for the first day of a month."""

import re
from functools import lru_cache
from html.parser import HTMLParser

import yaml

from portfolio.site.frenchtext import apostrophes, first_of_month
from support.tools import REPO

STRAIGHT = re.compile(r"\w+'\w+")
MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
FIRST_WITHOUT_ER = re.compile(rf"(?<![\d/.-])1[ \u00a0\u202f]({MONTHS})")
ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


class _Texts(HTMLParser):
    """Visible text and text attributes of a page (not scripts, styles or JSON-LD)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style", "template")
        self.texts += [value for name, value in attrs if name in ATTRIBUTES and value]

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style", "template")

    def handle_data(self, data):
        if not self._skip:
            self.texts.append(data)


@lru_cache(maxsize=1)
def record_words() -> set[str]:
    """Words with an apostrophe that records and data files hold as their authors typed them."""
    def strings(value):
        if isinstance(value, dict):
            return [s for item in value.values() for s in strings(item)]
        if isinstance(value, list):
            return [s for item in value for s in strings(item)]
        return [value] if isinstance(value, str) else []

    files = [*REPO.glob("enterprises/*.yaml"), *REPO.glob("institutions/*.yaml"), REPO / "data" / "results.yaml"]
    return {word for path in files for text in strings(yaml.safe_load(path.read_text(encoding="utf-8")))
            for word in STRAIGHT.findall(text)}


def french_pages(site):
    return [p for p in sorted(site.rglob("*.html")) if not p.relative_to(site).as_posix().startswith("en/")]


def test_helpers():
    assert first_of_month("jeudi 1 octobre 2026") == "jeudi 1er octobre 2026"
    assert first_of_month("11 octobre 2026") == "11 octobre 2026"
    assert apostrophes("l'île d'en face") == "l’île d’en face"


def test_every_french_page_uses_typographic_apostrophes_and_1er(built_site):
    wrong = []
    for page in french_pages(built_site):
        parser = _Texts()
        parser.feed(page.read_text(encoding="utf-8"))
        for text in parser.texts:
            words = [w for w in STRAIGHT.findall(text) if w not in record_words()]
            if words or FIRST_WITHOUT_ER.search(text):
                wrong.append(f"{page.relative_to(built_site)}: {text.strip()[:100]}")
    assert not wrong, "\n".join(sorted(set(wrong))[:40])


def test_first_of_the_month_reads_1er(built_site):
    page = (built_site / "entreprises" / "la-maison-du-parc" / "index.html").read_text(encoding="utf-8")
    assert "1er octobre 2026" in page  # last verified on 2026-10-01
