"""`make report`: the listings CESIM should follow up, as CSV on standard output (or in a file): listings
not verified for more than 12 months, certifications expired or expiring within 60 days, with contacts.

The report is CESIM's own and is never published (`report.csv` is kept out of the repository), so it gives
the contact person even without their consent to publication: CESIM keeps the record to follow it up with the
enterprise, and the consent column says whom to ask for it during that follow-up.

    python -m portfolio.report [--lang fr|en] [--today YYYY-MM-DD] [--output FILE]
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from . import clock
from .records.load import load_portfolio
from .settings import LANGS, REPOSITORY
from .site.freshness import expiring_soon, year_before
from .site.i18n import load_translations

HEADER = ("Name of the enterprise", "Record file", "To follow up", "Date", "Contact person", "Email", "Phone",
          "Contact person's email", "Contact person's phone", "Consent to publication")


def rows(portfolio, today, gettext) -> list[list[str]]:
    """One row per thing to follow up, enterprises by name."""
    found = []
    for e in portfolio.enterprises:
        contact = _contact(e.contact)
        if e.last_verified < year_before(today):
            found.append([e.name, e.source, gettext("Listing not verified for more than 12 months"),
                          e.last_verified.isoformat(), *contact])
        soon = set(expiring_soon(e, today))
        for c in e.certifications:
            if c.expires and (c.expires < today or c in soon):
                what = gettext("Certification expired: %(name)s" if c.expires < today
                               else "Certification expiring within 60 days: %(name)s")
                found.append([e.name, e.source, what % {"name": c.name.fr}, c.expires.isoformat(), *contact])
    return found


def _contact(contact) -> list[str]:
    """Contact person, general email and phone, then the person's email, phone and consent date."""
    general = [contact.email, contact.phone or ""]
    person = contact.person
    if person is None:
        return ["", *general, "", "", ""]
    return [person.name, *general, person.email or "", person.phone or "",
            person.consent.isoformat() if person.consent else ""]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=LANGS, default="fr")
    parser.add_argument("--today", help="the day to report for (default: today in Montréal)")
    parser.add_argument("--output", type=Path, help="CSV file to write (default: standard output)")
    parser.add_argument("--root", type=Path, default=REPOSITORY)
    args = parser.parse_args(argv)
    today = clock.today(args.today)
    loaded = load_portfolio(args.root, args.lang, today)
    if loaded.portfolio is None:
        print("The records have errors: run `make validate`.", file=sys.stderr)
        return 1
    gettext = load_translations(REPOSITORY / "theme" / "translations", args.lang).gettext
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow([gettext(name) for name in HEADER])
    writer.writerows(rows(loaded.portfolio, today, gettext))
    if args.output:
        args.output.write_text(text.getvalue(), encoding="utf-8-sig")
    else:
        sys.stdout.write(text.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
