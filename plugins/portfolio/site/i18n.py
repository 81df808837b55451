"""Gettext catalogues of the theme: every `translations/<lang>/LC_MESSAGES/*.po` merged per language,
compiled with Babel (no .mo file is committed); the compiled catalogue is kept in the cache folder
`translations` while the .po files and this code are the same (compiling both languages took 35 ms of a
one-record build, and as much again in each process that needs them)."""

from __future__ import annotations

import io
import struct
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from ..engine.cache import Cache, digest, file_digest, tree_digest
from . import frenchtext


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
                        message.string = (tuple(map(frenchtext.apostrophes, message.string)) if isinstance(message.string, tuple)
                                          else frenchtext.apostrophes(message.string))
                    merged[message.id] = message
    return merged


def load_translations(translations_dir: Path, lang: str, cache: Path | None = None) -> Translations:
    """Gettext translations of `lang` (untranslated and fuzzy entries fall back to the English msgid),
    compiled once in a process while the .po files are the same (the preview server's builder builds again
    and again; a build asks for them in several places), and kept in the build cache folder `cache`."""
    folder = Path(translations_dir)
    return _compiled(folder, lang, tree_digest(folder / lang / "LC_MESSAGES", "*.po"), cache)


@lru_cache(maxsize=len(PLURALS) * 2)
def _compiled(translations_dir: Path, lang: str, files: str, cache: Path | None) -> Translations:
    """The translations of `load_translations`, whose .po files have the digest `files`."""
    key = f"{lang}-{digest(files, file_digest(Path(__file__)), file_digest(Path(frenchtext.__file__)))}"

    def compiled() -> bytes:
        made = io.BytesIO()
        write_mo(made, merged_catalog(translations_dir, lang))
        return made.getvalue()

    return Cache(cache, "translations").read_or_make(key, lambda data: Translations(io.BytesIO(data)), compiled,
                                                     (OSError, ValueError, LookupError, struct.error), f"{lang}-*")
