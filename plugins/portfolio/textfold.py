"""Case- and accent-insensitive forms of text, for sorting, comparing and searching."""

import unicodedata


def fold(text: str) -> str:
    """Lowercase `text` and strip its accents: « Économie Œuvre » -> « economie oeuvre »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("œ", "oe").replace("æ", "ae"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def sort_key(text: str) -> tuple[str, str]:
    """Key that sorts names the way a French reader expects (accents ignored, then exact)."""
    return (fold(text), text)
