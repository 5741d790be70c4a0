"""Small value objects that Pelican's writer, its feed writer and the sitemap plugin read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class PageRef:
    """What Pelican's writer and the sitemap plugin read from ``page``."""

    url: str
    title: str
    date: datetime
    status: str = "published"


@dataclass
class FeedItem:
    title: str
    url: str
    date: datetime
    summary: str
    content: str
    author: str = ""

    def get_content(self, siteurl: str) -> str:
        return self.content
