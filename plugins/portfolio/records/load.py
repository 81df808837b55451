"""Validate record files and load a whole portfolio folder into the typed model.

`validate_files` checks any list of files (command line, pull-request check, form page);
`load_portfolio` checks every record under a root and builds the model only when nothing is wrong.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .. import clock
from ..engine.cache import Cache, asked, digest, keep_in, regular_file_size, remember
from ..realpaths import Inside
from ..workers import Later, later, spread
from . import build, datafiles, rules, yamlload
from .cached import RecordCache, code_version, environment_of, record_digest
from .diagnostics import ERROR, Diagnostic, field_path
from .lookalike import load_classes, name_keys
from .messages import N_, Messages
from .model import Portfolio
from .schemacheck import SchemaChecker, fast_validator
from .texts import NAME_FIELDS
from .values import value_at
from .vocabulary import Vocabulary

REPOSITORY = Path(__file__).resolve().parents[3]
KIND_FOLDERS = {"enterprise": "enterprises", "institution": "institutions"}
KIND_NAMES = {"enterprise": N_("an enterprise record"), "institution": N_("an institution record")}
BUILDERS = {"enterprise": build.enterprise, "institution": build.institution}  # the typed model of each kind
DIGESTS_BESIDE_AFTER = 500  # record files whose digests another process makes


@dataclass
class LoadResult:
    portfolio: Portfolio | None  # None when any record has an error
    diagnostics: list[Diagnostic] = field(default_factory=list)
    saving: Later | None = None  # see ValidationResult


@dataclass
class Record:
    """A record that could be read (it may still have errors).

    Kept between runs (cached.py) with its typed model and its data pickled apart: loading 10,000 of them
    then took 0.33 s, against 0.27 s to load them with their data and 0.30 s to build their models; 0.13 s
    since the fields of an enterprise that a build reads for its rendered pages only are packed too
    (Enterprise.PACKED)."""

    kind: str  # "enterprise" or "institution"
    slug: str
    source: str  # path shown in diagnostics: relative to the root when inside it, POSIX
    packed: bytes  # the file's data as validated, pickled (`data` gives it)
    names: list  # (parts, text, position, lookalike.name_keys) of each name compared for duplicates
    valid: bool = True
    digest: str = ""  # of the file and its media folder (cached.record_digest)
    model: object = None  # of an enterprise or institution file without error (records/build.py)

    @property
    def data(self) -> dict:
        return pickle.loads(self.packed)


class RecordFiles(Mapping):
    """Record source -> the data of its file, as validated, unpickled when asked for."""

    def __init__(self, records: list[Record]):
        self._records = {record.source: record for record in records}

    def __getitem__(self, source: str) -> dict:
        return self._records[source].data

    def __iter__(self):
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)


@dataclass
class ValidationResult:
    records: list[Record]
    diagnostics: list[Diagnostic]
    files: int
    saving: Later | None = None  # the results being kept for the next run (Validator's save_beside)

    @property
    def errors(self) -> int:
        return sum(d.is_error for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.is_warning for d in self.diagnostics)


def kind_of(path: Path, head: bytes = b"") -> str:
    """The record kind of a file: its folder's (`enterprises/`, `institutions/`); elsewhere, the schema
    its first-line editor comment names (institution or, by default, enterprise); for the data files,
    their kind (datafiles.py)."""
    return datafiles.kind_of(path) or kind_of_folder(path) or kind_of_modeline(head) or "enterprise"


def kind_of_folder(path: Path) -> str | None:
    return next((kind for kind, folder in KIND_FOLDERS.items() if path.parent.name == folder), None)


def kind_of_modeline(head: bytes) -> str | None:
    """The kind whose schema the `# yaml-language-server: $schema=…` first line names, if any."""
    first = head.split(b"\n", 1)[0]
    if not first.startswith(b"#"):
        return None
    return next((kind for kind in KIND_FOLDERS if f"{kind}.schema.json".encode() in first), None)


def _all_shown(paths: list[Path], root: Path) -> list[str]:
    """`_shown` of each of `paths`, most of them (plain paths under `root` as given) without asking the
    operating system or pathlib (at 10,000 records, 0.15 s less)."""
    top = os.path.join(os.path.abspath(root), "")
    shown = []
    for path in paths:
        plain = os.fspath(path)
        inside = os.sep == "/" and plain.startswith(top) and "/." not in plain[len(top) - 1:]
        shown.append(plain[len(top):] if inside else _shown(path, root))
    return shown


def _shown(path: Path, root: Path) -> str:
    """`path` relative to `root` (POSIX) when it is inside, else as given."""
    plain, top = os.path.abspath(path), os.path.abspath(root)
    if os.sep == "/" and plain.startswith(top + os.sep):  # most paths, without pathlib
        return plain[len(top) + 1:]
    if path.absolute().is_relative_to(root.absolute()):
        return path.absolute().relative_to(root.absolute()).as_posix()
    try:
        if path.resolve().is_relative_to(root.resolve()):
            return path.resolve().relative_to(root.resolve()).as_posix()
    except RuntimeError:  # a symbolic link loop
        pass
    return path.as_posix()


_vocabulary: list = []  # [key, Vocabulary] of the last vocabulary_of


def vocabulary_of(root: Path, cache: Path | None = None) -> Vocabulary:
    """The vocabulary of `root` (the repository's when `root` has none); empty when its file has an error,
    which is reported when that file is checked. `cache`: see check_data_file. While its file and what it is
    checked with are the same, this process gives the same object again (cached.RecordCache keeps results
    made of its very terms)."""
    own = root / datafiles.FOLDER / datafiles.FILES["vocabulary-file"]
    path, base = (own, root) if own.is_file() else (REPOSITORY / datafiles.FOLDER / datafiles.FILES["vocabulary-file"],
                                                    REPOSITORY)
    file_digest = _file_digest(path, Inside(base))
    key = file_digest and digest(os.path.abspath(path), file_digest, *environment_of(base, "fr", "", set()))
    if key and _vocabulary[:1] == [key]:
        return _vocabulary[1]
    data, _ = check_data_file(path, base, cache=cache)
    vocabulary = Vocabulary.empty() if data is None else Vocabulary.from_data(data)
    _vocabulary[:] = [key, vocabulary] if key else []
    return vocabulary


class Validator:
    """Checks record files of one repository in one language; build it once, call it many times."""

    def __init__(self, root: Path | None = None, lang: str = "fr", today: dt.date | None = None,
                 institutions: set[str] | None = None, cache: Path | None = None,
                 vocabulary: Vocabulary | None = None, workers: int | None = None, save_beside: bool = False):
        self.root = Path(root) if root is not None else Path.cwd()
        self.lang, self.cache = lang, cache  # cache: folder keeping results between runs (cached.py)
        self.say = Messages(lang)
        self.vocabulary = vocabulary_of(self.root, cache) if vocabulary is None else vocabulary
        self.checker = SchemaChecker(self.vocabulary, self.say, cache)
        self.today = today or clock.today()
        self.institutions = institutions
        self.workers = workers  # processes checking the files not in the cache (None: one per processor)
        # The results kept in the cache by another process, which the caller waits for (result.saving).
        self.save_beside = save_beside

    def validate(self, paths) -> ValidationResult:
        """Check every file in `paths`; an error in one file never stops the others."""
        paths = [p if isinstance(p, Path) else Path(p) for p in paths]
        institutions = self.institutions
        if institutions is None:
            institutions = {p.stem for p in (self.root / "institutions").glob("*.yaml")}
            institutions |= {p.stem for p in paths  # the folder first: kind_of takes 5 µs a path
                             if p.parent.name == KIND_FOLDERS["institution"] and kind_of(p) == "institution"}
        record_rules = rules.RecordRules(self.say, self.root, institutions, self.today)
        diagnostics: list[Diagnostic] = []
        records: list[Record] = []

        def reporter(source: str, into: list[Diagnostic] = diagnostics):
            def report(position, parts, code, message, severity=ERROR):
                into.append(Diagnostic(source, position[0], position[1], field_path(parts), code, message, severity))
            return report

        inside = Inside(self.root)
        environment = environment_of(self.root, self.lang, self.today, institutions)
        # The files' digests are made in another process while this one reads the kept results (at 10,000
        # records, 0.3 s and 0.4 s), unless it holds them already (the preview server's builder).
        beside = self.workers if len(paths) > DIGESTS_BESIDE_AFTER and not (
            self.cache and RecordCache.in_memory(self.cache, *environment, vocabulary=self.vocabulary)) else 1
        digesting = later(lambda: _file_digests(paths, inside), beside)
        try:
            cache = RecordCache(self.cache, *environment, vocabulary=self.vocabulary) if self.cache else None
            if not digesting.here and (cache is None or cache.kept() < len(paths) // 2):  # many files to check
                _compile_validators(paths, self.cache)
            sources = _all_shown(paths, self.root)  # while the digests are still being made
        finally:
            file_digests, read = digesting.result()
        remember(read)
        checked: list[tuple | None] = [None] * len(paths)  # (record or None, its diagnostics) of each path
        missing = []
        for number, (source, file_digest) in enumerate(zip(sources, file_digests)):
            key = cache.key(source, file_digest) if cache and file_digest else None
            if key and (found := cache.get(key)):
                checked[number] = found
            else:
                missing.append((number, source, file_digest, key))

        def check(job) -> tuple:
            number, source, file_digest, _key = job
            path = paths[number]
            found: list[Diagnostic] = []
            report = reporter(source, found)
            try:
                record = _check_file(path, source, report, self.say, self.checker, record_rules)
            except Exception as error:  # noqa: BLE001 - one broken file must not stop the others
                report((1, 1), (), "internal-error", self.say(N_(
                    "This file could not be checked because of an unexpected problem ({problem}); please "
                    "report it."), problem=f"{type(error).__name__}: {error}"[:200]))
                record = None
            if record is not None:
                record.digest = file_digest
            return record, found

        if len(missing) > 1:
            _compile_validators([paths[job[0]] for job in missing], self.cache)
            load_classes()  # here, rather than in each process checking files
        for job, result in zip(missing, spread(check, missing, self.workers, chunksize=16)):
            checked[job[0]] = result
            record, found = result
            if record is not None and record.kind in BUILDERS and not any(d.is_error for d in found):
                record.model = BUILDERS[record.kind](record.slug, record.source, record.data, self.vocabulary,
                                                     record.digest)
            if job[3]:
                cache.put(job[3], *result)
        saving = cache.save(self.workers if self.save_beside else 1) if cache else None
        for record, file_diagnostics in checked:
            diagnostics.extend(file_diagnostics)
            if record is not None:
                records.append(record)

        for kind in KIND_FOLDERS:
            rules.duplicates([(r.source, r.slug, r.names) for r in records if r.kind == kind],
                             reporter, self.say)
        invalid = {d.path for d in diagnostics if d.is_error}
        for record in records:
            record.valid = record.source not in invalid
        return ValidationResult(records, sorted(diagnostics, key=_order), len(paths), saving)


def validate_files(paths, root: Path | None = None, lang: str = "fr", today: dt.date | None = None,
                   institutions: set[str] | None = None, cache: Path | None = None,
                   workers: int | None = None) -> ValidationResult:
    """Check every file in `paths` (see Validator).

    `root` is the repository (paths are shown relative to it, images must stay inside it);
    `institutions` are the known institution slugs (default: `root/institutions/*.yaml` plus the
    institution files given); `today` dates the freshness warnings.
    """
    return Validator(root, lang, today, institutions, cache, workers=workers).validate(paths)


def _compile_validators(paths: list[Path], cache: Path | None) -> None:
    """Compile the schema validators of the kinds of `paths` here, once, not in each process checking files
    (60 ms each the first time: meanwhile if possible)."""
    for kind in {kind_of_folder(path) for path in paths} & set(KIND_FOLDERS):
        fast_validator(kind, cache)


def _file_digests(paths: list[Path], inside: Inside) -> tuple[list[str | None], dict]:
    """(_file_digest of each of `paths`, the file digests this process asked for: what the process that
    asks must `remember` when this runs in another one)."""
    return [_file_digest(path, inside) for path in paths], asked()


def _file_digest(path: Path, inside: Inside) -> str | None:
    """cached.record_digest of a record file; None for anything but a regular file of at most the size limit
    inside the root (a pipe would block, a link out of the repository is not read)."""
    try:
        size = regular_file_size(path)
        if size is None or size > yamlload.MAX_BYTES or inside.real(path) is None:
            return None
        return record_digest(path)
    except (OSError, RuntimeError, ValueError):
        return None


def _order(diagnostic: Diagnostic):
    return diagnostic.path, diagnostic.line, diagnostic.column, diagnostic.code


def _read(path: Path, root: Path, report, say) -> bytes | None:
    """The bytes of a record file (at most one byte over the limit), if it is a regular file that is
    not a link leading out of the repository (its content could end up quoted in public logs)."""
    try:
        if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
            report((1, 1), (), "file-outside", say(N_(
                "This file is a link to a file outside the repository, which is not allowed; put the record "
                "itself here.")))
            return None
        if not path.exists():
            report((1, 1), (), "file-unreadable", say(N_("The file does not exist.")))
            return None
        if not path.is_file():  # a folder, a device, a pipe…
            report((1, 1), (), "file-unreadable", say(N_("This is not a regular file.")))
            return None
        with path.open("rb") as handle:
            return handle.read(yamlload.MAX_BYTES + 1)
    except (OSError, RuntimeError) as error:  # RuntimeError: a symbolic link loop
        report((1, 1), (), "file-unreadable", say(N_("The file cannot be read ({problem})."),
                                                  problem=getattr(error, "strerror", None) or type(error).__name__))
        return None


def _check_file(path: Path, source: str, report, say, checker: SchemaChecker,
                record_rules: rules.RecordRules) -> Record | None:
    raw = _read(path, record_rules.root, report, say)
    if raw is None:
        return None
    kind = kind_of(path, raw[:200])
    _check_modeline(path, kind, raw[:200], report, say)
    parsed = yamlload.parse(raw, report, say, path.stat().st_size if len(raw) > yamlload.MAX_BYTES else None)
    if parsed.data is None:
        return None
    data, positions = parsed.data, parsed.positions
    label = lambda parts: checker.label(kind, tuple(parts))  # noqa: E731
    explained = record_rules.texts.check(kind, data, positions, report, label)
    checker.check(kind, data, positions, report, explained)
    if kind in datafiles.FILES:
        datafiles.check(kind, data, positions, report, say, label)
    else:
        record_rules.check(kind, path, data, positions, report, label)
    names = [(parts, value_at(data, parts), positions.of(parts), name_keys(value_at(data, parts)))
             for parts in NAME_FIELDS.get(kind, ()) if isinstance(value_at(data, parts), str)]
    return Record(kind, path.stem, source, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL), names)


def _check_modeline(path: Path, kind: str, head: bytes, report, say) -> None:
    """The first-line schema comment must name the schema of the file's own kind."""
    named = kind_of_modeline(head)
    if named is not None and kind in KIND_FOLDERS and named != kind:
        report((1, 1), (), "schema-mismatch", say(N_(
            "This file is in {folder}/, so it is read as {kind_name}, but its first line names the schema "
            "{named_schema}. Write « # yaml-language-server: $schema=../schema/{kind}.schema.json » as its "
            "first line, or move the file to {named_folder}/."), folder=KIND_FOLDERS[kind],
            kind_name=say.term(KIND_NAMES[kind]), named_schema=f"{named}.schema.json", kind=kind,
            named_folder=KIND_FOLDERS[named]))


def record_files(root: Path) -> list[Path]:
    """Every record file of a portfolio root: enterprises first, then institutions, sorted (the names
    `Path.glob("*.yaml")` gives, in half its time)."""
    found = []
    for folder in KIND_FOLDERS.values():
        base = Path(root) / folder
        try:
            names = os.listdir(base)
        except OSError:  # no such folder
            names = []
        found += [base / name for name in sorted(names) if name.endswith(".yaml")]
    return found


def load_portfolio(root: Path, lang: str = "fr", today: dt.date | None = None, cache: Path | None = None,
                   workers: int | None = None, save_beside: bool = False) -> LoadResult:
    """Validate every record under `root` (reusing the results kept in `cache` for unchanged files) and,
    when there is no error, build the Portfolio. `save_beside`: see Validator."""
    root = Path(root)
    if cache is not None:
        keep_in(cache)  # where the messages' catalogues and the look-alike classes are kept, from now on
    vocabulary = vocabulary_of(root, cache)
    result = Validator(root, lang, today, cache=cache, vocabulary=vocabulary, workers=workers,
                       save_beside=save_beside).validate(datafiles.files(root) + record_files(root))
    if result.errors:
        return LoadResult(None, result.diagnostics, result.saving)
    built = {kind: [] for kind in BUILDERS}
    records = [r for r in result.records if r.kind in BUILDERS]  # not the data files
    for record in records:
        built[record.kind].append(record.model)
    return LoadResult(Portfolio(vocabulary, built["enterprise"], built["institution"], files=RecordFiles(records)),
                      result.diagnostics, result.saving)


class DataFileError(ValueError):
    """A data file has errors; its message lists them all, one `path:line:column: field: message` a line."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(map(str, diagnostics)))
        self.diagnostics = diagnostics


def check_data_file(path: Path, root: Path | None = None, lang: str = "fr",
                    cache: Path | None = None) -> tuple[dict | None, list[Diagnostic]]:
    """Check one data file (`<root>/data/<name>.yaml`, see datafiles.py) like a record: (its data, None
    when it has an error; every diagnostic). `root` defaults to the folder holding `data/`. With the build
    `cache`, the result is kept there while the file, the schemas and the validator are the same."""
    path = Path(path)
    kind = datafiles.kind_of(path)
    if kind is None:
        raise ValueError(f"{path} is not a data file ({', '.join(datafiles.FILES.values())} in data/)")
    root = path.absolute().parents[1] if root is None else Path(root)
    store, key = Cache(cache, "data-files"), None
    if cache is not None and (file_digest := _file_digest(path, Inside(root))):
        key = f"{kind}-" + digest(code_version(), *environment_of(root, lang, "", set()), _shown(path, root),
                                  file_digest)
        if (kept := store.get_object(key)) is not None:
            return kept
    result = Validator(root, lang, institutions=set(), vocabulary=Vocabulary.empty()).validate([path])
    found = (None if result.errors or not result.records else result.records[0].data), result.diagnostics
    if key:
        store.keep_only(set(), f"{kind}-*")  # the result of the file's earlier version
        store.put_object(key, found)
    return found


def load_data_file(path: Path, root: Path | None = None, lang: str = "fr", cache: Path | None = None) -> dict:
    """The data of a data file; raise DataFileError listing every problem when it has an error."""
    data, diagnostics = check_data_file(path, root, lang, cache)
    if data is None:
        raise DataFileError(diagnostics)
    return data
