"""Territories nest: the vocabulary's `within`, and territory pages that list the enterprises serving a
territory that contains theirs after their own, with the reason."""

import re
from collections import Counter
from functools import lru_cache

import pytest

from portfolio.records.load import load_portfolio
from portfolio.records.vocabulary import Term, Vocabulary
from portfolio.territories import ancestors, descendants, wider, wider_count
from support.html_text import blocks
from support.site import PAGE_STAGES, build_site, settings_overlay
from support.tools import REPO


@lru_cache(maxsize=1)
def sample():
    return load_portfolio(REPO).portfolio


def vocabulary(**within):
    terms = {key: Term(key, key, key, "borough", parent) for key, parent in within.items()}
    return Vocabulary({"territories": terms})


def test_ancestors_nearest_first_and_descendants_at_any_depth():
    v = vocabulary(quebec=None, grand="quebec", ile="grand", plateau="ile", verdun="ile")
    assert ancestors(v, "plateau") == ("ile", "grand", "quebec")
    assert ancestors(v, "quebec") == ()
    assert descendants(v)["grand"] == ("ile", "plateau", "verdun")
    assert descendants(v)["plateau"] == ()


@pytest.mark.parametrize("within", [{"a": "b", "b": "a"}, {"a": "missing"}])
def test_a_loop_or_an_unknown_territory_fails(within):
    with pytest.raises(ValueError, match="within"):
        ancestors(vocabulary(**within), "a")


def test_every_borough_and_city_of_the_sample_vocabulary_is_on_the_island():
    v = sample().vocabulary
    for key, term in v["territories"].items():
        if term.kind in ("borough", "city"):
            assert ancestors(v, key) == ("ile-de-montreal", "grand-montreal", "quebec"), key


def test_wider_gives_the_reason_and_leaves_out_the_local_ones():
    v = sample().vocabulary
    served = sample().by_term("territories")
    found = {e.slug: [t.key for t in reasons] for e, reasons in wider(v, served, "mercier-hochelaga-maisonneuve")}
    assert found["traiteur-la-marmite-solidaire"] == ["ile-de-montreal"]
    assert found["porte-voix-communications"] == ["quebec"]
    assert "l-entraide-services-a-domicile" not in found and "jardins-du-coteau-vert" not in found


def test_wider_count_counts_what_wider_lists_by_the_nearest_territory_served():
    v, served, memo = sample().vocabulary, sample().by_term("territories"), {}
    for key in v["territories"]:
        outer = wider(v, served, key, memo)
        expected = (len(outer), Counter(reasons[0].key for _e, reasons in outer))
        assert wider_count(v, served, key, memo) == wider_count(v, served, key) == expected, key
    assert any(wider_count(v, served, key)[0] for key in v["territories"])


def test_borough_page_lists_local_then_wider_with_the_reason(built_site):
    page = blocks(built_site / "territoires" / "mercier-hochelaga-maisonneuve" / "index.html")
    titles = [b.text for b in page if b.tag == "h2"]
    wider_at = titles.index("Entreprises qui desservent un territoire plus large")
    assert "L'Entraide, services à domicile" in titles[:wider_at]
    assert "Traiteur La Marmite solidaire" in titles[wider_at:]
    assert "Les Jardins du Coteau vert" not in titles
    assert any(b.text == "Territoire desservi : Toute l'île de Montréal" for b in page if "reason" in b.classes)


def test_a_borough_served_by_no_enterprise_of_its_own_has_a_page(built_site):
    assert (built_site / "territoires" / "verdun" / "index.html").is_file()
    assert (built_site / "en" / "territories" / "verdun" / "index.html").is_file()


def test_when_the_wider_ones_fill_more_than_a_page_the_borough_links_to_where_they_are_listed(tmp_path):
    """With two enterprises a page, the borough's page counts the wider ones by the nearest territory
    containing it that they serve, and links there, instead of repeating their cards."""
    settings = settings_overlay(tmp_path, PORTFOLIO_PAGE_SIZE=2, PORTFOLIO_STAGES=PAGE_STAGES)
    build_site(tmp_path / "out", settings=str(settings))
    served = sample().by_term("territories")
    outer = wider(sample().vocabulary, served, "mercier-hochelaga-maisonneuve")
    assert len(outer) > 2
    page = (tmp_path / "out" / "territoires" / "mercier-hochelaga-maisonneuve" / "index.html").read_text()
    section = page[page.index('id="wider-title"'):]
    links = re.findall(r'<li><a href="/territoires/([^/]+)/">[^<]+</a> \((\d+) entreprises?\)</li>', section)
    expected = Counter(reasons[0].key for _e, reasons in outer)
    assert dict((key, int(count)) for key, count in links) == expected
    assert [key for key, _ in links][0] == "ile-de-montreal"
    assert "Traiteur La Marmite solidaire" not in page
    second = tmp_path / "out" / "territoires" / "mercier-hochelaga-maisonneuve" / "page" / "2" / "index.html"
    assert not second.exists() or 'id="wider-title"' not in second.read_text()
