"""Pelican settings for local development (``invoke build`` / ``invoke serve``)."""

from pathlib import Path

from pelican.plugins.explainer.urls import PATTERNS

ROOT = Path(__file__).resolve().parent

AUTHOR = "Explainer desk"
SITENAME = "Sourced explainers"
SITEURL = ""
SITE_DESCRIPTION = (
    "Explainers built from several reports of one event, every claim linked to its source."
)

PATH = "content"
OUTPUT_PATH = "output"
# This site's look: an ordinary Pelican theme, which the plugin's pages extend like any other.
THEME = str(ROOT / "theme")
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

# Explicit plugin list: Pelican would otherwise activate every installed namespace plugin.
PLUGINS = ["pelican.plugins.explainer", "pelican.plugins.sitemap"]

# Links name the index.html of each folder, so that every link works when output/
# is opened from disk (file://), where a folder link shows a directory listing;
# publishconf.py goes back to clean URLs for the web.
FOLDER_PAGES = ("explainer", "compare", "source", "glossary", "index", "search")
FILE_LINKS = {f"{kind}_url": PATTERNS[kind][0] + "index.html" for kind in FOLDER_PAGES}
HOME_URL = "index.html"  # the theme's link to the home page

# The plugin's options (README: Settings); seed paths in content files start at "root".
EXPLAINER = {"root": str(ROOT), "feed_atom": "feeds/explainers.atom.xml", **FILE_LINKS}
SITEMAP = {"format": "xml", "exclude": ["^404\\.html$", "^search/"]}

# The theme's home page lists the explainers; the site's one ordinary page,
# "About these explainers", comes from content/pages/. No blog articles.
DIRECT_TEMPLATES = ["index"]
ARTICLE_PATHS: list[str] = []
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []
ARTICLE_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAG_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAGS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Relative links let output/ work from any path, including file:// and `invoke serve`.
RELATIVE_URLS = True
LOAD_CONTENT_CACHE = False
