"""Plain Pelican, the peer of benchmarks/build.py: default theme, French articles with English translations."""

SITENAME = "L'économie sociale, j'achète!"
SITEURL = "http://localhost:8000"  # for the feeds
TIMEZONE = "America/Montreal"
DEFAULT_LANG = "fr"
PLUGINS = []  # no plugin, not even the namespace plugins installed beside Pelican
DEFAULT_PAGINATION = 48  # as the portfolio's listings
