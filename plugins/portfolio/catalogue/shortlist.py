"""The buyer's shortlist page and the small JSON of enterprise facts it reads (same origin).

The list itself lives in the visitor's browser only (localStorage, see theme/static/js/shortlist.js)."""

from __future__ import annotations

import json

DATA_FILE = "enterprises.json"


def entry(build, enterprise) -> dict:
    """What the shortlist shows and exports for one enterprise, in the build's language."""
    lang, contact = build.lang, enterprise.contact
    return {
        "name": enterprise.name,
        "url": build.url(("enterprise", enterprise.slug)),
        "summary": enterprise.summary.get(lang),
        "summaryLang": enterprise.summary.lang_of(lang),
        "sectors": [t.label(lang) for t in enterprise.sectors],
        "territories": [t.label(lang) for t in enterprise.territories],
        "person": contact.person or "",
        "email": contact.email,
        "phone": contact.phone or "",
        "phoneUri": contact.phone_uri or "",
        "website": enterprise.website or "",
    }


def write_shortlist(build) -> None:
    data_url = build.url(("shortlist",)) + DATA_FILE
    entries = {e.slug: entry(build, e) for e in build.portfolio.enterprises}
    build.write_file(data_url, json.dumps(entries, ensure_ascii=False, separators=(",", ":")))
    build.render("shortlist.html", ("shortlist",), data_url=data_url)
