"""Saved web pages as seeds: article text, metadata and one-line errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from pelican.plugins.explainer.errors import InputError
from pelican.plugins.explainer.model import Document, SourceMeta
from pelican.plugins.explainer.parse.seed import parse_seed

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "intake"
GOLD = yaml.safe_load((FIXTURES / "pages.yaml").read_text(encoding="utf-8"))


def _parse(name: str, **meta: object) -> Document:
    return parse_seed(FIXTURES / name, SourceMeta(path=name, id="p", label="p", **meta))


@pytest.mark.parametrize("name", sorted(GOLD))
def test_page_metadata_is_detected(name: str) -> None:
    want, doc = GOLD[name], _parse(name)
    assert doc.headline is not None and doc.headline.text == want["headline"]
    assert doc.dek is not None and doc.dek.text == want["dek"]
    assert doc.meta.byline == want["byline"]
    assert doc.meta.published == want["published"]
    assert doc.meta.published_time == want["time"]
    assert doc.meta.publisher == want["publisher"]
    assert doc.meta.url == want["url"]
    assert doc.headings == want["headings"]
    if "dateline" in want:
        assert doc.dateline == want["dateline"]


@pytest.mark.parametrize("name", sorted(GOLD))
def test_every_article_paragraph_and_no_furniture_reaches_the_body(name: str) -> None:
    want, doc = GOLD[name], _parse(name)
    body = [s.text for s in doc.body_sentences]
    for words in want["body"]:
        assert sum(words in s for s in body) == 1, words
    assert len(doc.paragraphs) == want["paragraphs"]
    for piece in want["furniture"]:
        assert not any(piece in s for s in body), piece
        assert doc.headline and piece not in doc.headline.text


@pytest.mark.parametrize("name", sorted(GOLD))
def test_offsets_refer_to_the_extracted_text(name: str) -> None:
    doc = _parse(name)
    assert "<" not in doc.text and doc.text.startswith(GOLD[name]["headline"] + "\n")
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text


def test_the_content_file_wins_over_the_page() -> None:
    doc = _parse(
        "page-newsroom.html", publisher="Herald", published=date(2025, 11, 5), url="https://x.test/"
    )
    assert (doc.meta.publisher, doc.meta.published, doc.meta.url) == (
        "Herald",
        date(2025, 11, 5),
        "https://x.test/",
    )
    assert doc.meta.published_time is None


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.html", "HTML page is empty"),
        ("no-article.html", "HTML page has no article text"),
        ("only-scripts.html", "HTML page has no article text"),
    ],
)
def test_pages_without_an_article_are_one_line_errors(name: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        _parse(name)
    assert str(caught.value).startswith(f"{name}: {message}")
    assert "\n" not in str(caught.value)
