"""The parts of pages rendered once per language (an enterprise's card, its catalogue block), kept between
builds in an SQLite file per language of the cache folder `fragment-store`, read by key.

A fragment is kept under its identity (template, enterprise, context) with the digest of its inputs: it is
taken again while that digest is the same, and replaced when the same identity is rendered from other
inputs. Every fragment made so far is kept, not only those of the pages the last build rendered, so that an
edit re-rendering another sector's catalogue page finds its thousand blocks; an enterprise's fragments go
when it leaves the portfolio. A part showing many enterprises (a sector of the catalogue) belongs to none
of them: it stays until it is made again. A build reads only the fragments of the pages it renders (at 10,000
enterprises, a few thousand of 30,000: 10 ms, where reading a whole pickled store took 80 ms). The file is
a cache, taken as empty when it cannot be read (sqlitecache.py)."""

from __future__ import annotations

from pathlib import Path

from .sqlitecache import SqliteCache

FOLDER = "fragment-store"
SHARED = ""  # the owner of a part that shows many enterprises: kept until made again from other inputs


class FragmentStore(SqliteCache):
    """The fragments of one language; opened when first asked (in the process writing that language)."""

    SCHEMA = ("CREATE TABLE IF NOT EXISTS fragments (identity TEXT PRIMARY KEY, slug TEXT NOT NULL, "
              "inputs TEXT NOT NULL, html TEXT NOT NULL)", "CREATE INDEX IF NOT EXISTS by_slug ON fragments (slug)")

    def __init__(self, cache: Path | None, lang: str):
        super().__init__(Path(cache) / FOLDER / f"{lang}.sqlite" if cache is not None else None)
        self._made: list[tuple[str, str, str, str]] = []  # (identity, slug, inputs, html) rendered by this build

    def get(self, identity: str, inputs: str) -> str | None:
        """The fragment kept under `identity` when it was made from `inputs`, else None."""
        found = self.read("SELECT inputs, html FROM fragments WHERE identity = ?", (identity,))
        return found[0][1] if found and found[0][0] == inputs else None

    def put(self, identity: str, slug: str, inputs: str, html: str) -> None:
        """Keep a fragment this build rendered (written by `save`)."""
        self._made.append((identity, slug, inputs, html))

    def save(self, slugs: list[str]) -> None:
        """Write the fragments this build rendered, forget those of enterprises no longer in `slugs`, close."""
        made, self._made = self._made, []

        def steps(db) -> None:
            db.executemany("INSERT OR REPLACE INTO fragments VALUES (?, ?, ?, ?)", made)
            self.keep_listed(db, "fragments", "slug", [*slugs, SHARED])

        self.write(steps)
