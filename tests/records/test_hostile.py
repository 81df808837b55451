"""Hostile and broken input (issue 9): what the validator says, in French and English, and the rules
behind the fixtures (reserved identifiers, record kind, names, positions, printable output)."""

from __future__ import annotations

import json
import unicodedata

import pytest

from portfolio import validate as cli
from portfolio.records.lookalike import mixed_script_letter, name_keys
from portfolio.records.reserved import reserved_identifiers
from portfolio.records.vocabulary import Vocabulary
from portfolio.settings import LANGS
from portfolio.site.urls import FIXED, PAGINATED, Urls
from records_corpus import FIXTURES, TODAY, install, install_valid, read_fixture, validate

# fixture -> what its message must say, in French and in English
MESSAGES = {
    "invalid/image_truncated": ("abîmé ou coupé", "damaged or cut off"),
    "invalid/image_html-as-png": ("une page HTML", "an HTML page"),
    "invalid/image_letter-case": ("mais « logo.png » s'y trouve : les majuscules",
                                  "but « logo.png » is there: capitals"),
    "invalid/kind_schema-line-disagrees": ("lu comme la fiche d'une entreprise", "read as an enterprise record"),
    "invalid/slug_reserved-institution": ("« signataires.yaml » ne peut pas être utilisé",
                                          "« signataires.yaml » cannot be used"),
    "invalid/name_blank": ("ne contient que des espaces", "holds only spaces"),
    "invalid/name_bidi-override": ("U+202E RIGHT-TO-LEFT OVERRIDE", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    "invalid/name_zero-width": ("U+200B ZERO WIDTH SPACE", "U+200B ZERO WIDTH SPACE"),
    "invalid/name_mixed-scripts": ("U+0430 CYRILLIC SMALL LETTER A", "U+0430 CYRILLIC SMALL LETTER A"),
    "invalid/duplicate_look-alike": ("enterprises/cafe-exemple.yaml (« Café Exemple »)",
                                     "enterprises/cafe-exemple.yaml (« Café Exemple »)"),
    "invalid/url_bidi": ("cacher où mène l'adresse", "hide where the address leads"),
    "invalid/yaml_control-after-accents": ("(U+0001)", "(U+0001)"),
    "invalid/yaml_quote-closed-later": ("jusqu'à la ligne 11", "runs on to line 11"),
    "warning/yaml_comment-in-value": ("s'arrête à « Bar »", "stops at « Bar »"),
}


@pytest.mark.parametrize("name", sorted(MESSAGES))
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_class_is_explained_in_both_languages(name, lang, tmp_path):
    fixture = read_fixture(FIXTURES / f"{name}.yaml")
    others = install_valid(tmp_path) if "duplicate_" in name else []
    result = validate(others + [install(fixture, tmp_path)], tmp_path, lang=lang)
    messages = [d.message for d in result.diagnostics if d.path == fixture.target]
    assert len(messages) == len(fixture.expected)
    assert MESSAGES[name][lang == "en"] in messages[0]


def _cafe(tmp_path, old: str, new: str, folder: str = "enterprises", slug: str = "cafe-exemple"):
    path = tmp_path / folder / f"{slug}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = (FIXTURES / "valid" / "cafe-exemple.yaml").read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang, wanted", [("fr", "({size} ko ; au plus 256 ko)"),
                                          ("en", "({size} KB; at most 256 KB)")])
def test_the_size_message_gives_the_real_size(lang, wanted, tmp_path):
    path = _cafe(tmp_path, "last_verified:", "# " + "x" * 300_000 + "\nlast_verified:")
    [diagnostic] = validate([path], tmp_path, lang=lang).diagnostics
    assert diagnostic.code == "file-too-large"
    assert wanted.format(size=-(-path.stat().st_size // 1024)) in diagnostic.message


def test_an_institution_record_in_the_enterprise_folder_is_never_an_institution(tmp_path):
    source = (FIXTURES / "valid" / "ville-exemple.yaml").read_text(encoding="utf-8")
    path = tmp_path / "enterprises" / "ville-exemple.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(source, encoding="utf-8")
    result = validate([path], tmp_path)
    assert {r.kind for r in result.records} == {"enterprise"}
    assert "schema-mismatch" in {d.code for d in result.diagnostics}
    assert not any(r.valid for r in result.records)


def test_reserved_identifiers_follow_the_url_table():
    """Each reserved identifier would put a record page over a fixed page or a listing's next pages,
    and every fixed page inside a record folder has its first segment reserved."""
    urls = Urls(Vocabulary.load(FIXTURES.parents[2] / "data" / "vocabulary.yaml"))
    record_pages = {(kind, lang): urls.url((kind, "x"), lang).removesuffix("x/")
                    for kind in ("enterprise", "institution", "declaration") for lang in LANGS}
    site_pages = {urls.url((key,), lang, page) for key in FIXED for lang in LANGS for page in (1, 2)}
    assert {"page", "signataires", "signatories"} <= reserved_identifiers()
    for word in reserved_identifiers():
        assert any(page.startswith(folder + word + "/") for folder in record_pages.values() for page in site_pages)
    for page in site_pages:
        for folder in record_pages.values():
            if page.startswith(folder) and page != folder:
                assert page.removeprefix(folder).split("/")[0] in reserved_identifiers(), page
    assert PAGINATED.split("/")[0] in reserved_identifiers()


@pytest.mark.parametrize("folder", ["enterprises", "institutions"])
def test_every_reserved_identifier_is_refused_in_every_record_folder(folder, tmp_path):
    for word in sorted(reserved_identifiers()):
        path = _cafe(tmp_path, "Café Exemple", f"Café {word}", folder=folder, slug=word)
        assert "slug-reserved" in {d.code for d in validate([path], tmp_path).diagnostics}, (folder, word)


def test_texts_are_read_in_nfc(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Café Été")
    path = _cafe(tmp_path, "name: Café Exemple", f"name: {decomposed}")
    [record] = validate([path], tmp_path).records
    assert record.data["name"] == unicodedata.normalize("NFC", decomposed) != decomposed


@pytest.mark.parametrize("name", ["Москва Кооператив", "東京カフェ協同組合", "Café l'Œuvre 2000 inc."])
def test_a_name_in_one_script_is_accepted(name):
    assert mixed_script_letter(name) is None


@pytest.mark.parametrize("first, second, alike", [
    ("Café Exemple", "CAFÉ-EXEMPLE.", True),  # case, accents, punctuation
    ("Café Exemple", "Cafe\u0301 Exemple", True),  # é typed as e + accent
    ("Atelier l'Îlot", "Atelier 1'Ilot", True),  # 1 for l
    ("Café Exemple", "Cаfé Exemple", True),  # Cyrillic а
    ("Café Exemple", "Café Exemples", False),
    ("Coop du Plateau", "Coop du Plateau-Est", False),
])
def test_names_read_alike_through_their_keys(first, second, alike):
    assert bool(name_keys(first) & name_keys(second)) == alike


@pytest.mark.parametrize("line", ["founded: 2011  # à peu près", 'name: "Bar #1"', "name: Bar#1"])
def test_no_comment_warning_for_numbers_quoted_texts_or_a_hash_inside_a_word(line, tmp_path):
    key = line.split(":")[0]
    old = {"founded": "founded: 2011", "name": "name: Café Exemple"}[key]
    path = _cafe(tmp_path, old, line)
    assert "yaml-comment-in-value" not in {d.code for d in validate([path], tmp_path).diagnostics}


@pytest.mark.parametrize("output", ["human", "github", "json"])
def test_line_breaks_and_bidi_characters_in_values_are_escaped_in_every_output(output, tmp_path, capsys):
    _cafe(tmp_path, "postal_code: H2X 1Y4", 'postal_code: "H2X\\n1Y4\\u202e"')
    status = cli.main(["--root", str(tmp_path), "--format", output, "--lang", "en", "--today", TODAY.isoformat(),
                       str(tmp_path / "enterprises" / "cafe-exemple.yaml")])
    out = capsys.readouterr().out
    assert status == 1
    assert "\u202e" not in out
    lines = [line for line in out.splitlines() if "postal" in line.lower()]
    if output == "json":
        [message] = [d["message"] for d in json.loads(out)["diagnostics"]]
        assert "« H2X\\n1Y4[U+202E] »" in message
    else:
        assert len(lines) == 1 and "« H2X\\n1Y4[U+202E] »" in lines[0]


def test_a_cut_off_image_is_refused_even_after_weasyprint_is_imported(tmp_path):
    """WeasyPrint sets Pillow's global LOAD_TRUNCATED_IMAGES on import; the validator must not follow."""
    import io

    import weasyprint  # noqa: F401 - imported for its side effect
    from PIL import Image as PILImage
    from PIL import ImageFile

    from portfolio.records.images import decode

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    buffer = io.BytesIO()
    PILImage.new("RGB", (400, 300), (10, 120, 200)).save(buffer, "JPEG", quality=95)
    with pytest.raises(OSError):
        decode(buffer.getvalue()[:len(buffer.getvalue()) // 2])
