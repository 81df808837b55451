"""JSON-LD: schema.org data that parses back, and that no record value can break out of its <script>."""

import json
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from portfolio.records.load import load_portfolio
from portfolio.site import jsonld

REPO = Path(__file__).resolve().parents[2]
BREAKOUT = '</script><script>window.__pwned=1</script><!-- & \u2028'


@pytest.fixture(scope="module")
def marmite():
    portfolio = load_portfolio(REPO).portfolio
    return next(e for e in portfolio.enterprises if e.slug == "traiteur-la-marmite-solidaire")


def test_dumps_escapes_what_could_close_the_script():
    text = str(jsonld.dumps({"name": BREAKOUT}))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"name": BREAKOUT}


def test_a_hostile_value_stays_inside_one_script_element():
    html = f'<script type="application/ld+json">{jsonld.dumps({"name": BREAKOUT})}</script>'

    class Scripts(HTMLParser):
        starts, data = 0, []

        def handle_starttag(self, tag, attrs):
            self.starts += tag == "script"

        def handle_data(self, data):
            self.data.append(data)

    parser = Scripts()
    parser.feed(html)
    assert parser.starts == 1
    assert json.loads("".join(parser.data))["name"] == BREAKOUT


def test_enterprise_organization(marmite):
    data = json.loads(str(jsonld.dumps(jsonld.enterprise(marmite, "en", "https://x.example/en/enterprises/m/"))))
    assert data["@type"] == "Organization" and data["name"] == marmite.name
    assert data["address"]["@type"] == "PostalAddress" and data["address"]["postalCode"] == "H1W 1A1"
    assert data["contactPoint"]["email"] == marmite.contact.email
    assert [o["itemOffered"]["name"] for o in data["makesOffer"]] == [o.name.en for o in marmite.offer]


def test_enterprise_in_french_uses_french_text(marmite):
    data = jsonld.enterprise(replace(marmite, website=None), "fr", "https://x.example/entreprises/m/")
    assert data["description"] == marmite.summary.fr
    assert "sameAs" not in data
