"""The languages of a build written side by side: the first in this process, the others in forked
processes (workers.later) whose files (already in the staging folder), writer entries and sitemap pages
are merged back. A failure in any of them fails the build, with the child's traceback."""

from __future__ import annotations

from ..workers import later


def write_languages(site, builds: dict, write, workers: int) -> None:
    """`write(build)` for every build of `builds` (language -> build), up to `workers` at a time."""
    builds = list(builds.values())
    children = [(build, later(lambda build=build: _written(write, build), workers)) for build in builds[1:workers]]
    try:
        for build in [builds[0], *builds[max(workers, 1):]]:
            write(build)
    except BaseException:
        for _, child in children:
            child.cancel()
        raise
    for build, child in children:
        entries, written, reused, rendered, pages = child.result()
        site.writer.merge(entries, written, reused)
        site.sitemap.merge(pages)
        build.rendered = rendered


def _written(write, build) -> tuple:
    """`write(build)` in a child process; what the parent needs to take in of it."""
    writer, sitemap = build.site.writer, build.site.sitemap
    before_entries, before_pages = set(writer.entries), sitemap.pages()
    before_written, before_reused = writer.written, writer.reused
    write(build)
    entries = {path: entry for path, entry in writer.entries.items() if path not in before_entries}
    return (entries, writer.written - before_written, writer.reused - before_reused, build.rendered,
            sitemap.pages() - before_pages)
