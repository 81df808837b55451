"""Display filters: French fallback text is marked lang="fr" in English pages; values are escaped."""

import datetime as dt

from portfolio.records.model import Text
from portfolio.site.templating import environment, filters

EN = filters("en", "en_CA")
FR = filters("fr", "fr_CA")


def test_fallback_to_french_is_marked():
    assert str(EN["tr"](Text("Bonjour"))) == '<span lang="fr">Bonjour</span>'
    assert str(EN["langattr"](Text("Bonjour"))) == ' lang="fr"'
    assert str(EN["tr"](Text("Bonjour", "Hello"))) == "Hello"
    assert str(FR["tr"](Text("Bonjour", "Hello"))) == "Bonjour"
    assert str(FR["langattr"](Text("Bonjour"))) == ""


def test_text_is_escaped():
    assert str(EN["tr"](Text("<b>x</b> & y"))) == '<span lang="fr">&lt;b&gt;x&lt;/b&gt; &amp; y</span>'
    assert str(FR["tr"](Text("<script>"))) == "&lt;script&gt;"


def test_markdown_of_the_fallback_is_sanitised():
    html = str(EN["markdown"](Text("**gras** <script>x()</script>")))
    assert "<strong>gras</strong>" in html and "<script" not in html


def test_dates_numbers_and_money_in_each_language():
    day = dt.date(2027, 6, 30)
    assert FR["date"](day) == "30 juin 2027"
    assert EN["date"](day) == "June 30, 2027"
    assert FR["money"](100000) == "100\u00a0000\u00a0$"
    assert EN["money"](100000) == "$100,000"
    assert FR["language"]("es") == "espagnol" and EN["language"]("es") == "Spanish"


def test_messages_translated_when_compiled_render_as_the_i18n_extension_does(tmp_path):
    """`_("…")` of a constant is translated once, when the template is compiled: the pages are the same as
    with the i18n extension's gettext on every render (escaping of arguments, %% included)."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.support import Translations
    from jinja2 import Environment, FileSystemLoader

    catalog = Catalog(locale="fr")
    catalog.add("Hello", "Bonjour")
    catalog.add("Hello %(name)s", "Bonjour %(name)s, à 100 %%")
    catalog.add("<b>safe</b>", "<b>sûr</b>")
    with open(tmp_path / "messages.mo", "wb") as handle:
        write_mo(handle, catalog)
    with open(tmp_path / "messages.mo", "rb") as handle:
        translations = Translations(handle)
    (tmp_path / "page.html").write_text(
        '{{ _("Hello") }}|{{ _("Hello %(name)s", name=who) }}|{{ gettext("<b>safe</b>") }}|{{ _("Unknown 50 %%") }}'
        '|{{ _(variable) }}|{{ ngettext("%(num)d item", "%(num)d items", 2) }}|{% set m = _("Hello") %}{{ m }}',
        encoding="utf-8")
    ours = environment(tmp_path, translations, "fr", "fr_CA")
    plain = Environment(loader=FileSystemLoader(str(tmp_path)), autoescape=True, extensions=["jinja2.ext.i18n"])
    plain.install_gettext_translations(translations, newstyle=True)
    context = {"who": "<Zoé & Cie>", "variable": "Hello"}
    expected = plain.get_template("page.html").render(context)
    assert ours.get_template("page.html").render(context) == expected
    assert expected.startswith("Bonjour|Bonjour &lt;Zoé &amp; Cie&gt;, à 100 %|<b>sûr</b>|Unknown 50 %|Bonjour|")
    source = ours.compile(ours.loader.get_source(ours, "page.html")[0], raw=True)
    assert "Markup('Bonjour')" in source  # translated in the compiled code, not looked up on each render


def test_compiled_templates_are_kept_under_their_key(tmp_path, monkeypatch):
    """A second environment with the same key reads the compiled template (nothing compiled), changed
    sources are compiled again, and another key (new translations, new code) removes the old files."""
    from babel.support import NullTranslations
    from jinja2 import Environment

    templates, kept = tmp_path / "templates", tmp_path / "compiled"
    templates.mkdir()
    (templates / "page.html").write_text("{{ _('Menu') }} {{ 2 + 2 }}", encoding="utf-8")

    def render(key):
        env = environment(templates, NullTranslations(), "fr", "fr_CA", (kept, key))
        return env.get_template("page.html").render()

    assert render("a") == "Menu 4" and len(list(kept.iterdir())) == 1
    real_compile = Environment.compile
    monkeypatch.setattr(Environment, "compile", lambda *args, **kwargs: 1 / 0)
    assert render("a") == "Menu 4"  # from the kept file
    monkeypatch.setattr(Environment, "compile", real_compile)
    (templates / "page.html").write_text("{{ 3 + 3 }}", encoding="utf-8")
    assert render("a") == "6"
    render("b")
    assert [path.name.split("-")[0] for path in kept.iterdir()] == ["b"]
