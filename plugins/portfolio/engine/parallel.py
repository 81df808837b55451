"""The languages of a build written side by side: the first in this process, the others in forked
processes whose files (already in the staging folder), writer entries and sitemap pages are merged back.
A failure in any of them fails the build, with the child's traceback."""

from __future__ import annotations

import multiprocessing
import os
import traceback


class LanguageBuildError(RuntimeError):
    """A language written in another process failed."""


def write_languages(site, builds: dict, write, workers: int) -> None:
    """`write(build)` for every build of `builds` (language -> build), up to `workers` at a time."""
    builds = list(builds.values())
    if workers < 2 or len(builds) < 2 or not hasattr(os, "fork"):
        for build in builds:
            write(build)
        return
    context = multiprocessing.get_context("fork")
    children = []
    for build in builds[1:workers]:
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(write, build, send), daemon=True)
        process.start()
        send.close()
        children.append((build, process, receive))
    try:
        for build in [builds[0], *builds[workers:]]:
            write(build)
    except BaseException:
        for _, process, _ in children:
            process.kill()
        raise
    for build, process, receive in children:
        try:
            outcome = receive.recv()
        except EOFError:
            outcome = ("error", f"the process writing {build.lang!r} stopped (exit code {process.exitcode})")
        process.join()
        if outcome[0] == "error":
            raise LanguageBuildError(outcome[1])
        entries, written, reused, rendered, pages = outcome[1:]
        site.writer.merge(entries, written, reused)
        site.sitemap.merge(pages)
        build.rendered = rendered


def _child(write, build, send) -> None:
    writer, sitemap = build.site.writer, build.site.sitemap
    before_entries, before_pages = set(writer.entries), sitemap.pages()
    before_written, before_reused = writer.written, writer.reused
    try:
        write(build)
        entries = {path: entry for path, entry in writer.entries.items() if path not in before_entries}
        send.send(("done", entries, writer.written - before_written, writer.reused - before_reused, build.rendered,
                   sitemap.pages() - before_pages))
    except BaseException:  # noqa: BLE001 - reported to the parent, which fails the build
        send.send(("error", traceback.format_exc()))
    finally:
        send.close()
