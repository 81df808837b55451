"""Files written by forked processes while this one goes on: the languages of a build side by side (the
first in this process, the others in forked processes), and the work of a stage that no page waits for
(`beside`). Their files are already in the staging folder; their writer entries (and the languages' sitemap
pages) are merged back. A failure in any of them fails the build, with the child's traceback."""

from __future__ import annotations

from ..settings import LANGS
from ..workers import Later, count, later


def language_share(workers: int | None) -> int:
    """How many processes each language may use for its own work (its PDFs, its kept runs), the languages
    being written side by side (`write_languages`): its share of the processors, at least one."""
    total = count(workers)
    return max(1, total // min(total, len(LANGS)))


def write_languages(site, builds: dict, write, workers: int) -> None:
    """`write(build)` for every build of `builds` (language -> build), up to `workers` at a time; each may
    spread its own work over its `language_share` of processes."""
    builds = list(builds.values())
    children = [(build, later(lambda build=build: _written(write, build), workers, spreads=True))
                for build in builds[1:workers]]
    try:
        for build in [builds[0], *builds[max(workers, 1):]]:
            write(build)
    except BaseException:
        for _, child in children:
            child.cancel()
        raise
    for build, child in children:
        entries, written, reused, rendered, pages = child.result()
        site.writer.merge(site.writer.unpacked(entries), written, reused)
        site.sitemap.merge(pages)
        build.rendered = rendered


def _written(write, build) -> tuple:
    """`write(build)` in a child process; what the parent needs to take in of it."""
    sitemap = build.site.sitemap
    before_pages = sitemap.pages()
    _, entries, written, reused = _since(build.site.writer, lambda: write(build))
    return build.site.writer.packed(entries), written, reused, build.rendered, sitemap.pages() - before_pages


def beside(site, work) -> Later:
    """`work()`, which writes files through `site.writer`, run in a forked process (which may spread its own
    work) while this one goes on; `taken_in` gives its value."""
    return later(lambda: _since(site.writer, work), site.settings.workers, spreads=True)


def taken_in(site, job: Later):
    """The value of a `beside` job, its files taken into this process's writer."""
    value, entries, written, reused = job.result()
    if not job.here:  # else its entries are this writer's already
        site.writer.merge(entries, written, reused)
    return value


def _since(writer, work) -> tuple:
    """(work(), the writer entries it added, the files it wrote, the files it kept)."""
    before, written, reused = set(writer.entries), writer.written, writer.reused
    value = work()
    return (value, {path: entry for path, entry in writer.entries.items() if path not in before},
            writer.written - written, writer.reused - reused)
