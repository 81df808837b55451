"""Where a file really is, refused when it lies outside a folder (a record or an image must not lead the
build out of the portfolio). os.path, each folder resolved once, through its parent: it is asked for every
record and image."""

from __future__ import annotations

import os
import stat

from .engine.cache import seen_regular


class Inside:
    """The real paths of files that lie inside `root`."""

    def __init__(self, root):
        self.root = os.path.join(os.path.realpath(root), "")
        self._folders: dict[str, str] = {}  # folder -> its real place

    def real(self, path) -> str | None:
        """The real place of `path`, or None when it is outside the root. A link is resolved on its own;
        any other file through its folder. Raises OSError when `path` cannot be read."""
        name = os.fspath(path)
        if seen_regular(name):  # as the check at the start of the build found it
            return name if name.startswith(self.root) else None
        folder, base = os.path.split(name)
        if stat.S_ISLNK(os.lstat(name).st_mode) or base in ("", ".", ".."):
            real = os.path.realpath(name)
        else:
            real = os.path.join(self._real_folder(folder), base)
        return real if real.startswith(self.root) else None

    def _real_folder(self, folder: str) -> str:
        """The real place of `folder`, through its parent's when it is not a link itself: one lstat for each
        folder of a record's images (`media/<name>/`) rather than one for each part of its path."""
        if folder not in self._folders:
            parent, base = os.path.split(folder)
            if base in ("", ".", "..") or parent == folder or stat.S_ISLNK(os.lstat(folder).st_mode):
                self._folders[folder] = os.path.realpath(folder)
            else:
                self._folders[folder] = os.path.join(self._real_folder(parent), base)
        return self._folders[folder]
