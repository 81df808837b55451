"""The declaration of commitment (`data/declaration.yaml`): the initiative's own text, word for word,
filled in with one institution's name in its grammatical form. Nothing else of the text changes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from markupsafe import Markup, escape

from ..records.model import Institution
from ..settings import REPOSITORY

FILE = Path("data") / "declaration.yaml"
PLACEHOLDER = "XX"
# The `article` of an institution record -> what precedes its French name.
ARTICLES = {"le": "le ", "la": "la ", "l'": "l’", "les": "les ", "none": ""}
_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass(frozen=True)
class Recital:
    heading: Markup
    items: tuple[Markup, ...]


@dataclass(frozen=True)
class DeclarationText:
    """The declaration in one language, each line ready for a template (escaped, bold marked)."""

    title: Markup
    subtitle: tuple[Markup, ...]
    recitals: tuple[Recital, ...]
    heading: Markup
    statement: tuple[Markup, ...]
    signature: tuple[Markup, ...]


def load(root: Path) -> dict[str, dict]:
    """The declaration file's data by language (`root`'s own, else the repository's)."""
    path = root / FILE if (root / FILE).is_file() else REPOSITORY / FILE
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def name_in_text(institution: Institution, lang: str, capital: bool = False) -> Markup:
    """The institution's name as the declaration writes it: « la Société de transport de Montréal »;
    in English the name alone, marked lang="fr" when it has no English version."""
    if lang == "fr":
        text = (ARTICLES[institution.article or "none"] + institution.name.fr).replace("'", "’")
        return escape(text[:1].upper() + text[1:] if capital else text)
    name = escape(institution.name.get(lang))
    return Markup(f'<span lang="fr">{name}</span>') if institution.name.lang_of(lang) != lang else name


def filled(data: dict, institution: Institution, lang: str) -> DeclarationText:
    """The declaration of `lang` (`load(root)[lang]`) with the placeholder replaced by `institution`."""

    def line(text: str) -> Markup:
        if lang == "fr":
            text = text.replace("'", "’")
        html = _BOLD.sub(r"<strong>\1</strong>", str(escape(text)))
        start, *rest = html.split(PLACEHOLDER)
        parts = [Markup(start)]
        for index, part in enumerate(rest):
            parts += [name_in_text(institution, lang, capital=index == 0 and not start), Markup(part)]
        return Markup("").join(parts)

    return DeclarationText(
        title=line(data["title"]),
        subtitle=tuple(line(text) for text in data["subtitle"]),
        recitals=tuple(Recital(line(r["heading"]), tuple(line(item) for item in r["items"]))
                       for r in data["recitals"]),
        heading=line(data["heading"]),
        statement=tuple(line(text) for text in data["statement"]),
        signature=tuple(line(text) for text in data["signature"]),
    )
