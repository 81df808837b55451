"""The Pelican generator of the portfolio: runs the stages (stage.py) over the validated records and
commits the writer's output only when everything succeeded."""

from __future__ import annotations

import gc
import logging
import os
from pathlib import Path

from pelican.generators import Generator

from ..collector import collect_less, collector_paused
from ..content.events import is_example
from ..records.diagnostics import NOTICE
from ..records.load import load_portfolio
from ..settings import LANGS, LANGUAGES, Settings
from ..site.content import ContentIndex
from ..site.media import Media
from ..site.sitemap import robots
from ..site.templating import compiled_templates, filters
from ..site.urls import Urls
from .build import PortfolioBuild
from .buildlock import release
from .cache import (digest, forget_obsolete, load_file_digests, save_file_digests, seen_at_start,
                    tree_digest)
from .fingerprint import fingerprint
from ..workers import Later, LaterError, count
from .parallel import write_languages
from .precompress import precompress
from .stage import Site, load_stages
from .templates import compiled_for_pelican
from .uptodate import PLUGIN, UpToDate, summary_line
from .writer import Writer, manifest_path

log = logging.getLogger(__name__)
ENGINE = "portfolio.engine"


class PortfolioBuildError(RuntimeError):
    """The records have errors: nothing is published."""


def load(settings: Settings):
    """The validated portfolio and the report of its warnings; the build stopped on errors. Every error and
    warning is logged in one message (an error if there is one, else a warning, which Pelican's
    `--fatal warnings` turns into a failure); notices are for `make validate` (the build does what they say)."""
    result = load_portfolio(settings.root, today=settings.build_date, cache=settings.cache, workers=settings.workers,
                            save_beside=True)
    report = "\n".join(str(diagnostic) for diagnostic in result.diagnostics if diagnostic.severity != NOTICE)
    if report:
        (log.error if result.portfolio is None else log.warning)("%s", report)
    if result.portfolio is None:
        wait_for(result.saving, quietly=True)
        raise PortfolioBuildError(f"{sum(d.is_error for d in result.diagnostics)} error(s) in the records of "
                                  f"{settings.root}: nothing was published")
    return result.portfolio, report, result.saving


def wait_for(job: Later | None, quietly: bool = False) -> None:
    """Wait for a job run beside the build; `quietly`: in a build that failed already, its failure is not
    raised over the first one."""
    if job is not None:
        try:
            job.result()
        except LaterError:
            if not quietly:
                raise


class PortfolioGenerator(Generator):
    """Writes every file of the site, in both languages, through one writer."""

    portfolio_settings: Settings
    uptodate: UpToDate  # the check made before Pelican read anything (start.py), recorded when all succeeded
    templates: Later | None = None  # compiled ahead (templates.py), stopped when the languages start

    @classmethod
    def running(cls, settings: Settings, uptodate: UpToDate, templates: Later | None = None) -> type:
        """The generator of a build with `settings`, whose inputs `uptodate` read first; `templates`: the
        templates being compiled ahead (templates.py), from before Pelican read its content."""
        return type(cls.__name__, (cls,), {"portfolio_settings": settings, "uptodate": uptodate,
                                           "templates": templates})

    def lend_filters(self, generators) -> None:
        """Give Pelican's template environments our filters and a cache of compiled templates: Pelican
        compiles the page and article templates at every build (it never writes them: the portfolio renders
        content in both languages itself): eight templates, compiled again by every build until then."""
        ours = filters(LANGS[0], LANGUAGES[LANGS[0]])
        kept = compiled_for_pelican(self.portfolio_settings, self.settings["JINJA_ENVIRONMENT"])
        compiled = compiled_templates(*kept) if kept else None
        for generator in generators:
            env = getattr(generator, "env", None)
            if env is not None:
                env.filters.update(ours)
                env.bytecode_cache = compiled

    def generate_context(self):
        load_file_digests(self.portfolio_settings.cache)
        self.uptodate.read_output_folders(self.portfolio_settings.workers)  # beside the loading, when many
        self.collector = collect_less()  # this and the next line: until the end of the build (end_build)
        seen_at_start(self.uptodate.files, self.uptodate.links)
        self.saving = None  # the validation results being kept (records/cached.py), waited for before commit
        try:
            # The collector off while the long-lived records are made: at 10,000 enterprises its full passes
            # doubled the time of loading them (1.8 s -> 3.5 s of processor time). They live until the end of
            # the build: frozen before the collector is back on, which would otherwise walk them all at once
            # (0.3 s at 10,000); end_build unfreezes them when the build is done.
            with collector_paused():
                self.portfolio, self.report, self.saving = load(self.portfolio_settings)
                gc.freeze()
            if self.portfolio_settings.publish:
                check_publication(self.portfolio_settings, self.portfolio, self.context)
        except BaseException:
            self.end_background()
            raise

    def stop_templates(self) -> None:
        """Stop compiling templates ahead (what it compiled is kept)."""
        if self.templates is not None:
            self.templates.cancel()

    def end_background(self) -> None:
        """After a failure: stop the templates, let the validation results be kept."""
        self.stop_templates()
        self.uptodate.stop_reading()
        wait_for(self.saving, quietly=True)
        self.end_build()

    def end_build(self) -> None:
        """Give this process back as the build found it: the records unfrozen, the collector's thresholds,
        its files asked for again, the output's lock (start.py): a program that runs Pelican may go on (the
        tests do)."""
        seen_at_start({})
        release(Path(self.output_path))
        gc.unfreeze()
        gc.set_threshold(*self.collector)

    def generate_output(self, writer):
        settings = self.portfolio_settings
        output = Path(self.output_path)
        content = ContentIndex.of(self.context)
        urls = Urls(self.portfolio.vocabulary, settings.base_path)
        content.register(urls)
        gc.freeze()  # see run(); before the writer reads the last build's manifest (65,000 entries at 10,000)
        try:
            site = Site(settings, self.portfolio, content, urls, Media(settings), Writer(output, manifest_path(
                settings.cache, output), self.uptodate.intact_folders()))
            try:
                builds = run(site, load_stages(settings.stages), self.stop_templates)
                site.write_made("sitemap.xml", digest(site.inputs, settings.origin, site.sitemap.digest()),
                                lambda: site.sitemap.xml(urls, settings.origin), ENGINE)
                site.write_file("robots.txt", robots(settings.site_url), ENGINE)
                if settings.precompress:
                    precompress(site.writer, settings.cache, settings.workers)
                wait_for(self.saving)
                summary = site.writer.commit()
                save_file_digests(settings.cache)
                forget_obsolete(settings.cache)
                self.uptodate.record(self.report, site.writer.entries, site.writer.touched, site.writer.folders())
            except BaseException:
                self.end_background()
                site.writer.abort()
                raise
        finally:
            self.end_build()
        print(summary_line(sum(b.rendered for b in builds.values()), summary.written, summary.unchanged,
                           summary.removed))


def check_publication(settings: Settings, portfolio, context: dict) -> None:
    """Refuse to publish placeholder settings, or example records and news unless PORTFOLIO_ALLOW_EXAMPLES."""
    problems = settings.publication_problems()
    if not settings.allow_examples:
        examples = [e.source for e in portfolio.enterprises if e.example]
        examples += [os.path.relpath(article.source_path, settings.root)
                     for article in context.get("articles", ()) if is_example(article)]
        if examples:
            problems.append(f"{len(examples)} example record(s) or news (example: true), invented sample content "
                            f"that must not go live: {', '.join(sorted(examples)[:5])}{' …' * (len(examples) > 5)} "
                            "(remove them, or PORTFOLIO_ALLOW_EXAMPLES=1 for a demonstration site)")
    if problems:
        raise PortfolioBuildError("make publish refused:\n- " + "\n- ".join(problems))


def run(site: Site, stages, before_languages=lambda: None) -> dict[str, PortfolioBuild]:
    """Run every hook of every stage (see stage.py); the build of each language. `before_languages()` is
    called before any language is written."""
    site.inputs = shared_inputs(site)
    prepared = {}
    try:
        return _run(site, stages, prepared, before_languages)
    except BaseException:
        for value in prepared.values():
            if isinstance(value, Later):
                value.cancel()  # work going on meanwhile, no longer wanted
        raise


def _run(site: Site, stages, prepared: dict, before_languages) -> dict[str, PortfolioBuild]:
    """The hooks of `run`, each stage's prepared value kept in `prepared`."""
    for stage in stages:
        if stage.hook("prepare"):
            prepared[stage.name] = stage.hook("prepare")(site)
    builds = {lang: PortfolioBuild(site, lang) for lang in LANGS}
    for build in builds.values():
        given = build.base_globals()
        for stage in stages:
            if stage.hook("template_globals"):
                build.stage, build.prepared = stage.name, prepared.get(stage.name)
                for name, value in stage.hook("template_globals")(build).items():
                    if name in given:
                        raise TypeError(f"{stage.name}: the template global {name!r} is already given")
                    given[name] = value
        build.env.globals.update(given)
        build.shared_digest = shared_digest(site, build, given)
    def write(build: PortfolioBuild) -> None:
        for stage in stages:
            if stage.hook("write"):
                build.stage, build.prepared = stage.name, prepared.get(stage.name)
                stage.hook("write")(build)
        build.keep_fragments()

    # The records and what the stages prepared live until the end: frozen, the garbage collector no longer
    # walks them (at 10,000 enterprises it spent more time there than rendering unchanged pages), nor
    # touches their memory in the forked processes, which keeps it shared.
    gc.freeze()
    before_languages()
    write_languages(site, builds, write, count(site.settings.workers))
    for stage in stages:
        if stage.hook("finish"):
            for build in builds.values():
                build.stage, build.prepared = stage.name, prepared.get(stage.name)
            stage.hook("finish")(site, builds)
    return builds


def shared_inputs(site: Site) -> str:
    """Digest of what any output may read besides the records and its own values: the plugin's code, the
    theme's templates and translations, the settings, the vocabulary, and the hand-written pages' menus
    and addresses."""
    theme = Path(site.settings.theme)
    content = {lang: site.content.addresses(lang) for lang in LANGS}
    return digest(tree_digest(PLUGIN, "**/*.py"), tree_digest(theme / "templates"), tree_digest(theme / "translations"),
                  fingerprint(site.settings.digest_fields()), fingerprint(site.portfolio.vocabulary.sections),
                  fingerprint(content))


def shared_digest(site: Site, build: PortfolioBuild, given: dict) -> str:
    """Digest of what every page of `build` may read besides its own context: the shared inputs, the
    template globals and the names of the static files (CSS and JavaScript names carry their content hash)."""
    values = {name: value for name, value in given.items() if name not in ("media", "vocabulary", "content_pages")}
    return digest(site.inputs, build.lang, fingerprint(values), fingerprint(site.static_files))
