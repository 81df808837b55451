"""Identifiers no record may take: the URL segments the site itself uses inside record folders.

A record's page is `<folder><identifier>/` (site.urls.FOLDERS); a fixed page or a listing's next pages
(site.urls.FIXED, site.urls.PAGINATED) that live inside a record folder, in any language, would be
replaced by a record with the same identifier. Files the stages write beside record pages
(`atom.xml`…) have a dot in their name, which an identifier never has, so they cannot collide.
"""

from __future__ import annotations

import functools


@functools.cache
def reserved_identifiers() -> frozenset[str]:
    """Every first path segment that a fixed page or pagination uses inside a record folder."""
    from ..site import urls  # the URL table is the single source; imported late (it imports records)

    record_folders = {path for key, paths in urls.FOLDERS.items() if key not in urls.TERM_SECTIONS
                      for path in paths.values()}
    inside = [path for paths in urls.FIXED.values() for path in paths.values()]
    inside += [folder + urls.PAGINATED for folder in record_folders]
    return frozenset(path.removeprefix(folder).split("/", 1)[0]
                     for folder in record_folders for path in inside
                     if path.startswith(folder) and path != folder)
