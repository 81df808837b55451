"""Templates compiled ahead (engine/templates.py): what the helper process compiles, a language's
environment reads without compiling; stopping the helper leaves a usable cache."""

import shutil

import pytest
from jinja2 import Environment

from portfolio.engine import templates
from portfolio.settings import LANGS, REPOSITORY, Settings
from portfolio.site.i18n import load_translations
from portfolio.site.templating import environment
from portfolio.synthetic import write_portfolio
from support.edits import revise
from support.site import build_here


@pytest.fixture
def settings(tmp_path):
    shutil.copytree(REPOSITORY / "theme" / "templates", tmp_path / "theme" / "templates")
    shutil.copytree(REPOSITORY / "theme" / "translations", tmp_path / "theme" / "translations")
    return Settings(theme=tmp_path / "theme", cache=tmp_path / "cache", workers=2)


def language_environment(settings, lang):
    theme = settings.theme
    return environment(theme / "templates", load_translations(theme / "translations", lang), lang, "fr_CA",
                       templates.compiled(settings, lang))


def test_the_languages_read_what_the_helper_compiled(settings, monkeypatch):
    helper = templates.ahead(settings)
    assert helper is not None
    helper.result()
    names = language_environment(settings, "fr").list_templates()
    monkeypatch.setattr(Environment, "compile", lambda *args, **kwargs: 1 / 0)
    for lang in LANGS:
        env = language_environment(settings, lang)
        assert [env.get_template(name).name for name in names] == names  # nothing compiled here
    kept = {lang: sorted(p.name for p in (settings.cache / "templates" / lang).iterdir()) for lang in LANGS}
    assert all(len(files) == len(names) for files in kept.values())


def test_no_helper_once_every_template_is_compiled_as_it_is(settings):
    templates.ahead(settings).result()
    assert templates.all_compiled(settings).is_file()
    assert templates.ahead(settings) is None  # nothing to compile
    (settings.theme / "templates" / "home.html").write_text("{{ 1 }}", encoding="utf-8")
    helper = templates.ahead(settings)  # one template changed: the helper compiles it
    assert helper is not None
    helper.result()
    assert [p.name for p in (settings.cache / "templates").glob("all-*")] == [templates.all_compiled(settings).name]
    assert templates.ahead(settings) is None


def test_a_stopped_helper_does_not_say_every_template_is_compiled(settings):
    templates.ahead(settings).cancel()
    assert not templates.all_compiled(settings).exists()


def test_the_key_is_what_compiled_code_holds_besides_the_source(settings):
    key = {lang: templates.compiled(settings, lang)[1] for lang in LANGS}
    assert key["fr"] != key["en"]
    (settings.theme / "templates" / "home.html").write_text("{{ 1 }}", encoding="utf-8")
    assert templates.compiled(settings, "fr")[1] == key["fr"]  # Jinja checks each template's own source
    po = next((settings.theme / "translations" / "fr" / "LC_MESSAGES").glob("*.po"))
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "Nouveau"\nmsgstr "Nouveau"\n', encoding="utf-8")
    assert templates.compiled(settings, "fr")[1] != key["fr"]


def test_a_stopped_helper_leaves_templates_the_languages_can_use(settings):
    helper = templates.ahead(settings)
    helper.cancel()  # at once: it may have compiled nothing, or been stopped while writing a file
    helper.cancel()  # stopping twice is harmless
    folder, key = templates.compiled(settings, "en")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{key}-0123.cachex1y2.tmp").write_bytes(b"half")  # what a stopped helper leaves
    env = language_environment(settings, "en")
    assert all(env.get_template(name) for name in env.list_templates())
    assert not [path for path in folder.iterdir() if path.suffix == ".tmp"]


def test_no_helper_with_one_processor_or_no_cache(settings):
    assert templates.ahead(Settings(**{**vars(settings), "workers": 1})) is None
    assert templates.ahead(Settings(**{**vars(settings), "cache": None})) is None
    assert templates.compiled(Settings(**{**vars(settings), "cache": None}), "fr") is None


def test_a_rebuild_compiles_no_template_not_even_pelicans(tmp_path, monkeypatch):
    """Pelican's own generators compile the article and page templates at every build, which they never
    render: their environments keep them compiled in the cache too. After a first build, a record's edit
    is rebuilt (in this process, as the preview server's builder does) without compiling anything."""
    root = tmp_path / "root"
    slugs = write_portfolio(root, 3, seed=2)
    monkeypatch.setenv("PORTFOLIO_ROOT", str(root))
    monkeypatch.setenv("PORTFOLIO_CACHE", str(tmp_path / "cache"))
    build_here(tmp_path / "out")
    assert list((tmp_path / "cache" / "templates" / "pelican").glob("*.cache"))
    revise(root, slugs[0])
    monkeypatch.setattr(Environment, "compile", lambda *args, **kwargs: 1 / 0)
    build_here(tmp_path / "out")
    page = tmp_path / "out" / "entreprises" / slugs[0] / "index.html"
    assert "Revu." in page.read_text(encoding="utf-8")
