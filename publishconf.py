"""Settings for publishing: an absolute SITEURL (any subpath works) and feeds."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

# `invoke publish --siteurl=...` sets EXPLAINER_SITEURL; e.g. https://example.org/explainers
SITEURL = os.environ.get("EXPLAINER_SITEURL", "https://example.org").rstrip("/")
RELATIVE_URLS = False
# Clean URLs on the web (pelicanconf.py links index.html files for file://).
EXPLAINER = {key: value for key, value in EXPLAINER.items() if key not in FILE_LINKS}  # noqa: F405
HOME_URL = ""
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
