"""Atom feed entries that a feed reader cannot be made to run or fetch anything with.

Readers render an entry's ``summary`` and ``content`` as HTML, and a feed has
no Content-Security-Policy. So the summary goes in as escaped text, always;
the intro goes in as HTML reduced to a short list of text tags, with images
replaced by their alt text and links kept only to web addresses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from markupsafe import escape

from .. import urls
from .writing import FeedItem

# Text structure only: nothing here loads a resource or runs code.
_KEPT = {
    "p", "br", "em", "strong", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h2", "h3", "h4", "dl", "dt", "dd", "del", "sup", "sub", "span", "table",
    "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_DROPPED = {"script", "style", "iframe", "object", "embed", "template", "svg", "math"}
_SAFE_HREF = ("https://", "http://", "#", "/")


def sanitise(html: str) -> str:
    """``html`` with only :data:`_KEPT` tags, no attributes but safe link targets."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        name = tag.name.lower()
        if name in _DROPPED:
            tag.decompose()
        elif name == "img":
            tag.replace_with(str(tag.get("alt") or ""))
        elif name not in _KEPT:
            tag.unwrap()
        else:
            href = str(tag.get("href") or "").strip()
            tag.attrs = {"href": href} if name == "a" and href.startswith(_SAFE_HREF) else {}
    return str(soup)


def feed_items(
    explainers: Iterable[Any], author: str, day: Callable[[date], datetime]
) -> list[FeedItem]:
    """One entry per explainer; ``day(date)`` gives the entry's datetime."""
    items = []
    for e in explainers:
        summary = str(escape(e.spec.summary or ""))  # text, escaped for an HTML field
        content = sanitise(str(e.spec.intro_html)) if e.spec.intro_html else summary
        items.append(
            FeedItem(
                # Pelican strips tags from the title and unescapes it: escaping first keeps the text.
                title=str(escape(e.title)),
                url=urls.explainer(e.slug),
                date=day(e.spec.published),
                summary=summary,
                content=content,
                author=author,
            )
        )
    return items
