"""Settings of the published site: the development settings, the public address and the PDF catalogues."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

PORTFOLIO_SITE_URL = "https://portfolio.economiesocialejachete.ca"
PORTFOLIO_PDF = True
