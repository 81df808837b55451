"""The validator's messages in French and English: gettext catalogues compiled in memory at import."""

from __future__ import annotations

import functools
import gettext
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from ..settings import LANGS
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "validator"


def N_(msgid: str) -> str:
    """Mark `msgid` for translation where it is defined; it is translated where it is shown."""
    return msgid


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(lang: str) -> gettext.GNUTranslations:
    """The compiled catalogue of `lang` (fuzzy entries ignored)."""
    with catalogue_path(lang).open("rb") as po:
        catalogue = read_po(po, locale=lang, domain=DOMAIN)
    mo = BytesIO()
    write_mo(mo, catalogue, use_fuzzy=False)
    mo.seek(0)
    return gettext.GNUTranslations(mo)


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
