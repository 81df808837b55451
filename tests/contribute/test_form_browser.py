"""In Debian's Chromium, under the site's strict CSP (nginx): the form « Proposer ou mettre à jour une fiche »
makes files that portfolio-validate accepts, opens and writes back every shipped record unchanged, works
with the keyboard alone, passes axe, and says nothing to another host."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest
from playwright.sync_api import expect

from portfolio.records import build as model
from portfolio.records.load import load_portfolio
from portfolio.records.messages import Messages
from portfolio.records.yamlload import parse
from support.browser import axe_violations, describe
from support.tools import REPO

pytestmark = pytest.mark.browser

FORM = {"fr": "/modifier/", "en": "/en/edit/"}
MESSAGES = {
    "fr": {"postal": "Le code postal « H2X1Y4Z » n'est pas valide", "email": "« info@coop » n'est pas une adresse courriel",
           "date": "Le champ obligatoire « date de la dernière vérification » est absent."},
    "en": {"postal": "The postal code « H2X1Y4Z » is not valid", "email": "« info@coop » is not a valid email address",
           "date": "The required field « date last verified » is missing."},
}


@pytest.fixture(scope="module")
def portfolio():
    return load_portfolio(REPO).portfolio


def plain(text: str) -> str:
    """`text` with typographic apostrophes as straight ones (the catalogues may use either)."""
    return text.replace("\u2019", "'")


def read_record(text: str) -> dict:
    """The data of a record file, read by the validator's own YAML reader."""
    problems = []
    parsed = parse(text.encode("utf-8"), lambda *problem: problems.append(problem), Messages("en"))
    assert parsed.data is not None and not problems, problems
    return parsed.data


def exported(page) -> str:
    """Check the listing (no problem expected) and return the file shown."""
    page.click("#contribute-form button[type=submit]")
    assert page.locator("#contribute-errors").is_hidden(), page.locator("#contribute-errors").inner_text()
    return page.input_value("#contribute-yaml")


def fill_new_listing(page, lang: str) -> None:
    """A new enterprise with three typical mistakes: a postal code without its space, an incomplete e-mail
    address and no verification date."""
    page.click("#contribute-new")
    page.fill("#f-name", "Coopérative du Quartier")
    page.select_option("#f-legal_form", index=1)
    for term in ("#f-cohorts-1", "#f-sectors-0", "#f-impact-goals-0", "#f-territories-0"):
        page.check(term)
    page.fill("#f-summary-fr", "Traiteur « bio » : repas l'été, #1 des réunions.")
    page.fill("#f-summary-en", "Organic caterer: meals for your meetings.")
    page.fill("#f-description-fr", "Une **coopérative** de travail.\n\n- repas\n- collations\n")
    page.fill("#f-offer-0-name-fr", "Boîtes à lunch")
    page.fill("#f-offer-0-description-fr", "Pour 10 à 200 personnes.")
    page.fill("#f-impact-text-fr", "Insertion en emploi.")
    page.fill("#f-address-street", "123, rue Ontario Est")
    page.fill("#f-address-city", "Montréal")
    page.fill("#f-address-postal_code", "H2X1Y4Z")
    page.fill("#f-contact-email", "info@coop")
    page.fill("#f-languages-0", "fr")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_new_listing_fixed_then_downloaded_is_valid(page, site_url, lang, tmp_path):
    page.goto(site_url + FORM[lang])
    fill_new_listing(page, lang)
    page.click("#contribute-download")
    summary = page.locator("#contribute-errors")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "contribute-errors"
    for field, key in (("address-postal_code", "postal"), ("contact-email", "email"), ("last_verified", "date")):
        assert MESSAGES[lang][key] in plain(page.inner_text(f"#c-f-{field}")), field
        assert page.get_attribute(f"#f-{field}", "aria-invalid") == "true"
        assert MESSAGES[lang][key] in plain(summary.inner_text())
    assert summary.locator("li").count() == 3
    summary.locator("a", has_text="H2X1Y4Z").click()
    assert page.evaluate("document.activeElement.id") == "f-address-postal_code"

    page.fill("#f-address-postal_code", "H2X 1Y4")
    page.fill("#f-contact-email", "info@coop.example")
    page.fill("#f-last_verified", "2026-11-29")
    assert page.locator("#c-f-address-postal_code .field-error").is_hidden()  # live: gone as soon as fixed
    with page.expect_download() as made:
        page.click("#contribute-download")
    download = made.value
    assert download.suggested_filename == "cooperative-du-quartier.yaml"
    target = tmp_path / "enterprises" / download.suggested_filename
    target.parent.mkdir()
    download.save_as(target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/enterprise.schema.json\n")
    assert "Traiteur « bio » : repas l'été, #1 des réunions." in text
    checked = subprocess.run([sys.executable, "-m", "portfolio.validate", "--root", str(tmp_path), "--today",
                              "2026-11-29", "--lang", lang, str(target)], capture_output=True, text=True, cwd=REPO)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert list(read_record(text)) == ["name", "legal_form", "cohorts", "sectors", "summary", "description", "offer",
                                       "impact", "territories", "address", "contact", "languages", "last_verified"]


def _flat(data, prefix=()) -> dict:
    if isinstance(data, dict):
        return {k: v for key, value in data.items() for k, v in _flat(value, (*prefix, key)).items()}
    if isinstance(data, list):
        return {k: v for i, value in enumerate(data) for k, v in _flat(value, (*prefix, i)).items()}
    return {prefix: data}


def _changed(before: dict, after: dict) -> set:
    a, b = _flat(before), _flat(after)
    return {path for path in a.keys() | b.keys() if a.get(path) != b.get(path)}


def test_every_shipped_record_opens_and_exports_unchanged(page, site_url, portfolio):
    """Unchanged as published: a contact person without consent is not in what the form opens."""
    vocabulary = portfolio.vocabulary
    kinds = [("enterprise", replace(e, contact=e.public_contact), model.enterprise) for e in portfolio.enterprises]
    kinds += [("institution", i, model.institution) for i in portfolio.institutions]
    for kind, record, make in kinds:
        page.goto(f"{site_url}{FORM['fr']}?{kind}={record.slug}")
        page.wait_for_selector("#contribute-form:not([hidden])")
        text = exported(page)
        data = read_record(text)
        assert make(record.slug, record.source, data, vocabulary) == record, record.slug
        original = read_record((REPO / record.source).read_text(encoding="utf-8"))
        if kind == "enterprise" and not record.contact.person:
            original["contact"].pop("person", None)
        assert _flat(data) == _flat(original), record.slug
        assert text.startswith(f"# yaml-language-server: $schema=../schema/{kind}.schema.json\n")


CHANGES = [  # one field of each kind: text, term, list item, number, date
    (lambda page: page.fill("#f-summary-fr", "Un nouveau résumé."), ("summary", "fr")),
    (lambda page: page.select_option("#f-legal_form", "mutuelle"), ("legal_form",)),
    (lambda page: page.fill("#f-offer-0-name-fr", "Un autre service"), ("offer", 0, "name", "fr")),
    (lambda page: page.fill("#f-impact-employees", "321"), ("impact", "employees")),
    (lambda page: page.fill("#f-last_verified", "2026-11-28"), ("last_verified",)),
]


def test_one_change_changes_one_field(page, site_url, portfolio):
    for enterprise in portfolio.enterprises:
        page.goto(f"{site_url}{FORM['fr']}?enterprise={enterprise.slug}")
        page.wait_for_selector("#contribute-form:not([hidden])")
        before = read_record(exported(page))
        for change, field in CHANGES:
            change(page)
            after = read_record(exported(page))
            assert _changed(before, after) == {field}, (enterprise.slug, field)
            before = after


def test_list_items_are_added_moved_and_removed(page, site_url, portfolio):
    enterprise = next(e for e in portfolio.enterprises if len(e.offer) >= 2)
    page.goto(f"{site_url}{FORM['fr']}?enterprise={enterprise.slug}")
    page.wait_for_selector("#contribute-form:not([hidden])")
    before = read_record(exported(page))["offer"]
    page.click("#c-f-offer-1 + .item-tools button[data-what=up]")
    assert read_record(exported(page))["offer"][:2] == [before[1], before[0]]
    page.click("#c-f-offer-0 + .item-tools button[data-what=remove]")
    assert read_record(exported(page))["offer"] == [before[0], *before[2:]]


def test_keyboard_alone_fills_and_exports(page, site_url, portfolio):
    enterprise = next(e for e in portfolio.enterprises if len(e.offer) >= 2)
    page.goto(f"{site_url}{FORM['fr']}?enterprise={enterprise.slug}")
    page.wait_for_selector("#contribute-form:not([hidden])")
    keys = page.keyboard

    def tab_to(selector: str, back: bool = False) -> None:
        for _ in range(600):
            if page.evaluate("s => document.activeElement.matches(s)", selector):
                return
            keys.press("Shift+Tab" if back else "Tab")
        raise AssertionError(f"{selector} not reached with the keyboard")

    tab_to("#f-legal_form")
    keys.press("ArrowDown")
    tab_to("#f-sectors-0")
    keys.press("Space")  # choose (or drop) the first sector
    tab_to("#f-summary-fr")
    keys.press("Control+A")
    keys.type("Résumé tapé au clavier.")
    tab_to("#f-legal_form", back=True)
    tab_to("#c-f-offer-1 + .item-tools > button[data-what=up]")
    keys.press("Enter")  # the second product or service moves up
    tab_to("#contribute-download")
    with page.expect_download() as made:
        keys.press("Enter")
    data = read_record(open(made.value.path(), encoding="utf-8").read())
    assert data["summary"]["fr"] == "Résumé tapé au clavier."
    assert ("alimentation-traiteur" in data["sectors"]) != ("alimentation-traiteur" in [t.key for t in enterprise.sectors])
    assert data["legal_form"] != enterprise.legal_form.key
    assert [offer["name"]["fr"] for offer in data["offer"][:2]] == [enterprise.offer[1].name.fr, enterprise.offer[0].name.fr]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_form_has_no_axe_violation(page, site_url, lang):
    page.goto(site_url + FORM[lang])
    page.wait_for_selector("#contribute-start:not([hidden])")
    assert not (found := axe_violations(page)), describe(found)
    fill_new_listing(page, lang)
    assert not (found := axe_violations(page)), describe(found)
    page.click("#contribute-download")
    assert page.locator("#contribute-errors").is_visible()
    assert not (found := axe_violations(page)), describe(found)


def test_propose_on_github_opens_the_new_file_page(page, site_url, portfolio):
    enterprise = portfolio.enterprises[0]
    page.goto(f"{site_url}{FORM['fr']}?enterprise={enterprise.slug}")
    page.wait_for_selector("#contribute-form:not([hidden])")
    page.evaluate("window.open = (...args) => { window.opened = args; }")  # stays here: no request to GitHub
    page.click("#contribute-github")
    url = page.evaluate("window.opened[0]")
    assert url.endswith(f"/edit/main/{enterprise.source}")  # an update: the text is copied, the file opened
    page.fill("#f-slug", "une-autre-fiche")
    page.click("#contribute-github")
    url = page.evaluate("window.opened[0]")
    assert "/new/main?filename=enterprises%2Fune-autre-fiche.yaml&value=%23%20yaml-language-server" in url


def test_without_javascript_the_page_points_elsewhere(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + FORM["fr"])
    fallback = page.locator(".contribute-nojs")
    assert fallback.is_visible() and page.locator("#contribute-form").is_hidden()
    links = fallback.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any("/issues/new" in href for href in links) and any(href.startswith("mailto:") for href in links)
    context.close()


def test_issue_form_answers_open_in_the_form(page, site_url):
    body = """### Nom de l'entreprise / Name of the enterprise [name]

Coopérative Vélo-Cité

### Forme juridique / Legal form [legal_form]

cooperative-solidarite — Coopérative de solidarité / Solidarity co-operative

### Secteurs / Sectors [sectors]

velo-mobilite — Vélo et mobilité durable / Cycling and sustainable mobility, transport-livraison — Transport, livraison et déménagement / Transport, delivery and moving

### Résumé / Summary (fr) [summary.fr]

Réparation de vélos, livraison à vélo.

### Résumé / Summary (en) [summary.en]

_No response_

### Offre / Offer [offer]

Livraison | Livraison à vélo cargo.
Réparation | Entretien de flottes.

### Nombre d'employés / Number of employees [impact.employees]

12

### Langues de service / Languages of service [languages]

fr, en
"""
    page.goto(site_url + FORM["fr"])
    page.fill("#contribute-paste", body)
    page.click("#contribute-import")
    page.wait_for_selector("#contribute-form:not([hidden])")
    assert page.input_value("#f-name") == "Coopérative Vélo-Cité"
    assert page.input_value("#f-legal_form") == "cooperative-solidarite"
    checked = page.locator("#c-f-sectors input:checked").evaluate_all("boxes => boxes.map(b => b.value)")
    assert sorted(checked) == ["transport-livraison", "velo-mobilite"]
    assert page.input_value("#f-offer-1-description-fr") == "Entretien de flottes."
    assert page.input_value("#f-impact-employees") == "12"
    assert page.input_value("#f-languages-1") == "en"
    assert page.input_value("#f-summary-en") == ""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_update_this_listing_opens_the_form_filled(page, site_url, portfolio, lang):
    enterprise = portfolio.enterprises[-1]
    folder = {"fr": "/entreprises/", "en": "/en/enterprises/"}[lang]
    page.goto(f"{site_url}{folder}{enterprise.slug}/")
    page.click(".record-footer a >> nth=0")
    page.wait_for_selector("#contribute-form:not([hidden])")
    assert page.url.endswith(f"{FORM[lang]}?enterprise={enterprise.slug}")
    assert page.input_value("#f-name") == enterprise.name and page.input_value("#f-slug") == enterprise.slug


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_form_asks_for_the_contact_persons_consent_and_says_why(page, site_url, portfolio, lang):
    words = {"fr": ("Date du consentement à la publication", "Loi 25", "en écrivant au CESIM"),
             "en": ("Date of consent to publication", "Law 25", "by writing to CESIM")}[lang]
    unconsented = next(e for e in portfolio.enterprises if e.contact.person and not e.public_contact.person)
    page.goto(f"{site_url}{FORM[lang]}?enterprise={unconsented.slug}")
    page.wait_for_selector("#contribute-form:not([hidden])")
    assert page.input_value("#f-contact-person-name") == ""  # not published, so not in what the form opens
    assert page.inner_text("label[for=f-contact-person-consent]") == words[0]
    assert words[1] in page.inner_text("#c-f-contact-person") and words[2] in page.inner_text("#h-f-contact-person-consent")
    page.fill("#f-contact-person-name", "Lucie Exemple")
    page.fill("#f-contact-person-consent", "2026-11-28")
    assert read_record(exported(page))["contact"]["person"] == {"name": "Lucie Exemple", "consent": "2026-11-28"}


def test_images_are_checked_in_the_browser(page, site_url):
    page.goto(site_url + FORM["fr"])
    page.click("#contribute-new")
    page.fill("#f-slug", "ma-coop")
    png = (REPO / "theme" / "static" / "images" / "og-card.png").read_bytes()
    page.set_input_files("#f-logo-file", {"name": "logo.png", "mimeType": "image/png", "buffer": png})
    expect(page.locator("#f-logo")).to_have_value("logo.png")  # polled by Playwright, no eval under the CSP
    assert "enterprises/media/ma-coop/" in page.inner_text("#c-f-logo .image-note")
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
    page.set_input_files("#f-logo-file", {"name": "autre.png", "mimeType": "image/png", "buffer": svg})
    expect(page.locator("#c-f-logo .image-note")).to_contain_text("autre.png")
    assert "n'est pas une image PNG, JPEG ou WebP" in plain(page.inner_text("#c-f-logo .image-note"))
    assert page.input_value("#f-logo") == "logo.png"
