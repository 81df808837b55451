"""Publishing a built site (`make rsync_upload`, `make rollback`, `make github`, `make s3_upload`).

rsync: atomic and reversible. The target folder holds `releases/<n>-<digest>/` (one per deploy) and a
symbolic link `current` to one of them, which the web server serves (README: nginx `root`). A deploy
uploads the build into a new release folder with `--link-dest` to the current one, so that only changed
files travel (compared by checksum: a fresh build has new modification times) and unchanged ones become
hard links; then it replaces `current` by a link to the new release (rsync writes it under a temporary
name and renames it: a reader gets the old release or the new one, never a mix); then it removes all
but the last KEEP releases. `rollback` points `current` at the release before it. Works with any rsync
destination: `rsync://host/module/path` (an rsync daemon) or `user@host:/path` (ssh).

github: ghp-import commits the build to a branch (gh-pages), with `.nojekyll` and `CNAME` when given.

s3: `aws s3 sync --delete` in three passes (fingerprinted assets first, with their long lifetime: CSS,
JavaScript and the fingerprinted search files; then the rest; then removal of old assets). S3 alone cannot choose a precompressed file by Accept-Encoding or
send security headers: put a CDN in front (README)."""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tempfile
from contextlib import nullcontext
from pathlib import Path

from .engine.buildlock import holding
from .site.hosting import CONFIG_FILES, fingerprinted_glob

KEEP = 5
RELEASE = re.compile(r"^(\d+)-[0-9a-f]{12}$")


class DeployError(RuntimeError):
    """The target is not in the expected state, or a command failed."""


def run(command: list[str], dry_run: bool = False) -> str:
    """Run `command` (print it instead under `dry_run`); its output."""
    print("+", " ".join(command), flush=True)
    if dry_run:
        return ""
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise DeployError(f"{command[0]} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


def _rsync_target(destination: str) -> str:
    return destination.rstrip("/") + "/"


def _names(folder: str) -> list[str]:
    """The names in a folder of an rsync destination (none when it does not exist)."""
    result = subprocess.run(["rsync", "--list-only", folder], capture_output=True, text=True)
    return [line.split()[-1] for line in result.stdout.splitlines() if result.returncode == 0 and line.split()]


def releases(destination: str) -> tuple[list[str], str | None]:
    """The release folders on `destination`, oldest first, and the one `current` points to."""
    target = _rsync_target(destination)
    top = _names(target)
    names = sorted((n for n in _names(target + "releases/") if RELEASE.match(n)) if "releases" in top else [],
                   key=lambda n: int(n.split("-")[0]))
    current = None
    if "current" in top:
        with tempfile.TemporaryDirectory() as scratch:
            run(["rsync", "--links", target + "current", scratch + "/"])
            current = os.readlink(Path(scratch) / "current").removeprefix("releases/").rstrip("/")
    return names, current


def release_name(output: Path, number: int) -> str:
    """`<number>-<digest of the build's file names and bytes>`."""
    hasher = hashlib.sha256()
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        hasher.update(path.relative_to(output).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{number}-{hasher.hexdigest()[:12]}"


def rsync_upload(output: Path, destination: str, keep: int = KEEP) -> tuple[str, list[str]]:
    """Upload `output` as a new release and make it current; its name and the files sent. Files are
    compared by checksum, not kept with their times, so that unchanged ones are hard-linked even from a
    fresh build."""
    names, current = releases(destination)
    number = int(names[-1].split("-")[0]) + 1 if names else 1
    name = release_name(output, number)
    link_dest = [f"--link-dest=../{current}"] if current else []
    report = run(["rsync", "--recursive", "--links", "--perms", "--checksum", "--delete", "--mkpath",
                  "--out-format=%i %n", *link_dest, str(output) + "/", f"{_rsync_target(destination)}releases/{name}/"])
    print(report, end="")
    sent = [line.split(" ", 1)[1] for line in report.splitlines() if line.startswith("<f")]  # <: sent
    switch(destination, name)
    prune(destination, [*names, name], name, keep)
    return name, sent


def switch(destination: str, name: str) -> None:
    """Point `current` at release `name` (a new link renamed over the old one)."""
    with tempfile.TemporaryDirectory() as scratch:
        link = Path(scratch) / "current"
        link.symlink_to(f"releases/{name}")
        run(["rsync", "--links", "--times", str(link), _rsync_target(destination)])


def prune(destination: str, names: list[str], current: str, keep: int) -> None:
    """Remove the releases older than the last `keep` (never the current one)."""
    kept = set(names[-keep:]) | {current}
    with tempfile.TemporaryDirectory() as empty:
        run(["rsync", "--recursive", "--delete", *(f"--filter=P /{n}/" for n in sorted(kept)),
             empty + "/", _rsync_target(destination) + "releases/"])


def rollback(destination: str) -> str:
    """Point `current` at the release before it; that release's name."""
    names, current = releases(destination)
    if current not in names or names.index(current) == 0:
        raise DeployError(f"no release before {current!r} on {destination} (releases: {', '.join(names) or 'none'})")
    previous = names[names.index(current) - 1]
    switch(destination, previous)
    return previous


def github(output: Path, remote: str, branch: str, cname: str, message: str) -> None:
    """Commit `output` to `branch` with ghp-import and push it to `remote`."""
    run([sys.executable, "-m", "ghp_import", "--no-jekyll", "--push", "--force", "--remote", remote,
         "--branch", branch, "--message", message, *(["--cname", cname] if cname else []), str(output)])


def s3_commands(output: Path, bucket: str, cache_control: dict, extra: list[str]) -> list[list[str]]:
    """The `aws s3 sync` command lines: fingerprinted assets, the rest, then removal of old assets."""
    target = f"s3://{bucket.strip('/')}/"
    skipped = [arg for name in ("*.gz", "*.br", *CONFIG_FILES) for arg in ("--exclude", name)]
    patterns = ["*.css", "*.js", fingerprinted_glob("json")]
    assets = ["--exclude", "*", *(arg for pattern in patterns for arg in ("--include", pattern))]
    base = ["aws", "s3", "sync", str(output) + "/", target, *extra]
    return [
        [*base, *assets, *skipped, "--cache-control", cache_control["fingerprinted"]],
        [*base, *skipped, *(arg for pattern in patterns for arg in ("--exclude", pattern)), "--delete",
         "--cache-control", cache_control["other"]],
        [*base, *assets, *skipped, "--delete", "--cache-control", cache_control["fingerprinted"]],
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portfolio.deploy", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    upload = commands.add_parser("rsync", help="upload OUTPUT as a new release and switch to it")
    upload.add_argument("output", type=Path)
    upload.add_argument("destination")
    upload.add_argument("--keep", type=int, default=KEEP)
    back = commands.add_parser("rollback", help="switch back to the previous release")
    back.add_argument("destination")
    pages = commands.add_parser("github", help="commit OUTPUT to a branch with ghp-import and push it")
    pages.add_argument("output", type=Path)
    pages.add_argument("--remote", default="origin")
    pages.add_argument("--branch", default="gh-pages")
    pages.add_argument("--cname", default="")
    pages.add_argument("--message", default="Publish the portfolio")
    s3 = commands.add_parser("s3", help="aws s3 sync OUTPUT to BUCKET (bucket or bucket/prefix)")
    s3.add_argument("output", type=Path)
    s3.add_argument("bucket")
    s3.add_argument("--settings", default="publishconf.py", help="Pelican settings file (for cache lifetimes)")
    s3.add_argument("--aws-option", action="append", default=[], dest="extra",
                    help="extra option for every aws command (e.g. --aws-option=--profile=cesim)")
    s3.add_argument("--dry-run", action="store_true", help="print the commands only")
    args = parser.parse_args(argv)
    # A build of the output meanwhile (the preview server's) waits until the upload has read it (buildlock.py).
    reading = holding(args.output, shared=True) if hasattr(args, "output") else nullcontext()
    try:
        with reading:
            _run(args)
    except DeployError as error:
        print(f"deploy: {error}", file=sys.stderr)
        return 1
    return 0


def _run(args) -> None:
    """The command of the parsed arguments `args`."""
    if args.command == "rsync":
        name, sent = rsync_upload(args.output, args.destination, args.keep)
        print(f"{len(sent)} file(s) sent; current release: {name}")
    elif args.command == "rollback":
        print(f"current release: {rollback(args.destination)}")
    elif args.command == "github":
        github(args.output, args.remote, args.branch, args.cname, args.message)
    else:
        for command in s3_commands(args.output, args.bucket, _cache_control(args.settings), args.extra):
            run(command, args.dry_run)


def _cache_control(settings_file: str) -> dict:
    """PORTFOLIO_CACHE_CONTROL of a Pelican settings file, through the plugin's typed settings."""
    from pelican.settings import read_settings

    from .settings import Settings

    return Settings.from_pelican(read_settings(settings_file)).cache_control


if __name__ == "__main__":
    sys.exit(main())
