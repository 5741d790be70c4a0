"""The link checker now lives in :mod:`checks.links`; kept importable for tests."""

from checks.links import broken_links, ids_of, pages, resolve

__all__ = ["broken_links", "ids_of", "pages", "resolve"]
