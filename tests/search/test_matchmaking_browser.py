"""The matchmaking sheet in Debian's Chromium: needs typed or read from a CSV file, suggestions and gaps,
pins, print, CSV export, shortlist; nothing sent anywhere."""

import csv
import io
import json
import subprocess
from urllib.parse import urlsplit

import pytest

from support.browser import axe_violations, describe
from support.tools import require

pytestmark = pytest.mark.browser

MARMITE, ENCRIER = "Traiteur La Marmite solidaire", "Imprimerie L'Encrier solidaire"
# Need -> an enterprise expected among its suggestions, or None for a need the sample cannot serve.
NEEDS = {
    "boites a lunch pour 150 personnes": MARMITE,  # without accents
    "impression de depliants": ENCRIER,
    "office cleaning": "Coopérative de nettoyage Net-Éclat",  # English need, French listings
    "refurbished computers": "Le Reboot, atelier informatique",
    "réparation de vélos": "Coopérative L'Échappée",
    "deneigment": "Les Jardins du Coteau vert",  # a typo
    "catering for 80 people": MARMITE,
    "billets d'avion": None,
    "jet fuel": None,
    "carburant diesel": None,
}
PINNED = {"boites a lunch pour 150 personnes": MARMITE, "impression de depliants": ENCRIER}


def watch(page) -> list:
    """Every request the page makes, as (method, URL, body)."""
    requests = []
    page.on("request", lambda request: requests.append((request.method, request.url, request.post_data)))
    return requests


def find(page, site_url, path, needs=None, csv_file=None):
    page.goto(site_url + path)
    if csv_file:
        page.set_input_files("#matchmaking-file", csv_file)
        page.wait_for_selector("#matchmaking-columns:not([hidden])")
    else:
        page.fill("#matchmaking-needs-text", "\n".join(needs))
    page.click("#matchmaking-form button[type=submit]")
    page.wait_for_selector("#matchmaking-actions:not([hidden])", timeout=30_000)


def sheet(page) -> dict:
    """Need -> names suggested, or None when the page says no enterprise matches."""
    found = {}
    for block in page.locator("#matchmaking-results > .need").all():
        text = block.locator(".need-text").inner_text()
        none = block.locator(".need-none").is_visible()
        found[text] = None if none else block.locator(".suggestion-name").all_inner_texts()
    return found


def suggestion(page, need, name):
    block = page.locator("#matchmaking-results > .need").filter(has=page.locator(".need-text", has_text=need))
    return block.locator(".suggestion").filter(has=page.locator(".suggestion-name", has_text=name))


def check_sheet(found):
    for need, expected in NEEDS.items():
        if expected is None:
            assert found[need] is None, need
        else:
            assert found[need] and expected in found[need], (need, found[need])


def download_csv(page, delimiter):
    with page.expect_download() as download:
        page.click("#matchmaking-actions [data-action=csv]")
    data = download.value.path().read_bytes().decode("utf-8")
    assert data.startswith("\ufeff")
    return list(csv.reader(io.StringIO(data[1:]), delimiter=delimiter))


def test_needs_typed_in_french_and_english_are_matched_pinned_printed_exported_and_listed(page, site_url, tmp_path):
    requests = watch(page)
    find(page, site_url, "/maillage/", needs=list(NEEDS))
    found = sheet(page)
    assert list(found) == list(NEEDS)
    check_sheet(found)
    assert "7 avec des suggestions, 3 sans aucune entreprise" in page.inner_text("#matchmaking-status")
    why = suggestion(page, "impression de depliants", ENCRIER).locator(".suggestion-why").inner_text()
    assert "impression" in why and "Impression et graphisme" in why
    facts = suggestion(page, "impression de depliants", ENCRIER).locator(".suggestion-facts").inner_text()
    assert "@" in facts and "$" in facts
    for need, name in PINNED.items():
        button = suggestion(page, need, name).locator("[data-action=pin]")
        button.click()
        assert button.get_attribute("aria-pressed") == "true"
    dropped = suggestion(page, "catering for 80 people", MARMITE)
    dropped.locator("[data-action=drop]").click()
    shown = sheet(page)
    assert MARMITE not in shown["catering for 80 people"]

    # Print: one block per need, none cut across two pages, the form and buttons left out.
    page.emulate_media(media="print")
    assert not page.locator("#matchmaking-form").is_visible() and not page.locator("#matchmaking-actions").is_visible()
    pdf = tmp_path / "sheet.pdf"
    page.pdf(path=str(pdf), format="Letter")
    page.emulate_media(media="screen")
    text = subprocess.run([require("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.split("\f")
    for need, names in shown.items():
        holding = [n for n, content in enumerate(pages) if need in content]
        assert len(holding) == 1, need
        ending = "Aucune entreprise du portfolio" if names is None else names[-1]
        assert ending in pages[holding[0]], need

    table = download_csv(page, ";")
    header, rows = table[0], table[1:]
    assert header[:6] == ["Besoin", "Quantité", "Date", "Catégorie", "Statut", "Entreprise"]
    statuses = {(row[0], row[5]): row[4] for row in rows}
    for need, name in PINNED.items():
        assert statuses[(need, name)] == "Retenue"
    for need, expected in NEEDS.items():
        if expected is None:
            assert statuses[(need, "")] == "Aucune entreprise"
    assert ("catering for 80 people", MARMITE) not in statuses
    assert all(row[-1].startswith(site_url) for row in rows if row[5])

    page.click("#matchmaking-actions [data-action=shortlist]")
    assert "2 entreprises" in page.inner_text("#matchmaking-status")
    page.goto(site_url + "/ma-liste/")
    page.wait_for_selector(".shortlist-items li")
    assert set(page.locator(".shortlist-name").all_inner_texts()) == set(PINNED.values())

    # Nothing was sent: only GET requests to the test server, none with a query or a body.
    assert requests and all(method == "GET" and not body for method, _, body in requests)
    assert not [url for _, url, _ in requests if urlsplit(url).query]
    assert not [url for _, url, _ in requests if any(word in url for word in ("lunch", "depliants", "fuel"))]


def test_what_is_fetched_does_not_depend_on_the_needs(page, site_url):
    fetched = []
    for needs in (["traiteur"], ["billets d'avion", "office cleaning"]):
        requests = watch(page)
        find(page, site_url, "/maillage/", needs=needs)
        page.wait_for_load_state("networkidle")
        fetched.append(sorted(url for _, url, _ in requests if url.endswith(".json")))
    assert fetched[0] == fetched[1] and any("index-fr-more" in url for url in fetched[0])


def test_a_windows_csv_file_of_needs_with_semicolons(page, site_url, tmp_path):
    lines = ["No;Description de l'article;Quantité;Date requise;Catégorie"] + [
        f"{n};{need};{n * 10};2026-0{1 + n % 9}-15;C{n}" for n, need in enumerate(NEEDS, 1)]
    path = tmp_path / "besoins.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    find(page, site_url, "/maillage/", csv_file=str(path))
    check_sheet(sheet(page))
    details = page.locator("#matchmaking-results > .need").first.locator(".need-details").inner_text()
    assert details == "10 · 2026-02-15 · C1"
    table = download_csv(page, ";")
    unmatched = [row[:4] for row in table[1:] if row[0] == "billets d'avion"]
    assert unmatched == [["billets d'avion", "80", "2026-09-15", "C8"]]


def test_an_english_csv_file_with_commas_and_quotes(page, site_url, tmp_path):
    rows = [["Item description", "Qty"], ["Boxed lunches, for a board meeting", "40"], ["Jet fuel", "1"]]
    path = tmp_path / "needs.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    find(page, site_url, "/en/matchmaking/", csv_file=str(path))
    assert page.input_value("#matchmaking-column-description") == "0"
    assert page.input_value("#matchmaking-column-quantity") == "1"
    found = sheet(page)
    assert MARMITE in found["Boxed lunches, for a board meeting"] and found["Jet fuel"] is None
    table = download_csv(page, ",")
    assert table[0][:2] == ["Need", "Quantity"]


@pytest.mark.parametrize("path, need", [("/maillage/", "boîtes à lunch"), ("/en/matchmaking/", "boxed lunches")])
def test_axe_finds_no_violation(page, site_url, path, need):
    find(page, site_url, path, needs=[need, "jet fuel"])
    suggestion(page, need, MARMITE).locator("[data-action=pin]").click()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    assert json.loads(page.evaluate("localStorage.getItem('portfolio-shortlist') || '[]'")) == []
