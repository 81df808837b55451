"""The term frequencies of the enterprises analysed so far (index.tier_frequencies), kept between builds in
an SQLite file per language of the cache folder `search-known`, read by key.

A document's frequencies are kept under its key (which changes whenever what is indexed of it may change).
After an edit a build reads those it needs: the edited documents' earlier ones and those of the documents
holding a term whose weight changes (shards.postings), not all of them (at 10,000 enterprises, a pickle of
7.5 MB read and written again took 0.15 s a language). The keys of documents no longer indexed go when the
list of keys changes. The file is a cache, taken as empty when it cannot be read (engine/sqlitecache.py)."""

from __future__ import annotations

import pickle
from pathlib import Path

from ..engine.sqlitecache import SqliteCache

FOLDER = "search-known"
BATCH = 500  # keys asked for in one query


class KnownStore(SqliteCache):
    """The frequencies of one language, by tier (`tier(name)`: what index.search_files takes as `known`)."""

    SCHEMA = ("CREATE TABLE IF NOT EXISTS frequencies (tier TEXT NOT NULL, key TEXT NOT NULL, data BLOB NOT NULL, "
              "PRIMARY KEY (tier, key))",)

    def __init__(self, cache: Path | None, lang: str):
        super().__init__(Path(cache) / FOLDER / f"{lang}.sqlite" if cache is not None else None)
        self._tiers: dict[str, KnownTier] = {}

    def tier(self, name: str) -> KnownTier:
        if name not in self._tiers:
            self._tiers[name] = KnownTier(self, name)
        return self._tiers[name]

    def save(self, keys: list[str]) -> None:
        """Write the frequencies this build analysed; forget those of documents whose key is not in `keys`."""
        def steps(db) -> None:
            for name, tier in self._tiers.items():
                db.executemany("INSERT OR REPLACE INTO frequencies VALUES (?, ?, ?)",
                               ((name, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
                                for key, value in tier.added.items()))
            self.keep_listed(db, "frequencies", "key", keys)

        self.write(steps)


class KnownTier:
    """Key -> a document's frequencies in one tier ({field: {term: count}}), as a dict gives them: `in`,
    `[key]` (read from the file when first asked) and `[key] = frequencies` (kept by KnownStore.save)."""

    def __init__(self, store: KnownStore, name: str):
        self.store, self.name = store, name
        self.added: dict[str, dict] = {}  # analysed by this build
        self._read: dict[str, dict] = {}
        self._kept: set[str] | None = None  # the keys in the file

    def __contains__(self, key: str) -> bool:
        return key in self.added or key in self._read or key in self.kept()

    def __getitem__(self, key: str) -> dict:
        found = self.added.get(key) if key in self.added else self._read.get(key)
        if found is None:
            rows = self.store.read("SELECT data FROM frequencies WHERE tier = ? AND key = ?", (self.name, key))
            if not rows:
                raise KeyError(key)
            found = self._read[key] = pickle.loads(rows[0][0])  # the build's own cache
        return found

    def __setitem__(self, key: str, value: dict) -> None:
        self.added[key] = value

    def kept(self) -> set[str]:
        """The keys whose frequencies the file holds."""
        if self._kept is None:
            rows = self.store.read("SELECT key FROM frequencies WHERE tier = ?", (self.name,))
            self._kept = {key for key, in rows or ()}
        return self._kept

    def read_many(self, keys) -> None:
        """Read at once the frequencies of those of `keys` not read yet (a query each would take longer)."""
        wanted = [key for key in dict.fromkeys(keys) if key not in self.added and key not in self._read]
        if len(wanted) > len(self.kept()) // 4:  # most of the file: all of it
            found = self.store.read("SELECT key, data FROM frequencies WHERE tier = ?", (self.name,)) or ()
        else:
            found = []
            for start in range(0, len(wanted), BATCH):
                part = wanted[start:start + BATCH]
                found += self.store.read(f"SELECT key, data FROM frequencies WHERE tier = ? AND key IN "
                                         f"({', '.join('?' * len(part))})", (self.name, *part)) or ()
        wanted = set(wanted)
        for key, data in found:
            if key in wanted:
                self._read[key] = pickle.loads(data)
