"""A small portfolio with its own theme, content and settings, and the kinds of edit an incremental build
must follow (tests/engine: test_incremental.py through the build's command, test_warm.py through the
preview server's builder)."""

import shutil

import yaml
from PIL import Image

from portfolio.synthetic import to_yaml, write_portfolio

from .site import build_site, settings_overlay
from .tools import REPO

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


def revise(root, slug: str) -> None:
    """Add a word to the French description of the enterprise `slug` of the portfolio at `root`."""
    path = root / "enterprises" / f"{slug}.yaml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record["description"]["fr"] = "Revu. " + record["description"]["fr"]
    path.write_text(to_yaml(record), encoding="utf-8")


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
