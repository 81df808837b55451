"""shared(): a part of many pages rendered once per language, which cannot read the page's own names."""

import jinja2
import pytest

from support.engine import make_build, make_site


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("shared"))
    build = make_build(site, "en")
    build.env.loader = jinja2.DictLoader({"footer.html": "{{ lang }} {{ section }}", "own.html": "{{ page_key }}"})
    return build


def test_a_part_is_rendered_once_for_each_context(build):
    first = build.shared("footer.html", section="news")
    assert str(first) == "en news"
    assert build.shared("footer.html", section="news") is first
    assert str(build.shared("footer.html", section="directory")) == "en directory"


def test_a_part_that_reads_a_name_of_the_page_fails(build):
    with pytest.raises(jinja2.UndefinedError, match="page_key"):
        build.shared("own.html")
