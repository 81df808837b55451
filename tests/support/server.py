"""A real nginx serving a built site on 127.0.0.1, with the strict headers we recommend for hosting."""

import getpass
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

from .tools import require

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'self'; frame-ancestors 'none'")

CONFIG = """
user {user};
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    types {{ application/manifest+json webmanifest; text/calendar ics; }}
    default_type application/octet-stream;
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    gzip on; gzip_types application/json text/css application/javascript image/svg+xml;
    charset utf-8; charset_types text/css application/javascript application/json text/plain text/csv;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
        error_page 404 /404.html;
        add_header Content-Security-Policy "{csp}" always;
        add_header X-Content-Type-Options nosniff always;
        add_header Referrer-Policy same-origin always;
    }}
}}
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def nginx(root: Path, tmp: Path):
    """Serve `root` with nginx; yield its base URL (no trailing slash); stop it afterwards."""
    binary = require("nginx", "/usr/sbin/nginx")
    port = _free_port()
    conf = tmp / "nginx.conf"
    # Workers run as the current user: as root, nginx's default (nobody) cannot read pytest's 0700 folders.
    conf.write_text(CONFIG.format(user=getpass.getuser(), tmp=tmp, port=port, root=root, csp=CSP))
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
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
