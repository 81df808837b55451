"""The one content-hash cache of the build: work keyed by a digest of everything it depends on.

Media, validated records, search indexes and PDFs all keep their results here, under a folder of the
cache per kind of work; a result is found again only while every input is byte-for-byte the same."""

from __future__ import annotations

import fnmatch
import gc
import hashlib
import os
import pickle
import shutil
import stat
from pathlib import Path

from ..collector import collector_paused

# path -> (size, modification and change times, inode), digest of its bytes; kept between builds in the
# cache folder (load_file_digests, save_file_digests), so that an unchanged file is not read again. A
# file's change time (ctime) moves on every write and cannot be set back by tools that copy modification times.
_file_digests: dict[str, tuple[tuple, str]] = {}
_used: set[str] = set()  # the files whose digest this process asked for
# path -> signature of a regular file as this build's start found it (seen_at_start): not asked again.
_seen: dict[str, tuple] = {}
_seen_links: set[str] = set()  # those of them that are links
_process_cache: list[Path] = []  # the cache folder named by keep_in, if any
DIGESTS_FILE = "file-digests.pickle"
# Cache folders and files of earlier versions of the build.
OBSOLETE = ("exports", "exports-rows", "records.pickle", "fragments")


def digest(*parts) -> str:
    """SHA-256 (hex) of `parts` (bytes, or anything else by its str), separated so that ("ab", "c")
    and ("a", "bc") differ."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def unpickle(path: Path):
    """The value pickled in the file `path` of the build's own cache (never from outside), frozen once loaded
    (generator.end_build unfreezes): plain data the build keeps, most of it to its end, which the cycle
    collector would otherwise walk once or more for nothing (the up-to-date stamp, the manifest, the images'
    index: tens of thousands of entries, no cycle; 45 ms for the index at 10,000). Read from the file as it goes:
    large bytes (the open-data runs: 100 MB at 10,000) are read straight into their objects, not copied from
    the file's bytes."""
    with open(path, "rb") as handle, collector_paused():
        value = pickle.load(handle)
        gc.freeze()
    return value


def content_digest(pieces) -> str:
    """`digest` of the bytes `pieces` make one after the other, without joining them."""
    hasher = hashlib.sha256()
    hasher.update(sum(map(len, pieces)).to_bytes(8, "little"))
    for piece in pieces:
        hasher.update(piece)
    return hasher.hexdigest()


def signature(stat: os.stat_result) -> tuple:
    """What tells a file changed without reading it: its size, modification and change times, and inode."""
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


def seen_at_start(signatures: dict[str, tuple], links=()) -> None:
    """Take `signatures` (path -> `signature` of a regular file, or of a link to one), read by the check at
    the start of this build (engine/uptodate.py), as the files' own for the rest of it, rather than asking
    for each again (at 10,000 enterprises, 20,000 stats). A file changed since is the next build's to see:
    this build's up-to-date stamp holds the signatures read at its start. Empty: ask again. `links`: those
    paths that are links (the others were reached through real folders: see `seen_regular`)."""
    _seen.clear()
    _seen.update(signatures)
    _seen_links.clear()
    _seen_links.update(links)


def seen_regular(path: str) -> bool:
    """Whether the check at the start of the build saw a regular file at `path` (a string) that is not a link
    and was reached through real folders only: `path` is then its own real path (realpaths.py)."""
    return path in _seen and path not in _seen_links


def regular_file_size(path) -> int | None:
    """The size of a regular file or a link to one (as seen_at_start); None for anything else (a folder, a
    pipe). Raises OSError when there is nothing at `path`."""
    known = _seen.get(os.fspath(path))
    if known is not None:
        return known[0]
    info = os.stat(path)
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, remembered while the file's signature is the same."""
    name = os.fspath(path)
    known_as = _seen.get(name) or signature(os.stat(name))
    _used.add(name)
    known = _file_digests.get(name)
    if known is None or known[0] != known_as:
        with open(name, "rb") as handle:
            known = _file_digests[name] = (known_as, hashlib.sha256(handle.read()).hexdigest())
    return known[1]


def asked() -> dict[str, tuple]:
    """The digests of the files this process asked for, as kept: for another process to `remember`."""
    return {name: _file_digests[name] for name in _used if name in _file_digests}


def remember(digests: dict[str, tuple]) -> None:
    """Take in the digests of files another process asked for (`asked`), as if this one had."""
    _file_digests.update(digests)
    _used.update(digests)


def load_file_digests(folder: Path | None) -> None:
    """Take in the file digests a previous build kept in the cache `folder`."""
    if folder is not None:
        try:
            _file_digests.update(unpickle(Path(folder) / DIGESTS_FILE))
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            pass


def save_file_digests(folder: Path | None) -> None:
    """Keep the digests of the files this build read in the cache `folder`, for the next build (a file
    removed since is not asked for: no need to look for it)."""
    if folder is not None:
        kept = {name: _file_digests[name] for name in _used if name in _file_digests}
        atomic_write(Path(folder) / DIGESTS_FILE, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))


def forget_obsolete(root: Path | None) -> None:
    """Remove the cache folders and files that earlier versions of the build kept and this one no longer reads
    (at 10,000 enterprises, `exports-rows` held 155 MB, `records.pickle` 73 MB)."""
    if root is not None:
        for name in OBSOLETE:
            path = Path(root) / name
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def tree_digest(folder: Path, pattern: str = "**/*") -> str:
    """Digest of the names and bytes of every file under `folder` whose name matches `pattern`'s last part
    (`**/*.py`: at any depth; `*.json`: in `folder` itself). Links to files count as files; links to
    folders are not followed."""
    recursive, _, name_pattern = pattern.rpartition("/")
    files: list[tuple[list[str], str]] = []  # (path parts under `folder`, path)

    def scan(place: str, parts: list[str]) -> None:
        with os.scandir(place) as entries:
            for entry in entries:
                if entry.is_dir():
                    if recursive == "**" and not entry.is_symlink():
                        scan(entry.path, parts + [entry.name])
                elif (name_pattern == "*" or fnmatch.fnmatch(entry.name, name_pattern)) and entry.is_file():
                    files.append((parts + [entry.name], entry.path))

    try:
        scan(os.fspath(folder), [])
    except (FileNotFoundError, NotADirectoryError):
        pass
    files.sort()
    return digest(*(f"{'/'.join(parts)}={file_digest(path)}" for parts, path in files))


def atomic_write(path: Path, data: bytes) -> tuple:
    """Write `path` so that a reader sees the old bytes or the new ones, never a part; the `signature` of the
    file written, once in place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.replace(temporary, path)
        return signature(os.fstat(handle.fileno()))


def keep_in(folder: Path | None) -> None:
    """Name the build cache folder where modules that are not given the settings keep the work they make once
    in a process (the validator's compiled messages, the look-alike classes); None: made in each process."""
    _process_cache[:] = [Path(folder)] if folder is not None else []


def process_cache(kind: str) -> Cache:
    """The folder `kind` of the cache folder named by `keep_in` (without a folder when none is)."""
    return Cache(_process_cache[0] if _process_cache else None, kind)


class Cache:
    """Results of one kind of work (a folder of the build cache), each stored under its input digest."""

    def __init__(self, root: Path | None, kind: str):
        self.folder = Path(root) / kind if root is not None else None

    def path(self, key: str, suffix: str = "") -> Path | None:
        """Where the result of `key` is kept (None without a cache folder)."""
        return self.folder / f"{key}{suffix}" if self.folder else None

    def get(self, key: str) -> bytes | None:
        path = self.path(key)
        return path.read_bytes() if path is not None and path.is_file() else None

    def put(self, key: str, data: bytes) -> None:
        if self.folder is not None:
            atomic_write(self.path(key), data)

    def read_or_make(self, key: str, read, make, damaged: tuple, others: str = "*"):
        """read(the bytes kept under `key`); when there are none, or `read` raises one of `damaged` (a damaged
        file), read(make()) once make()'s bytes are kept under `key` instead of those of the other keys
        matching `others`."""
        kept = self.get(key)
        if kept is not None:
            try:
                return read(kept)
            except damaged:
                pass
        made = make()
        self.put(key, made)
        self.keep_only({key}, others)
        return read(made)

    def get_object(self, key: str):
        """The Python value stored under `key`, or None (a cache this process wrote itself)."""
        path = self.path(key)
        try:
            return unpickle(path) if path is not None else None
        except (FileNotFoundError, IsADirectoryError):
            return None

    def put_object(self, key: str, value) -> None:
        self.put(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def keep_only(self, keys: set[str], pattern: str = "*") -> None:
        """Remove the results whose key is not in `keys` (files named after their key; not a file being
        written, whose temporary name starts with a dot)."""
        if self.folder is not None and self.folder.is_dir():
            for path in self.folder.glob(pattern):
                if not path.name.startswith(".") and path.name.split(".", 1)[0] not in keys:
                    path.unlink(missing_ok=True)
