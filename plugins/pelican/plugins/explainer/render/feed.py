"""Atom feed entries that a feed reader cannot be made to run or fetch anything with.

Readers render an entry's ``summary`` and ``content`` as HTML, and a feed has
no Content-Security-Policy. So the summary goes in as escaped text, always;
the intro goes in as HTML reduced to a short list of text tags, with images
replaced by their alt text and links kept only to web addresses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from html.parser import HTMLParser
from typing import Any

from markupsafe import escape

from ..urls import DEFAULT, Urls, web_url
from .writing import FeedItem

# Text structure only: nothing here loads a resource or runs code.
_KEPT = {
    "p", "br", "em", "strong", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h2", "h3", "h4", "dl", "dt", "dd", "del", "sup", "sub", "span", "table",
    "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_DROPPED = {"script", "style", "iframe", "object", "embed", "template", "svg", "math"}
_SAFE_HREF = ("https://", "http://", "#", "/")


class _Sanitiser(HTMLParser):
    """Re-writes HTML keeping :data:`_KEPT` tags, without attributes but safe link targets.

    The standard library's parser: a cached build writes the feed without
    loading an HTML library."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping = 0  # inside a dropped element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.skipping += 1
        elif self.skipping:
            return
        elif tag == "img":
            self.out.append(str(escape(dict(attrs).get("alt") or "")))
        elif tag in _KEPT:
            href = (dict(attrs).get("href") or "").strip()
            safe = tag == "a" and href.startswith(_SAFE_HREF)
            self.out.append(f'<a href="{escape(href)}">' if safe else f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.skipping = max(0, self.skipping - 1)
        elif not self.skipping and tag in _KEPT and tag != "br":
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(str(escape(data)))


def sanitise(html: str) -> str:
    """``html`` with only :data:`_KEPT` tags, no attributes but safe link targets."""
    parser = _Sanitiser()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


def feed_items(
    explainers: Iterable[Any],
    author: str,
    day: Callable[[date], datetime],
    urls: Urls = DEFAULT,
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
                url=web_url(urls.explainer(e.slug)),  # for the web: never index.html
                date=day(e.spec.published),
                summary=summary,
                content=content,
                author=author,
            )
        )
    return items
