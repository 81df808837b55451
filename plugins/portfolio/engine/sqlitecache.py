"""An SQLite file of the build cache, read by key: the fragments of pages (fragments.py), the term
frequencies of the search index (search/known.py).

The file is a cache: written without waiting for the disk, and taken as empty when it cannot be read (a
damaged file is made anew). Two builds sharing the cache folder take turns (LOCK_WAIT); one that waited in
vain goes on without it, leaving the other's file alone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .cache import digest

LOCK_WAIT = 5.0  # seconds to wait for another build writing the file


class SqliteCache:
    """One file of the cache, opened when first asked (in the process that uses it); its tables are the
    subclass's SCHEMA, and `listed` (see keep_listed)."""

    SCHEMA: tuple[str, ...] = ()

    def __init__(self, path: Path | None):
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._locked = False  # by another build, longer than LOCK_WAIT

    def read(self, sql: str, parameters=()) -> list | None:
        """The rows `sql` selects, or None when the file cannot be read."""
        db = self._open()
        if db is None:
            return None
        try:
            return db.execute(sql, parameters).fetchall()
        except sqlite3.OperationalError:  # locked by another build too long: this build goes without
            self._close(locked=True)
        except sqlite3.DatabaseError:
            self._reset()
        return None

    def write(self, steps) -> None:
        """`steps(connection)` as one transaction, then close the file; nothing is kept when it cannot be
        written."""
        db = self._open()
        if db is None:
            return
        try:
            db.execute("BEGIN")
            steps(db)
            db.execute("COMMIT")
        except sqlite3.OperationalError:  # locked by another build too long: this build's work not kept
            self._close(locked=True)
        except sqlite3.DatabaseError:
            self._reset()
        else:
            self._close()

    @staticmethod
    def keep_listed(db: sqlite3.Connection, table: str, column: str, values: list[str]) -> None:
        """Delete the rows of `table` whose `column` is none of `values`, unless they are the values of the
        last call (whose digest the table `listed` keeps): a build with the same list deletes nothing."""
        listed = digest(*values)
        if db.execute("SELECT digest FROM listed").fetchone() != (listed,):
            db.execute("CREATE TEMP TABLE current (value TEXT PRIMARY KEY)")
            db.executemany("INSERT OR IGNORE INTO current VALUES (?)", ((value,) for value in values))
            db.execute(f"DELETE FROM {table} WHERE {column} NOT IN (SELECT value FROM current)")
            db.execute("DROP TABLE current")
            db.execute("DELETE FROM listed")
            db.execute("INSERT INTO listed VALUES (?)", (listed,))

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
            for statement in (*self.SCHEMA, "CREATE TABLE IF NOT EXISTS listed (digest TEXT NOT NULL)"):
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
        """Forget the file (unreadable): its content is made again."""
        self._close()
        for suffix in ("", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
