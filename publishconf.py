"""Settings of the published site: the development settings plus the public origin."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

PORTFOLIO_SITE_ORIGIN = os.environ.get("PORTFOLIO_SITE_ORIGIN", "https://portfolio.economiesocialejachete.ca")
