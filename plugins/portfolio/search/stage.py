"""Stage `portfolio.search.stage`: the search files of one language and its search page.

Writes the files of index.py, compact JSON fetched by search.js only when the visitor starts searching,
and only those a query needs: the manifest `search-<lang>.json` beside the search page (`/recherche/`,
`/en/search/`), and the index shards, lexicons, document chunks and facet values it names, under
fingerprinted names in `FILES_FOLDER` of the theme's static folder (both languages: a folder of
fingerprinted files only, which the hosting headers cache for a year with one rule); copies the pinned
lunr.js and lunr-languages files into the theme's static folder; renders `search.html`.
"""

from __future__ import annotations

from collections import Counter

from ..engine.cache import Cache, digest
from ..site import freshness
from ..territories import descendants
from . import institutions
from .documents import (FACETS, QUERY_PARAMETER, SORT_PARAMETER, SORTS, BuildFacts, StoreLinks, facet_terms,
                        facet_vocabularies)
from .index import TIERS, library_version, manifest_name, search_files
from .known import KnownStore
from .lunr_languages import BROWSER_FILES, node_file

LIBRARY_FOLDER = "vendor/lunr/"
FILES_FOLDER = "search/"  # of the fingerprinted search files, in the theme's static folder


def prepare(site) -> None:
    """The pinned lunr.js and lunr-languages files, copied once from node_modules."""
    for name, parts in BROWSER_FILES.items():
        site.write_static(LIBRARY_FOLDER + name, node_file(*parts).read_bytes(), __name__)


def template_globals(build) -> dict:
    """`search_prefetch`: the search page's scripts and manifest, fetched ahead by the header's search box."""
    return {"search_prefetch": [*scripts(build), manifest_url(build)]}


def manifest_url(build) -> str:
    """URL of the search manifest of `build.lang`, which names the other search files."""
    return build.url(("search",)) + manifest_name(build.lang)


def scripts(build) -> list[str]:
    """The search page's scripts, in loading order."""
    needed = BROWSER_FILES if build.lang == "fr" else list(BROWSER_FILES)[:1]  # English needs lunr.js only
    return [build.static(LIBRARY_FOLDER + name) for name in needed] + [build.static("js/search-core.js")]


def write(build) -> None:
    links = StoreLinks(url=build.urls.url, thumbnail=build.media.thumbnail)
    portfolio, facts = build.portfolio, BuildFacts(build.settings.build_date, build.gettext)
    folder = build.static(FILES_FOLDER)
    dated = freshness.thresholds(portfolio.enterprises, facts.today)  # not the date: files change with a threshold
    files = build.site.cached(f"search-{build.lang}",
                              [build.lang, library_version(), portfolio.enterprises, folder, dated],
                              lambda: analysed_search_files(build, links, facts, folder))
    for name, text in files.items():
        build.write_file(manifest_url(build) if name == manifest_name(build.lang) else folder + name, text)
    parameters = [params for _s, params in FACETS.values()] + [SORT_PARAMETER]
    build.render("search.html", ("search",), search_manifest=manifest_url(build), search_scripts=scripts(build),
                 query_parameter=QUERY_PARAMETER, facets=facet_choices(build, facts),
                 sort_parameter=SORT_PARAMETER[build.lang], sorts=SORTS, freshness_badges=freshness.BADGES,
                 institutions=institutions.entries(portfolio, build.lang),
                 other_parameters={params[build.lang]: params[build.other_lang] for params in parameters})


def analysed_search_files(build, links, facts: BuildFacts, folder: str) -> dict[str, str]:
    """search_files, analysing only the enterprises changed since the last build and making only the
    postings of their terms: the term frequencies are kept keyed by the record and everything else indexed
    of it (known.py), the postings in the cache folder `search-terms` under the digest of the shared inputs
    that made them, the rows of the document store by runs of enterprises in `search-docs-<lang>`."""
    cache = Cache(build.settings.cache, "search-terms")
    shared = digest(build.site.inputs, library_version())
    keys = [shared[:16] + e.digest for e in build.portfolio.enterprises]  # no hashing of 10,000 strings
    postings = f"{build.lang}-postings-{shared}"
    store = KnownStore(build.settings.cache, build.lang)
    known, kept = {tier: store.tier(tier) for tier in TIERS}, cache.get_object(postings) or {}

    def runs(make, also: list) -> list:
        return build.site.cached_runs(f"search-docs-{build.lang}", build.portfolio.enterprises, make, also=also,
                                      workers=build.workers)

    files = search_files(build.portfolio, build.lang, links, facts, keys=keys, known=known, folder=folder, runs=runs,
                         kept=kept)
    store.save(keys)
    cache.put_object(postings, kept)
    cache.keep_only({postings}, f"{build.lang}*")  # this language's earlier postings (and a pickled `known`)
    return files


def facet_choices(build, facts: BuildFacts) -> list[dict]:
    """Each facet with its URL parameter and the terms some enterprise has, with their counts (a
    territory counts the enterprises serving a territory that contains it too). The counts of each run of
    enterprises are kept between builds."""
    vocabularies = facet_vocabularies(build.portfolio, facts.gettext)
    inside = descendants(build.portfolio.vocabulary)
    def counted(_first: int, enterprises) -> dict:
        return facet_counts(enterprises, vocabularies, inside, facts.today)

    runs = build.site.cached_runs(f"search-facet-counts-{build.lang}", build.portfolio.enterprises, counted,
                                  workers=build.workers,
                                  also=[{facet: list(terms) for facet, terms in vocabularies.items()}, facts.today])
    choices = []
    for facet, (_section, parameters) in FACETS.items():
        counts = Counter()
        for run in runs:
            counts.update(run[facet])
        terms = [(number, term, counts[key]) for number, (key, term) in enumerate(vocabularies[facet].items())
                 if key in counts]
        choices.append({"name": facet, "param": parameters[build.lang], "terms": terms})
    return choices


def facet_counts(enterprises, vocabularies: dict, inside: dict, today) -> dict[str, dict[str, int]]:
    """Facet -> term key -> how many of `enterprises` have it (`inside`: territory -> those it contains)."""
    counts = {}
    for facet in FACETS:
        found: dict[str, int] = {}
        for enterprise in enterprises:
            keys = {term.key for term in facet_terms(enterprise, facet, vocabularies, today)}
            if facet == "territory":
                keys.update(key for term in enterprise.territories for key in inside[term.key])
            for key in keys:
                found[key] = found.get(key, 0) + 1
        counts[facet] = found
    return counts
