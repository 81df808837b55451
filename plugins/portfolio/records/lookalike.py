"""When two names read alike, and which alphabets a name uses.

`name_keys` folds what a reader does not notice: case, accents, punctuation and spacing, and letters
that look the same (Unicode confusables, UTS #39: Cyrillic « а » and Latin « a », « 1 » and « l »,
« rn » and « m »). Two names that share a key are duplicates. The confusable table comes from the
`confusable-homoglyphs` package (pure Python, data of Unicode's confusables.txt); its pairs are joined
into classes, each written as one representative, as the UTS #39 skeleton does. The classes are kept in
the build's cache folder (engine/cache.keep_in): loading the package's table and joining its pairs took 95 ms
of a one-record build, reading the classes back takes 2.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from confusable_homoglyphs import categories

from ..engine.cache import digest, file_digest, process_cache
from ..textfold import fold

CACHE_KIND = "lookalike"

_NEUTRAL_SCRIPTS = {"COMMON", "INHERITED", "Unknown"}
# Scripts written together in one name (Japanese, Korean, Chinese with phonetic signs).
_TOGETHER = ({"HAN", "HIRAGANA", "KATAKANA"}, {"HAN", "HANGUL"}, {"HAN", "BOPOMOFO"})


def load_classes() -> None:
    """Make or read the confusable classes now, once in this process (before it forks processes that
    compare names, which then find them made)."""
    _classes()


@functools.cache
def _classes() -> tuple[dict[str, str], re.Pattern | None]:
    """(character -> representative, pattern of the multi-character members) of the confusable classes,
    read from the cache folder while the package's table and this code are the same."""
    table = Path(categories.__file__).with_name("confusables.json")  # the package's table of confusables
    kept = process_cache(CACHE_KIND)  # the build's cache folder (engine/cache.keep_in)
    key = digest(file_digest(table), file_digest(Path(__file__)))
    found = kept.get_object(key)
    if found is None:
        found = _joined()
        kept.put_object(key, found)
        kept.keep_only({key})
    representative, longer = found
    return representative, re.compile(longer) if longer else None


def _joined() -> tuple[dict[str, str], str]:
    """(character -> representative, pattern of the multi-character members) of the classes the package's
    confusable pairs make."""
    from confusable_homoglyphs import confusables

    parent: dict[str, str] = {}

    def root(item: str) -> str:
        while parent.setdefault(item, item) != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for source, targets in confusables.confusables_data.items():
        for target in targets:  # the table wraps right-to-left letters in U+200E marks
            first, second = root(source.replace("\u200e", "")), root(target["c"].replace("\u200e", ""))
            if first != second:
                parent[first] = second
    members: dict[str, list[str]] = {}
    for item in list(parent):
        members.setdefault(root(item), []).append(item)
    representative = {}
    for group in members.values():
        plain = sorted(m for m in group if m.isascii() and m.isalnum())
        chosen = (plain or sorted(group, key=lambda m: (-len(m), m)))[0]
        representative.update((m, chosen) for m in group if m != chosen)
    longer = sorted((m for m in representative if len(m) > 1), key=len, reverse=True)
    return representative, "|".join(map(re.escape, longer))


def skeleton(text: str) -> str:
    """`text` with every confusable character (or sequence) written as its class representative."""
    representative, longer = _classes()
    text = unicodedata.normalize("NFD", text)
    if longer is not None:
        text = longer.sub(lambda match: representative[match.group()], text)
    return "".join(representative.get(char, char) for char in text)


def name_keys(name: str) -> set[str]:
    """Keys under which `name` is compared with other names: equal keys mean the names read alike.

    Two keys, because folding case first or last changes the result (« I » is confusable with « l »,
    « i » is not): « Iris » meets « lris » through the first, « iris » through the second."""
    keys = {fold(skeleton(name)), fold(skeleton(fold(name)))}
    return {"".join(char for char in key if char.isalnum()) for key in keys}


def scripts(text: str) -> list[str]:
    """The scripts (LATIN, CYRILLIC…) of the letters of `text`, in order of first use."""
    found: list[str] = []
    for char in text:
        script = _script(char)
        if script not in _NEUTRAL_SCRIPTS and script not in found and unicodedata.category(char)[0] == "L":
            found.append(script)
    return found


def mixed_script_letter(text: str) -> str | None:
    """The first letter of `text` from another script than its first one, when the scripts of its
    letters are not written together; None for a name in one script."""
    used = scripts(text)
    if len(used) < 2 or any(set(used) <= together for together in _TOGETHER):
        return None
    return next(char for char in text if _script(char) == used[1])


@functools.lru_cache(maxsize=4096)
def _script(char: str) -> str:
    """The script of `char` (LATIN, CYRILLIC, COMMON…), remembered: the package searches its table in Python
    for every call, and names repeat the same few letters (35,000 calls for 1,000 records)."""
    return categories.alias(char)
