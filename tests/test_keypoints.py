"""Key points: ranked, non-redundant, every source represented, curation honoured."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from reports import report

from pelican.plugins.explainer.analyse.keypoints import key_points
from pelican.plugins.explainer.analyse.tfidf import cosine, sentence_vectors
from pelican.plugins.explainer.errors import InputError
from pelican.plugins.explainer.model import SourceMeta
from pelican.plugins.explainer.parse.content import ExplainerSpec, parse_spec
from pelican.plugins.explainer.parse.seed import parse_text
from pelican.plugins.explainer.pipeline import analyse, load_documents

ROOT = Path(__file__).resolve().parents[1]
REAL = "content/explainers/xi-jinping-hanoi-2025.md"
OTHER = "tests/fixtures/other-explainer/explainer.md"


def load(rel: str):
    spec = parse_spec((ROOT / rel).read_text(encoding="utf-8"), rel, ROOT)
    return load_documents(spec, ROOT)


@pytest.mark.parametrize("rel", [REAL, OTHER])
def test_shape_faithfulness_and_coverage(rel):
    docs = load(rel)
    sentences = {s.id: s for d in docs for s in d.sentences}
    points = key_points(docs, {})
    assert 4 <= len(points) <= 7
    for p in points:
        assert p.cites and all(c in sentences for c in p.cites)
        # Faithful: the bullet is its first cited sentence, at most trimmed.
        source = sentences[p.cites[0]].text
        core = p.text.rstrip(".")
        assert core[1:] in source, (p.text, source)
    # Every source is represented.
    assert {sentences[p.cites[0]].source_id for p in points} == {d.id for d in docs}
    # No two bullets come from the same sentence or say nearly the same thing.
    firsts = [p.cites[0] for p in points]
    assert len(set(firsts)) == len(firsts)


def test_not_just_the_first_sentences_on_real_seeds():
    docs = load(REAL)
    points = key_points(docs, {})
    firsts = [p.cites[0] for p in points]
    lead = {s.id for d in docs for s in d.body_sentences[: len(points)]}
    assert set(firsts) - lead, "the ranking picked only lead sentences"
    # The most widely echoed fact (the agreements signed) comes first, with cross-source support.
    assert firsts[0] == "rewrite-s3"
    assert points[0].cites[1:] and points[0].cites[1].startswith("wire-")


def test_redundant_sentences_are_not_both_picked():
    body_a = (
        "The museum reopened on Friday after a two-year renovation. "
        "The museum reopened on Friday after a long two-year renovation of its halls. "
        "Tickets now cost ten euros. The new wing holds modern art. "
        "Visitors queued for hours. The roof was replaced with glass."
    )
    body_b = (
        "After two years of work, the museum reopened its doors on Friday. "
        "A new wing shows modern art from the region. "
        "Local schools will get free entry on Mondays. Critics praised the glass roof."
    )
    a = parse_text(f"Museum reopens\n\n{body_a}\n", SourceMeta("a.txt", "a", "A"))
    b = parse_text(f"Museum back\n\n{body_b}\n", SourceMeta("b.txt", "b", "B"))
    points = key_points([a, b], {})
    firsts = [p.cites[0] for p in points]
    assert not {"a-s2", "a-s3"} <= set(firsts)
    texts = {s.id: s.text for d in (a, b) for s in d.sentences}
    vecs = sentence_vectors(texts)
    for i, x in enumerate(firsts):
        for y in firsts[i + 1 :]:
            assert cosine(vecs[x], vecs[y]) < 0.6


def test_curation_pin_drop_order_and_max():
    docs = load(REAL)
    base = [p.cites[0] for p in key_points(docs, {})]
    curated = key_points(
        docs, {"pin": ["wire-s21", "rewrite-s16"], "drop": [base[0]], "order": [base[2]], "max": 5}
    )
    firsts = [p.cites[0] for p in curated]
    assert firsts[:3] == ["wire-s21", "rewrite-s16", base[2]]
    assert base[0] not in firsts
    assert len(curated) == 5
    assert curated[0].pinned and not curated[2].pinned


def test_curation_errors_are_clear():
    docs = load(REAL)
    with pytest.raises(InputError, match="unknown sentence id 'nope-s1'"):
        key_points(docs, {"pin": ["nope-s1"]})
    with pytest.raises(InputError, match="'max' must be a whole number"):
        key_points(docs, {"max": "many"})
    # Unknown drop ids are harmless.
    assert key_points(docs, {"drop": ["nope-s1"]}) == key_points(docs, {})


def _two_sources(kind_b: str = "original"):
    from pelican.plugins.explainer.model import SourceMeta
    from pelican.plugins.explainer.parse.seed import parse_text

    def make(body: str, sid: str, kind: str):
        meta = SourceMeta(f"{sid}.txt", sid, sid.upper(), kind=kind)
        return parse_text(f"A headline for {sid}\n\n{body}\n", meta)

    a = make(
        "The harbour authority approved a new container terminal for the port of Selby. "
        "Work on the terminal will begin next spring and employ several hundred people. "
        "Fishermen fear the dredging will harm the bay's oyster beds for many years.",
        "a",
        "original",
    )
    b = make(
        "The harbour authority has approved a new container terminal for the port of Selby. "
        "The regional airline Nordair will open a route to the capital in the autumn. "
        "A group of local residents has filed a complaint against the noise of the works.",
        "b",
        kind_b,
    )
    return a, b


def test_disputed_claims_say_sources_differ_and_same_claims_are_one_bullet():
    from pelican.plugins.explainer.items import Agreement, Comparison, Discrepancy

    a, b = _two_sources()
    comparison = Comparison(
        agreements=[Agreement("terminal approved", ["a-s2", "b-s2"])],
        discrepancies=[
            Discrepancy("status", "Sources differ", ["a-s3", "b-s3"], {"a": "x", "b": "y"})
        ],
    )
    points = key_points([a, b], {}, None, comparison)
    cited = [p.cites[0] for p in points]
    # One claim, one bullet.
    assert not {"a-s2", "b-s2"} <= set(cited)
    for p in points:
        if p.cites[0] in ("a-s3", "b-s3"):
            assert p.text.startswith("Sources differ: ")
        else:
            assert not p.text.startswith("Sources differ")


def test_an_original_stands_in_for_a_translation_of_the_same_claim():
    from pelican.plugins.explainer.items import Agreement, Comparison

    a, b = _two_sources(kind_b="translation")
    comparison = Comparison(agreements=[Agreement("terminal approved", ["a-s2", "b-s2"])])
    points = key_points([a, b], {}, None, comparison)
    cited = [p.cites[0] for p in points]
    assert "b-s2" not in cited
    assert all(p.translation == p.cites[0].startswith("b-") for p in points)


def test_a_key_point_never_cites_two_supports_that_contradict_each_other() -> None:
    lines = [
        "The tanker leaked about {} tonnes of crude oil into the sea off Kestrel Bay on Saturday.",
        "Clean-up crews laid floating booms along the coast near the harbour.",
        "The coastguard said the slick covered about 25 square kilometres by Monday.",
    ]
    docs = [
        report(
            "a", "A tanker leaked crude oil into the sea off Kestrel Bay on Saturday.", *lines[1:]
        ),
        report("b", lines[0].format("800"), *lines[1:]),
        report("c", lines[0].format("1,800"), *lines[1:]),
    ]
    spec = ExplainerSpec(
        path="spill.md", title="Spill", slug="spill", published=date(2026, 8, 10),
        sources=[d.meta for d in docs],
    )  # fmt: skip
    explainer = analyse(spec, docs)
    b, c = docs[1].body_sentences[0].id, docs[2].body_sentences[0].id
    proposed = [*explainer.comparison.discrepancies, *(h.item for h in explainer.held_back)]
    assert any({b, c} <= set(d.cites) for d in proposed if hasattr(d, "kind"))
    for point in explainer.key_points:
        assert not {b, c} <= set(point.cites), point
    for fact in explainer.facts:
        if fact.status != "sources-differ":
            assert not {b, c} <= set(fact.cites), fact
