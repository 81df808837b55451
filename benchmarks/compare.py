"""Which of two commits rebuilds quicker after a one-record edit (or builds quicker cold): this checkout and
REV, timed in turns.

    .venv/bin/python benchmarks/compare.py REV [--size 10000] [--rounds 10] [--cold | --preview] [--json FILE]

On a shared machine, benchmarks/build.py's one-record rebuild moves by about 10 % from round to round, more
than most changes to the build make: a change of a few percent shows only when two commits rebuild the same
portfolio in turns. This writes N synthetic enterprises (as build.py does), checks REV out into a temporary
git worktree (with this checkout's Python environment and node_modules), builds each checkout cold into its
own cache and output, then, in each round, edits one record's description (build.edit_description) and
rebuilds both, the first of the two turning each round. It prints each one's median wall and processor
time, the median of the per-round differences (this checkout's less REV's) and how many rounds each was the
quicker in, then the path of the JSON file it wrote last. With --cold, each round builds both from an
empty cache and output instead (the earlier ones moved aside, as build.py does, and deleted at the end). Not
part of `make bench`: it needs a commit to compare with. The other commit must build with this checkout's
installed packages.
"""

from __future__ import annotations

import argparse
import compileall
import json
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import build

THIS = "this checkout"


def checkout(rev: str, place: Path) -> None:
    """`rev` checked out at `place`, a worktree of this repository sharing its node_modules."""
    subprocess.run(["git", "-C", str(build.REPO), "worktree", "add", "--detach", str(place), rev],
                   check=True, capture_output=True, text=True)
    (place / "node_modules").symlink_to(build.REPO / "node_modules")


def remove(place: Path) -> None:
    """Remove the worktree at `place` (its link to node_modules first: never what it leads to)."""
    (place / "node_modules").unlink(missing_ok=True)
    subprocess.run(["git", "-C", str(build.REPO), "worktree", "remove", "--force", str(place)],
                   check=True, capture_output=True, text=True)


def rounds(projects: dict[str, build.Project], root: Path, count: int, cold: bool = False,
           preview: bool = False) -> dict[str, list[build.Run]]:
    """Each project built cold, then `count` rounds of one edit and a rebuild of each, in turns; `cold`: rounds
    of a cold build of each; `preview`: the rebuilds made by each project's preview server builder."""
    if not cold:
        for project in projects.values():
            project.build("main")
    with ExitStack() as stack:
        previews = {name: stack.enter_context(build.Preview(project)) for name, project in projects.items()} \
            if preview else {}
        for builder in previews.values():
            builder.build()  # as when the preview server starts
        return _rounds(projects, root, count, cold, previews)


def _rounds(projects: dict[str, build.Project], root: Path, count: int, cold: bool,
            previews: dict[str, build.Preview]) -> dict[str, list[build.Run]]:
    names, runs = list(projects), {name: [] for name in projects}
    for turn in range(count):
        if not cold:
            build.edit_description(root, turn)
        for name in names[turn % 2:] + names[:turn % 2]:
            if cold:
                build.fresh(projects[name].output, projects[name].folder / "cache-main")
            if previews:
                for builder in previews.values():  # neither collecting the garbage of its last build
                    builder.idle()
                runs[name].append(previews[name].build())
            else:
                runs[name].append(projects[name].build("main"))
        print(f"  round {turn + 1}/{count}: " + ", ".join(f"{name} {runs[name][-1].wall_s:.2f} s" for name in names),
              file=sys.stderr, flush=True)
    return runs


def summarize(rev: str, size: int, runs: dict[str, list[build.Run]], cold: bool = False,
              preview: bool = False) -> dict:
    """Medians of each, the median per-round difference (this checkout less `rev`), the rounds each won."""
    mine, theirs = runs[THIS], runs[rev]
    figures = {"rev": rev, "size": size, "rounds": len(mine),
               "builds": "cold" if cold else "preview, one record" if preview else "one record"}
    for key in ("wall_s", "cpu_s"):
        figures[key] = {name: [round(getattr(run, key), 3) for run in found] for name, found in runs.items()}
        figures[f"median_{key}"] = {name: build.median(getattr(run, key) for run in found)
                                    for name, found in runs.items()}
        figures[f"median_difference_{key}"] = build.median(getattr(a, key) - getattr(b, key)
                                                           for a, b in zip(mine, theirs))
    figures["quicker_rounds"] = {THIS: sum(a.wall_s < b.wall_s for a, b in zip(mine, theirs)),
                                 rev: sum(b.wall_s < a.wall_s for a, b in zip(mine, theirs))}
    return figures


def table(figures: dict) -> str:
    kind = {"cold": "cold builds", "one record": "one-record rebuilds",
            "preview, one record": "the preview server's one-record rebuilds"}[figures["builds"]]
    rev, lines = figures["rev"], [f"{kind} at {figures['size']:,} enterprises, "
                                  f"{figures['rounds']} round(s) in turns (medians: wall, processor)"]
    for name in (THIS, rev):
        lines.append(f"  {name:<24} {figures['median_wall_s'][name]:8.3f} s {figures['median_cpu_s'][name]:8.3f} s"
                     f"   quicker in {figures['quicker_rounds'][name]} round(s)")
    difference, base = figures["median_difference_wall_s"], figures["median_wall_s"][rev]
    lines.append(f"  this checkout less {rev}: {difference:+.3f} s wall a round (median; "
                 f"{100 * difference / base:+.1f} % of {rev}'s median), "
                 f"{figures['median_difference_cpu_s']:+.3f} s processor")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the commit to compare this checkout with (a hash, a branch, HEAD~1…)")
    parser.add_argument("--size", type=int, default=10_000, help="synthetic enterprises (default 10,000)")
    parser.add_argument("--rounds", type=int, default=10)
    timed = parser.add_mutually_exclusive_group()
    timed.add_argument("--cold", action="store_true", help="time cold builds rather than one-record rebuilds")
    timed.add_argument("--preview", action="store_true", help="time the preview server's one-record rebuilds")
    parser.add_argument("--json", type=Path, help="the JSON file to write (default: benchmarks/out/compare-TIME.json)")
    args = parser.parse_args(argv)
    path = args.json or build.REPO / "benchmarks" / "out" / f"compare-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-compare-") as work:
        work = Path(work)
        build.TRASH = work / "trash"
        build.TRASH.mkdir()
        other = work / "checkout"
        checkout(args.rev, other)
        try:
            for repo in (build.REPO, other):
                compileall.compile_dir(repo / "plugins", quiet=1)  # as build.py does, for both
            day, root = build.today(), work / "root"
            build.write_portfolio(root, args.size, seed=0, today=day)
            projects = {THIS: build.Project(work / "this", root, day),
                        args.rev: build.Project(work / "other", root, day, repo=other)}
            runs = rounds(projects, root, args.rounds, args.cold, args.preview)
            figures = summarize(args.rev, args.size, runs, args.cold, args.preview)
        finally:
            remove(other)
    path.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(table(figures))
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
