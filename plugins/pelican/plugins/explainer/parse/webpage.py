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
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from ..errors import InputError, safe_text
from .dates import MAX_YEAR, MIN_YEAR
from .text import visible

log = logging.getLogger(__name__)

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


def _clean(text: Any) -> str | None:
    """One line of visible text: hidden characters dropped, white space collapsed."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        text = str(text)  # a headline such as 1984, written unquoted
    if not text or not isinstance(text, str):
        return None
    return visible(text) or None


def _web_url(value: Any) -> str | None:
    """``value`` when it is an http(s) address with a host: a page may state a
    ``javascript:`` or ``data:`` URL, or a relative one, and none leads to the original."""
    url = _clean(value)
    if url is None or " " in url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed [ in the host
        return None
    return url if parts.scheme in ("http", "https") and parts.hostname else None


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


def _when(value: Any, shown: str, field: str) -> tuple[date | None, str | None]:
    """A date and "HH:MM UTC±hh:mm" time from an ISO 8601 stamp; none for a
    stamp outside the years the build reads, with a warning naming the page and field."""
    value = _clean(value)
    if not value:
        return None, None
    try:
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            stamp = datetime.fromisoformat(value[:10])
        except ValueError:
            return None, None
        value = value[:10]
    if not MIN_YEAR <= stamp.year <= MAX_YEAR:
        log.warning(
            "%s: %s %s is outside the years %d-%d; treated as absent",
            safe_text(shown),
            field,
            safe_text(repr(value), 80),
            MIN_YEAR,
            MAX_YEAR,
        )
        return None, None
    if len(value) <= 10:
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
    published, time = None, None
    for field, stamp in (
        ("datePublished", ld.get("datePublished")),
        ("article:published_time", _meta(tree, "article:published_time")),
        ("date", info.get("date")),  # trafilatura's, from htmldate
    ):
        published, time = _when(stamp, shown, field)
        if published is not None:
            break
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
        # The first http(s) address of these; any other scheme is dropped, not linked.
        url=next(
            filter(
                None,
                map(
                    _web_url,
                    [*canonical[:1], _meta(tree, "og:url"), ld.get("url"), entity, info.get("url")],
                ),
            ),
            None,
        ),
    )
