"""Gettext catalogues of the theme: every `translations/<lang>/LC_MESSAGES/*.po` merged per language,
compiled in memory with Babel (no .mo file is committed or written)."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from ..engine.cache import tree_digest
from .frenchtext import apostrophes


# Gettext plural rules (two forms; Babel's CLDR rule for French has three).
PLURALS = {"fr": (2, "(n > 1)"), "en": (2, "(n != 1)")}


def merged_catalog(translations_dir: Path, lang: str) -> Catalog:
    """One catalogue holding the messages of every .po file of `lang`."""
    merged = Catalog(locale=lang)
    merged._num_plurals, merged._plural_expr = PLURALS[lang]
    for po in sorted((Path(translations_dir) / lang / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as handle:
            for message in read_po(handle, locale=lang):
                if message.id:
                    if lang == "fr":  # French typography: typographic apostrophes, whatever the .po file has
                        message.string = (tuple(map(apostrophes, message.string)) if isinstance(message.string, tuple)
                                          else apostrophes(message.string))
                    merged[message.id] = message
    return merged


def load_translations(translations_dir: Path, lang: str) -> Translations:
    """Gettext translations of `lang` (untranslated and fuzzy entries fall back to the English msgid),
    compiled once in a process while the .po files are the same (the preview server's builder builds again
    and again; a build asks for them in several places)."""
    folder = Path(translations_dir)
    return _compiled(folder, lang, tree_digest(folder / lang / "LC_MESSAGES", "*.po"))


@lru_cache(maxsize=len(PLURALS) * 2)
def _compiled(translations_dir: Path, lang: str, files: str) -> Translations:
    """The translations of `load_translations`, whose .po files have the digest `files`."""
    compiled = io.BytesIO()
    write_mo(compiled, merged_catalog(translations_dir, lang))
    compiled.seek(0)
    return Translations(compiled)
