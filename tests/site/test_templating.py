"""Display filters: French fallback text is marked lang="fr" in English pages; values are escaped."""

import datetime as dt

from portfolio.records.model import Text
from portfolio.site.templating import filters

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
