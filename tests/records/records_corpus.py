"""The fixture corpus of the records validator: reading expectations, installing fixtures in a
temporary portfolio root, validating them.

Each fixture declares what the validator must say in its first comment lines:

    # expect: 14:5 address.postal_code postal-code-format
    # expect: warning 40:16 last_verified verification-old
    # expect: notice 34:3 contact.person person-unpublished
    # file: pending/cafe-exemple.yaml        (optional: where to install it, relative to the root)

`-` stands for an empty field (the whole file). Without `# file:`, a fixture is installed as
`enterprises/<slug>.yaml` (or `institutions/` when its first line names the institution schema),
the slug being its name with `_` turned into `-`; its images come from `fixtures/media/<name>/`.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from portfolio.records.load import kind_of, validate_files

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 11, 27)
INSTITUTIONS = {
    "administration-portuaire-de-montreal", "aeroports-de-montreal", "caisse-de-depot-et-placement-du-quebec",
    "college-de-rosemont", "college-marie-victorin", "ciusss-du-nord-de-l-ile-de-montreal", "chum", "csdm",
    "cspi", "concertation-montreal", "gaz-metro", "investissement-quebec", "mouvement-desjardins", "omhm",
    "saq", "shdm", "stm", "universite-concordia", "ville-de-montreal", "ville-exemple",
}
_EXPECT = re.compile(rb"^# expect: (?:(warning|notice) )?(\d+):(\d+) (\S+) (\S+)\s*$")
_FILE = re.compile(rb"^# file: (\S+)\s*$")


@dataclass
class Fixture:
    source: Path
    target: str
    expected: list[tuple[str, int, int, str, str]]  # (severity, line, column, field, code)


def read_fixture(source: Path) -> Fixture:
    raw = source.read_bytes()
    expected, target = [], None
    for line in raw.split(b"\n"):
        if not line.startswith(b"#"):
            break
        if match := _EXPECT.match(line):
            severity, row, column, field, code = match.groups()
            expected.append((severity.decode() if severity else "error", int(row), int(column),
                             "" if field == b"-" else field.decode(), code.decode()))
        elif match := _FILE.match(line):
            target = match.group(1).decode()
    if target is None:
        folder = "institutions" if kind_of(source, raw[:200]) == "institution" else "enterprises"
        target = f"{folder}/{source.stem.replace('_', '-').lower()}.yaml"
    return Fixture(source, target, sorted(expected))


def install(fixture: Fixture, root: Path) -> Path:
    """Copy the fixture (and its media folder, if any) into the portfolio `root`."""
    path = root / fixture.target
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(fixture.source, path)
    media = FIXTURES / "media" / fixture.source.stem
    if media.is_dir():
        shutil.copytree(media, path.parent / "media" / path.stem, symlinks=True)
    return path


def fixtures(kind: str) -> list[Path]:
    return sorted((FIXTURES / kind).glob("*.yaml"))


def install_valid(root: Path) -> list[Path]:
    return [install(read_fixture(source), root) for source in fixtures("valid")]


def validate(paths, root: Path, lang: str = "fr"):
    return validate_files(paths, root, lang=lang, today=TODAY, institutions=INSTITUTIONS)


def found(result, target: str) -> list[tuple[str, int, int, str, str]]:
    return sorted((d.severity, d.line, d.column, d.field, d.code) for d in result.diagnostics if d.path == target)
