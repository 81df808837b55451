"""The theme's catalogues are compiled once in a process while their .po files are the same: the preview
server's builder builds again and again, and sees an edited translation at its next build."""

import shutil

from portfolio.site.i18n import load_translations
from support.tools import REPO


def test_an_edited_translation_is_compiled_again(tmp_path):
    translations = tmp_path / "translations"
    shutil.copytree(REPO / "theme" / "translations", translations)
    first = load_translations(translations, "fr")
    assert load_translations(translations, "fr") is first and first.gettext("Enterprises") == "Entreprises"
    po = translations / "fr" / "LC_MESSAGES" / "site.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Entreprises"', 'msgstr "Les entreprises"', 1),
                  encoding="utf-8")
    assert load_translations(translations, "fr").gettext("Enterprises") == "Les entreprises"
    assert load_translations(translations, "en") is not load_translations(translations, "fr")
