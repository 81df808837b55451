"""The stage protocol: how the site is made, in one page.

A stage is a module named in the setting `PORTFOLIO_STAGES`. It may define any of these functions; the
engine (generator.py) calls them in this order:

1. `prepare(site) -> object`, once: language-independent work (images, data shared by both languages,
   files written once). Whatever it returns is given back to the stage as `build.prepared` (in `write`
   and `finish`). Work that no page waits for can go on in another process meanwhile (`parallel.beside`).
2. `template_globals(build) -> dict`, once per language, for every stage before any `write`: the names the
   stage gives every template (declared here, never set on the environment by hand). Two stages giving
   one name fail the build. These values are part of every page's inputs (see fingerprint.py).
3. `write(build)`, once per language: render pages (`build.render`) and write files (`build.write_file`).
4. `finish(site, builds)`, once at the end, with the build of each language: files that need every
   language (the 404 page, the sitemap) or the result of work done meanwhile (the open-data files).

So the order of `PORTFOLIO_STAGES` carries no hidden dependency. A new page kind is a key in the URL
table (site/urls.py) and a `build.render` call in the stage it belongs to; a new setting is a field of
`portfolio.settings.Settings`.

`Site` below is what `prepare` and `finish` receive: the validated records, the settings, the URL table,
the images, the hand-written content, and the one writer (engine/writer.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType

from ..records.model import Portfolio
from ..settings import Settings
from ..site.content import ContentIndex
from ..site.hosting import fingerprinted
from ..site.media import Media
from ..site.sitemap import Sitemap
from ..site.urls import Urls
from ..workers import spread
from .cache import Cache, digest
from .fingerprint import fingerprint
from .writer import Writer

HOOKS = ("prepare", "template_globals", "write", "finish")
RUNS, SHORTEST_RUN = 100, 10  # Site.cached_runs cuts records into about RUNS runs, of SHORTEST_RUN at least


@dataclass
class Site:
    """The language-independent state of one build."""

    settings: Settings
    portfolio: Portfolio
    content: ContentIndex
    urls: Urls
    media: Media
    writer: Writer
    sitemap: Sitemap = field(default_factory=Sitemap)
    inputs: str = ""  # digest of what every output may depend on besides records (generator.shared_inputs)
    static_files: dict[str, str] = field(default_factory=dict)  # static path -> its path in the output

    def cached_runs(self, kind: str, records: list, make, also=(), workers: int | None = None) -> list:
        """[make(n, records[n:n + size]) for each run of `size` records from n = 0 (`run_size`), reusing the
        value of each run whose records (and place) are unchanged since the previous build, with the shared
        inputs and `also` (plain values `make` depends on too); the others made in up to `workers` processes
        (None: the setting; workers.py: `make` runs in forked processes, its values must pickle). Each run's
        value is kept in its own file of the cache folder `kind`, which keeps this build's runs only: after an
        edit, one run is made and stored again, and the others are read as they are."""
        cache = Cache(self.settings.cache, kind)
        shared = digest(self.inputs, fingerprint(also))
        size = run_size(len(records))
        starts = range(0, len(records), size)
        keys = [digest(shared, str(n), *(record.digest for record in records[n:n + size])) for n in starts]
        values = [cache.get_object(key) for key in keys]
        missing = [n for n, value in enumerate(values) if value is None]
        made = spread(lambda n: make(starts[n], records[starts[n]:starts[n] + size]), missing,
                      self.settings.workers if workers is None else workers)
        for n, value in zip(missing, made):
            values[n] = value
            cache.put_object(keys[n], value)
        cache.keep_only(set(keys))
        return values

    def write_each(self, records, site_path, make, stage: str) -> None:
        """Write make(record) at site_path(record) for each record, but keep the file the previous build made
        from the same record (with the same shared inputs) without making it again: the output is the
        cache. For a quick `make` (a costly one belongs in cached_runs, which spreads it over processes):
        the files of 1,000 records, 0.04 ms each, took longer to send back from two processes than to make."""
        for record in records:
            self.write_made(site_path(record), digest(self.inputs, record.digest), lambda: make(record), stage)

    def write_made(self, site_path: str, inputs: str, make, stage: str) -> None:
        """Write make() at `site_path` (see write_file), or keep the file the previous build made from the same
        `inputs` (a digest of everything make() reads) without making it again."""
        path = self.urls.site_path(site_path)
        if not self.writer.reuse(path, inputs, by=stage):
            self.writer.write(path, make(), by=stage, inputs=inputs)

    def cached(self, kind: str, inputs, make):
        """`make()`, or its value from an earlier build whose `inputs` (records, plain values: see
        fingerprint.py) and shared inputs were the same. The one cache of the stages' work; values are
        pickled in the cache folder `kind`, which keeps only the latest."""
        cache = Cache(self.settings.cache, kind)
        key = self.key(inputs)
        value = cache.get_object(key)
        if value is None:
            value = make()
            cache.put_object(key, value)
            cache.keep_only({key})
        return value

    def key(self, inputs) -> str:
        """Digest of `inputs` (records, plain values: see fingerprint.py) and the shared inputs."""
        return digest(self.inputs, fingerprint(inputs))

    def write_file(self, site_path: str, data: bytes | str, stage: str) -> None:
        """Write a file shared by both languages at `site_path`: relative to the output folder, or a
        site-absolute URL (which starts with the site's base path)."""
        self.writer.write(self.urls.site_path(site_path), data, by=stage)

    def write_static(self, path: str, data: bytes, stage: str) -> None:
        """Write `path` (relative to the theme's static folder) under THEME_STATIC_DIR, CSS and JavaScript
        under a name carrying their content hash (site/hosting.py); `static(path)` gives its URL."""
        self.static_files[path] = f"{self.settings.theme_static_dir}/{fingerprinted(path, data)}"
        self.write_file(self.static_files[path], data, stage)

    def static(self, path: str) -> str:
        """Site-absolute URL of a static file written with `write_static` (its plain name in a build whose
        stages do not write it)."""
        return self.root_url(self.static_files.get(path, f"{self.settings.theme_static_dir}/{path}"))

    def root_url(self, path: str = "") -> str:
        """Site-absolute URL of `path`, relative to the site's root (`favicon.ico` -> /portfolio/favicon.ico)."""
        return f"{self.settings.base_path}/{path}"

    def absolute(self, url: str) -> str:
        """Absolute URL (with the site's scheme and host) of a site-absolute URL."""
        return self.settings.origin + url


def run_size(count: int) -> int:
    """How many of `count` records make a run of Site.cached_runs."""
    return max(SHORTEST_RUN, -(-count // RUNS))


@dataclass(frozen=True)
class Stage:
    """A stage module and its hooks (a missing hook does nothing)."""

    name: str
    module: ModuleType

    def hook(self, name: str):
        return getattr(self.module, name, None)


def load_stages(names) -> list[Stage]:
    """The stages named in the settings, each checked to define at least one hook."""
    stages = []
    for name in names:
        module = import_module(name)
        if not any(callable(getattr(module, hook, None)) for hook in HOOKS):
            raise TypeError(f"{name}: a stage defines at least one of {', '.join(HOOKS)}")
        stages.append(Stage(name, module))
    return stages
