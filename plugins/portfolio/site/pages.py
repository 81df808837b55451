"""Stage `portfolio.site.pages`: the site's own pages in one language — home, directory and term
listings, enterprise, institution and declaration pages, hand-written pages and news, feeds, 404."""

from __future__ import annotations

from collections import Counter

from ..engine.fingerprint import Lazy
from ..search.documents import FACETS, search_query
from ..territories import ancestors, wider, wider_count
from . import declaration, feeds, freshness, jsonld

TERM_PAGES = (("sector", "sectors"), ("territory", "territories"), ("impact", "impact_goals"))
NEWS_PAGE_SIZE = 10


def prepare(site) -> dict:
    """The text of the declaration of commitment, by language. The portfolio's groups by term and freshness
    flags, which the languages read, are made here once for both (Portfolio.derived)."""
    for _name, section in TERM_PAGES:
        site.portfolio.by_term(section)
    freshness.portfolio_flags(site.portfolio, site.settings.build_date)
    return declaration.load(site.settings.root)


def write(build) -> None:
    """Write every page of this stage for `build.lang`."""
    portfolio = build.portfolio
    groups = {name: portfolio.by_term(section) for name, section in TERM_PAGES}
    flags = freshness.portfolio_flags(portfolio, build.settings.build_date)
    _home(build, groups)
    counts = {name: {key: len(members) for key, members in group.items()} for name, group in groups.items()}
    _listing(build, ("directory",), portfolio.enterprises, "directory.html", flags, groups=counts)
    for name, section in TERM_PAGES:
        for key, enterprises in groups[name].items() if name != "territory" else ():
            term = portfolio.vocabulary[section][key]
            _listing(build, (name, key), enterprises, "term.html", flags, term=term, kind=name,
                     search_parameter=FACETS[name][1][build.lang])
    memo: dict = {}
    for term in portfolio.vocabulary["territories"].values():
        _territory(build, term, groups["territory"], memo, flags)
    institutions = {i.slug: i for i in portfolio.institutions}
    for enterprise in portfolio.enterprises:
        _enterprise(build, enterprise, institutions, flags.get(enterprise.slug, ()))
    build.render("institutions.html", ("institutions",),
                 institutions=sorted(portfolio.institutions, key=lambda i: i.sort_key(build.lang)))
    for institution in portfolio.institutions:
        page_url = build.absolute(build.url(("institution", institution.slug)))
        build.render("institution.html", ("institution", institution.slug), institution=institution,
                     clients=portfolio.clients_of[institution.slug],
                     jsonld=Lazy(_json, (jsonld.institution, institution, build.lang, page_url)))
        build.render("declaration.html", ("declaration", institution.slug), institution=institution,
                     text=declaration.filled(build.prepared[build.lang], institution, build.lang))
    build.render("signatories.html", ("signatories",), signatories=signed(portfolio.institutions))
    _content(build)
    feeds.write_enterprises(build)


def finish(site, builds: dict) -> None:
    """The 404 page, in the default language with the other one beside it (one file for both)."""
    first, second = builds.values()
    first.render_file("404.html", "404.html", other_gettext=second.gettext)


def signed(institutions) -> list:
    """The institutions whose signature of the declaration is recorded (never assumed from taking part)."""
    return [i for i in institutions if i.declaration and i.declaration.signed]


def _pages(items: list, size: int):
    """(page number, items of that page, page count) for each page of a listing (at least one)."""
    count = max(1, -(-len(items) // size))
    for number in range(1, count + 1):
        yield number, items[(number - 1) * size:number * size], count


def _listing(build, key: tuple, enterprises: list, template: str, flags: dict, **context) -> None:
    """The pages of a listing of `enterprises` (`flags`: freshness.flagged of the portfolio)."""
    for number, chunk, count in _pages(enterprises, build.settings.page_size):
        build.render(template, key, page_number=number, enterprises=chunk, total=len(enterprises),
                     badges=freshness.of_page(chunk, flags),
                     pagination={"key": key, "number": number, "count": count}, **context)


def _territory(build, term, served: dict, memo: dict, flags: dict) -> None:
    """A territory's page: the enterprises serving it, then those serving a territory that contains it,
    each with the reason, in one paginated listing; no page when there are neither. When those wider ones
    would fill more than a listing page, the first page counts them by containing territory and links to
    that territory's page instead: every borough repeating the whole island's list would multiply the
    site's pages (and its size on the host) by the number of boroughs. `served`, `memo`: see
    territories.wider."""
    vocabulary, local = build.portfolio.vocabulary, served.get(term.key, [])
    total, nearest = wider_count(vocabulary, served, term.key, memo)
    if not local and not total:
        return
    size = build.settings.page_size
    listed = wider(vocabulary, served, term.key, memo) if total <= size else []
    items = [(e, ()) for e in local] + listed
    key = ("territory", term.key)
    for number, chunk, count in _pages(items, size):
        build.render("term.html", key, page_number=number, term=term, kind="territory",
                     search_parameter=FACETS["territory"][1][build.lang],
                     enterprises=[e for e, reasons in chunk if not reasons],
                     wider=[(e, reasons) for e, reasons in chunk if reasons],
                     wider_groups=nearest_first(vocabulary, nearest) if number == 1 and not listed else (),
                     total=len(local), wider_total=total,
                     badges=freshness.of_page([e for e, _reasons in chunk], flags),
                     pagination={"key": key, "number": number, "count": count})


def nearest_first(vocabulary, nearest: Counter) -> tuple:
    """(containing territory, how many enterprises have it as the nearest containing territory they serve:
    `nearest`), the nearest territory first."""
    terms = vocabulary["territories"]
    return tuple(sorted(((terms[key], count) for key, count in nearest.items()),
                        key=lambda pair: -len(ancestors(vocabulary, pair[0].key))))


def _home(build, groups: dict) -> None:
    vocabulary = build.portfolio.vocabulary
    sectors = [(term, len(groups["sector"].get(key, ()))) for key, term in vocabulary["sectors"].items()
               if key in groups["sector"]]
    data = jsonld.website(build.settings.site_name, build.lang, build.absolute(build.url(("home",))),
                          build.absolute(build.url(("search",))))
    build.render("home.html", ("home",), sectors=sectors, jsonld=jsonld.dumps(data),
                 signatories=len(signed(build.portfolio.institutions)),
                 enterprise_count=len(build.portfolio.enterprises),
                 example_count=sum(e.example for e in build.portfolio.enterprises),
                 latest_update=freshness.latest_update(build.portfolio.enterprises),
                 institution_count=len(build.portfolio.institutions))


def _enterprise(build, enterprise, institutions: dict, badges: tuple[str, ...]) -> None:
    today = build.settings.build_date
    clients = [institutions[slug] for slug in enterprise.clients]
    expired = tuple(n for n, c in enumerate(enterprise.certifications) if c.expires and c.expires < today)

    def context() -> dict:  # the rest is made from the record, the settings and the language
        logo = build.absolute(build.media.variants(enterprise.logo).src) if enterprise.logo else None
        page_url = build.absolute(build.url(("enterprise", enterprise.slug)))
        modes = enterprise.procurement.contracting_modes if enterprise.procurement else ()
        similar = build.url(("search",)) + search_query(build.lang, sector=[enterprise.sectors[0].key],
                                                        contracting_mode=[m.key for m in modes]) if modes else None
        return dict(e=enterprise, similar=similar, badges=badges, expired=expired, clients=clients,
                    jsonld=_json(jsonld.enterprise, enterprise, build.lang, page_url, logo),
                    edit_url=build.settings.edit_url(enterprise.source))

    build.render_made("enterprise.html", ("enterprise", enterprise.slug), [enterprise, clients, badges, expired],
                      context)


def _json(make, *args):
    """The JSON-LD text of `make(*args)`."""
    return jsonld.dumps(make(*args))


def _content(build) -> None:
    content = build.content
    for key, versions in content.pages.items():
        if build.lang in versions:
            page = versions[build.lang]
            build.render(f"{page.template}.html", ("page", key), page=page)
    for key, versions in content.articles.items():
        if build.lang in versions:
            build.render("article.html", ("article", key), article=versions[build.lang])
    articles = content.articles_in(build.lang)
    for number, chunk, count in _pages(articles, NEWS_PAGE_SIZE):
        other = {} if number == 1 else {"alternate_url": build.url(("news",), build.other_lang), "alternates": {}}
        build.render("news.html", ("news",), page_number=number, articles=chunk,
                     pagination={"key": ("news",), "number": number, "count": count}, **other)
    feeds.write_news(build, articles)
