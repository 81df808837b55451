"""Validate record files and load a whole portfolio folder into the typed model.

`validate_files` checks any list of files (command line, pull-request check, form page);
`load_portfolio` checks every record under a root and builds the model only when nothing is wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import build, rules, yamlload
from .diagnostics import ERROR, Diagnostic, field_path
from .messages import N_, Messages
from .model import Portfolio
from .schemacheck import SchemaChecker
from .vocabulary import Vocabulary

REPOSITORY = Path(__file__).resolve().parents[3]
KIND_FOLDERS = {"enterprise": "enterprises", "institution": "institutions"}


@dataclass
class LoadResult:
    portfolio: Portfolio | None  # None when any record has an error
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class Record:
    """A record that could be read (it may still have errors)."""

    kind: str  # "enterprise" or "institution"
    slug: str
    source: str  # path shown in diagnostics: relative to the root when inside it, POSIX
    data: dict
    name_at: tuple[int, int]  # position of the name, for duplicate reports (the other positions are dropped)
    valid: bool = True


@dataclass
class ValidationResult:
    records: list[Record]
    diagnostics: list[Diagnostic]
    files: int

    @property
    def errors(self) -> int:
        return sum(d.is_error for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors


def kind_of(path: Path, head: bytes = b"") -> str:
    """`institution` for files in an `institutions` folder or whose editor modeline names the
    institution schema; `enterprise` otherwise."""
    if path.parent.name == "institutions" or b"institution.schema.json" in head.split(b"\n", 1)[0]:
        return "institution"
    return "enterprise"


def _shown(path: Path, root: Path) -> str:
    """`path` relative to `root` (POSIX) when it is inside, else as given."""
    if path.absolute().is_relative_to(root.absolute()):
        return path.absolute().relative_to(root.absolute()).as_posix()
    try:
        if path.resolve().is_relative_to(root.resolve()):
            return path.resolve().relative_to(root.resolve()).as_posix()
    except RuntimeError:  # a symbolic link loop
        pass
    return path.as_posix()


def vocabulary_of(root: Path) -> Vocabulary:
    own = root / "data" / "vocabulary.yaml"
    return Vocabulary.load(own if own.is_file() else REPOSITORY / "data" / "vocabulary.yaml")


class Validator:
    """Checks record files of one repository in one language; build it once, call it many times."""

    def __init__(self, root: Path | None = None, lang: str = "fr", today: dt.date | None = None,
                 institutions: set[str] | None = None):
        self.root = Path(root) if root is not None else Path.cwd()
        self.say = Messages(lang)
        self.checker = SchemaChecker(vocabulary_of(self.root), self.say)
        self.today = today or dt.date.today()
        self.institutions = institutions

    def validate(self, paths) -> ValidationResult:
        """Check every file in `paths`; an error in one file never stops the others."""
        paths = [Path(p) for p in paths]
        institutions = self.institutions
        if institutions is None:
            institutions = {p.stem for p in (self.root / "institutions").glob("*.yaml")}
            institutions |= {p.stem for p in paths if kind_of(p) == "institution"}
        record_rules = rules.RecordRules(self.say, self.root, institutions, self.today)
        diagnostics: list[Diagnostic] = []
        records: list[Record] = []

        def reporter(source: str):
            def report(position, parts, code, message, severity=ERROR):
                diagnostics.append(Diagnostic(source, position[0], position[1], field_path(parts), code,
                                              message, severity))
            return report

        for path in paths:
            source = _shown(path, self.root)
            report = reporter(source)
            try:
                record = _check_file(path, source, report, self.say, self.checker, record_rules)
            except Exception as error:  # noqa: BLE001 - one broken file must not stop the others
                report((1, 1), (), "internal-error", self.say(N_(
                    "This file could not be checked because of an unexpected problem ({problem}); please "
                    "report it."), problem=f"{type(error).__name__}: {error}"[:200]))
                record = None
            if record is not None:
                records.append(record)

        for kind in KIND_FOLDERS:
            rules.duplicates([(r.source, r.slug, r.data, r.name_at) for r in records if r.kind == kind],
                             reporter, self.say)
        invalid = {d.path for d in diagnostics if d.is_error}
        for record in records:
            record.valid = record.source not in invalid
        return ValidationResult(records, sorted(diagnostics, key=_order), len(paths))


def validate_files(paths, root: Path | None = None, lang: str = "fr", today: dt.date | None = None,
                   institutions: set[str] | None = None) -> ValidationResult:
    """Check every file in `paths` (see Validator).

    `root` is the repository (paths are shown relative to it, images must stay inside it);
    `institutions` are the known institution slugs (default: `root/institutions/*.yaml` plus the
    institution files given); `today` dates the freshness warnings.
    """
    return Validator(root, lang, today, institutions).validate(paths)


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
    parsed = yamlload.parse(raw, report, say)
    if parsed.data is None:
        return None
    checker.check(kind, parsed.data, parsed.positions, report)
    record_rules.check(kind, path, parsed.data, parsed.positions, report,
                       lambda parts: checker.label(kind, tuple(parts)))
    return Record(kind, path.stem, source, parsed.data, parsed.positions.of(("name",)))


def record_files(root: Path) -> list[Path]:
    """Every record file of a portfolio root: enterprises first, then institutions, sorted."""
    return [p for folder in KIND_FOLDERS.values() for p in sorted((Path(root) / folder).glob("*.yaml"))]


def load_portfolio(root: Path, lang: str = "fr", today: dt.date | None = None) -> LoadResult:
    """Validate every record under `root` and, when there is no error, build the Portfolio."""
    root = Path(root)
    result = validate_files(record_files(root), root, lang, today)
    if result.errors:
        return LoadResult(None, result.diagnostics)
    vocabulary = vocabulary_of(root)
    builders = {"enterprise": build.enterprise, "institution": build.institution}
    built = {"enterprise": [], "institution": []}
    for record in result.records:
        built[record.kind].append(builders[record.kind](record.slug, record.source, record.data, vocabulary))
    return LoadResult(Portfolio(vocabulary, built["enterprise"], built["institution"]), result.diagnostics)
