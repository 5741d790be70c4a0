"""Property-based tests (hypothesis) on the seed parser and the glossary linker.

Over any input the parser raises nothing but :class:`InputError`, every
sentence maps back to the exact seed characters, and ids are unique. The
linker never raises, keeps the page's text, writes unique ids and never nests
links. ``HYPOTHESIS_EXAMPLES`` sets the examples per property (default 200),
e.g. ``HYPOTHESIS_EXAMPLES=10000 pytest tests/test_properties.py``.
"""

from __future__ import annotations

import os

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pelican.plugins.explainer.errors import InputError
from pelican.plugins.explainer.model import Document, SourceMeta
from pelican.plugins.explainer.parse.seed import parse_text
from pelican.plugins.explainer.parse.text import decode, normalise

# Random fragments often look like file names or URLs to bs4; that is fine here.
pytestmark = pytest.mark.filterwarnings("ignore::bs4.MarkupResemblesLocatorWarning")

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "200"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
META = SourceMeta(path="seeds/x.txt", id="x", label="X")

# --- article-shaped text, so the structural rules get exercised -----------------

WORDS = ["the", "council", "said", "on", "Monday", "bridge", "U.S.", "Dr.", "3.5", "million",
         "“quoted”", "it's", "état", "(AP)", "—", "e.g.", "No.", "1", "2025", "…", "Inc."]  # fmt: skip
word_runs = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join)
sentence = st.tuples(word_runs, st.sampled_from([".", "?", "!", ".”", "", ":", "..."])).map("".join)
paragraph = st.lists(sentence, min_size=1, max_size=5).map(" ".join)
special_line = st.sampled_from(
    [
        "PLACE, April 3 (Agency) - ",
        "Reporting by A. Writer; Editing by B. Editor",
        "© 2025",
        "Some Heading Here",
        "",
        "   ",
        "\t",
        "CITY:",
        "Written by",
        "(Reporting by X)",
    ]
)
line = st.one_of(paragraph, special_line, st.text(max_size=80), special_line.flatmap(
    lambda head: paragraph.map(lambda p: head + p)
))  # fmt: skip
article = st.lists(line, max_size=25).map("\n".join)
any_text = st.one_of(article, st.text(max_size=2000))
newline_style = st.sampled_from(["\n", "\r\n", "\r"])


def check_document(doc: Document) -> None:
    sentences = doc.sentences
    assert sentences, "a parsed document has at least one sentence"
    ids = [s.id for s in sentences]
    assert len(set(ids)) == len(ids)
    assert ids == [f"x-s{n}" for n in range(1, len(ids) + 1)]  # reading order, no gaps
    for s in sentences:
        assert s.text and s.text == s.text.strip()
        assert 0 <= s.start < s.end <= len(doc.text)
        assert doc.text[s.start : s.end] == s.text  # offsets map back to the seed
        assert s.source_id == "x"
    starts = [s.start for s in sentences]
    assert starts == sorted(starts)
    assert doc.body_sentences, "a document always has body text"


def parse_or_input_error(text: str) -> Document | None:
    try:
        doc = parse_text(normalise(text), META)
    except InputError as exc:
        assert str(exc).startswith("seeds/x.txt") and "\n" not in str(exc)
        return None
    check_document(doc)
    return doc


@PROPERTY
@given(any_text, newline_style)
def test_any_text_parses_or_raises_input_error(text: str, newline: str) -> None:
    parse_or_input_error(text.replace("\n", newline))


@PROPERTY
@given(st.binary(max_size=4000))
def test_any_bytes_decode_or_raise_input_error(data: bytes) -> None:
    try:
        text = decode(data, "seeds/x.txt")
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    parse_or_input_error(text)


@PROPERTY
@given(any_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32"]))
def test_encoded_text_decodes_to_the_same_text(text: str, encoding: str) -> None:
    text = normalise(text)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:  # lone surrogates cannot be saved in any encoding
        return
    if encoding == "utf-16-le" and not data:
        return
    try:
        decoded = normalise(decode(data, "seeds/x.txt"))
    except InputError:
        # Only a BOM-less UTF-16 guess may fail, never UTF-8 or a BOM'd file.
        assert encoding == "utf-16-le"
        return
    if encoding == "utf-16-le" and decoded != text:
        # Without a BOM, text with NULs or non-Latin text may not be recognised as
        # UTF-16; it must then be refused, never silently garbled into other text.
        pytest.fail(f"BOM-less UTF-16 misread: {text!r} -> {decoded!r}")
    assert decoded == text
    parse_or_input_error(decoded)


@PROPERTY
@given(paragraph, paragraph)
def test_body_text_is_never_dropped_or_altered(first: str, second: str) -> None:
    # Lower-case starts and a final stop keep both lines body text: not a
    # heading, dateline or credit line, which the parser rightly sets apart.
    first, second = (f"and {p.rstrip('.')}." for p in (first, second))
    doc = parse_or_input_error(f"A short headline\n{first}\n{second}\n")
    assert doc is not None and len(doc.paragraphs) == 2
    body = "".join(s.text for s in doc.body_sentences)
    assert "".join(body.split()) == "".join(f"{first}{second}".split())


# --- the glossary linker ----------------------------------------------------------

try:
    from pelican.plugins.explainer.glossary import GlossaryEntry
    from pelican.plugins.explainer.render import linker
except ImportError:  # the linker is optional until the glossary lands
    linker = None
needs_linker = pytest.mark.skipif(linker is None, reason="explainer.render.linker not importable")

TERM_WORDS = ["bridge", "river", "council", "BRT", "duty", "anti-dumping", "état", "tax",
              "Bridge", "bridges", "the"]  # fmt: skip
TAGS = ["p", "section", "article", "a", "h2", "span", "code", "em", "div", "li", "button"]


@st.composite
def glossaries(draw: st.DrawFn) -> list:
    names = draw(
        st.lists(
            st.lists(st.sampled_from(TERM_WORDS[:-2]), min_size=1, max_size=3).map(" ".join),
            min_size=1,
            max_size=4,
            unique_by=str.lower,
        )
    )
    return [
        GlossaryEntry(slug=f"t{n}", term=name, short=f"Definition {n} & <more>.")
        for n, name in enumerate(names)
    ]


text_piece = st.one_of(
    st.lists(st.sampled_from([*TERM_WORDS, ",", ".", "&amp;", "&lt;", " "]), max_size=12).map(
        " ".join
    ),
    st.text(max_size=30),
)


@st.composite
def fragments(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 3 and draw(st.booleans()):
            tag = draw(st.sampled_from(TAGS))
            ident = draw(st.sampled_from(["", ' id="g-t0-1"', ' id="x"', ' data-glossary="off"']))
            href = ' href="#x"' if tag == "a" else ""
            parts.append(f"<{tag}{ident}{href}>{draw(fragments(depth + 1))}</{tag}>")
        else:
            parts.append(draw(text_piece))
    return "".join(parts)


def visible(html: str) -> str:
    """The page's text without the definitions and buttons the linker adds."""
    soup = BeautifulSoup(html, "html.parser")
    for added in soup.select(".term-pop, .term-toggle"):
        added.decompose()
    return soup.get_text()


@needs_linker
@PROPERTY
@given(st.one_of(fragments(), st.text(max_size=300)), glossaries())
def test_linker_keeps_text_ids_and_links_sound(html: str, entries: list) -> None:
    out = linker.link_terms(html, entries, "../glossary/")
    # Whitespace runs compared collapsed: the parser itself collapses
    # whitespace-only text nodes.
    assert visible(out).split() == BeautifulSoup(html, "html.parser").get_text().split()
    soup = BeautifulSoup(out, "html.parser")
    before = [t["id"] for t in BeautifulSoup(html, "html.parser").find_all(id=True)]
    ids = [t["id"] for t in soup.find_all(id=True)]
    added = ids[:]
    for known in before:
        added.remove(known)
    assert len(set(added)) == len(added) and not set(added) & set(before)
    for term in soup.select(".term, .term-mention"):
        # Never a link inside a link or button, nor a term in a heading or code.
        assert term.find_parent(["a", "button", "h2", "code"]) is None, out
        assert term.find_parent(attrs={"data-glossary": "off"}) is None, out
    for pop in soup.select(".term-pop"):
        assert soup.find("button", attrs={"popovertarget": pop["id"]}) is not None


@needs_linker
@PROPERTY
@given(fragments(), glossaries())
def test_linking_twice_changes_nothing_more(html: str, entries: list) -> None:
    once = linker.link_terms(html, entries, "../glossary/")
    assert linker.link_terms(once, entries, "../glossary/") == once
