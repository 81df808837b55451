"""The parts of pages rendered once per language (an enterprise's card, its catalogue block), kept between
builds in an SQLite file per language of the cache folder `fragment-store`, read by key.

A fragment is kept under its identity (template, enterprise, context) with the digest of its inputs: it is
taken again while that digest is the same, and replaced when the same identity is rendered from other
inputs. Every fragment made so far is kept, not only those of the pages the last build rendered, so that an
edit re-rendering another sector's catalogue page finds its thousand blocks; an enterprise's fragments go
when it leaves the portfolio. A build reads only the fragments of the pages it renders (at 10,000
enterprises, a few thousand of 30,000: 10 ms, where reading a whole pickled store took 80 ms).

The file is a cache: written without waiting for the disk, and taken as empty when it cannot be read. Two
builds sharing the cache folder take turns (LOCK_WAIT); one that waited in vain goes on without it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .cache import digest

FOLDER = "fragment-store"
LOCK_WAIT = 5.0  # seconds to wait for another build writing the file
SCHEMA = ("CREATE TABLE IF NOT EXISTS fragments (identity TEXT PRIMARY KEY, slug TEXT NOT NULL, inputs TEXT NOT NULL, "
          "html TEXT NOT NULL)", "CREATE INDEX IF NOT EXISTS by_slug ON fragments (slug)",
          "CREATE TABLE IF NOT EXISTS slugs (digest TEXT NOT NULL)")


class FragmentStore:
    """The fragments of one language; opened when first asked (in the process writing that language)."""

    def __init__(self, cache: Path | None, lang: str):
        self.path = Path(cache) / FOLDER / f"{lang}.sqlite" if cache is not None else None
        self._db: sqlite3.Connection | None = None
        self._locked = False  # by another build, longer than LOCK_WAIT
        self._made: list[tuple[str, str, str, str]] = []  # (identity, slug, inputs, html) rendered by this build

    def get(self, identity: str, inputs: str) -> str | None:
        """The fragment kept under `identity` when it was made from `inputs`, else None."""
        db = self._open()
        if db is None:
            return None
        try:
            found = db.execute("SELECT inputs, html FROM fragments WHERE identity = ?", (identity,)).fetchone()
        except sqlite3.OperationalError:  # locked by another build too long: this build goes without
            self._close(locked=True)
            return None
        except sqlite3.DatabaseError:
            self._reset()
            return None
        return found[1] if found is not None and found[0] == inputs else None

    def put(self, identity: str, slug: str, inputs: str, html: str) -> None:
        """Keep a fragment this build rendered (written by `save`)."""
        self._made.append((identity, slug, inputs, html))

    def save(self, slugs: list[str]) -> None:
        """Write the fragments this build rendered, forget those of enterprises no longer in `slugs`, close."""
        db, made, self._made = self._open(), self._made, []
        if db is None:
            return
        listed = digest(*slugs)
        try:
            db.execute("BEGIN")
            db.executemany("INSERT OR REPLACE INTO fragments VALUES (?, ?, ?, ?)", made)
            if db.execute("SELECT digest FROM slugs").fetchone() != (listed,):
                db.execute("CREATE TEMP TABLE current (slug TEXT PRIMARY KEY)")
                db.executemany("INSERT OR IGNORE INTO current VALUES (?)", ((slug,) for slug in slugs))
                db.execute("DELETE FROM fragments WHERE slug NOT IN (SELECT slug FROM current)")
                db.execute("DROP TABLE current")
                db.execute("DELETE FROM slugs")
                db.execute("INSERT INTO slugs VALUES (?)", (listed,))
            db.execute("COMMIT")
        except sqlite3.OperationalError:  # locked by another build too long: this build's fragments not kept
            self._close(locked=True)
        except sqlite3.DatabaseError:
            self._reset()
        else:
            self._close()

    def _open(self) -> sqlite3.Connection | None:
        if self._db is None and self.path is not None and not self._locked:
            try:
                self._db = self._connect()
            except sqlite3.OperationalError:  # locked by another build too long: this build goes without
                self._locked = True
            except sqlite3.DatabaseError:  # not a database, or a damaged one: made anew
                self._reset()
                self._db = self._connect()
        return self._db

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, isolation_level=None, timeout=LOCK_WAIT)
        try:
            db.execute("PRAGMA journal_mode = TRUNCATE")  # a build killed while writing leaves it as it was
            db.execute("PRAGMA synchronous = OFF")  # a cache: no wait for the disk
            for statement in SCHEMA:
                db.execute(statement)
        except BaseException:
            db.close()
            raise
        return db

    def _close(self, locked: bool = False) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        self._locked = locked

    def _reset(self) -> None:
        """Forget the file (unreadable): the fragments are rendered again."""
        self._close()
        for suffix in ("", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
