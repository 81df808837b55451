"""What a pull request changes on the site: the pages of two built sites compared, as Markdown for the job
summary of the pull-request workflow (`python -m portfolio.contribute.changes BEFORE AFTER`)."""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

SHOWN = 100  # pages listed per kind of change; the rest are counted


def pages(folder: Path) -> dict[str, str]:
    """URL path of every HTML page of a built site -> digest of its bytes."""
    found = {}
    for path in sorted(folder.rglob("*.html")):
        url = "/" + path.relative_to(folder).as_posix().removesuffix("index.html")
        found[url] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def compare(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    return {
        "added": sorted(after.keys() - before.keys()),
        "removed": sorted(before.keys() - after.keys()),
        "changed": sorted(url for url in before.keys() & after.keys() if before[url] != after[url]),
    }


def summary(changes: dict[str, list[str]]) -> str:
    """Markdown: a heading, then each kind of change with its pages (relative paths, not links: the preview
    is an artefact, not a published site)."""
    words = {"added": "Pages added / pages ajoutées", "removed": "Pages removed / pages retirées",
             "changed": "Pages changed / pages modifiées"}
    lines = ["## Preview of the site / aperçu du site", ""]
    if not any(changes.values()):
        return "\n".join(lines + ["No page changes. / Aucune page ne change.", ""])
    for kind, urls in changes.items():
        if urls:
            lines += [f"### {words[kind]} ({len(urls)})", ""] + [f"- `{url}`" for url in urls[:SHOWN]]
            lines += [f"- … {len(urls) - SHOWN} more / de plus"] if len(urls) > SHOWN else []
            lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before", type=Path, help="the site built from the base branch")
    parser.add_argument("after", type=Path, help="the site built from the pull request")
    args = parser.parse_args(argv)
    print(summary(compare(pages(args.before), pages(args.after))))


if __name__ == "__main__":
    main()
