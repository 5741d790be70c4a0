"""A saved article page (``.html``) as a seed.

trafilatura finds the article in the page (it drops navigation, cookie
banners, share bars, related links, comments and footers) and keeps its
paragraphs and subheadings. The page's own JSON-LD and Open Graph tags give
the metadata first, since the publisher wrote them for exactly this; what they
leave out comes from trafilatura's metadata (which reads dates with htmldate).

The article becomes plain text, one block per line: headline, dek, then the
body. That text is what the source page shows and what sentence offsets
refer to. Nothing is fetched: the page is read as saved.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..errors import InputError

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# Fewer words than this after extraction is a page without an article.
MIN_ARTICLE_WORDS = 25
_ARTICLE_TYPE = re.compile(r"(?:Article|BlogPosting|Report)$")


@dataclass
class Page:
    text: str
    headline: str | None = None
    dek: str | None = None
    byline: str | None = None
    published: date | None = None
    time: str | None = None
    publisher: str | None = None
    url: str | None = None


def _clean(text: str | None) -> str | None:
    if not text:
        return None
    return " ".join(str(text).split()) or None


def _names(value: Any) -> str | None:
    """Author or publisher names from a JSON-LD value (a string, object or list)."""
    items = value if isinstance(value, list) else [value]
    names = [
        _clean(v.get("name") if isinstance(v, dict) else v)
        for v in items
        if isinstance(v, dict | str)
    ]
    names = [n for n in names if n]
    return " and ".join(names) if names else None


def _json_ld(tree: Any) -> dict[str, Any]:
    """The page's article object from its JSON-LD blocks (``@graph`` included)."""
    for raw in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            stack.extend(item.get("@graph") or [])
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and _ARTICLE_TYPE.search(k) for k in kinds):
                return item
    return {}


def _meta(tree: Any, *keys: str) -> str | None:
    for key in keys:
        found = tree.xpath(f'//meta[@property="{key}" or @name="{key}"]/@content')
        if found and (value := _clean(found[0])):
            return value
    return None


def _when(value: str | None) -> tuple[date | None, str | None]:
    """A date and "HH:MM UTC±hh:mm" time from an ISO 8601 stamp."""
    if not value:
        return None, None
    try:
        stamp = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            return date.fromisoformat(value.strip()[:10]), None
        except ValueError:
            return None, None
    if len(value.strip()) <= 10:
        return stamp.date(), None
    offset = stamp.strftime("%z")
    zone = "" if not offset else " UTC" if offset == "+0000" else f" UTC{offset[:3]}:{offset[3:]}"
    return stamp.date(), f"{stamp:%H:%M}{zone}"


def _blocks(body: Any) -> list[str]:
    """Paragraph, heading, list item and quote texts of the extracted body, in order."""
    blocks = []
    for el in body.iter("p", "head", "item", "quote") if body is not None else []:
        if el.tag == "quote" and el.find("p") is not None:
            continue  # its paragraphs come on their own
        if text := _clean("".join(el.itertext())):
            blocks.append(text)
    return blocks


def extract(html: str, shown: str) -> Page:
    """The article text and metadata of one saved page, or InputError."""
    if not html.strip():
        raise InputError(shown, "HTML page is empty")
    import lxml.html
    import trafilatura

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        raise InputError(shown, "HTML page has no content") from None
    found = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    info = found.as_dict() if found is not None else {}
    blocks = _blocks(found.body) if found is not None else []
    if sum(len(b.split()) for b in blocks) < MIN_ARTICLE_WORDS:
        raise InputError(
            shown, "HTML page has no article text (only navigation, scripts or boilerplate)"
        )

    ld = _json_ld(tree)
    headline = _clean(ld.get("headline")) or _meta(tree, "og:title") or _clean(info.get("title"))
    dek = (
        _clean(ld.get("alternativeHeadline") or ld.get("description"))
        or _meta(tree, "og:description", "description")
        or _clean(info.get("description"))
    )
    stamp = ld.get("datePublished") or _meta(tree, "article:published_time")
    published, time = _when(stamp if isinstance(stamp, str) else None)
    if published is None:
        published, time = _when(info.get("date"))
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    entity = ld.get("mainEntityOfPage")
    entity = entity.get("@id") if isinstance(entity, dict) else entity
    # The extractor repeats the headline or dek at the top of the body on some sites.
    while blocks and blocks[0] in {headline, dek}:
        blocks.pop(0)
    head = [line for line in (headline, dek) if line]
    return Page(
        text="\n".join([*head, *blocks]) + "\n",
        headline=headline,
        dek=dek,
        byline=_names(ld.get("author")) or _clean(info.get("author")),
        published=published,
        time=time,
        publisher=_names(ld.get("publisher"))
        or _meta(tree, "og:site_name")
        or _clean(info.get("sitename")),
        url=_clean(canonical[0] if canonical else None)
        or _meta(tree, "og:url")
        or _clean(ld.get("url") or entity)
        or _clean(info.get("url")),
    )
