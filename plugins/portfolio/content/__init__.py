"""Hand-written content support: results figures and chart, events and their iCalendar files."""

LOCALES = {"fr": "fr_CA", "en": "en_CA"}  # babel locale of each language, as in PORTFOLIO_LOCALES
