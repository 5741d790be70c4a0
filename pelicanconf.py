"""Pelican settings for local development (``invoke build`` / ``invoke serve``)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent

AUTHOR = "Explainer desk"
SITENAME = "Sourced explainers"
SITEURL = ""
SITE_DESCRIPTION = (
    "Explainers built from several reports of one event, every claim linked to its source."
)

PATH = "content"
OUTPUT_PATH = "output"
# The plugin ships its own templates and static files; Pelican's built-in "simple"
# theme adds none of its own (a theme may override the plugin's templates/explainer/*).
THEME = "simple"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

# Explicit plugin list: Pelican would otherwise activate every installed namespace plugin.
PLUGINS = ["pelican.plugins.explainer", "pelican.plugins.sitemap"]

# The plugin's options (README: Settings); seed paths in content files start at "root".
EXPLAINER = {"root": str(ROOT), "feed_atom": "feeds/explainers.atom.xml"}
SITEMAP = {"format": "xml", "exclude": ["^404\\.html$", "^search/"]}

# Our generators write every page; Pelican's blog pages are not used.
DIRECT_TEMPLATES: list[str] = []
ARTICLE_PATHS: list[str] = []
PAGE_PATHS: list[str] = []
STATIC_PATHS: list[str] = []
ARTICLE_SAVE_AS = ""
PAGE_SAVE_AS = ""
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
