"""Validation results kept between builds: an unchanged record is not parsed and checked again.

A file's result (its record and its diagnostics) is reused while its key is the same: the digest of the
file's bytes and of its media folder (`<folder>/media/<name>/`), its place in the repository, and
everything the validator depends on (vocabulary, schemas, the validator's own code and messages, the
language of the messages, the build date of the freshness warnings, the known institutions)."""

from __future__ import annotations

import io
import os
import pickle
from functools import cache
from pathlib import Path

from ..engine.cache import atomic_write, digest, file_digest, tree_digest
from ..workers import Later, later
from .vocabulary import Term, Vocabulary

PACKAGE = Path(__file__).resolve().parent


@cache
def code_version() -> str:
    """Digest of the validator's code and message catalogues."""
    return digest(tree_digest(PACKAGE, "**/*.py"), tree_digest(PACKAGE.parent / "locale", "**/*.po"))


def record_digest(path: Path) -> str:
    """What a record's pages are made from: its bytes and the files of its media folder."""
    folder, name = os.path.split(path)
    return digest(file_digest(path), tree_digest(os.path.join(folder, "media", os.path.splitext(name)[0])))


class RecordCache:
    """The results of one validation setting (`environment`), stored in one file of the cache folder. The
    models' vocabulary terms are stored by name and found again in `vocabulary` (the environment includes
    it): they are the very terms of the build's vocabulary."""

    def __init__(self, folder: Path, *environment, vocabulary: Vocabulary | None = None):
        self.path = Path(folder) / "records.pickle"
        self.environment = digest(code_version(), *environment)
        self.vocabulary = vocabulary or Vocabulary.empty()
        self._names = {id(term): (section, key) for section, terms in self.vocabulary.sections.items()
                       for key, term in terms.items()}
        self._old = self._load()
        self._new: dict[str, tuple] = {}

    def _load(self) -> dict:
        try:
            with self.path.open("rb") as handle:
                unpickler = pickle.Unpickler(handle)
                unpickler.persistent_load = lambda name: self.vocabulary[name[0]][name[1]]
                stored = unpickler.load()
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, KeyError):
            return {}
        return stored.get(self.environment, {}) if isinstance(stored, dict) else {}

    def _dumps(self, value) -> bytes:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.persistent_id = lambda value: self._names.get(id(value)) if type(value) is Term else None
        pickler.dump(value)
        return buffer.getvalue()

    def key(self, source: str, record_digest: str) -> str:
        return digest(source, record_digest)

    def get(self, key: str):
        """(record or None, diagnostics of the file) from an earlier run, or None."""
        found = self._old.get(key) or self._new.get(key)
        if found is not None:
            self._new[key] = found
        return found

    def put(self, key: str, record, diagnostics: list) -> None:
        self._new[key] = (record, diagnostics)

    def save(self, workers: int | None = 1) -> Later:
        """Keep this run's results (only them: entries of removed or changed files are dropped). When
        `workers` allows two processes, another one writes them (at 10,000 records, 0.6 s of pickling) while
        this one goes on: the caller waits for the returned job (`result()`) before it ends."""
        if self._new == self._old:
            return later(lambda: None, 1)
        stored = {self.environment: self._new}
        return later(lambda: atomic_write(self.path, self._dumps(stored)), workers)


def environment_of(root: Path, lang: str, today, institutions: set[str]) -> tuple:
    """The parts of the validator's environment that a record's result depends on, besides the file:
    the schemas and vocabulary of `root` and of the repository (its fallback)."""
    data = [tree_digest(folder / "schema", "*.json") + tree_digest(folder / "data", "*.yaml")
            for folder in (Path(root), PACKAGE.parents[2])]
    return (os.fspath(Path(root).resolve()), lang, str(today), ",".join(sorted(institutions)), *data)
