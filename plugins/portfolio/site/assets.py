"""Stage `portfolio.site.assets`: the files every page uses, written once for both languages — the
theme's static files (under THEME_STATIC_DIR, CSS and JavaScript under fingerprinted names: see
site/hosting.py), the favicon at the root, and the records' images in every size (site/media.py), made
before any page is rendered so that templates only look them up (`static(path)`, `media`)."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

# A static import of a module beside the importing one: `from "./xlsx.js"`.
MODULE_IMPORT = re.compile(r'(\bfrom\s*")\./([\w.-]+\.js)(")')


def prepare(site) -> None:
    static = Path(site.settings.theme) / "static"
    files = {p.relative_to(static).as_posix(): p for p in sorted(static.rglob("*")) if p.is_file()}
    for relative in files:
        _write(site, relative, files)
    site.write_file("favicon.ico", (static / "images" / "favicon.ico").read_bytes(), __name__)
    portfolio = site.portfolio
    images = [image for record in (*portfolio.enterprises, *portfolio.institutions) for image in record.images]
    site.media.publish(images, site.writer, __name__)


def _write(site, relative: str, files: dict) -> None:
    """Write one static file, after the modules it imports, whose fingerprinted names it then imports."""
    if relative in site.static_files:
        return
    data = files[relative].read_bytes()
    if relative.endswith(".js"):
        folder = PurePosixPath(relative).parent

        def renamed(match) -> str:
            imported = (folder / match[2]).as_posix()
            _write(site, imported, files)
            return f"{match[1]}./{PurePosixPath(site.static_files[imported]).name}{match[3]}"

        data = MODULE_IMPORT.sub(renamed, data.decode("utf-8")).encode("utf-8")
    site.write_static(relative, data, __name__)

