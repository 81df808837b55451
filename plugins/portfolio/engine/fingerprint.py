"""Digest of what a page is made from, so that a page whose inputs did not change is not rendered again.

A page's inputs are the site's shared inputs (code, templates, translations, vocabulary, settings, the
stages' template globals: see generator.shared_digest) and the values its stage passes to the template.
Records count by their content digest (their file and images: their classes say COUNTED_BY_DIGEST);
functions by their name (the plugin's code is a shared input, so a function must not hide data of its
own); other values by their content. A value of an unknown kind is refused rather than guessed at, so
that no input can be silently left out."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import Callable

_SIMPLE = (str, int, float, bool, type(None), dt.date, dt.datetime, dt.time, PurePath)  # Markup is a str
_PLAIN = frozenset({str, int, float, bool, type(None)})


@dataclass(frozen=True)
class Lazy:
    """A template value made only when the page is rendered: `function(*args)`. It counts by the
    function's name and its arguments, so a page that is reused never pays for it."""

    function: Callable
    args: tuple

    def __call__(self):
        return self.function(*self.args)


def fingerprint(value) -> str:
    """Hex digest of `value` (see the module's docstring)."""
    parts: list[str] = []
    try:
        _feed(parts, value)
    except RecursionError:
        raise TypeError("cannot fingerprint a value that contains itself") from None
    return hashlib.sha256("".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _feed(parts: list[str], value) -> None:
    """Append the text standing for `value` to `parts` (one string hashed at the end: cheaper than a hash
    update per value)."""
    kind = type(value)
    if kind in _PLAIN:  # the most frequent values first, by exact type (no attribute looked up in vain)
        parts.append(f"{kind.__name__}:{value!s}\x00")
    elif kind is list or kind is tuple:
        _feed_items(parts, value)
    elif kind is dict:
        _feed_dict(parts, value)
    elif _counted(kind):  # records (records/model.py)
        parts.append(f"record:{value.digest}\x00")
    elif isinstance(value, _SIMPLE):
        parts.append(f"{kind.__name__}:{value!s}\x00")
    elif isinstance(value, dict):
        _feed_dict(parts, value)
    elif isinstance(value, (list, tuple, set, frozenset)):
        _feed_items(parts, sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value)
    elif dataclasses.is_dataclass(value):
        parts.append(f"<{kind.__name__}")
        for name in _field_names(kind):
            _feed(parts, getattr(value, name))
        parts.append(">")
    elif callable(value) and hasattr(value, "__qualname__"):  # code: part of the shared inputs
        parts.append(f"code:{value.__module__}.{value.__qualname__}\x00")
    elif hasattr(value, "_content") and hasattr(value, "source_path"):  # a Pelican page or article
        parts.append(f"content:{value.source_path}\x00")
        _feed(parts, value._content)
        _feed(parts, {key: str(item) for key, item in value.metadata.items()})
    else:
        raise TypeError(f"cannot tell whether a {type(value).__name__} changed: give the template plain "
                        "values, records or dataclasses")


def _feed_items(parts: list[str], items) -> None:
    parts.append("[")
    for item in items:
        if _counted(type(item)):  # records, the items of the longest lists (a listing, a catalogue): fed here
            parts.append(f"record:{item.digest}\x00")
        else:
            _feed(parts, item)
    parts.append("]")


@functools.cache
def _counted(kind: type) -> bool:
    """Whether values of `kind` count by their digest (records: their classes say COUNTED_BY_DIGEST)."""
    return bool(getattr(kind, "COUNTED_BY_DIGEST", False))


def _feed_dict(parts: list[str], value: dict) -> None:
    parts.append("{")
    for key, item in sorted(value.items(), key=lambda pair: repr(pair[0])):
        _feed(parts, key)
        try:
            _feed(parts, item)
        except TypeError as error:
            raise TypeError(f"{key!r}: {error}") from None
    parts.append("}")


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(kind))
