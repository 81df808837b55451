"""Settings of the published site: the development settings, the public address and the PDF catalogues.

`make publish` refuses placeholders (see portfolio/settings.py, `publication_problems`): set the real contact
address and repository here or in the environment (PORTFOLIO_CONTACT_EMAIL, PORTFOLIO_REPOSITORY_URL)."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

PORTFOLIO_SITE_URL = "https://portfolio.economiesocialejachete.ca"
PORTFOLIO_PDF = True
PORTFOLIO_PUBLISH = True
PORTFOLIO_PRECOMPRESS = True
