"""Validation results kept between builds: an unchanged record is not parsed and checked again.

A file's result (its record and its diagnostics) is reused while its key is the same: the digest of the
file's bytes and of its media folder (`<folder>/media/<name>/`), its place in the repository, and
everything the validator depends on (vocabulary, schemas, the validator's own code and messages, the
language of the messages, the build date of the freshness warnings, the known institutions)."""

from __future__ import annotations

import io
import os
import pickle
import zlib
from functools import cache
from pathlib import Path

from ..engine.cache import atomic_write, digest, file_digest, signature, tree_digest
from ..workers import Later, later
from .model import Enterprise
from .vocabulary import Term, Vocabulary

PACKAGE = Path(__file__).resolve().parent
BUCKETS = 64  # files of the kept results
BESIDE_AFTER = 4  # files to write before another process writes them
SOURCE_END = "\0"  # ends the record file's path in a key
TERMS = "terms"  # how the kept results name the vocabulary's table of terms (a term's name is a tuple)


@cache
def code_version() -> str:
    """Digest of the validator's code and message catalogues."""
    return digest(tree_digest(PACKAGE, "**/*.py"), tree_digest(PACKAGE.parent / "locale", "**/*.po"))


def record_digest(path: Path) -> str:
    """What a record's pages are made from: its bytes and the files of its media folder."""
    folder, name = os.path.split(path)
    return digest(file_digest(path), tree_digest(os.path.join(folder, "media", os.path.splitext(name)[0])))


class RecordCache:
    """The results of one validation setting (`environment`), kept in BUCKETS files of the cache folder
    `records`, each result in the file that the CRC of its record file's path names: after an edit, that file
    only is written again, not every result (at 10,000 records, 1 MB instead of 73). The models'
    vocabulary terms are stored by name and found again in `vocabulary` (the environment includes it): they
    are the very terms of the build's vocabulary. An enterprise's Enterprise.PACKED fields are stored packed
    apart and come back packed, unpacked when first read: a build that renders few pages unpacks few."""

    # The results this process read from each file, with the file's signature and the environment and vocabulary
    # they were read with (the preview server's builder runs build after build): taken again while all three
    # are the same, rather than unpickled again (at 1,000 records, 45 ms a build). A result is made of the
    # file's record alone, which no build changes (its memos are of the record too: Enterprise.PACKED,
    # public_contact); the vocabulary is the very object the terms belong to (load.vocabulary_of keeps it).
    _read: dict[Path, tuple[tuple, str, Vocabulary, dict]] = {}  # those of one cache folder

    def __init__(self, folder: Path, *environment, vocabulary: Vocabulary | None = None):
        self.folder = Path(folder) / "records"
        if any(path.parent != self.folder for path in self._read):
            self._read.clear()
        self.environment = digest(code_version(), *environment)
        self.vocabulary = vocabulary or Vocabulary.empty()
        self._terms = {(section, key): term for section, terms in self.vocabulary.sections.items()
                       for key, term in terms.items()}
        self._names = {id(term): name for name, term in self._terms.items()}
        self._lookup = {**self._terms, TERMS: self._terms}  # what the kept results name, by name
        self._foreign: set[int] = set()  # files holding results of another environment, or unreadable
        self._old = [self._load(bucket) for bucket in range(BUCKETS)]
        self._new: list[dict[str, tuple]] = [{} for _ in range(BUCKETS)]

    @classmethod
    def holding(cls) -> bool:
        """Whether this process holds results it read or wrote (an earlier load of the records)."""
        return bool(cls._read)

    @classmethod
    def in_memory(cls, folder: Path, *environment, vocabulary: Vocabulary) -> bool:
        """Whether there are kept results and this process holds those of every file as it is now (a
        RecordCache of this environment and vocabulary then unpickles none)."""
        environment, held = digest(code_version(), *environment), False
        for bucket in range(BUCKETS):
            path = Path(folder) / "records" / f"{bucket:02d}.pickle"
            try:
                now = signature(os.stat(path))
            except FileNotFoundError:
                continue
            if cls._held(path, now, environment, vocabulary) is None:
                return False
            held = True
        return held

    @classmethod
    def _held(cls, path: Path, read_as: tuple, environment: str, vocabulary: Vocabulary) -> dict | None:
        """The results this process holds of the file `path` whose signature is `read_as`, if it read or
        wrote them in this environment with this vocabulary."""
        known = cls._read.get(path)
        if known is not None and known[:2] == (read_as, environment) and known[2] is vocabulary:
            return known[3]
        return None

    def _path(self, bucket: int) -> Path:
        return self.folder / f"{bucket:02d}.pickle"

    def _load(self, bucket: int) -> dict:
        path = self._path(bucket)
        try:
            with path.open("rb") as handle:
                read_as = signature(os.fstat(handle.fileno()))
                held = self._held(path, read_as, self.environment, self.vocabulary)
                if held is not None:
                    return held
                unpickler = pickle.Unpickler(handle)
                unpickler.persistent_load = self._lookup.__getitem__  # a C call per term: no Python frame
                stored = unpickler.load()
        except FileNotFoundError:
            return {}
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, KeyError):
            stored = None
        if not isinstance(stored, dict) or self.environment not in stored:
            self._foreign.add(bucket)
            return {}
        self._read[path] = (read_as, self.environment, self.vocabulary, stored[self.environment])
        return stored[self.environment]

    def _dumps(self, value) -> bytes:
        buffer = io.BytesIO()
        _Pickler(buffer, self._names, self._terms).dump(value)
        return buffer.getvalue()

    def kept(self) -> int:
        """How many results earlier runs kept."""
        return sum(map(len, self._old))

    def key(self, source: str, record_digest: str) -> str:
        """The key of the result of the record file `source` whose digest is `record_digest`."""
        return f"{source}{SOURCE_END}{record_digest}"

    def get(self, key: str):
        """(record or None, diagnostics of the file) from an earlier run, or None."""
        bucket = _bucket(key)
        found = self._old[bucket].get(key) or self._new[bucket].get(key)
        if found is not None:
            self._new[bucket][key] = found
        return found

    def put(self, key: str, record, diagnostics: list) -> None:
        self._new[_bucket(key)][key] = (record, diagnostics)

    def save(self, workers: int | None = 1) -> Later:
        """Keep this run's results (only them: entries of removed or changed files are dropped), rewriting the
        files whose results changed. When more than BESIDE_AFTER of them did (a first build) and `workers`
        allows two processes, another one writes them (at 10,000 records, 0.6 s of pickling) while this one
        goes on: the caller waits for the returned job (`result()`) before it ends."""
        changed = [bucket for bucket in range(BUCKETS)
                   if self._new[bucket].keys() != self._old[bucket].keys() or bucket in self._foreign]

        def write() -> None:  # what this process writes, it need not read again
            for bucket in changed:
                path = self._path(bucket)
                self._read.pop(path, None)
                if self._new[bucket]:
                    written = atomic_write(path, self._dumps({self.environment: self._new[bucket]}))
                    self._read[path] = (written, self.environment, self.vocabulary, self._new[bucket])
                else:
                    path.unlink(missing_ok=True)

        return later(write, workers if len(changed) > BESIDE_AFTER else 1)


_NOT_KEPT = {*Enterprise.PACKED, "_packed", "_badges", "public_contact"}  # memos are made again


class _Pickler(pickle.Pickler):
    """Pickles kept results: vocabulary terms by name (`names`: id of a term of `terms` -> its name),
    enterprises with their Enterprise.PACKED fields packed apart (unpacked when first read)."""

    def __init__(self, buffer, names: dict[int, tuple], terms: dict[tuple, Term]):
        super().__init__(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        self.names, self.terms = names, terms

    def persistent_id(self, value):
        if type(value) is Term:
            return self.names.get(id(value))
        return TERMS if value is self.terms else None

    def reducer_override(self, value):
        if type(value) is not Enterprise:
            return NotImplemented
        state = value.__dict__
        packed = state.get("_packed")
        if packed is None:
            buffer = io.BytesIO()
            _Pickler(buffer, self.names, self.terms).dump(tuple(state[name] for name in Enterprise.PACKED))
            packed = (buffer.getvalue(),)
        kept = {name: item for name, item in state.items() if name not in _NOT_KEPT}
        return _packed_enterprise, (kept, packed[0], self.terms)


def _packed_enterprise(state: dict, packed: bytes, terms: dict) -> Enterprise:
    """An Enterprise of the kept results whose Enterprise.PACKED fields are still packed."""
    enterprise = object.__new__(Enterprise)
    enterprise.__dict__.update(state, _packed=(packed, terms))
    return enterprise


def _bucket(key: str) -> int:
    """The file of RecordCache that keeps the result of `key`: its record file's."""
    return zlib.crc32(key.partition(SOURCE_END)[0].encode()) % BUCKETS


def environment_of(root: Path, lang: str, today, institutions: set[str]) -> tuple:
    """The parts of the validator's environment that a record's result depends on, besides the file:
    the schemas and vocabulary of `root` and of the repository (its fallback)."""
    data = [tree_digest(folder / "schema", "*.json") + tree_digest(folder / "data", "*.yaml")
            for folder in (Path(root), PACKAGE.parents[2])]
    return (os.fspath(Path(root).resolve()), lang, str(today), ",".join(sorted(institutions)), *data)
