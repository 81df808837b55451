"""Preview server: build, serve `output/` on localhost, and rebuild whenever a record, an image, a data
file, a hand-written page, the theme or the settings change.

    python -m portfolio.devserver [--port 8000] [--settings pelicanconf.py]

The builds run in one process that stays (warm.py), as `pelican --autoreload` runs them: every build reads
the records and everything else it uses from disk again and is incremental (unchanged pages are kept), and
a failed build leaves the previous preview in place. A fresh process is started, ahead of its first build
so that it has imported Pelican and the build by the time a file is saved, after a failed build and when
something changes that a process reads only once (the plugin's code, the schemas, the settings)."""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import watch

from .settings import REPOSITORY
from .warm import STATUS_FD, read_once

RECORDS = ("enterprises", "institutions", "data", "schema")  # under the portfolio root
SITE = ("content", "theme", "plugins", "pelicanconf.py")  # of the repository


class Builds:
    """The preview's builds, run by a builder process that stays (warm.py) while they succeed."""

    def __init__(self, settings: str, output: Path, content: Path = REPOSITORY / "content", log=None,
                 env: dict | None = None):
        """`log`: where the builds' messages go (a file; by default this process's output); `env`: their
        environment (by default this process's)."""
        self.command = [sys.executable, "-m", "portfolio.warm", str(content), "-s", settings, "-o", str(output)]
        self.log, self.env = log, env if env is not None else os.environ
        self.builder: subprocess.Popen | None = None
        self.statuses = None  # the builder's status lines
        self._start()

    def _start(self) -> None:
        read, write = os.pipe()
        self.builder = subprocess.Popen(self.command, cwd=REPOSITORY, stdin=subprocess.PIPE, pass_fds=(write,),
                                        stdout=self.log, stderr=self.log, env={**self.env, STATUS_FD: str(write)})
        os.close(write)
        self.statuses = os.fdopen(read)

    def run(self, fresh: bool = False) -> bool:
        """One build; True when it succeeded. `fresh`: something the builder read once and keeps changed since
        it started (warm.read_once): a fresh one builds. After a failure, a fresh one waits for the next build."""
        if fresh or self.builder is None:
            self.stop()
            self._start()
        try:
            self.builder.stdin.write(b"build\n")
            self.builder.stdin.flush()
        except BrokenPipeError:  # it ended: its status line is missing, which says the build failed
            pass
        succeeded = self.statuses.readline().strip() == "0"
        if not succeeded:
            self.stop()
            self._start()
        return succeeded

    def stop(self) -> None:
        """End the builder: the end of its input, once its build (if any) is done."""
        if self.builder is not None:
            try:
                self.builder.stdin.close()
            except BrokenPipeError:
                pass
            self.builder.wait()
            self.statuses.close()
            self.builder = self.statuses = None


def serve(output: Path, port: int) -> ThreadingHTTPServer:
    """Serve `output` on 127.0.0.1:`port` from a background thread."""
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(output))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portfolio.devserver", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--settings", default=str(REPOSITORY / "pelicanconf.py"))
    parser.add_argument("--output", type=Path, default=REPOSITORY / "output")
    args = parser.parse_args(argv)
    builds = Builds(args.settings, args.output)
    root = Path(os.environ.get("PORTFOLIO_ROOT") or REPOSITORY)
    paths = [p for p in [*(root / name for name in RECORDS), *(REPOSITORY / name for name in SITE)] if p.exists()]
    try:
        builds.run()
        serve(args.output, args.port)
        print(f"Preview at http://localhost:{args.port}/ — rebuilt on every save (Ctrl-C to stop)", flush=True)
        for changes in watch(*paths, watch_filter=lambda _, path: "__pycache__" not in path):
            print(f"{len(changes)} change(s): rebuilding", flush=True)
            builds.run(fresh=read_once((path for _, path in changes), root))
    except KeyboardInterrupt:
        pass
    finally:
        builds.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
