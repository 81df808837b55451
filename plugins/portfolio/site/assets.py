"""Stage `portfolio.site.assets`: the files every page uses, written once for both languages — the
theme's static files (under THEME_STATIC_DIR), the favicon at the root, and the records' images in
every size (site/media.py), made before any page is rendered so that templates only look them up."""

from __future__ import annotations

from pathlib import Path


def prepare(site) -> None:
    static = Path(site.settings.theme) / "static"
    for path in sorted(p for p in static.rglob("*") if p.is_file()):
        relative = path.relative_to(static).as_posix()
        site.write_file(f"{site.settings.theme_static_dir}/{relative}", path.read_bytes(), __name__)
    site.write_file("favicon.ico", (static / "images" / "favicon.ico").read_bytes(), __name__)
    portfolio = site.portfolio
    images = [image for record in (*portfolio.enterprises, *portfolio.institutions) for image in images_of(record)]
    site.media.publish(images, site.writer, __name__)


def images_of(record):
    """Every image of a record: logo, photos, offers' photos."""
    yield from (image for image in (getattr(record, "logo", None),) if image)
    yield from getattr(record, "photos", ())
    yield from (offer.photo for offer in getattr(record, "offer", ()) if offer.photo)
