"""The compiled templates of a build, kept in the cache and compiled ahead.

Jinja keeps each compiled template while its source is the same (site/templating.py); what else the
compiled code holds (the translations, our code generator, Jinja's version, the language) makes the key of
the folder. Compiling every template costs about 0.2 s of processor time per language, which a cold build
spent while both processors were busy writing the languages: `ahead` compiles them instead in a process
at the lowest priority, started as soon as the build is known to run (start.py), which only takes a processor the build
leaves idle (before the records are checked in parallel, between stages). The languages stop it when they
start and compile whatever it had not reached."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2

from ..settings import LANGS, LANGUAGES, Settings
from ..site.i18n import load_translations
from ..site.templating import environment
from ..workers import Later, count, later
from .cache import digest, tree_digest
from .uptodate import PLUGIN


def compiled(settings: Settings, lang: str) -> tuple[Path, str] | None:
    """(folder, key) of the compiled templates of `lang` (None without a cache)."""
    if not settings.cache:
        return None
    key = digest(tree_digest(PLUGIN, "**/*.py"), tree_digest(Path(settings.theme) / "translations"),
                 jinja2.__version__, lang)
    return Path(settings.cache) / "templates" / lang, key


def compiled_for_pelican(settings: Settings, jinja_environment: dict) -> tuple[Path, str] | None:
    """(folder, key) of the templates compiled by Pelican's own generators, whose environments have the
    options `jinja_environment` (Pelican's setting JINJA_ENVIRONMENT): besides its source, what a compiled
    template holds (None without a cache)."""
    if not settings.cache:
        return None
    return Path(settings.cache) / "templates" / "pelican", digest(repr(jinja_environment), jinja2.__version__)


def ahead(settings: Settings) -> Later | None:
    """Compile every template of every language in a process of the lowest priority (None when the build
    has one processor or no cache: the languages compile them; None too when an earlier build compiled them
    all as they are now, which the file `all_compiled` names says)."""
    if not settings.cache or count(settings.workers) < 2 or all_compiled(settings).is_file():
        return None
    return later(lambda: _compile_all(settings), settings.workers)


def all_compiled(settings: Settings) -> Path:
    """The file kept once every template was compiled for every language, named after the templates and
    what their compiled code holds (a build that changed none need not load them all again: 25 ms of
    processor time a rebuild at 1,000 enterprises)."""
    keys = [compiled(settings, lang)[1] for lang in LANGS]
    return Path(settings.cache) / "templates" / f"all-{digest(*keys, tree_digest(Path(settings.theme) / 'templates'))}"


def _compile_all(settings: Settings) -> None:
    os.nice(19)
    theme = Path(settings.theme)
    for lang in LANGS:
        translations = load_translations(theme / "translations", lang, settings.cache)
        env = environment(theme / "templates", translations, lang, LANGUAGES[lang], compiled(settings, lang))
        for name in env.list_templates():
            env.get_template(name)
    done = all_compiled(settings)
    for other in done.parent.glob("all-*"):
        other.unlink(missing_ok=True)
    done.touch()
