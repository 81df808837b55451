"""Words typed without accents reach the same index terms: stop words are dropped after folding too."""

import re

from portfolio.search import pipeline
from support.tools import REPO


def test_words_typed_without_accents_are_the_same_terms():
    assert pipeline.terms("boite a lunch", "fr") == pipeline.terms("boîte à lunch", "fr") == ["boit", "lunch"]
    assert pipeline.terms("Meme ETE", "fr") == pipeline.terms("même été", "fr") == []


def test_folded_stop_words_are_the_list_search_core_js_holds():
    core = (REPO / "theme" / "static" / "js" / "search-core.js").read_text(encoding="utf-8")
    listed = re.search(r"FOLDED_STOP_WORDS = \[(.*?)\];", core, re.S).group(1)
    assert re.findall(r'"([^"]+)"', listed) == pipeline.folded_stop_words()
