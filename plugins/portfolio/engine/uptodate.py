"""Whether a build can be skipped: nothing it reads, and nothing it wrote, changed since the last build
that succeeded with the same settings on the same day.

Like make, this compares file metadata rather than contents: the size, modification and change times
and inode of every file under the folders a build reads (the records and their images, the data files
and schemas, the hand-written content, the theme, the plugin's code and translations), of the settings
files, the installed packages' folders and npm's record of node_modules, and of every folder the build
wrote into, whose times change when a file is added, removed or renamed in it. A file of the output edited
in place is not seen: a build would not see it either (the writer keeps an output file whose page it would
make the same). When the last build read many files (SCAN_BESIDE_AFTER), another process reads their
metadata while this one imports the build's modules, and sends back what changed.
The build's settings, its date and Pelican's settings are compared by value. Anything different, or no
record of an earlier build, and the build runs as usual (it then reuses what its own caches allow).

A file written in the same clock tick as the start of a build may change again without its times
changing: as git does for its index, such a "racily clean" file makes the build not record itself, so
the next build checks everything again.

`python -m portfolio` (the build's command) makes the same check before it imports Pelican
(`launched_as`, `rescan`, `untouched`): the settings cannot be read without Pelican, so the settings, date
and Pelican settings are stood for by how the last build was started (its arguments, working folder,
environment, Python and day) and by the settings files among its inputs. When the build must run, the
command hands it what it read (`hand_over`), which the build's check takes instead of reading it again."""

from __future__ import annotations

import os
import pickle
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .. import clock
from ..settings import REPOSITORY, Settings
from .cache import atomic_write, digest, signature, unpickle
from .fingerprint import fingerprint
from .writer import folders_holding

STAMP = "uptodate.pickle"
STARTED = "uptodate.started"
PLUGIN = Path(__file__).resolve().parents[1]

Signatures = dict[str, tuple]  # path -> cache.signature of the file
VANISHED = ("vanished while read",)  # the signature of a file that could not be read: never recorded
# Set by a shell for each command (the command's path, the folders visited, the terminal's size).
SHELL_VARIABLES = frozenset({"_", "OLDPWD", "PWD", "SHLVL", "COLUMNS", "LINES"})
SCAN_BESIDE_AFTER = 5_000  # inputs of the last build above which another process scans them (0.2 s at 10,000)


@dataclass
class Stamp:
    """What a build that succeeded read and wrote, and what it logged."""

    values: str
    inputs: Signatures
    output_folders: Signatures  # the folders it wrote into, its output folder first
    output_files: int  # how many files it wrote
    report: str  # the warnings about the records it logged, logged again when the build is skipped
    launch: str  # how it was started (launch_key)
    folders: list[str]  # the folders whose files are its inputs
    files: list[str]  # and the single files among its inputs (settings files, installed packages' folders)
    read_as: tuple | None = None  # the signature of the stamp's file when it was read (last_stamp)

    def skipped(self) -> str:
        """The summary line of a build skipped because this one's output is in place."""
        return summary_line(0, 0, self.output_files, 0) + " (nothing changed since the last build)"


def summary_line(rendered: int, written: int, unchanged: int, removed: int) -> str:
    """What a build did, in the line its callers read (the tests, benchmarks/build.py)."""
    return f"portfolio: {rendered} pages rendered, {written} files written, {unchanged} unchanged, {removed} removed"


def launch_key() -> str:
    """How this process was started: its arguments, working folder, environment (but what a shell changes
    from one command to the next: SHELL_VARIABLES), Python and day. Two processes with the same key read
    the same settings files the same way (they are among a build's inputs)."""
    environment = sorted((name, value) for name, value in os.environ.items() if name not in SHELL_VARIABLES)
    return digest(sys.version, sys.executable, os.getcwd(), fingerprint(sys.argv[1:]), fingerprint(environment),
                  clock.today().isoformat())


def last_stamp(cache: Path | None) -> Stamp | None:
    """The stamp of the last build that succeeded with `cache` as its cache folder, if any."""
    if cache is None:
        return None
    try:
        read_as = signature(os.stat(Path(cache) / STAMP))
        stamp = unpickle(Path(cache) / STAMP)
    except Exception:  # noqa: BLE001 - whatever a damaged stamp, or another version's, makes pickle raise
        return None
    if not isinstance(stamp, Stamp):
        return None
    stamp.read_as = read_as
    return stamp


def launched_as(cache: Path | None) -> Stamp | None:
    """The stamp of the last build that succeeded with `cache`, when this process was started as that build
    was (launch_key)."""
    stamp = last_stamp(cache)
    return stamp if stamp is not None and getattr(stamp, "launch", None) == launch_key() else None


@dataclass
class Scan:
    """The files under the folders of the last build's inputs, read again before a build: those whose
    signature changed, the paths of the last inputs no longer found there (its single files among them),
    the links; and when the build started (`start_marker`). What another process sends back: a few bytes
    when nothing changed, not the 2 MB of 20,000 signatures."""

    started: int | None
    read_as: tuple | None  # the last stamp's `read_as`
    folders: list[str]
    changed: Signatures
    gone: set[str]
    links: set[str]

    def inputs(self, last: Signatures, files: Signatures) -> Signatures:
        """The signatures of the inputs now: `last`'s as found again, with those of the single `files`."""
        inputs = {path: times for path, times in last.items() if path not in self.gone}
        inputs.update(self.changed)
        inputs.update(files)
        return inputs


def rescan(cache: Path, stamp: Stamp) -> Scan:
    """The Scan of the folders of `stamp`'s build (from `last_stamp(cache)`), the start marker written first."""
    return _scan(start_marker(cache), stamp.read_as, stamp.inputs, stamp.folders)


def _scan(started: int | None, read_as: tuple | None, last: Signatures, folders: list[str]) -> Scan:
    found, links = scan_all(folders)
    return Scan(started, read_as, folders, {path: times for path, times in found.items() if last.get(path) != times},
                last.keys() - found.keys(), links)


def _scan_meanwhile(started: int | None, last: Signatures, folders: list[Path], workers: int | None,
                    meanwhile: Iterable) -> Scan:
    """_scan of `folders`: in another process while the steps of `meanwhile` are taken, when the `last`
    build read more than SCAN_BESIDE_AFTER files."""
    if len(last) <= SCAN_BESIDE_AFTER:
        return _scan(started, None, last, folders)
    from ..workers import later

    scanning = later(lambda: _scan(started, None, last, folders), workers)
    for step in meanwhile:
        if scanning.ready():
            break
        step()
    return scanning.result()


def untouched(stamp: Stamp, scan: Scan) -> bool:
    """Whether nothing `stamp`'s build read or wrote changed since (`scan`: `rescan` of it): with
    `launched_as`, what `UpToDate.unchanged` finds, without Pelican's settings (the settings files are
    among the inputs)."""
    return (scan.inputs(stamp.inputs, signatures(stamp.files)) == stamp.inputs
            and signatures(stamp.output_folders) == stamp.output_folders)


_handed: list[Scan] = []  # the Scan `python -m portfolio` made before this process builds (hand_over)


def hand_over(scan: Scan) -> None:
    """Give the build of this process `scan`, made by the command that started it (__main__.py)."""
    _handed[:] = [scan]


def start_marker(cache: Path | None) -> int | None:
    """The file system's time at the start of a build (a file's modification time, not the clock)."""
    if cache is None:
        return None
    marker = Path(cache) / STARTED
    try:
        atomic_write(marker, b"")
        return os.stat(marker).st_mtime_ns
    except OSError:
        return None


def input_folders(settings: Settings, pelican_settings: dict) -> list[Path]:
    """Every folder whose files a build may read (over-inclusive: a folder read only sometimes counts)."""
    folders = [settings.root / name for name in ("enterprises", "institutions", "data", "schema")]
    folders += [REPOSITORY / "data", REPOSITORY / "schema"]  # used where the root has none
    folders += [Path(pelican_settings.get("PATH", "content")), Path(settings.theme), PLUGIN]
    return sorted({folder.resolve() for folder in folders})


def input_files() -> list[Path]:
    """Single files a build depends on: the Python files this process loaded from outside the installed
    packages and the plugin (the settings files: pelicanconf.py and those importing it), npm's record of
    what node_modules holds (rewritten by every npm install), and the folders of the installed packages."""
    installed = tuple(os.path.join(os.path.abspath(prefix), "") for prefix in (sys.prefix, sys.base_prefix))
    modules = {os.path.abspath(module.__file__) for module in list(sys.modules.values())
               if isinstance(getattr(module, "__file__", None), str)}
    files = [Path(path) for path in sorted(modules)
             if not path.startswith(installed) and not path.startswith(os.path.join(PLUGIN, ""))]
    packages = {sysconfig.get_paths()[name] for name in ("purelib", "platlib")}
    return files + [REPOSITORY / "node_modules" / ".package-lock.json"] + [Path(p) for p in sorted(packages)]


def scan_all(folders) -> tuple[Signatures, set[str]]:
    """The signature of every file under `folders`, and which of them are links (links to files count as
    files; links to folders are not followed, __pycache__ and hidden folders are skipped). A file or folder
    that vanishes while it is read (an editor's temporary file) is marked as such, so that the scan never
    matches."""
    found, links = {}, set()

    def scan(place: str) -> None:
        try:
            with os.scandir(place) as entries:
                for entry in entries:
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            if entry.name != "__pycache__" and not entry.name.startswith("."):
                                scan(entry.path)
                        elif entry.is_file():
                            found[entry.path] = signature(entry.stat())
                            if entry.is_symlink():
                                links.add(entry.path)
                    except OSError:
                        found[entry.path] = VANISHED
        except OSError:
            found[place] = VANISHED

    for folder in folders:
        if os.path.isdir(folder):
            scan(os.fspath(folder))
    return found, links


def signatures(paths) -> Signatures:
    """The signatures of the files or folders `paths` that exist."""
    found = {}
    for path in paths:
        try:
            found[path] = signature(os.stat(path))
        except OSError:
            pass
    return found


def moved(folders: Signatures) -> set[str]:
    """Those of `folders` (path -> signature) whose signature is no longer the one given: a file added, removed
    or renamed in them since it was read (or the folder gone)."""
    now = signatures(folders)
    return {folder for folder, times in folders.items() if now.get(folder) != times}


def output_folders(output: str, paths=(), within: list[str] | None = None) -> list[str]:
    """`output` and every folder under it that holds one of `paths` (relative to it), or holds such a folder;
    `within`: those folders, relative (writer.folders_holding), found already."""
    folders = folders_holding(paths) if within is None else within
    under = os.path.join(output, "")  # joined by hand: at 10,000 enterprises, 33,000 folders twice a build
    return [output] + [under + folder for folder in folders]


def plain_settings(pelican_settings: dict) -> dict:
    """Pelican's settings that can be compared by value (a value of another kind is named only: the
    settings files' signatures stand for it)."""
    plain = {}
    for key, value in pelican_settings.items():
        try:
            plain[key] = fingerprint(value)
        except TypeError:
            plain[key] = f"<{type(value).__name__}>"
    return plain


class UpToDate:
    """Reads the build's inputs when made (before anything else of the build reads them); `unchanged()`
    tells whether the last build that succeeded had the same, `record()` keeps this one's for the next."""

    def __init__(self, settings: Settings, pelican_settings: dict, output: Path, meanwhile: Iterable = ()):
        """`meanwhile`: steps (callables) of what a build does next (start.py: importing its modules), taken
        while another process scans the inputs, when the last build counted more than SCAN_BESIDE_AFTER of
        them, until that scan is done. The Scan handed over by the build's command (`hand_over`) is taken
        instead when it was made for the same last build and folders."""
        self.cache = Path(settings.cache) if settings.cache is not None else None
        self.output = os.path.abspath(output)
        self.values = digest(sys.version, sys.executable, self.output, settings.build_date,
                             fingerprint(settings), fingerprint(plain_settings(pelican_settings)))
        self.launch = launch_key()
        scan, self.last = _handed.pop() if _handed else None, last_stamp(self.cache)
        if scan is not None and (self.last is None or scan.read_as != self.last.read_as):
            scan = None  # made for another last build
        self.started = scan.started if scan is not None else start_marker(self.cache)  # before anything is read
        self.known_folders: Signatures = {}  # the output folders' signatures as the check found them
        self._moved = None  # the job reading which output folders changed since the last build
        self.read_files = list(map(os.fspath, input_files()))
        files = signatures(self.read_files)
        folders = input_folders(settings, pelican_settings)  # real paths: scan reaches real files through them
        self.read_folders = list(map(os.fspath, folders))
        last = self.last.inputs if self.last is not None else {}
        if scan is None or scan.folders != self.read_folders:
            scan = _scan_meanwhile(self.started, last, folders, settings.workers, meanwhile)
        self.inputs, self.links = scan.inputs(last, files), scan.links
        # The files under those folders, which the build takes as they were now (cache.seen_at_start).
        self.files = {path: times for path, times in self.inputs.items() if times != VANISHED and path not in files}

    def unchanged(self) -> Stamp | None:
        """The last successful build's stamp when its inputs and outputs are exactly this build's."""
        stamp = self.last
        if stamp is None:
            return None
        self.known_folders = stamp.output_folders
        if stamp.values != self.values or stamp.inputs != self.inputs:
            return None
        self.known_folders = signatures(stamp.output_folders)
        return stamp if self.known_folders == stamp.output_folders else None

    def read_output_folders(self, workers: int | None) -> None:
        """Start reading which of the last build's output folders are as it left them, beside this process
        when there are many (`intact_folders` gives them)."""
        from ..workers import later

        before = self._output_folders_before()
        self._moved = later(lambda: moved(before), workers if len(before) > SCAN_BESIDE_AFTER else 1)

    def intact_folders(self) -> set[str]:
        """The output folders that `read_output_folders` found as the last build left them, relative to the
        output folder ("" for itself): the files the last build's manifest lists in them are there, which the
        writer need not ask (at 10,000 enterprises, 33,000 folders read beside the build instead of 65,000
        files on its way). Their signatures are the check's from now on (`record`)."""
        before = self._output_folders_before()
        found = before.keys() - self._moved.result() if self._moved is not None else set()
        self.known_folders = {folder: before[folder] for folder in found}
        inside = os.path.join(self.output, "")
        return {folder[len(inside):] for folder in found if folder.startswith(inside)} | (
            {""} if self.output in found else set())

    def _output_folders_before(self) -> Signatures:
        return self.last.output_folders if self.last is not None else {}

    def stop_reading(self) -> None:
        """Stop `read_output_folders` (a build that failed)."""
        if self._moved is not None:
            self._moved.cancel()

    def record(self, report: str, outputs, touched=None, folders: list[str] | None = None) -> None:
        """Keep this build's stamp once its output is in place (`outputs`: the paths it wrote, relative to
        the output folder; `folders`: the folders holding them, when known: Writer.folders), unless an input
        is racily clean. `touched`: the paths whose file this build put
        in place or removed (None: any); a folder holding none of them is recorded with the signature the
        check read (`unchanged`, `intact_folders`), not asked for again (at 10,000 enterprises, 33,000
        folders). When that is the last stamp's unread (`unchanged` found the inputs changed), which a change
        behind the builds' back made wrong, the next check finds the folder changed and its build records the
        folder as it is: never a build skipped that should not be."""
        if self.cache is None:
            return
        (self.cache / STAMP).unlink(missing_ok=True)
        racy = self.started is None or any(times == VANISHED or max(times[1], times[2]) >= self.started
                                           for times in self.inputs.values())
        if not racy:
            outputs = list(outputs)
            folders = output_folders(self.output, outputs, folders)
            known = {} if touched is None else self.known_folders
            moved = set(output_folders(self.output, touched)) if touched else set()
            found = {folder: known[folder] for folder in folders if folder in known and folder not in moved}
            found.update(signatures(folder for folder in folders if folder not in found))
            stamp = Stamp(self.values, self.inputs, {folder: found[folder] for folder in folders if folder in found},
                          len(outputs), report, self.launch, self.read_folders, self.read_files)
            atomic_write(self.cache / STAMP, pickle.dumps(stamp, protocol=pickle.HIGHEST_PROTOCOL))
