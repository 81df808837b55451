"""`make devserver`: the preview is rebuilt when a record is saved, with the record read again."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

from support.tools import REPO


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(condition, seconds: float = 120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError("the preview did not change in time")


def test_saving_a_record_rebuilds_the_preview(tmp_path):
    root = tmp_path / "root"
    for name in ("enterprises", "institutions", "data", "schema"):
        shutil.copytree(REPO / name, root / name)
    port = free_port()
    env = {**os.environ, "PORTFOLIO_ROOT": str(root), "PORTFOLIO_CACHE": str(tmp_path / "cache")}
    server = subprocess.Popen([sys.executable, "-m", "portfolio.devserver", "--port", str(port),
                               "--output", str(tmp_path / "output")], cwd=REPO, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        page = f"http://127.0.0.1:{port}/entreprises/traiteur-la-marmite-solidaire/"
        wait_for(lambda: "Marmite" in fetch(page))
        record = root / "enterprises" / "traiteur-la-marmite-solidaire.yaml"
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("name: Traiteur La Marmite solidaire", "name: Traiteur La Grande Marmite", 1),
                          encoding="utf-8")
        wait_for(lambda: "La Grande Marmite" in fetch(page))
    finally:
        server.terminate()
        server.wait(timeout=30)

