"""Freshness: badges from the build date, changed only when a threshold is crossed, so that an
incremental build renders a page again only then; `make report` lists what to follow up."""

import csv
import datetime as dt
import io
import os
import subprocess
import sys
from dataclasses import replace

import pytest

from portfolio import report
from portfolio.records.load import load_portfolio
from portfolio.records.model import Certification, Text
from portfolio.site.freshness import EXPIRED, STALE, badges, expiring_soon, latest_update
from support.html_text import blocks
from support.site import pages_rendered, settings_overlay
from support.tools import REPO


@pytest.fixture(scope="module")
def sample():
    return load_portfolio(REPO).portfolio


def enterprise(sample, verified, *expiries):
    e = sample.enterprises[0]
    return replace(e, last_verified=verified, certifications=tuple(
        Certification(Text("Sceau"), "Émetteur", day) for day in expiries))


def test_badges_change_only_when_a_threshold_is_crossed(sample):
    e = enterprise(sample, dt.date(2025, 12, 3), dt.date(2027, 1, 31))
    assert badges(e, dt.date(2026, 12, 3)) == ()
    assert badges(e, dt.date(2026, 12, 4)) == (STALE,)
    assert badges(e, dt.date(2027, 1, 31)) == (STALE,)
    assert badges(e, dt.date(2027, 2, 1)) == (STALE, EXPIRED)


def test_certifications_expiring_within_60_days(sample):
    e = enterprise(sample, dt.date(2026, 11, 1), dt.date(2027, 1, 28), dt.date(2027, 3, 1), dt.date(2026, 11, 1))
    assert [c.expires for c in expiring_soon(e, dt.date(2026, 11, 29))] == [dt.date(2027, 1, 28)]


def test_latest_update_is_the_newest_listing_not_the_build_date(sample):
    assert latest_update(sample.enterprises) == max(e.last_verified for e in sample.enterprises)


def test_home_and_data_pages_give_the_latest_update(built_site, sample):
    day = latest_update(sample.enterprises)
    for path in ("index.html", "donnees/index.html"):
        text = " ".join(b.text for b in blocks(built_site / path))
        assert f"Dernière mise à jour des fiches : {day.day} " in text, path


def test_report_lists_stale_listings_and_certifications_with_contacts(sample, capsys):
    assert report.main(["--today", "2027-06-01"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:3] == ["Nom de l’entreprise", "Fichier de la fiche", "À suivre"]
    stale = {row[0] for row in rows[1:] if row[2].startswith("Fiche non vérifiée")}
    assert stale == {e.name for e in sample.enterprises if e.last_verified < dt.date(2026, 6, 1)}
    soon = [row for row in rows[1:] if row[2].startswith("Certification qui expire")]
    assert [row[3] for row in soon] == ["2027-06-30"] and soon[0][5].endswith(".example")


def test_a_badge_appears_and_pages_render_again_only_when_a_threshold_is_crossed(tmp_path):
    """L'Entraide was last verified on 2025-12-03: stale from 2026-12-04."""
    output, cache = tmp_path / "site", tmp_path / "cache"
    conf = settings_overlay(tmp_path, PORTFOLIO_CACHE=str(cache))

    def build(day):  # a stale listing is a validator warning: warnings are not fatal here
        env = {**os.environ, "PORTFOLIO_TODAY": day}
        result = subprocess.run([sys.executable, "-m", "pelican", str(REPO / "content"), "-s", str(conf),
                                 "-o", str(output)], cwd=REPO, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    build("2026-12-02")
    page = output / "entreprises" / "l-entraide-services-a-domicile" / "index.html"
    assert "Fiche non vérifiée" not in page.read_text(encoding="utf-8")
    quiet = pages_rendered(build("2026-12-03"))
    crossed = pages_rendered(build("2026-12-04"))
    assert "Fiche non vérifiée depuis plus de 12" in page.read_text(encoding="utf-8")
    card = output / "entreprises" / "index.html"
    assert "Fiche non vérifiée depuis plus de 12" in card.read_text(encoding="utf-8")
    catalogue = [b for b in blocks(output / "catalogue" / "index.html") if "badge-warning" in b.classes]
    assert [b.text for b in catalogue] == ["Fiche non vérifiée depuis plus de 12 mois"]
    assert crossed > quiet



def test_badges_of_an_edited_copy_are_its_own(sample):
    day = dt.date(2026, 12, 4)
    fresh = enterprise(sample, dt.date(2026, 6, 1))
    assert badges(fresh, day) == () and badges(replace(fresh, last_verified=dt.date(2025, 1, 1)), day) == (STALE,)
