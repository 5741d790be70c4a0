"""Site-relative URLs and output paths for every page type, in one place.

As with Pelican's ``ARTICLE_URL`` / ``ARTICLE_SAVE_AS``, each page type has a
URL pattern (what links say) and a save-as pattern (the file written), both
settings (``EXPLAINER["explainer_url"]``, ``EXPLAINER["explainer_save_as"]``, …;
see :data:`PATTERNS`). A site's patterns become one :class:`Urls`, which the
generators, templates, feed and JSON export all use.

URLs never start with ``/``: templates prefix ``SITEURL``, which Pelican makes
relative per page in development and absolute (with any subpath) on publish.
"""

from __future__ import annotations

from typing import Any

# Page type -> (URL pattern, save-as pattern, the fields its patterns may use).
PATTERNS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "explainer": ("explainers/{slug}/", "explainers/{slug}/index.html", ("slug",)),
    "compare": ("explainers/{slug}/compare/", "explainers/{slug}/compare/index.html", ("slug",)),
    "source": (
        "explainers/{slug}/sources/{source}/",
        "explainers/{slug}/sources/{source}/index.html",
        ("slug", "source"),
    ),
    "glossary": ("glossary/", "glossary/index.html", ()),
    # The list of every explainer (the home page lists them too when the theme has none).
    "index": ("explainers/", "explainers/index.html", ()),
    "search": ("search/", "search/index.html", ()),
    "data": ("data/{slug}.json", "data/{slug}.json", ("slug",)),
}


def setting_defaults() -> dict[str, str]:
    """The ``<type>_url`` and ``<type>_save_as`` options with their default patterns."""
    out: dict[str, str] = {}
    for kind, (url, save, _) in PATTERNS.items():
        out[f"{kind}_url"], out[f"{kind}_save_as"] = url, save
    return out


class Urls:
    """One site's URL and save-as patterns (``str.format`` fields ``{slug}``, ``{source}``)."""

    def __init__(self, patterns: dict[str, str] | None = None) -> None:
        self.patterns = {**setting_defaults(), **(patterns or {})}

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> Urls:
        """From the validated ``EXPLAINER`` dict."""
        return cls({key: options[key] for key in setting_defaults()})

    def __repr__(self) -> str:
        return f"Urls({self.patterns!r})"

    def _get(self, key: str, **fields: str) -> str:
        return self.patterns[key].format(**fields)

    def explainer(self, slug: str) -> str:
        return self._get("explainer_url", slug=slug)

    def source(self, slug: str, source_id: str) -> str:
        return self._get("source_url", slug=slug, source=source_id)

    def sentence(self, slug: str, sentence_id: str, source_id: str) -> str:
        return f"{self.source(slug, source_id)}#{sentence_id}"

    def comparison(self, slug: str) -> str:
        return self._get("compare_url", slug=slug)

    def data(self, slug: str) -> str:
        return self._get("data_url", slug=slug)

    def glossary(self, term_slug: str | None = None) -> str:
        return self._get("glossary_url") + (f"#{term_slug}" if term_slug else "")

    def index(self) -> str:
        return self._get("index_url")

    def search(self) -> str:
        return self._get("search_url")

    def save_as(self, kind: str, **fields: str) -> str:
        """The output path of a page of type ``kind`` (a key of :data:`PATTERNS`)."""
        return self._get(f"{kind}_save_as", **fields)


DEFAULT = Urls()
# The default patterns as plain functions (for code that has no site settings).
explainer = DEFAULT.explainer
source = DEFAULT.source
sentence = DEFAULT.sentence
comparison = DEFAULT.comparison
data = DEFAULT.data
glossary = DEFAULT.glossary


def web_url(url: str) -> str:
    """``url`` as the web addresses it: a link naming a folder's ``index.html``
    (as the development build's links do, for file://) names the folder.

    Canonical URLs, ``og:url``, JSON-LD, the feed and the sitemap are read by
    crawlers and feed readers on the web, which get clean URLs whatever the links
    of the pages say: ``a/b/index.html#x`` → ``a/b/#x``."""
    path, hash_, fragment = url.partition("#")
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path + hash_ + fragment


def save_as(url: str) -> str:
    """Clean URL → file path: ``a/b/`` is written as ``a/b/index.html``."""
    return url + "index.html" if url.endswith("/") or not url else url
