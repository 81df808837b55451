"""Incremental builds: after each kind of edit, a rebuild gives exactly the tree a cold build gives, and
renders only the pages that depend on the edit."""

import shutil

import pytest
import yaml
from PIL import Image

from portfolio.synthetic import to_yaml, write_portfolio
from support.site import build_site, output_tree, pages_rendered, settings_overlay
from support.tools import REPO

N = 40


class Workspace:
    """A portfolio root, theme, content and settings that the test edits, with an incremental output."""

    def __init__(self, tmp):
        self.tmp, self.root, self.theme, self.content = tmp, tmp / "root", tmp / "theme", tmp / "content"
        self.slugs = write_portfolio(self.root, N, seed=7)
        shutil.copytree(REPO / "theme", self.theme)
        shutil.copytree(REPO / "content", self.content)
        self.set(PORTFOLIO_PAGE_SIZE=12)
        self.cold_builds = 0

    def set(self, **settings):
        self.settings = settings_overlay(self.tmp, THEME=str(self.theme), **settings)

    def build(self, output, cache):
        return build_site(output, self.root, settings=str(self.settings), content=self.content,
                          extra_env={"PORTFOLIO_CACHE": str(cache)})

    def incremental(self):
        return self.build(self.tmp / "out", self.tmp / "cache")

    def cold(self):
        self.cold_builds += 1
        output, cache = self.tmp / f"cold{self.cold_builds}", self.tmp / f"cold-cache{self.cold_builds}"
        result = self.build(output, cache)
        return output, result


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    space = Workspace(tmp_path_factory.mktemp("incremental"))
    space.first = space.incremental()
    return space


def edit_text(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_record(space):
    path = space.root / "enterprises" / f"{space.slugs[3]}.yaml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record["description"]["fr"] += "\n\nUne phrase ajoutée."
    path.write_text(to_yaml(record), encoding="utf-8")


def replace_logo(space):
    Image.new("RGB", (300, 200), (200, 30, 90)).save(space.root / "enterprises" / "media" / space.slugs[5] / "logo.png")


def edit_vocabulary(space):
    edit_text(space.root / "data" / "vocabulary.yaml", "en: Food and catering}", "en: Food and catering services}")


def edit_template(space):
    edit_text(space.theme / "templates" / "enterprise.html", "{% block content %}", "{% block content %}<!-- edited -->")


def edit_stylesheet(space):
    path = space.theme / "static" / "css" / "site.css"
    path.write_text(path.read_text(encoding="utf-8") + "\n.edited { color: inherit; }\n", encoding="utf-8")


def edit_translation(space):
    edit_text(space.theme / "translations" / "fr" / "LC_MESSAGES" / "site.po", 'msgstr "Entreprises"',
              'msgstr "Les entreprises"')


def edit_content_page(space):
    page = space.content / "pages" / "initiative.fr.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUn paragraphe ajouté.\n", encoding="utf-8")


def edit_results(space):
    path = space.root / "data" / "results.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("enterprises: 27", "enterprises: 28", 1), encoding="utf-8")


def edit_setting(space):
    space.set(PORTFOLIO_PAGE_SIZE=10)


def remove_record(space):
    (space.root / "enterprises" / f"{space.slugs[8]}.yaml").unlink()
    shutil.rmtree(space.root / "enterprises" / "media" / space.slugs[8])


EDITS = [edit_record, replace_logo, edit_vocabulary, edit_template, edit_stylesheet, edit_translation,
         edit_content_page, edit_results, edit_setting, remove_record]


def test_a_rebuild_with_nothing_changed_renders_almost_nothing(workspace):
    before = output_tree(workspace.tmp / "out")
    result = workspace.incremental()
    assert pages_rendered(result) <= 1  # the 404 page, which has no page key
    assert "0 files written" in result.stdout and output_tree(workspace.tmp / "out") == before


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.__name__)
def test_an_incremental_build_equals_a_cold_one(workspace, edit):
    edit(workspace)
    result = workspace.incremental()
    cold, cold_result = workspace.cold()
    assert output_tree(workspace.tmp / "out") == output_tree(cold)
    if edit in (edit_record, replace_logo, edit_content_page):
        assert 0 < pages_rendered(result) <= pages_rendered(cold_result) // 4


def test_a_removed_record_has_no_page_left(workspace):
    gone = workspace.slugs[8]
    assert not (workspace.root / "enterprises" / f"{gone}.yaml").exists(), "runs after remove_record"
    assert not list((workspace.tmp / "out").rglob(f"*{gone}*"))


def test_output_files_removed_behind_the_builds_back_are_made_again(workspace):
    """The writer takes the last manifest as it is only in the folders the check found intact."""
    out = workspace.tmp / "out"
    gone = [next(out.glob("entreprises/*/index.html")), next(out.glob("media/**/*.webp"))]
    for path in gone:
        path.unlink()
    workspace.incremental()
    cold, _ = workspace.cold()
    assert all(path.is_file() for path in gone) and output_tree(out) == output_tree(cold)


def test_the_cache_keeps_this_builds_runs_and_postings_only(workspace):
    cache = workspace.tmp / "cache"
    assert [len(list((cache / "search-terms").glob(f"{lang}-postings-*"))) for lang in ("fr", "en")] == [1, 1]
    enterprises = len(list((workspace.root / "enterprises").glob("*.yaml")))
    for kind in ("exports-runs", "search-docs-fr", "shortlist-entries-en"):
        assert len(list((cache / kind).iterdir())) == -(-enterprises // 10), kind
