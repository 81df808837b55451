"""`portfolio-validate` / `python -m portfolio.validate` / `make validate`: check record and data files.

    portfolio-validate [--lang fr|en] [--format human|json|github] [--root DIR] [--today YYYY-MM-DD] [FILE ...]

Without FILE, every record and data file under DIR (default: the current folder) is checked:
data/vocabulary.yaml, data/results.yaml, enterprises/*.yaml and institutions/*.yaml. Exit status 0 when
there is no error (warnings allowed), 1 otherwise, 2 on a usage error.

Formats:
- human (default): `path:line:column: field: message`, warnings and notices prefixed, then a summary line;
- json: one document {"files", "errors", "warnings", "lang", "diagnostics": [{"severity", "path",
  "line", "column", "field", "code", "message"}]}; line and column are 1-based, path is relative to DIR;
- github: `::error file=…,line=…,col=…,title=…::message` annotation lines (`::warning`, `::notice`), then the
  summary.

A notice is not a problem: it says what the build does with a value (a contact person without a recorded
consent is not published); notices are counted neither as errors nor as warnings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .records import datafiles
from .records import diagnostics as output
from .records.diagnostics import NOTICE, WARNING
from .records.load import record_files, validate_files
from .records.messages import LANGS, N_, Messages

SEVERITY_WORDS = {WARNING: N_("warning"), NOTICE: N_("notice")}  # before the message (an error has none)


def _parser(say: Messages) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="portfolio-validate", description=say(N_(
        "Check enterprise and institution records and the data files, and report every problem.")))
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE", help=say(N_(
        "files to check (default: every record and data file under the root folder)")))
    parser.add_argument("--lang", choices=LANGS, default="fr", help=say(N_("language of the messages")))
    parser.add_argument("--format", choices=("human", "json", "github"), default="human",
                        help=say(N_("output format")))
    parser.add_argument("--root", type=Path, default=Path("."), help=say(N_(
        "repository folder (paths are shown relative to it; images must stay inside it)")))
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help=say(N_(
        "date used for the freshness warnings (YYYY-MM-DD; default: today)")))
    return parser


def _help_language(argv: list[str]) -> str:
    """The --lang of `argv` (for the help text itself), French when absent or unknown."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", default="fr")
    lang = early.parse_known_args(argv)[0].lang
    return lang if lang in LANGS else "fr"


def _summary(say: Messages, files: int, errors: int, warnings: int) -> str:
    return say(N_("{files}, {errors}, {warnings}."),
               files=say.plural("{count} file checked", "{count} files checked", files),
               errors=say.plural("{count} error", "{count} errors", errors),
               warnings=say.plural("{count} warning", "{count} warnings", warnings))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _parser(Messages(_help_language(argv))).parse_args(argv)
    say = Messages(args.lang)
    files = args.files or datafiles.files(args.root) + record_files(args.root)
    result = validate_files(files, args.root, args.lang, args.today)
    summary = _summary(say, result.files, result.errors, result.warnings)
    if args.format == "json":
        print(output.as_json(result.diagnostics, result.files, args.lang))
    else:
        for diagnostic in result.diagnostics:
            label = "" if diagnostic.is_error else say.term(SEVERITY_WORDS[diagnostic.severity])
            print(output.github(diagnostic) if args.format == "github" else output.human(diagnostic, label))
        print(summary)
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
