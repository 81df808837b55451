"""Preview server: build, serve `output/` on localhost, and rebuild whenever a record, an image, a data
file, a hand-written page, the theme or the settings change.

    python -m portfolio.devserver [--port 8000] [--settings pelicanconf.py]

Each rebuild is a fresh Pelican process, so records are always read again from disk; it is incremental
(unchanged pages are kept) and a failed build leaves the previous preview in place. The next rebuild's
command is started as soon as a build ends (`Builds`): it has imported Pelican and the build (0.3 s) by the
time a file is saved, and reads nothing before it is told to build."""

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

from .__main__ import AHEAD, tell
from .settings import REPOSITORY

RECORDS = ("enterprises", "institutions", "data", "schema")  # under the portfolio root
SITE = ("content", "theme", "plugins", "pelicanconf.py")  # of the repository


class Builds:
    """The preview's builds (`python -m portfolio`: Pelican, unless nothing changed), each command started
    ahead of its build (__main__.py: PORTFOLIO_AHEAD)."""

    def __init__(self, settings: str, output: Path):
        self.command = [sys.executable, "-m", "portfolio", str(REPOSITORY / "content"), "-s", settings,
                        "-o", str(output)]
        self.waiting = self._start()

    def _start(self) -> subprocess.Popen:
        return subprocess.Popen(self.command, cwd=REPOSITORY, stdin=subprocess.PIPE, env={**os.environ, AHEAD: "1"})

    def run(self, code_changed: bool = False) -> bool:
        """One build; True when it succeeded. `code_changed`: a Python file (the plugin, the settings) changed
        since the waiting command started, which imported the code before: another one builds."""
        if code_changed:
            self.stop()
        building, self.waiting = self.waiting or self._start(), None
        tell(building, build=True)
        succeeded = building.wait() == 0
        self.waiting = self._start()
        return succeeded

    def stop(self) -> None:
        """End the waiting command (the end of its input)."""
        if self.waiting is not None:
            tell(self.waiting, build=False)
            self.waiting.wait()
            self.waiting = None


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
    builds.run()
    serve(args.output, args.port)
    print(f"Preview at http://localhost:{args.port}/ — rebuilt on every save (Ctrl-C to stop)", flush=True)
    root = Path(os.environ.get("PORTFOLIO_ROOT") or REPOSITORY)
    paths = [p for p in [*(root / name for name in RECORDS), *(REPOSITORY / name for name in SITE)] if p.exists()]
    try:
        for changes in watch(*paths, watch_filter=lambda _, path: "__pycache__" not in path):
            print(f"{len(changes)} change(s): rebuilding", flush=True)
            builds.run(code_changed=any(path.endswith(".py") for _, path in changes))
    except KeyboardInterrupt:
        pass
    finally:
        builds.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
