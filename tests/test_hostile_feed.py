"""The Atom feed carries text, never live markup: a feed reader renders its
HTML fields, so the summary and the intro must arrive there as inert text or
as sanitised HTML with no script, handlers or external resources."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from tinysite import build, explainer_md, write_project

HOSTILE = "<img src=x onerror=alert(1)> <script>alert(2)</script>"
FEED = "feeds/explainers.atom.xml"


def entry(root: Path, **md: str) -> feedparser.FeedParserDict:
    write_project(root, explainers={"tiny.md": explainer_md(**md)})
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    feed = feedparser.parse((root / "output" / FEED).read_bytes(), sanitize_html=False)
    assert not feed.bozo, feed.bozo_exception
    (item,) = feed.entries
    return item


def markup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_summary_without_intro_is_text_in_the_feed(tmp_path: Path) -> None:
    item = entry(tmp_path, summary=HOSTILE, body="")
    for field in [item.summary, *(c.value for c in item.get("content", []))]:
        page = markup(field)  # what a reader renders
        assert page.find(["img", "script"]) is None, field
        assert page.get_text() == HOSTILE  # shown as the author typed it


def test_summary_with_intro_is_text_in_the_feed(tmp_path: Path) -> None:
    item = entry(tmp_path, summary=HOSTILE, body="An *intro*.")
    page = markup(item.summary)
    assert page.find(["img", "script"]) is None
    assert page.get_text() == HOSTILE


@pytest.mark.parametrize(
    "body",
    [
        "Look ![pic](https://evil.example/x.png) here.",
        "Raw <img src=x onerror=alert(1)> <script>alert(2)</script> text.",
        "[click](javascript:alert(1)) and [ok](https://example.org/a)",
    ],
)
def test_intro_reaches_the_feed_without_script_handlers_or_resources(
    tmp_path: Path, body: str
) -> None:
    item = entry(tmp_path, summary="Plain.", body=body)
    (content,) = item.content
    page = markup(content.value)
    assert page.find(["img", "script", "iframe", "object", "style"]) is None, content.value
    for tag in page.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag
        assert set(tag.attrs) <= {"href"}, tag
        if tag.get("href"):
            assert tag["href"].startswith(("https://", "http://", "#", "/")), tag
    assert "pic" in page.get_text() or "Raw" in page.get_text() or "click" in page.get_text()


def test_title_round_trips_as_text(tmp_path: Path) -> None:
    item = entry(tmp_path, title=f"T {HOSTILE} & co", body="")
    assert item.title == f"T {HOSTILE} & co"
