"""The one content-hash cache of the build: work keyed by a digest of everything it depends on.

Media, validated records, search indexes and PDFs all keep their results here, under a folder of the
cache per kind of work; a result is found again only while every input is byte-for-byte the same."""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

_file_digests: dict[tuple, str] = {}


def digest(*parts) -> str:
    """SHA-256 (hex) of `parts` (bytes, or anything else by its str), separated so that ("ab", "c")
    and ("a", "bc") differ."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, remembered per (path, size, modification time) in this process."""
    stat = os.stat(path)
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _file_digests:
        _file_digests[key] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return _file_digests[key]


def tree_digest(folder: Path, pattern: str = "**/*") -> str:
    """Digest of the names and bytes of every file matching `pattern` under `folder`."""
    folder = Path(folder)
    files = sorted(p for p in folder.glob(pattern) if p.is_file())
    return digest(*(f"{p.relative_to(folder).as_posix()}={file_digest(p)}" for p in files))


def atomic_write(path: Path, data: bytes) -> None:
    """Write `path` so that a reader sees the old bytes or the new ones, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


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

    def get_object(self, key: str):
        """The Python value stored under `key`, or None (a cache this process wrote itself)."""
        data = self.get(key)
        return pickle.loads(data) if data is not None else None

    def put_object(self, key: str, value) -> None:
        self.put(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def keep_only(self, keys: set[str], pattern: str = "*") -> None:
        """Remove the results whose key is not in `keys` (files named after their key)."""
        if self.folder is not None and self.folder.is_dir():
            for path in self.folder.glob(pattern):
                if path.name.split(".", 1)[0] not in keys:
                    path.unlink(missing_ok=True)
