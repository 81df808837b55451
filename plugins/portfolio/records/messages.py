"""The validator's messages in French and English: gettext catalogues compiled once and kept."""

from __future__ import annotations

import functools
import gettext
import struct
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from ..engine.cache import digest, file_digest, process_cache
from ..settings import LANGS

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "validator"
CACHE_KIND = "validator-messages"


def N_(msgid: str) -> str:
    """Mark `msgid` for translation where it is defined; it is translated where it is shown."""
    return msgid


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(lang: str) -> gettext.GNUTranslations:
    """The compiled catalogue of `lang` (fuzzy entries ignored), kept in the build's cache folder
    (engine/cache.keep_in) while the catalogue and this code are the same: compiling it took 15 ms in each
    process of a build that shows messages, the language written beside the other one included."""
    key = f"{lang}-{digest(file_digest(catalogue_path(lang)), file_digest(Path(__file__)))}"

    def compiled() -> bytes:
        with catalogue_path(lang).open("rb") as po:
            catalogue = read_po(po, locale=lang, domain=DOMAIN)
        mo = BytesIO()
        write_mo(mo, catalogue, use_fuzzy=False)
        return mo.getvalue()

    return process_cache(CACHE_KIND).read_or_make(key, lambda data: gettext.GNUTranslations(BytesIO(data)), compiled,
                                                  (OSError, struct.error), f"{lang}-*")


class Messages:
    """Translate and fill in messages for one language: `say("… {value} …", value=x)`."""

    def __init__(self, lang: str = "fr"):
        if lang not in LANGS:
            raise ValueError(f"unsupported language {lang!r}")
        self.lang = lang
        self._translations = translations(lang)

    def __call__(self, msgid: str, **params) -> str:
        return self._translations.gettext(msgid).format(**params)

    def plural(self, singular: str, plural: str, count: int, **params) -> str:
        return self._translations.ngettext(singular, plural, count).format(count=count, **params)

    def term(self, msgid: str) -> str:
        """A bare translated word or title, no placeholders."""
        return self._translations.gettext(msgid)
