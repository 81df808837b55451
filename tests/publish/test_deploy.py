"""Deploy targets: `make rsync_upload` to an rsync daemon on 127.0.0.1 (twice, with a reader polling nginx
during the second deploy), `make rollback`, `make github` into a local bare repository, and `make s3_upload`
with a stub `aws` on the PATH (no S3 endpoint is reachable here)."""

from __future__ import annotations

import getpass
import grp
import os
import shlex
import shutil
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from publishing import BASE, PUBLICATION, fetch, make
from portfolio.engine.buildlock import holding
from portfolio.settings import Settings
from portfolio.site.hosting import fingerprinted_glob
from support.server import free_port, nginx
from support.tools import REPO, require

pytestmark = pytest.mark.browser
REMOVED, EDITED, UNCHANGED = "atelier-fil-d-argent", "cooperative-l-echappee", "jardins-du-coteau-vert"


@contextmanager
def rsync_daemon(target: Path, tmp: Path):
    """An rsync daemon on 127.0.0.1 with a writable module `site` at `target`; yields its rsync:// URL."""
    binary = require("rsync", "/usr/bin/rsync")
    port = free_port()
    config = tmp / "rsyncd.conf"
    config.write_text(f"pid file = {tmp}/rsyncd.pid\nuse chroot = no\n[site]\n  path = {target}\n  read only = no\n"
                      f"  munge symlinks = no\n  uid = {getpass.getuser()}\n"
                      f"  gid = {grp.getgrgid(os.getgid()).gr_name}\n")
    process = subprocess.Popen([binary, "--daemon", "--no-detach", f"--config={config}", f"--port={port}",
                                "--address=127.0.0.1"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"rsync://127.0.0.1:{port}/site"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def portfolio_root(tmp_path_factory):
    """A copy of the sample records, to remove and edit some."""
    root = tmp_path_factory.mktemp("root")
    for folder in ("data", "schema", "enterprises", "institutions"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def test_rsync_deploys_atomically_sends_only_changes_and_rolls_back(portfolio_root, tmp_path):
    target = tmp_path / "target"
    target.mkdir()
    port = free_port()
    url = f"http://127.0.0.1:{port}{BASE}"
    output, cache = tmp_path / "output", tmp_path / "cache"
    no_pdf = {"PORTFOLIO_PDF": "0"}
    with rsync_daemon(target, tmp_path) as destination:
        first = deploy(output, cache, url, portfolio_root, destination, no_pdf)
        assert "file(s) sent" in first.stdout
        (release_1,) = releases(target)
        with nginx(target / "current", tmp_path / "nginx", base=BASE, gzip=False, port=port):
            pages = {"home": "/", "edited": f"/entreprises/{EDITED}/", "unchanged": f"/en/enterprises/{UNCHANGED}/",
                     "directory": "/entreprises/", "removed": f"/entreprises/{REMOVED}/"}
            assert all(fetch(url + page)[0] == 200 for page in pages.values())
            record = portfolio_root / "enterprises" / f"{EDITED}.yaml"
            data = yaml.safe_load(record.read_text(encoding="utf-8"))
            data["name"] += " (nouveau nom)"
            record.write_text("# yaml-language-server: $schema=../schema/enterprise.schema.json\n"
                              + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            (portfolio_root / "enterprises" / f"{REMOVED}.yaml").unlink()
            shutil.rmtree(portfolio_root / "enterprises" / "media" / REMOVED, ignore_errors=True)
            with poller(url, pages.values()) as seen:
                second = deploy(output, cache, url, portfolio_root, destination, no_pdf)
            release_1_dir, release_2_dir = target / "releases" / release_1, target / "current"
            for page, responses in seen.items():
                file = page.lstrip("/") + "index.html"
                old = (release_1_dir / file).read_bytes()
                new = (release_2_dir / file).read_bytes() if (release_2_dir / file).is_file() else None
                assert responses and all(body in (old, new) for body in responses), page
            assert fetch(url + pages["removed"])[0] == 404
            assert "(nouveau nom)" in fetch(url + pages["edited"])[2].decode()
            sent = {line.split(" ", 1)[1] for line in second.stdout.splitlines() if line.startswith("<f")}
            changed = {p.relative_to(release_2_dir).as_posix() for p in release_2_dir.rglob("*") if p.is_file()
                       and not _same(p, release_1_dir / p.relative_to(release_2_dir))}
            assert sent == changed and 0 < len(sent) < len(list(release_2_dir.rglob("*"))) / 4
            unchanged = Path("en", "enterprises", UNCHANGED, "index.html")
            assert (release_2_dir / unchanged).stat().st_ino == (release_1_dir / unchanged).stat().st_ino  # a link
            back = make("rollback", output, cache, RSYNC_DEST=destination)
            assert back.returncode == 0, back.stderr
            assert os.readlink(target / "current") == f"releases/{release_1}"
            assert fetch(url + pages["removed"])[0] == 200
        assert len(releases(target)) == 2


def deploy(output, cache, url, root, destination, env) -> subprocess.CompletedProcess:
    result = make("rsync_upload", output, cache, {**PUBLICATION, **env, "PORTFOLIO_SITE_URL": url,
                                                  "PORTFOLIO_ROOT": str(root)}, RSYNC_DEST=destination)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def releases(target: Path) -> list[str]:
    return sorted(p.name for p in (target / "releases").iterdir())


def _same(a: Path, b: Path) -> bool:
    return b.is_file() and a.read_bytes() == b.read_bytes()


@contextmanager
def poller(url: str, pages):
    """Fetch `pages` over and over in a thread until the block ends; yields page -> bodies (None for a 404,
    the status for any other error)."""
    seen = {page: [] for page in pages}
    stop = threading.Event()

    def run():
        while not stop.is_set():
            for page in seen:
                status, _, body = fetch(url + page)
                seen[page].append(body if status == 200 else None if status == 404 else status)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield seen
    finally:
        stop.set()
        thread.join(timeout=30)


def test_github_pages_branch_in_a_local_bare_repository(tmp_path):
    git = require("git")
    remote, scratch = tmp_path / "pages.git", tmp_path / "scratch.git"
    subprocess.run([git, "init", "--quiet", "--bare", str(remote)], check=True)
    subprocess.run([git, "init", "--quiet", "--bare", str(scratch)], check=True)
    for key, value in (("user.name", "CESIM"), ("user.email", "portfolio@cesim-publication.ca")):
        subprocess.run([git, "--git-dir", str(scratch), "config", key, value], check=True)
    output = tmp_path / "output"
    result = make("github", output, tmp_path / "cache", {**PUBLICATION, "PORTFOLIO_PDF": "0", "GIT_DIR": str(scratch),
                                                        "PORTFOLIO_SITE_URL": "https://portfolio.cesim-publication.ca"},
                  GITHUB_REMOTE=str(remote), GITHUB_CNAME="portfolio.cesim-publication.ca")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    tree = subprocess.run([git, "--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages"],
                          capture_output=True, text=True, check=True).stdout.split()
    expected = {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}
    assert set(tree) == expected | {".nojekyll", "CNAME"}
    cname = subprocess.run([git, "--git-dir", str(remote), "show", "gh-pages:CNAME"], capture_output=True, text=True)
    assert cname.stdout.strip() == "portfolio.cesim-publication.ca"
    assert not (output / "CNAME").exists()  # the build's output is left as the writer made it


def test_s3_upload_command_lines(tmp_path):
    stub = tmp_path / "bin" / "aws"
    stub.parent.mkdir()
    log = tmp_path / "aws.log"
    stub.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> {shlex.quote(str(log))}\n')
    stub.chmod(0o755)
    output = tmp_path / "output"
    result = make("s3_upload", output, tmp_path / "cache",
                  {**PUBLICATION, "PORTFOLIO_PDF": "0", "PATH": f"{stub.parent}:{os.environ['PATH']}",
                   "PORTFOLIO_SITE_URL": "https://portfolio.cesim-publication.ca"}, S3_BUCKET="cesim-portfolio/site")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    calls = log.read_text().splitlines()
    cache = Settings().cache_control
    assert len(calls) == 3 and all(c.startswith(f"s3 sync {output}/ s3://cesim-portfolio/site/") for c in calls)
    assets, rest, cleanup = calls
    for call in calls:
        assert all(f"--exclude {name}" in call for name in ("*.gz", "*.br", "nginx.conf", ".htaccess", "_headers"))
    assert "--delete" not in assets and f"--cache-control {cache['fingerprinted']}" in assets
    assert "--include *.css --include *.js" in assets and "--exclude * " in assets
    assert f"--include {fingerprinted_glob('json')}" in assets and f"--exclude {fingerprinted_glob('json')}" in rest
    assert "--delete" in rest and f"--cache-control {cache['other']}" in rest and "--exclude *.css" in rest
    assert "--delete" in cleanup and "--include *.js" in cleanup


def test_an_upload_waits_for_a_build_of_its_output(tmp_path):
    """The upload reads the output only once no build is writing it (engine/buildlock.py)."""
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("built", encoding="utf-8")
    with holding(output):  # a build, as far as the upload can tell
        upload = subprocess.Popen([sys.executable, "-m", "portfolio.deploy", "s3", str(output), "bucket", "--dry-run"],
                                  cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO / "plugins")},
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert "waiting for it to finish" in upload.stderr.readline()
        assert upload.poll() is None
    out, err = upload.communicate(timeout=120)
    assert upload.returncode == 0, err
    assert out.count("+ aws s3 sync") == 3
