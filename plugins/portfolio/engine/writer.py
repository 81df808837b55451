"""The one writer every output file goes through.

- Two writers of one path fail the build, naming both.
- A file whose bytes did not change is not written again (its inode and modification time stay, which
  rsync relies on); a page whose inputs did not change is not even rendered (`reuse`).
- The manifest of the build (path -> content digest, input digest) is kept in the cache; files of the
  previous build that this one no longer produces are removed.
- New and changed files go to a staging folder beside the output. Only when the whole build succeeded
  (`commit`) are they moved into the output and the stale files taken out, as one transaction: what is
  replaced or removed is kept aside until every step succeeded and put back if one fails. Any exception
  before or during the commit leaves the previous output as it was; unchanged files are never touched.
  (Publishing to a host is atomic per release: see the deploy targets.)
"""

from __future__ import annotations

import os
import pickle
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import AbstractSet, NamedTuple

from .cache import atomic_write, content_digest, digest, unpickle

MANIFEST_VERSION = 2
LIST_AFTER = 16  # stats of files of one output folder, before the writer lists the folder instead


class WriterError(RuntimeError):
    """Two stages wrote one path, or a path leaves the output folder."""


class Entry(NamedTuple):  # a tuple: one per file of the site, made fast
    sha: str  # digest of the file's bytes
    inputs: str | None  # digest of what the file was made from, when the writer was told
    by: str  # the stage that wrote it


@dataclass(frozen=True)
class Summary:
    files: int
    written: int
    unchanged: int
    removed: int
    reused: int  # pages not rendered at all: their inputs were unchanged


def manifest_path(cache: Path, output: Path) -> Path:
    """Where the manifest of the build of `output` is kept (one per output folder)."""
    return Path(cache) / "manifests" / f"{digest(str(Path(output).resolve()))[:24]}.pickle"


class Writer:
    def __init__(self, output: Path, manifest: Path, intact: AbstractSet[str] = frozenset()):
        """`intact`: the output folders (relative, "" for the output itself) known to be as the previous build
        left them (engine/uptodate.py): the files its manifest lists in them are there without asking."""
        self.output = Path(output).absolute()
        self._output = os.path.join(os.fspath(self.output), "")  # with its final separator: + a clean relative path
        self.manifest = Path(manifest)
        self.staging = self.output.with_name(f".{self.output.name}.staging")
        self.previous, self._previous_folders = self._load_previous()
        self._folders: list[str] | None = None  # folders(), once asked
        self.entries: dict[str, Entry] = {}
        self.written = self.reused = 0
        self.touched: list[str] | None = []  # once committed: the files put in place or removed (None: all)
        self._staged_folders: set[Path] = set()
        self._asked: dict[str, int] = {}  # output folder -> how many times _in_output asked about it
        self._listed: dict[str, set[str]] = {}  # output folder -> the names of its files, once listed
        self._intact = intact
        if self.staging.exists():  # left by a build that was killed
            shutil.rmtree(self.staging)
        self.staging.mkdir(parents=True)

    # -- during the build

    def write(self, site_path: str, data: bytes | str | list[bytes], by: str, inputs: str | None = None) -> None:
        """Produce `site_path` (relative to the site root) with `data`: bytes, text (in UTF-8), or a list of the
        pieces of a large file, one after the other (never joined in memory: the open-data files)."""
        path = self._claim(site_path, by)
        pieces = data if isinstance(data, list) else [data.encode("utf-8") if isinstance(data, str) else data]
        sha = content_digest(pieces)
        self.entries[path] = Entry(sha, inputs, by)
        if not self._same_as_before(path, sha):
            with open(self._stage(path), "wb") as handle:
                handle.writelines(pieces)
            self.written += 1

    def link(self, site_path: str, source: str | Path, sha: str, by: str, inputs: str | None = None) -> None:
        """Produce `site_path` as a hard link to `source` (a file whose bytes have digest `sha`)."""
        path = self._claim(site_path, by)
        self.entries[path] = Entry(sha, inputs, by)
        if not self._same_as_before(path, sha):
            target = self._stage(path)
            try:
                os.link(source, target)
            except OSError:  # another file system, or links not allowed
                shutil.copyfile(source, target)
            self.written += 1

    def twin(self, site_path: str, of: str, by: str) -> None:
        """Produce `site_path` with the bytes of `of`, a file this build produced already (a hard link to it)."""
        entry = self.entries.get(_normal(of))
        if entry is None:
            raise WriterError(f"{site_path}: the twin of {of}, which this build has not produced")
        self.link(site_path, self.current(of), entry.sha, by, entry.inputs)

    def reuse(self, site_path: str, inputs: str, by: str) -> bool:
        """Keep `site_path` from the previous build when it was made from the same `inputs`; True if kept
        (the caller then skips making it)."""
        path = _normal(site_path)
        before = self.previous.get(path)
        if before is None or before[1] != inputs or not self._in_output(path):
            return False
        if path in self.entries:
            self._claim(path, by)  # raises
        self.entries[path] = Entry(before[0], inputs, by)
        self.reused += 1
        return True

    def merge(self, entries: dict[str, Entry], written: int, reused: int) -> None:
        """Take in what another process wrote into the same staging folder (engine/parallel.py)."""
        for path, entry in entries.items():
            if path in self.entries:
                raise WriterError(f"{path}: written by {self.entries[path].by} and again by {entry.by}")
        self.entries.update(entries)
        self.written += written
        self.reused += reused

    def packed(self, entries: dict[str, Entry]) -> tuple[dict[str, list[str]], dict[str, Entry]]:
        """`entries` to send to another process that shares this writer's previous manifest (a language
        written beside: engine/parallel.py): the paths of those as the manifest has them, by writer, and the
        others (at 10,000 enterprises, 0.7 MB to send rather than 2.3 MB); `unpacked` gives them back."""
        same: dict[str, list[str]] = {}
        other = {}
        previous = self.previous
        for path, entry in entries.items():
            if previous.get(path) == entry[:2]:
                same.setdefault(entry.by, []).append(path)
            else:
                other[path] = entry
        return same, other

    def unpacked(self, packed: tuple[dict[str, list[str]], dict[str, Entry]]) -> dict[str, Entry]:
        """The entries `packed` was given."""
        same, other = packed
        previous = self.previous
        entries = {path: Entry(*previous[path], by) for by, paths in same.items() for path in paths}
        entries.update(other)
        return entries

    def current(self, site_path: str) -> Path:
        """Where the bytes `site_path` has in this build are: staged when written now, else in the output."""
        staged = self.staging / site_path
        return staged if staged.is_file() else self.output / site_path

    # -- at the end

    def commit(self) -> Summary:
        """Put the new output in place of the old one (see the module's docstring)."""
        stale = [path for path in self.previous if path not in self.entries]
        summary = Summary(len(self.entries), self.written, len(self.entries) - self.written, len(stale), self.reused)
        if not self.output.is_dir() or _empty(self.output):
            if self.output.is_dir():
                self.output.rmdir()
            os.rename(self.staging, self.output)
            self.touched = None
        elif self.written or stale:
            self.touched = stale + self._apply(sorted(stale))
        shutil.rmtree(self.staging, ignore_errors=True)
        manifest = {"version": MANIFEST_VERSION, "files": {path: entry[:2] for path, entry in self.entries.items()},
                    "folders": self.folders()}
        atomic_write(self.manifest, pickle.dumps(manifest, protocol=pickle.HIGHEST_PROTOCOL))
        return summary

    def folders(self) -> list[str]:
        """folders_holding the files of this build, once committed: the previous build's folders (kept in its
        manifest) with those of the files added and without those the commit emptied and removed, rather
        than the folders of every path again (at 10,000 enterprises, 55,000). A folder left holding none of
        this build's files, but other files or folders, may stay listed: the up-to-date check then asks about
        one folder more than it needs."""
        if self._folders is None:
            if self._previous_folders is None:
                self._folders = folders_holding(self.entries)
            else:
                added = folders_holding(self.entries.keys() - self.previous.keys())
                gone = [folder for folder in folders_holding(self.previous.keys() - self.entries.keys())
                        if not os.path.isdir(self._output + folder)]
                same = not gone and set(added).issubset(self._previous_folders)
                self._folders = self._previous_folders if same else sorted(
                    set(self._previous_folders).difference(gone).union(added))
        return self._folders

    def abort(self) -> None:
        """Forget this build: the previous output stays as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)

    # -- internals

    def _load_previous(self) -> tuple[dict[str, tuple], list[str] | None]:
        """The previous build's manifest: path -> (sha, inputs) of each file, as an Entry has them, and the
        folders holding them."""
        if not self.output.is_dir() or not self.manifest.is_file():
            return {}, None
        try:
            raw = unpickle(self.manifest)
        except (OSError, ValueError, pickle.UnpicklingError, EOFError, TypeError, AttributeError):
            return {}, None
        if raw.get("version") != MANIFEST_VERSION:
            return {}, None
        return raw["files"], raw.get("folders")

    def _claim(self, site_path: str, by: str) -> str:
        path = _normal(site_path)
        if path in self.entries:
            raise WriterError(f"{path}: written by {self.entries[path].by} and again by {by}")
        return path

    def _same_as_before(self, path: str, sha: str) -> bool:
        before = self.previous.get(path)
        return before is not None and before[0] == sha and self._in_output(path)

    def _in_output(self, path: str) -> bool:
        """Whether the output holds `path`, a file of the previous manifest (called for every file of the site):
        yes in an intact folder, else a stat, or, in a folder asked about more than LIST_AFTER times (the
        images' folder holds tens of thousands), one listing of it."""
        folder, _, name = path.rpartition("/")
        if folder in self._intact:
            return True
        names = self._listed.get(folder)
        if names is None:
            asked = self._asked[folder] = self._asked.get(folder, 0) + 1
            if asked <= LIST_AFTER:
                return os.path.isfile(self._output + path)
            names = self._listed[folder] = _files_in(self._output + folder)
        return name in names

    def _stage(self, path: str) -> Path:
        target = self.staging / path
        if target.parent not in self._staged_folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._staged_folders.add(target.parent)
        return target

    def _apply(self, stale: list[str]) -> list[str]:
        """Move the staged files into the output and take out the stale ones, as one transaction: every
        file replaced or removed is kept aside until all steps succeeded, and put back if any failed. Its
        cost follows the number of changed files, not the size of the site. The files moved in."""
        aside = self.output.with_name(f".{self.output.name}.previous")
        if aside.exists():
            shutil.rmtree(aside)
        staged = sorted(p.relative_to(self.staging).as_posix() for p in self.staging.rglob("*") if not p.is_dir())
        undo: list[tuple[str, bool]] = []  # (path, whether a previous version is kept aside), in order done
        made: list[Path] = []  # folders this commit created in the output
        try:
            for path in stale:
                if (self.output / path).is_file():
                    _folder(aside / path, [])
                    os.replace(self.output / path, aside / path)
                    undo.append((path, True))
            for path in staged:
                target = self.output / path
                kept = target.is_file()
                if kept:
                    _folder(aside / path, [])
                    os.link(target, aside / path)
                _folder(target, made)
                os.replace(self.staging / path, target)
                undo.append((path, kept))
        except BaseException:
            for path, kept in reversed(undo):
                if kept:
                    os.replace(aside / path, self.output / path)
                else:
                    (self.output / path).unlink(missing_ok=True)
            for folder in reversed(made):
                folder.rmdir()
            shutil.rmtree(aside, ignore_errors=True)
            raise
        shutil.rmtree(aside, ignore_errors=True)
        _remove_emptied_folders(stale, self.output)
        return staged


def _files_in(folder: str) -> set[str]:
    """The names of the files in `folder` (links to files count; none when it is missing)."""
    try:
        with os.scandir(folder) as entries:
            return {entry.name for entry in entries if entry.is_file()}
    except (FileNotFoundError, NotADirectoryError):
        return set()


def _folder(path: Path, made: list[Path]) -> None:
    """Create the missing folders above `path`, noting them (outermost first) in `made`."""
    missing = []
    folder = path.parent
    while not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        folder.mkdir()
        made.append(folder)


def _normal(site_path: str) -> str:
    """`site_path` as a clean relative POSIX path, refused when it could leave the output folder."""
    plain = site_path.lstrip("/")
    if plain and "\\" not in plain and not any(part in ("..", ".", "") for part in plain.split("/")):
        return plain  # already clean (most paths): what PurePosixPath would give
    path = PurePosixPath(plain)
    if not path.parts or any(part in ("..", ".", "") for part in path.parts) or "\\" in site_path:
        raise WriterError(f"{site_path!r}: not a path inside the output folder")
    return path.as_posix()


def folders_holding(paths) -> list[str]:
    """Every folder that holds one of `paths` (relative, with "/"), or holds such a folder, in order."""
    folders = set()
    for folder in {path.rpartition("/")[0] for path in paths}:
        while folder and folder not in folders:
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    return sorted(folders)


def _remove_emptied_folders(removed: list[str], root: Path) -> None:
    """Remove the folders above the `removed` paths (relative to `root`) that are left empty, deepest first,
    each looked at once."""
    for folder in sorted(folders_holding(removed), key=lambda name: name.count("/"), reverse=True):
        if _empty(root / folder):
            (root / folder).rmdir()


def _empty(folder: Path) -> bool:
    """Whether `folder` is a folder with nothing in it (its first entry is enough to tell)."""
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is None
    except (FileNotFoundError, NotADirectoryError):
        return False
