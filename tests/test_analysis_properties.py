"""Properties every analysis must keep, on the real seeds and on a different-subject explainer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pelican.plugins.explainer.parse.content import parse_spec
from pelican.plugins.explainer.pipeline import analyse, load_documents

ROOT = Path(__file__).resolve().parents[1]
EXPLAINERS = [
    "content/explainers/xi-jinping-hanoi-2025.md",
    "tests/fixtures/other-explainer/explainer.md",
]
DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@pytest.fixture(scope="module", params=EXPLAINERS)
def explainer(request):
    spec = parse_spec((ROOT / request.param).read_text(encoding="utf-8"), request.param, ROOT)
    return analyse(spec, load_documents(spec, ROOT))


def test_every_cited_id_exists(explainer):
    assert explainer.all_cites()
    assert set(explainer.all_cites()) <= set(explainer.sentences)


def proposed(explainer, section: str, shown: list) -> list:
    """What the analysis proposes for a section: what the page shows and what it holds back."""
    return [*shown, *(h.item for h in explainer.held_back if h.section == section)]


def test_every_fact_value_is_verbatim_in_a_cited_sentence(explainer):
    facts = proposed(explainer, "facts", explainer.facts)
    assert facts
    for fact in facts:
        assert any(fact.value in explainer.sentences[c].text for c in fact.cites), fact
        for source_id, value in fact.values.items():
            assert any(
                value in explainer.sentences[c].text
                for c in fact.cites
                if explainer.sentences[c].source_id == source_id
            ), fact


def test_every_section_has_items_and_cites(explainer):
    # Every section proposes something on a real story; the page may hold some back.
    for section, shown in (
        ("key_points", explainer.key_points),
        ("facts", explainer.facts),
        ("open_questions", explainer.open_questions),
        ("timeline", explainer.timeline),
    ):
        items = proposed(explainer, section, shown)
        assert items, section
        assert all(item.cites for item in items)


def test_timeline_is_sorted_with_honest_precision(explainer):
    dates = [e.date for e in explainer.timeline]
    assert all(DATE.match(d) for d in dates)
    assert dates == sorted(dates)


def test_fact_statuses_are_consistent(explainer):
    n = len(explainer.documents)
    for fact in explainer.facts:
        sources = {explainer.sentences[c].source_id for c in fact.cites}
        if fact.status == "all-sources":
            assert len(sources) == n
        elif fact.status == "some-sources":
            assert 1 < len(sources) < n
        elif fact.status == "one-source":
            assert len(sources) == 1
        else:
            assert len(set(fact.values.values())) > 1


def test_analysis_is_deterministic(explainer):
    again = analyse(explainer.spec, explainer.documents)
    assert again.key_points == explainer.key_points
    assert again.facts == explainer.facts
    assert again.open_questions == explainer.open_questions
    assert again.timeline == explainer.timeline
