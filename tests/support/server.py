"""A real nginx serving a built site on 127.0.0.1 with the nginx snippet the build wrote (site/hosting.py):
the headers, precompressed files and 404 page that are shipped are the ones tested."""

import getpass
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

from portfolio.settings import Settings
from portfolio.site import hosting

from .tools import require

CONFIG = """
user {user};
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
{modules}
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    types {{ application/manifest+json webmanifest; text/calendar ics; }}
    default_type application/octet-stream;
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    gzip {gzip}; gzip_types application/json text/css application/javascript image/svg+xml;
    charset utf-8; charset_types text/css application/javascript application/json text/plain text/csv;
    server {{
        listen 127.0.0.1:{port};
        root {www};
        include {snippet};
    }}
}}
"""
BROTLI = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def snippet_of(root: Path, tmp: Path) -> Path:
    """The nginx snippet the build wrote into `root`; for a build without the hosting stage, the same
    snippet made from the default settings."""
    if (root / "nginx.conf").is_file():
        return root / "nginx.conf"
    settings = Settings()
    path = tmp / "snippet.conf"
    path.write_text(hosting.nginx("", settings.security_headers, settings.cache_control), encoding="utf-8")
    return path


@contextmanager
def nginx(root: Path, tmp: Path, base: str = "", gzip: bool = True, port: int | None = None):
    """Serve `root` with nginx and the snippet of its build, at the path `base` (e.g. "/portfolio"); yield
    the site's URL (no trailing slash); stop it afterwards. `gzip`: nginx's on-the-fly compression (the
    precompressed files are served either way)."""
    binary = require("nginx", "/usr/sbin/nginx")
    require("the nginx Brotli module (libnginx-mod-http-brotli-static)", BROTLI)
    port = port or free_port()
    conf = tmp / "nginx.conf"
    www = tmp / "www"
    site = www / base.strip("/") if base else www
    site.parent.mkdir(parents=True, exist_ok=True)
    if site.is_symlink() or site.exists():
        site.unlink()
    site.symlink_to(Path(root).absolute(), target_is_directory=True)
    # Workers run as the current user: as root, nginx's default (nobody) cannot read pytest's 0700 folders.
    conf.write_text(CONFIG.format(user=getpass.getuser(), tmp=tmp, port=port, www=www,
                                  snippet=snippet_of(Path(root), tmp), gzip="on" if gzip else "off",
                                  modules=f"load_module {BROTLI};"))
    with running_nginx(binary, conf, tmp, port):
        yield f"http://127.0.0.1:{port}{base}"


@contextmanager
def running_nginx(binary: str, conf: Path, tmp: Path, port: int):
    """nginx started with `conf` (prefix `tmp`), from when it listens on `port` until the block ends."""
    process = subprocess.Popen([binary, "-p", str(tmp), "-c", str(conf)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if process.poll() is not None:
                raise RuntimeError("nginx did not start: " + process.stderr.read().decode())
            time.sleep(0.05)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)
