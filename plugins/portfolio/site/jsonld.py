"""schema.org JSON-LD of the home, enterprise and institution pages, serialised so that no record
value can close the <script> element it is placed in."""

from __future__ import annotations

import json

from markupsafe import Markup

from ..records.model import Enterprise, Institution

_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def dumps(data: dict) -> Markup:
    """JSON text safe inside <script type="application/ld+json">: <, >, & and line separators escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for character, escaped in _ESCAPES:  # str.replace: many times faster than str.translate
        text = text.replace(character, escaped)
    return Markup(text)


def enterprise(e: Enterprise, lang: str, page_url: str, image_url: str | None = None) -> dict:
    """Organization with address, contact point (the general email and phone: the contact person, when
    published, is on the page) and offers."""
    general = e.public_contact
    contact = {"@type": "ContactPoint", "contactType": "sales", "email": general.email,
               "availableLanguage": list(e.languages)}
    if general.phone:
        contact["telephone"] = general.phone
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": page_url,
        "url": page_url,
        "name": e.name,
        "description": e.summary.get(lang),
        "address": {"@type": "PostalAddress", "streetAddress": e.address.street,
                    "addressLocality": e.address.city, "postalCode": e.address.postal_code,
                    "addressRegion": "QC", "addressCountry": "CA"},
        "contactPoint": contact,
        "email": general.email,
        "makesOffer": [{"@type": "Offer", "itemOffered": {"@type": "Service", "name": o.name.get(lang),
                                                          "description": o.description.get(lang)}}
                       for o in e.offer],
        "areaServed": [t.label(lang) for t in e.territories],
    }
    if e.website:
        data["sameAs"] = [e.website, *(url for _, url in e.social)]
    if e.founded:
        data["foundingDate"] = str(e.founded)
    if image_url:
        data["logo"] = image_url
    return data


def institution(i: Institution, lang: str, page_url: str) -> dict:
    """GovernmentOrganization or Organization of an institution."""
    public = i.type.key not in ("institution-financiere", "grande-entreprise")
    data = {"@context": "https://schema.org", "@type": "GovernmentOrganization" if public else "Organization",
            "@id": page_url, "url": page_url, "name": i.name.get(lang), "sameAs": [i.website]}
    if i.short_name:
        data["alternateName"] = i.short_name
    return data


def website(name: str, lang: str, home_url: str, search_url: str) -> dict:
    """WebSite of the home page, with its search action."""
    return {"@context": "https://schema.org", "@type": "WebSite", "name": name, "url": home_url,
            "inLanguage": lang,
            "potentialAction": {"@type": "SearchAction", "target": search_url + "?q={query}",
                                "query-input": "required name=query"}}
