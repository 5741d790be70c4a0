"""Front matter fields of the wrong type and seeds that do not decode: one line
naming the key (or byte) and its line, never a generic failure."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from tinysite import SEED_A, build, error_line, explainer_md, write_project

from pelican.plugins.explainer.errors import InputError
from pelican.plugins.explainer.parse.content import parse_spec
from pelican.plugins.explainer.parse.text import read_text

SHOWN = "content/explainers/tiny.md"
GOOD = explainer_md()  # title on line 2, slug 3, published 4, summary 5, sources 6-10
CURATION = GOOD.replace("\n---\n", "\ncuration:\n  key_points:\n{}\n---\n", 1)  # key_points: 12


def with_source_field(field: str) -> str:
    """GOOD with ``field`` added to the first source, on line 9."""
    return GOOD.replace("    label: Source 1\n", f"    label: Source 1\n    {field}\n", 1)


CASES = [
    (GOOD.replace('title: "A tiny explainer"', "title: 1984"),
     '2: title: must be text, not the number 1984 (quote it: "...")'),
    (GOOD.replace('title: "A tiny explainer"', "title: [a, b]"), "2: title: must be text, not a list"),
    (GOOD.replace('summary: "A short summary."', "summary: {a: b}"),
     "5: summary: must be text, not a mapping"),
    (GOOD.replace("slug: tiny", "slug: 2025"), '3: slug: must be text, not the number 2025 (quote it: "...")'),
    (GOOD.replace("label: Source 1", "label: yes"),
     '8: sources[0].label: must be text, not a yes/no value (quote it: "...")'),
    (GOOD.replace("- path: seeds/b.txt", "- path: [seeds/b.txt]"),
     "9: sources[1].path: must be text, not a list"),
    (GOOD.replace("published: 2025-03-04", "published: 2025"),
     "4: published: must be a date (YYYY-MM-DD), not the number 2025"),
    (GOOD.replace("published: 2025-03-04", "published: 9999-12-31"),
     "4: published: 9999-12-31 is outside the years 1000-2999"),
    (with_source_field("published: [2025]"),
     "9: sources[0].published: must be a date (YYYY-MM-DD), not a list"),
    (with_source_field("byline: {by: me}"), "9: sources[0].byline: must be text, not a mapping"),
    (with_source_field("dateline: 12"), '9: sources[0].dateline: must be text, not the number 12 (quote it: "...")'),
    (with_source_field("url: javascript:alert(1)"),
     "9: sources[0].url: 'javascript:alert(1)' must be a web address starting https:// or http://"),
    (GOOD.split("sources:")[0] + "sources: seeds/a.txt\n---\n",
     "6: sources: must be a list of seeds ('- path: seeds/...'), not text"),
    (GOOD.replace("  - path: seeds/a.txt\n    label: Source 1\n", "  - 42\n"),
     "7: sources[0]: must be a seed path or a mapping with a 'path', not the number 42"),
    (GOOD.replace("\n---\n", "\ncuration: [a-s1]\n---\n", 1),
     "11: curation: must be a mapping, not a list"),
    (GOOD.replace("\n---\n", "\ncuration:\n  key_points: [a-s1]\n---\n", 1),
     "12: curation.key_points: must be a mapping (pin, order, drop, max), not a list"),
    (CURATION.format("    max: many"),
     "13: curation.key_points.max: must be a whole number of points, not text"),
    (CURATION.format("    pin: {a: b}"),
     "13: curation.key_points.pin: must be a list of sentence ids, not a mapping"),
    (CURATION.format("    drop:\n      - a-s1\n      - 3"),
     "15: curation.key_points.drop[1]: must be a sentence id such as wire-s3, not the number 3"),
    (CURATION.format("    pins: [a-s1]"),
     "13: curation.key_points.pins: unknown key (use pin, order, drop, max)"),
]  # fmt: skip


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("types"))


@pytest.mark.parametrize("text, expected", CASES, ids=[c[1].split(":")[1] for c in CASES])
def test_a_field_of_the_wrong_type_names_its_key_and_line(
    project: Path, text: str, expected: str
) -> None:
    with pytest.raises(InputError) as info:
        parse_spec(text, SHOWN, project)
    assert str(info.value) == f"{SHOWN}:{expected}"


def test_fields_of_the_right_type_still_parse(project: Path) -> None:
    text = (
        GOOD.replace('title: "A tiny explainer"', 'title: "1984"')
        .replace(
            "label: Source 1", "label: Source 1\n    byline: By Me\n    url: https://x.example/a"
        )
        .replace("\n---\n", "\ncuration:\n  key_points:\n    pin: a-s1\n    max: 5\n---\n", 1)
    )
    spec = parse_spec(text, SHOWN, project)
    assert spec.title == "1984" and spec.curation["key_points"] == {"pin": "a-s1", "max": 5}
    assert (spec.sources[0].byline, spec.sources[0].url) == ("By Me", "https://x.example/a")


@pytest.mark.parametrize(
    "text, expected",
    [
        (CASES[0][0], CASES[0][1]),
        (CASES[15][0], CASES[15][1]),  # was an AttributeError in the analysis
        (CASES[7][0], CASES[7][1]),  # was "year 10000 is out of range"
    ],
)
def test_the_build_stops_with_that_one_line(tmp_path: Path, text: str, expected: str) -> None:
    write_project(tmp_path, explainers={"tiny.md": text})
    assert error_line(build(tmp_path)) == f"error: {SHOWN}:{expected}"
    assert not (tmp_path / "output").exists()


def latin1_on_line_3(prefix: bytes) -> tuple[bytes, int]:
    """SEED_A with an é saved as Latin-1 on line 3; returns the bytes and that byte's number."""
    lines = SEED_A.splitlines(keepends=True)
    head = prefix + "".join(lines[:2]).encode("utf-8") + b"It was a na"
    return head + b"\xefve plan.\n" + "".join(lines[2:]).encode("utf-8"), len(head) + 1


@pytest.mark.parametrize("prefix", [codecs.BOM_UTF8, b""], ids=["bom", "no-bom"])
def test_a_seed_that_does_not_decode_names_line_and_byte(tmp_path: Path, prefix: bytes) -> None:
    data, byte = latin1_on_line_3(prefix)
    assert data[byte - 1] == 0xEF
    write_project(tmp_path, seeds={"a.txt": data, "b.txt": SEED_A})
    assert error_line(build(tmp_path)) == (
        f"error: seeds/a.txt:3: not valid UTF-8 (byte 0xef) at byte {byte}; "
        "re-save the file as UTF-8"
    )
    assert not (tmp_path / "output").exists()


def test_utf16_after_its_bom_names_line_and_byte(tmp_path: Path) -> None:
    # A lone low surrogate (0xdc00) on line 2 cannot be UTF-16.
    text = "Line one\nLine "
    data = (
        codecs.BOM_UTF16_LE + text.encode("utf-16-le") + b"\x00\xdc" + "two\n".encode("utf-16-le")
    )
    (tmp_path / "u.txt").write_bytes(data)
    with pytest.raises(InputError) as info:
        read_text(tmp_path / "u.txt", display="seeds/u.txt")
    byte = len(codecs.BOM_UTF16_LE) + 2 * len(text) + 1
    assert str(info.value) == (
        f"seeds/u.txt:2: not valid UTF-16 (bytes 0x00 0xdc) at byte {byte}; "
        "re-save the file as UTF-8"
    )
