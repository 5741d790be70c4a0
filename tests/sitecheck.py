"""The link checker now lives in :mod:`checks.links`; kept importable for tests."""

import re

from checks.links import broken_links, ids_of, pages, resolve

__all__ = ["as_folder", "broken_links", "ids_of", "pages", "resolve"]


def as_folder(href: str) -> str:
    """A link as the folder it names, fragment kept: the development build links
    ``a/b/index.html`` (so output/ works over file://), a publish build ``a/b/``;
    both give ``a/b/``. ``a/b/#x`` and ``a/b/index.html#x`` both give ``a/b/#x``."""
    return re.sub(r"(^|/)index\.html(?=#|$)", r"\1", href)
