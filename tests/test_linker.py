"""The glossary linker on tricky HTML and on the real seeds' sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from pelican.plugins.explainer.glossary import GlossaryEntry, load_glossary
from pelican.plugins.explainer.model import Document
from pelican.plugins.explainer.parse.content import parse_spec
from pelican.plugins.explainer.pipeline import load_documents
from pelican.plugins.explainer.render.linker import link_terms

ROOT = Path(__file__).resolve().parents[1]
URL = "../../glossary/"
PHRASING = {"span", "a", "button", "em", "strong", "b", "i"}


def entry(term: str, *aliases: str, slug: str, short: str = "A short definition.") -> GlossaryEntry:
    return GlossaryEntry(slug=slug, term=term, short=short, aliases=list(aliases))


ENTRIES = [
    entry("Grand Canal", slug="canal", short="A waterway."),
    entry("Grand Canal Project", "GCP", slug="gcp", short="A plan to <widen> it & more."),
    entry("ACME", "Acme Corporation", slug="acme"),
    entry("AIM", slug="aim"),
    entry("supply line", slug="supply-line"),
]


def link(html: str, entries: list[GlossaryEntry] = ENTRIES, **kw: object) -> BeautifulSoup:
    return BeautifulSoup(link_terms(html, entries, URL, **kw), "html.parser")  # type: ignore[arg-type]


def terms(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(slug, linked text) of every linked mention, in order."""
    return [(a["href"].split("#")[1], a.get_text()) for a in soup.select("span.term > a.term-link")]


def mentions(soup: BeautifulSoup) -> list[str]:
    return [s.get_text() for s in soup.select("span.term-mention")]


def visible_text(soup: BeautifulSoup) -> str:
    """Text as the page reads without the popovers and their buttons."""
    for tag in soup.select(".term-pop, .term-toggle"):
        tag.decompose()
    return soup.get_text()


def test_markup_of_a_linked_mention() -> None:
    soup = link("<p>Work on the Grand Canal Project began.</p>")
    (term,) = soup.select("span.term")
    children = [c for c in term.children if isinstance(c, Tag)]
    assert [c.name for c in children] == ["a", "button", "span"]
    a, button, pop = children
    assert a["class"] == ["term-link"] and a["href"] == f"{URL}#gcp"
    assert a.get_text() == "Grand Canal Project"
    assert button["type"] == "button"
    assert button["aria-label"] == "Define Grand Canal Project"
    assert button["popovertarget"] == pop["id"] == "g-gcp-1"
    assert pop.has_attr("popover") and pop["role"] == "note" and pop["class"] == ["term-pop"]
    assert pop.get_text() == "A plan to <widen> it & more. More on Grand Canal Project"
    assert pop.a["href"] == f"{URL}#gcp"
    # Only phrasing content, so the paragraph stays valid.
    assert {t.name for t in soup.p.find_all(True)} <= PHRASING
    raw = link_terms("<p>Grand Canal Project</p>", ENTRIES, URL)
    assert "A plan to &lt;widen&gt; it &amp; more." in raw
    assert " popover " in raw  # a boolean attribute, written bare


def test_never_inside_links_headings_code_buttons_or_attributes() -> None:
    html = (
        '<h2>Grand Canal</h2><p title="Grand Canal"><a href="/x">the Grand Canal</a> '
        "<code>Grand Canal</code> <button>Grand Canal</button> and then the Grand Canal.</p>"
        "<script>var s = 'Grand Canal';</script><pre>Grand Canal</pre>"
    )
    soup = link(html)
    assert terms(soup) == [("canal", "Grand Canal")]
    assert soup.h2.decode() == "<h2>Grand Canal</h2>"
    assert soup.p["title"] == "Grand Canal"
    assert soup.select_one('a[href="/x"]').decode() == '<a href="/x">the Grand Canal</a>'
    assert soup.code.decode() == "<code>Grand Canal</code>"
    assert soup.script.string == "var s = 'Grand Canal';"
    assert soup.pre.decode() == "<pre>Grand Canal</pre>"
    # The linked mention is the last one, the only one outside those elements.
    assert soup.select_one("span.term").previous_sibling == " and then the "


def test_opt_out_and_existing_terms_are_left_alone() -> None:
    html = '<nav data-glossary="off"><p>Grand Canal</p></nav><p>Grand Canal</p>'
    once = link_terms(html, ENTRIES, URL)
    assert terms(BeautifulSoup(once, "html.parser")) == [("canal", "Grand Canal")]
    assert link_terms(once, ENTRIES, URL) == once  # linking twice changes nothing


def test_overlapping_terms_prefer_the_longest() -> None:
    soup = link("<p>The Grand Canal Project widens the Grand Canal; the GCP is costly.</p>")
    assert terms(soup) == [("gcp", "Grand Canal Project"), ("canal", "Grand Canal")]
    assert mentions(soup) == ["GCP"]  # the project's second mention: marked, not linked


def test_terms_at_sentence_anchor_boundaries() -> None:
    html = (
        '<p><span id="a-s1" class="sentence">Boats use the Grand</span> '
        '<span id="a-s2" class="sentence">Canal Project was shelved. It cost ACME.</span>'
        '<span id="a-s3" class="sentence">ACME paid.</span></p>'
    )
    soup = link(html)
    # A term split across two sentences is no mention; each mention stays in its sentence.
    assert terms(soup) == [("acme", "ACME")]
    assert soup.select_one("span.term").parent["id"] == "a-s2"
    assert soup.select_one("span.term-mention").parent["id"] == "a-s3"
    assert [s["id"] for s in soup.select("span.sentence")] == ["a-s1", "a-s2", "a-s3"]
    original = BeautifulSoup(html, "html.parser")
    for sid in ("a-s1", "a-s2", "a-s3"):
        before = original.find(id=sid).get_text()
        after = visible_text(BeautifulSoup(str(soup.find(id=sid)), "html.parser"))
        assert after == before


def test_case_variants() -> None:
    soup = link(
        "<section><p>Acme grew.</p></section><section><p>acme is not it.</p></section>"
        "<section><p>We aim high; AIM agreed.</p></section>"
        "<section><p>Supply Line talks.</p></section>"
    )
    assert terms(soup) == [("acme", "Acme"), ("aim", "AIM"), ("supply-line", "Supply Line")]


def test_plurals() -> None:
    soup = link("<p>Two supply lines and two GCPs.</p>")
    assert terms(soup) == [("supply-line", "supply lines"), ("gcp", "GCPs")]


def test_first_mention_per_section_and_unique_ids() -> None:
    html = (
        '<span id="g-canal-1"></span>'
        "<section><p>Grand Canal, Grand Canal.</p></section>"
        "<article><p>Grand Canal.</p><section><p>Grand Canal.</p></section></article>"
        "<p>Grand Canal outside.</p>"
    )
    soup = link(html)
    assert terms(soup) == [("canal", "Grand Canal")] * 4
    assert mentions(soup) == ["Grand Canal"]
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    assert [p["id"] for p in soup.select(".term-pop")] == [
        "g-canal-2",
        "g-canal-3",
        "g-canal-4",
        "g-canal-5",
    ]
    plain = link(html, mark_repeats=False, id_prefix="kp")
    assert mentions(plain) == []
    assert plain.select_one(".term-pop")["id"] == "kp-canal-1"


def test_nothing_to_link_returns_input_unchanged() -> None:
    html = "<p title='x'>No terms here<br/>at all.</p>"
    assert link_terms(html, ENTRIES, URL) == html
    assert link_terms("<p>Grand Canal</p>", [], URL) == "<p>Grand Canal</p>"


# --- the real glossary on the real seeds --------------------------------------------------


@pytest.fixture(scope="module")
def real() -> tuple[list[GlossaryEntry], list[Document]]:
    spec_path = ROOT / "content" / "explainers" / "xi-jinping-hanoi-2025.md"
    spec = parse_spec(spec_path.read_text(encoding="utf-8"), "x.md", ROOT)
    return load_glossary(ROOT / "content" / "glossary", ROOT), load_documents(spec, ROOT)


def reader_html(doc: Document) -> str:
    """A source reader page's body: one span per sentence, one <p> per paragraph."""
    paragraphs = [
        "<p>"
        + " ".join(f'<span id="{s.id}" class="sentence">{s.text}</span>' for s in p.sentences)
        + "</p>"
        for p in doc.paragraphs
    ]
    return "<article>" + "".join(paragraphs) + "</article>"


def test_real_source_pages(real: tuple[list[GlossaryEntry], list[Document]]) -> None:
    entries, docs = real
    rewrite, wire = (BeautifulSoup(reader_html(d), "html.parser") for d in docs)
    linked_rewrite = link(str(rewrite), entries)
    linked_wire = link(str(wire), entries)
    assert ("belt-and-road-initiative", "Belt and Road Initiative") in terms(linked_rewrite)
    assert ("comac", "COMAC") in terms(linked_rewrite)
    assert ("rules-of-origin", "rules of origin") in terms(linked_wire)
    assert ("comac", "Comac") in terms(linked_wire)  # its first mention there is "Comac"
    assert ("comac-c909", "Comac C909") in terms(linked_wire)
    slugs = [slug for slug, _ in terms(linked_wire)]
    assert len(slugs) == len(set(slugs))  # one link per term on the page
    for soup in (linked_rewrite, linked_wire):
        for button in soup.select("button.term-toggle"):
            assert soup.find(id=button["popovertarget"]).has_attr("popover")
    # Every sentence anchor is kept, with its words intact.
    assert visible_text(linked_wire) == wire.get_text()
    assert [s["id"] for s in linked_wire.select("span.sentence")] == [
        s.id for s in docs[1].body_sentences
    ]
