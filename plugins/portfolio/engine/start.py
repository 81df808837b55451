"""What Pelican runs for the portfolio, decided before it reads anything: the check of uptodate.py, then
either the whole build (generator.py) or, when nothing changed since the last build, a stand-in that
repeats that build's warnings and summary line.

A skipped build imports nothing more than this module, the check and the settings, and Pelican's own
generators are given no content folder to read (their folders are given back once they have run)."""

from __future__ import annotations

import gc
import logging
import os
import shutil
import sys
from functools import partial
from importlib import import_module
from pathlib import Path

from pelican.generators import Generator

from ..settings import Settings
from .buildlock import hold, release
from .cache import digest
from .fingerprint import fingerprint
from .uptodate import Stamp, UpToDate, plain_settings

log = logging.getLogger(__name__)
CONTENT_PATHS = ("ARTICLE_PATHS", "PAGE_PATHS")  # what Pelican's article and page generators read
CONTENT_CACHING = ("CACHE_CONTENT", "LOAD_CONTENT_CACHE")  # off while they read nothing (UnchangedBuild)
CONTENT_CACHE = "pelican-content"  # the cache folder of Pelican's readers (place_content_cache)
# What the build imports, the slowest to import first (portfolio.records.load: 75 ms of 0.2 s).
BUILD_MODULES = ("portfolio.records.load", "portfolio.site.templating", "portfolio.engine.generator",
                 "portfolio.engine.templates", "portfolio.records.schemacheck")


def generator_for(pelican) -> type:
    """The generator class of this run of `pelican` (a `pelican.Pelican`): the build, or its stand-in."""
    settings = Settings.from_pelican(pelican.settings)
    hold(Path(pelican.output_path))  # until the build's end: one build of an output at a time
    place_content_cache(pelican.settings, settings.cache)
    check = UpToDate(settings, pelican.settings, Path(pelican.output_path), meanwhile=_imports(settings))
    stamp = check.unchanged()
    if stamp is None:  # the build's modules, imported only when it runs (or while the check ran)
        from ..records.schemacheck import compile_beside

        compile_beside(settings.cache, settings.workers)  # meanwhile: importing the build, Pelican's content
        from .generator import PortfolioGenerator
        from .templates import ahead

        return PortfolioGenerator.running(settings, check, ahead(settings))
    return UnchangedBuild.standing_in(pelican.settings, stamp)


def place_content_cache(pelican_settings: dict, cache: Path | None) -> None:
    """Pelican's cache of its readers' work (pelicanconf.py: CACHE_CONTENT) in the build's cache folder, in a
    folder named after what that work depends on besides the files (Pelican's settings, its version and its
    readers', Python's); the folders of other settings are removed. No cache folder: no such cache."""
    if cache is None:
        pelican_settings.update(CACHE_CONTENT=False, LOAD_CONTENT_CACHE=False)
        return
    import docutils
    import markdown
    from pelican import __version__

    values = {key: value for key, value in plain_settings(pelican_settings).items() if key != "CACHE_PATH"}
    place = Path(cache) / CONTENT_CACHE / digest(sys.version, __version__, markdown.__version__,
                                                 docutils.__version__, fingerprint(values))[:16]
    for other in place.parent.glob("*"):
        if other != place:
            shutil.rmtree(other, ignore_errors=True)
    pelican_settings["CACHE_PATH"] = os.fspath(place)


def import_build() -> None:
    """Import the build's modules (`python -m portfolio`: while another process checks the inputs)."""
    for name in BUILD_MODULES:
        _import_quietly(name)


def _imports(settings: Settings) -> list:
    """Steps that import the build's modules and its stages', taken while another process checks whether the
    build must run."""
    return [partial(_import_quietly, name) for name in (*BUILD_MODULES, *settings.stages)]


def _import_quietly(name: str) -> None:
    try:
        import_module(name)
    except Exception:  # noqa: BLE001 - a stage that fails to import fails the build in load_stages
        pass


class UnchangedBuild(Generator):
    """The stand-in for a build whose inputs and outputs are those of the last one: its output is in place."""

    stamp: Stamp
    content_paths: dict  # Pelican's content folders and caching, given back once its generators read nothing

    @classmethod
    def standing_in(cls, pelican_settings: dict, stamp: Stamp) -> type:
        """The stand-in for `stamp`'s build; until it runs, Pelican's generators see no content folder (and
        neither load nor save their cache)."""
        saved = {name: pelican_settings[name] for name in (*CONTENT_PATHS, *CONTENT_CACHING)}
        pelican_settings.update(dict.fromkeys(CONTENT_PATHS, []), **dict.fromkeys(CONTENT_CACHING, False))
        return type(cls.__name__, (cls,), {"stamp": stamp, "content_paths": saved})

    def generate_context(self):
        self.settings.update(self.content_paths)  # runs after Pelican's article and page generators
        if self.stamp.report:  # the same warnings as the build it repeats (`--fatal warnings` fails alike)
            log.warning("%s", self.stamp.report)

    def generate_output(self, writer):
        gc.unfreeze()  # what the check froze (cache.unpickle), as the build's end does
        release(Path(self.output_path))
        print(self.stamp.skipped())
