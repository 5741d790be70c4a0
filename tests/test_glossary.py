"""Glossary loading, term matching, mention finding, authoring warnings, JSON-LD."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pelican.plugins.explainer.errors import InputError
from pelican.plugins.explainer.glossary import (
    SHORT_TARGET_WORDS,
    GlossaryEntry,
    TermMatcher,
    find_mentions,
    glossary_jsonld,
    load_glossary,
)
from pelican.plugins.explainer.glossary_warnings import glossary_warnings
from pelican.plugins.explainer.model import Document, SourceMeta
from pelican.plugins.explainer.parse.content import parse_spec
from pelican.plugins.explainer.parse.seed import parse_text
from pelican.plugins.explainer.parse.text import normalise
from pelican.plugins.explainer.pipeline import load_documents

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = ("belt-and-road-initiative", "comac", "rules-of-origin")


def write(directory: Path, name: str, front: str, body: str = "Body text.") -> Path:
    path = directory / name
    path.write_text(f"---\n{front.strip()}\n---\n{body}\n", encoding="utf-8")
    return path


def entry(term: str, *aliases: str, slug: str | None = None) -> GlossaryEntry:
    return GlossaryEntry(
        slug=slug or term.lower().replace(" ", "-"), term=term, short="Def.", aliases=list(aliases)
    )


def article(text: str, source_id: str = "a") -> Document:
    meta = SourceMeta(path=f"{source_id}.txt", id=source_id, label=source_id)
    return parse_text(normalise(text), meta)


def found(matcher: TermMatcher, text: str) -> list[tuple[str, str]]:
    return [(m.slug, m.text) for m in matcher.find(text)]


@pytest.fixture(scope="module")
def real_entries() -> list[GlossaryEntry]:
    return load_glossary(ROOT / "content" / "glossary", ROOT)


@pytest.fixture(scope="module")
def real_docs() -> list[Document]:
    path = ROOT / "content" / "explainers" / "xi-jinping-hanoi-2025.md"
    spec = parse_spec(path.read_text(encoding="utf-8"), "x.md", ROOT)
    return load_documents(spec, ROOT)


# --- loader: errors name the file ------------------------------------------------


def test_duplicate_alias_across_entries_names_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "term: Grand Canal\nshort: A waterway.")
    write(
        tmp_path, "b.md", "term: Canal Project\naliases:\n  - GCP\n  - grand canal\nshort: A plan."
    )
    with pytest.raises(InputError) as caught:
        load_glossary(tmp_path, tmp_path)
    err = caught.value
    assert err.path == "b.md"
    assert err.line == 5  # line 1 is '---'; "  - grand canal" is the file's fifth line
    assert "a.md" in err.message and "grand canal" in err.message


def test_plural_of_another_entrys_term_is_a_clash(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "term: widget\nshort: A small device.")
    write(tmp_path, "b.md", "term: Gadget\naliases: [widgets]\nshort: Another device.")
    with pytest.raises(InputError, match=r"^b\.md:3: 'widgets' clashes with 'widget'"):
        load_glossary(tmp_path, tmp_path)


def test_duplicate_slug_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "term: Alpha\nslug: same\nshort: One.")
    write(tmp_path, "b.md", "term: Beta\nslug: same\nshort: Two.")
    with pytest.raises(InputError, match=r"^b\.md:3: slug 'same' is already used by a\.md"):
        load_glossary(tmp_path, tmp_path)


def test_missing_short_definition_names_file(tmp_path: Path) -> None:
    write(tmp_path, "fine.md", "term: Fine\nshort: Has one.")
    write(tmp_path, "empty.md", "term: Hollow Term\nshort: ''")
    with pytest.raises(InputError) as caught:
        load_glossary(tmp_path, tmp_path)
    assert str(caught.value) == "empty.md:3: 'Hollow Term' has no short definition ('short')"


def test_missing_short_key_and_missing_term(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "term: Lonely")
    with pytest.raises(InputError, match=r"^a\.md: 'Lonely' has no short definition"):
        load_glossary(tmp_path, tmp_path)
    (tmp_path / "a.md").unlink()
    write(tmp_path, "b.md", "short: A definition of nothing.")
    with pytest.raises(InputError, match=r"^b\.md: glossary entry has no 'term'"):
        load_glossary(tmp_path, tmp_path)


def test_unknown_related_slug_and_unknown_key(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "term: Alpha\nshort: One.\nrelated:\n  - beta\n  - gamma")
    write(tmp_path, "b.md", "term: Beta\nshort: Two.")
    with pytest.raises(InputError, match=r"^a\.md:6: related slug 'gamma' is not a glossary entry"):
        load_glossary(tmp_path, tmp_path)
    write(tmp_path, "a.md", "term: Alpha\nalias: [A]\nshort: One.")
    with pytest.raises(InputError, match=r"^a\.md:3: unknown key 'alias'"):
        load_glossary(tmp_path, tmp_path)


def test_short_definition_limits(tmp_path: Path) -> None:
    write(tmp_path, "long.md", "term: Wordy\nshort: " + "word " * 61)
    with pytest.raises(InputError, match=r"^long\.md:3: short definition of 'Wordy' is 61 words"):
        load_glossary(tmp_path, tmp_path)
    write(tmp_path, "long.md", "term: Wordy\nshort: " + "word " * 45)
    entries = load_glossary(tmp_path, tmp_path)  # over the target: a warning, not an error
    warnings = glossary_warnings(entries, {})
    assert any(w.startswith("long.md: short definition of 'Wordy' is 45 words") for w in warnings)


def test_sorted_case_insensitively_with_default_slugs(tmp_path: Path) -> None:
    write(tmp_path, "1.md", "term: gamma ray\nshort: G.")
    write(tmp_path, "2.md", "term: Beta Test\nshort: B.", body="Some *emphasis*.")
    write(tmp_path, "3.md", "term: Ångström Unit\nshort: A.")
    write(tmp_path, "4.md", "term: alpha\nshort: a.")
    entries = load_glossary(tmp_path, tmp_path)
    assert [e.term for e in entries] == ["alpha", "Ångström Unit", "Beta Test", "gamma ray"]
    assert [e.slug for e in entries] == ["alpha", "angstrom-unit", "beta-test", "gamma-ray"]
    assert entries[2].body_html == "<p>Some <em>emphasis</em>.</p>\n"
    assert entries[2].path == "2.md"


def test_missing_directory_is_an_empty_glossary(tmp_path: Path) -> None:
    assert load_glossary(tmp_path / "nope", tmp_path) == []


# --- the real glossary ------------------------------------------------------------


def test_real_glossary_loads_and_covers_required_terms(real_entries: list[GlossaryEntry]) -> None:
    slugs = {e.slug for e in real_entries}
    assert set(REQUIRED) <= slugs
    assert len(real_entries) >= 15
    for e in real_entries:
        assert e.short_words <= SHORT_TARGET_WORDS, e.path
        assert e.body_html.count("<p>") >= 2, e.path  # a real body, not a stub
        assert e.path.startswith("content/glossary/")


def test_real_mentions_of_required_terms(
    real_entries: list[GlossaryEntry], real_docs: list[Document]
) -> None:
    mentions = find_mentions(real_entries, real_docs)
    # Read off the seeds by hand.
    assert mentions["belt-and-road-initiative"] == ["rewrite-s13"]
    assert mentions["rules-of-origin"] == ["wire-s30"]
    # "COMAC", "Comac" (case variant) ...
    assert mentions["comac"] == ["rewrite-s15", "wire-s22", "wire-s24", "wire-s25"]
    # ... but "Comac C909" is the longer term, not COMAC.
    assert mentions["comac-c909"] == ["wire-s27", "wire-s28"]
    assert mentions["vietjet"] == ["rewrite-s16", "wire-s27"]  # "VietJet" and "Vietjet"
    assert mentions["to-lam"] == ["wire-s6"]  # the wire's "to Lin"
    assert "wire-s31" in mentions["anti-dumping-duty"]  # plural "anti-dumping duties"


def test_every_real_entry_is_mentioned(
    real_entries: list[GlossaryEntry], real_docs: list[Document]
) -> None:
    warnings = glossary_warnings(real_entries, {"x": real_docs})
    assert not [w for w in warnings if "mention" in w], warnings


def test_warnings_reuse_the_mentions_already_found(
    real_entries: list[GlossaryEntry], real_docs: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    mentions = {"x": find_mentions(real_entries, real_docs)}
    expected = glossary_warnings(real_entries, {"x": real_docs})
    import pelican.plugins.explainer.glossary_warnings as module

    def not_again(*args: object) -> None:
        raise AssertionError("mentions found a second time")

    monkeypatch.setattr(module, "find_mentions", not_again)
    assert glossary_warnings(real_entries, {"x": real_docs}, mentions=mentions) == expected


# --- the matcher -------------------------------------------------------------------


def test_matcher_longest_match_and_plurals() -> None:
    matcher = TermMatcher(
        [entry("Grand Canal"), entry("Grand Canal Project", "GCP"), entry("supply line")]
    )
    text = "The Grand Canal Project and the Grand Canal need supply lines; GCPs too."
    assert found(matcher, text) == [
        ("grand-canal-project", "Grand Canal Project"),
        ("grand-canal", "Grand Canal"),
        ("supply-line", "supply lines"),
        ("grand-canal-project", "GCPs"),
    ]


def test_matcher_case_rules() -> None:
    matcher = TermMatcher(
        [entry("ACME", slug="acme"), entry("AIM", slug="aim"), entry("Red River"), entry("tariff")]
    )
    # Long acronyms accept title case, never lower case.
    assert found(matcher, "ACME and Acme but not acme") == [("acme", "ACME"), ("acme", "Acme")]
    # A short acronym never matches the common word.
    assert found(matcher, "We aim, Aim and AIM.") == [("aim", "AIM")]
    # Capitalised names stay capitalised; common nouns match any case.
    assert found(matcher, "the red river, the Red River, RED RIVER") == [
        ("red-river", "Red River"),
        ("red-river", "RED RIVER"),
    ]
    assert found(matcher, "Tariffs rose; TARIFF talk.") == [
        ("tariff", "Tariffs"),
        ("tariff", "TARIFF"),
    ]


def test_matcher_words_punctuation_and_accents() -> None:
    matcher = TermMatcher(
        [entry("U.S. dollar", slug="usd"), entry("low-value parcel"), entry("Bùi Văn An", slug="b")]
    )
    assert found(matcher, "Priced in U.S. dollars.") == [("usd", "U.S. dollars")]
    assert found(matcher, "low value parcels and low-value parcel") == [
        ("low-value-parcel", "low value parcels"),
        ("low-value-parcel", "low-value parcel"),
    ]
    assert found(matcher, "Bui Van An met BÙI VĂN AN") == [("b", "Bui Van An"), ("b", "BÙI VĂN AN")]
    # Never inside a word, never across a possessive.
    assert found(matcher, "tariffed, Bui Van Anh, U.S.-made dollar") == []


# --- authoring warnings --------------------------------------------------------------


SYNTHETIC = """Harbour deal signed

The Port Authority of Westmark signed a deal with Zenith Freight Lines on Monday, officials said.
Zenith Freight Lines will run the new terminal, the Port Authority of Westmark said.
The deal follows an earlier WTA ruling. The WTA had blocked a first bid.
Officials in Westmark and Eastvale said the terminal opens in May. Westmark wants it.
Eastvale agreed.
"""


def test_candidate_terms_and_unmentioned_entries() -> None:
    docs = [article(SYNTHETIC)]
    warnings = glossary_warnings([], {"harbour": docs})
    assert warnings == [
        "explainer harbour: frequent terms without a glossary entry: "
        "Port Authority of Westmark (2), WTA (2), Zenith Freight Lines (2)"
    ]
    glossary = [entry("Zenith Freight Lines", "ZFL", slug="zfl"), entry("Lunar Base", slug="lb")]
    glossary[1].path = "content/glossary/lb.md"
    warnings = glossary_warnings(glossary, {"harbour": docs})
    assert warnings == [
        "explainer harbour: frequent terms without a glossary entry: "
        "Port Authority of Westmark (2), WTA (2)",
        "content/glossary/lb.md: no explainer's sources mention 'Lunar Base'",
    ]


# --- JSON-LD ---------------------------------------------------------------------------


def test_jsonld_parses_lists_every_entry_and_is_script_safe(
    real_entries: list[GlossaryEntry],
) -> None:
    tricky = entry("Angle <b> & </script>", "A&B", slug="tricky")
    text = glossary_jsonld([*real_entries, tricky], "https://example.org/sub/")
    assert "<" not in text and ">" not in text and "&" not in text
    data = json.loads(text)
    assert data["@type"] == "DefinedTermSet"
    assert data["@id"] == "https://example.org/sub/glossary/"
    terms = data["hasDefinedTerm"]
    assert [t["name"] for t in terms] == [e.term for e in real_entries] + [tricky.term]
    comac = next(t for t in terms if t["termCode"] == "comac")
    assert comac["@type"] == "DefinedTerm"
    assert comac["url"] == "https://example.org/sub/glossary/#comac"
    assert "Comac" in comac["alternateName"]
    assert comac["inDefinedTermSet"] == data["@id"]
    assert terms[-1]["alternateName"] == ["A&B"]
