"""The lunr pipelines of our indexes, with functions registered under the names lunr.js knows.

French: `trimmer-fr`, `stopWordFilter-fr`, our accent folding, `stopWordFilter-fr-folded` (the stop
words that folding makes: « a » typed for « à »), `stemmer-fr` (Snowball French, the algorithm of
lunr.fr.js). English: our accent folding first (lunr.js's `trimmer` only knows ASCII
letters), then lunr's own `trimmer` and `stopWordFilter`, and `stemmer-en`: lunr.js's Porter stemmer
(search-core.js registers it under that name), matched in Python by lunr.py's with lunr.js's step 1c. Folding comes before stemming, so a
word typed without accents and the accented word reach the stemmer as the same string. The browser
registers the folding function under the same name (theme/static/js/search-fold.js).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import snowballstemmer
from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.stemmer import PorterStemmer
from lunr.stop_word_filter import generate_stop_word_filter
from lunr.stop_word_filter import stop_word_filter as english_stop_word_filter
from lunr.token import Token
from lunr.tokenizer import SEPARATOR_CHARS
from lunr.trimmer import trimmer as english_trimmer

from ..textfold import fold
from .lunr_languages import french_stop_words, french_word_characters

FOLD = "accentFold-portfolio"
_NOT_WORD = re.compile(r"[^\w\s-]+")


def searchable(text: str) -> str:
    """Text ready for lunr's tokenizer: NFC, apostrophes and punctuation turned into spaces, so that
    « l'économie » gives « économie » (search.js does the same to queries)."""
    return _NOT_WORD.sub(" ", unicodedata.normalize("NFC", text))


_fold = cache(fold)


def accent_fold(token, i=None, tokens=None):
    return token.update(lambda text, metadata=None: _fold(text))


def _french_trimmer():
    characters = french_word_characters()
    start, end = re.compile(f"^[^{characters}]+"), re.compile(f"[^{characters}]+$")

    def trimmer(token, i=None, tokens=None):
        return token.update(lambda text, metadata=None: end.sub("", start.sub("", text)))

    return trimmer


def _french_stemmer():
    stem = cache(snowballstemmer.stemmer("french").stemWord)  # words repeat: stem each once

    def stemmer(token, i=None, tokens=None):
        return token.update(lambda text, metadata=None: stem(text))

    return stemmer


class _LunrJsPorterStemmer(PorterStemmer):
    """lunr.py's Porter stemmer with the step 1c of lunr.js: a final y becomes i only after a
    consonant that is not the first letter (« employ », « day » stay; « cry » -> « cri »)."""

    def step1c(self):
        k = self.k
        if self.b[k] == "y" and k - self.k0 >= 2 and self.b[k - 1] not in "aeiou":
            self.b = self.b[:k] + "i" + self.b[k + 1:]


def _english_stemmer():
    stem = cache(_LunrJsPorterStemmer().stem)

    def stemmer(token, i=None, tokens=None):
        return token.update(lambda text, metadata=None: stem(text))

    return stemmer


def _drop_empty(fn):
    """lunr.js drops tokens a function turns into ''; make the Python function do the same."""

    def wrapper(token, i=None, tokens=None):
        result = fn(token, i, tokens)
        return result if result is not None and str(result) != "" else None

    return wrapper


def _register(fn, label):
    fn = _drop_empty(fn)
    Pipeline.register_function(fn, label)
    return fn


def folded_stop_words() -> list[str]:
    """French stop words as they read once folded, when that is not a stop word already (« à » -> « a »):
    search-core.js lists the same (FOLDED_STOP_WORDS)."""
    words = set(french_stop_words())
    return sorted({_fold(word) for word in words} - words)


_FOLD = _register(accent_fold, FOLD)
_FRENCH = (
    _register(_french_trimmer(), "trimmer-fr"),
    # lunr registers these itself, under "stopWordFilter-fr" and "stopWordFilter-fr-folded".
    generate_stop_word_filter(french_stop_words(), language="fr"),
    _FOLD,
    generate_stop_word_filter(folded_stop_words(), language="fr-folded"),  # « boite a lunch » = « boîte à lunch »
    _register(_french_stemmer(), "stemmer-fr"),
)
_ENGLISH = (_FOLD, english_trimmer, english_stop_word_filter, _register(_english_stemmer(), "stemmer-en"))

# The pipeline of each language, for indexing and for queries alike.
PIPELINES = {"fr": _FRENCH, "en": _ENGLISH}


def builder(lang: str) -> Builder:
    """A lunr Builder with the pipelines of `lang`, storing no positions metadata."""
    builder = Builder()
    builder.pipeline.add(*PIPELINES[lang])
    builder.search_pipeline.add(*PIPELINES[lang])
    return builder


def terms(text: str, lang: str) -> list[str]:
    """The index terms lunr makes of `text` in `lang`: its Tokenizer's words (the text lower-cased, cut at
    its SEPARATOR_CHARS), each through the index pipeline. Every function of our pipelines reads one token
    alone, so each distinct word goes through them once per process."""
    term = _term_of(lang)
    return [found for word in _SEPARATORS.split(searchable(text).lower()) if word and (found := term(word))]


_SEPARATORS = re.compile(f"[{re.escape(SEPARATOR_CHARS)}]+")


@cache
def _term_of(lang: str):
    pipeline = Pipeline()
    pipeline.add(*PIPELINES[lang])

    @lru_cache(maxsize=1 << 18)
    def term(word: str) -> str | None:
        found = pipeline.run([Token(word)])
        return str(found[0]) if found else None

    return term
