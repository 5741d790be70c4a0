"""Site-relative URLs for every page type, in one place.

URLs never start with ``/``: templates prefix ``SITEURL``, which Pelican makes
relative per page in development and absolute (with any subpath) on publish.
"""

from __future__ import annotations

EXPLAINERS = "explainers"


def explainer(slug: str) -> str:
    return f"{EXPLAINERS}/{slug}/"


def source(slug: str, source_id: str) -> str:
    return f"{EXPLAINERS}/{slug}/sources/{source_id}/"


def sentence(slug: str, sentence_id: str, source_id: str) -> str:
    return f"{source(slug, source_id)}#{sentence_id}"


def comparison(slug: str) -> str:
    return f"{EXPLAINERS}/{slug}/compare/"


def data(slug: str) -> str:
    return f"data/{slug}.json"


def glossary(term_slug: str | None = None) -> str:
    return "glossary/" + (f"#{term_slug}" if term_slug else "")


def save_as(url: str) -> str:
    """Clean URL → file path: ``a/b/`` is written as ``a/b/index.html``."""
    return url + "index.html" if url.endswith("/") or not url else url
