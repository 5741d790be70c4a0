"""The explainer content file: front matter, cited Markdown and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from pelican.plugins.explainer.errors import InputError
from pelican.plugins.explainer.parse.content import parse_spec
from pelican.plugins.explainer.parse.markdown import cited_ids, render

ROOT = Path(__file__).resolve().parents[1]

GOOD = """---
title: A test explainer
slug: a-test
published: 2025-01-07
sources:
  - path: seeds/wire-xi-hanoi-translated.txt
    id: w
    label: Wire
---
The intro cites [@w-s1; @w-s2] and links [elsewhere](https://example.org).
"""


def test_front_matter_and_sources() -> None:
    spec = parse_spec(GOOD, "content/explainers/a.md", ROOT)
    assert (spec.title, spec.slug, spec.published.isoformat()) == (
        "A test explainer",
        "a-test",
        "2025-01-07",
    )
    assert [(s.id, s.label, s.publisher, s.kind) for s in spec.sources] == [
        ("w", "Wire", None, None)
    ]
    assert cited_ids(spec.intro_md) == ["w-s1", "w-s2"]


def test_citations_render_as_links_with_the_sentence_as_title() -> None:
    html = render("Claim [@w-s1].", lambda sid: (f"src/#{sid}", "Wire: A <b> sentence", "Wire"))
    assert '<a class="cite" href="src/#w-s1" title="Wire: A &lt;b&gt; sentence">[Wire]</a>' in html


def test_pasted_html_is_escaped() -> None:
    html = render('<script>alert(1)</script> <img src=x onerror="y">')
    assert "<script>" not in html and "<img" not in html


@pytest.mark.parametrize(
    "replace, expected",
    [
        (("slug: a-test", "slug: Not A Slug"), "slug 'Not A Slug' must be lower-case"),
        (("published: 2025-01-07", "published: 2025-02-30"), ":4: publication date '2025-02-30'"),
        (("title: A test explainer\n", ""), "missing required metadata 'title'"),
        (("seeds/wire-xi-hanoi-translated.txt", "../../etc/passwd"), "points outside the project"),
        (
            ("seeds/wire-xi-hanoi-translated.txt", "seeds/missing.txt"),
            "seed 'seeds/missing.txt' not found",
        ),
        (("---\ntitle", "title"), "no front matter"),
        (("label: Wire", "label: [unclosed"), "front matter:"),
    ],
)
def test_bad_content_files_name_the_file(replace: tuple[str, str], expected: str) -> None:
    with pytest.raises(InputError) as info:
        parse_spec(GOOD.replace(*replace), "content/explainers/a.md", ROOT)
    message = str(info.value)
    assert message.startswith("content/explainers/a.md") and expected in message
    assert "\n" not in message


def test_no_sources_is_an_error() -> None:
    text = GOOD.split("sources:")[0] + "sources: []\n---\n"
    with pytest.raises(InputError, match="lists no sources"):
        parse_spec(text, "content/explainers/a.md", ROOT)


@pytest.mark.parametrize(
    "replace, expected",
    [
        (
            ("published: 2025-01-07", "publised: 2025-01-07"),
            "content/explainers/a.md:4: unknown key 'publised'; did you mean 'published'?",
        ),
        (
            ("title: A test", "titel: A test"),
            "content/explainers/a.md:2: unknown key 'titel'; did you mean 'title'?",
        ),
        (
            ("    label: Wire", "    lable: Wire"),
            "content/explainers/a.md:8: sources[0]: unknown key 'lable'; did you mean 'label'?",
        ),
        (
            ("slug: a-test\n", "slug: a-test\ncolour: red\n"),
            "content/explainers/a.md:4: unknown key 'colour';"
            " use title, slug, published, sources, summary, curation",
        ),
    ],
)
def test_an_unknown_key_names_itself_its_line_and_the_likely_intended_key(
    replace: tuple[str, str], expected: str
) -> None:
    text = GOOD.replace(*replace)
    assert text != GOOD
    with pytest.raises(InputError) as caught:
        parse_spec(text, "content/explainers/a.md", ROOT)
    assert str(caught.value) == expected


def test_keys_starting_x_are_the_authors_own() -> None:
    text = GOOD.replace("slug: a-test\n", "slug: a-test\nx-note: &n checked by the desk\n")
    assert parse_spec(text, "content/explainers/a.md", ROOT).slug == "a-test"
