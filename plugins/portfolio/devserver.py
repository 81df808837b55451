"""Preview server: build, serve `output/` on localhost, and rebuild whenever a record, an image, a data
file, a hand-written page, the theme or the settings change.

    python -m portfolio.devserver [--port 8000] [--settings pelicanconf.py]

Each rebuild is a fresh Pelican process, so records are always read again from disk; it is incremental
(unchanged pages are kept) and a failed build leaves the previous preview in place."""

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

RECORDS = ("enterprises", "institutions", "data", "schema")  # under the portfolio root
SITE = ("content", "theme", "plugins", "pelicanconf.py")  # of the repository


def build(settings: str, output: Path) -> bool:
    """One build (`python -m portfolio`: Pelican, unless nothing changed); True when it succeeded."""
    command = [sys.executable, "-m", "portfolio", str(REPOSITORY / "content"), "-s", settings, "-o", str(output)]
    return subprocess.run(command, cwd=REPOSITORY).returncode == 0


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
    build(args.settings, args.output)
    serve(args.output, args.port)
    print(f"Preview at http://localhost:{args.port}/ — rebuilt on every save (Ctrl-C to stop)", flush=True)
    root = Path(os.environ.get("PORTFOLIO_ROOT") or REPOSITORY)
    paths = [p for p in [*(root / name for name in RECORDS), *(REPOSITORY / name for name in SITE)] if p.exists()]
    try:
        for changes in watch(*paths, watch_filter=lambda _, path: "__pycache__" not in path):
            print(f"{len(changes)} change(s): rebuilding", flush=True)
            build(args.settings, args.output)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
