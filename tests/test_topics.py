"""Topic labels come from the text: headings first, shared keywords otherwise."""

from __future__ import annotations

from pathlib import Path

from pelican.plugins.explainer.analyse.topics import assign_topics
from pelican.plugins.explainer.model import SourceMeta
from pelican.plugins.explainer.parse.content import parse_spec
from pelican.plugins.explainer.parse.seed import parse_text
from pelican.plugins.explainer.pipeline import load_documents

ROOT = Path(__file__).resolve().parents[1]


def load(rel: str):
    spec = parse_spec((ROOT / rel).read_text(encoding="utf-8"), rel, ROOT)
    return load_documents(spec, ROOT)


def test_every_body_sentence_gets_a_short_label_from_the_real_seeds():
    docs = load("content/explainers/xi-jinping-hanoi-2025.md")
    topics = assign_topics(docs)
    body = [s.id for d in docs for s in d.body_sentences]
    assert list(topics) == body
    assert all(label and len(label.split()) <= 8 for label in topics.values())
    headings = {h for d in docs for h in d.headings}
    # Headings of one source label sentences of the other source.
    wire_labels = {topics[s.id] for s in docs[1].body_sentences}
    assert wire_labels & (headings - set(docs[1].headings))


def test_sentences_take_the_heading_they_resemble():
    text = (
        "City budget debate\n\n"
        "Parking fees\n"
        "The council raised parking fees in the old town. Drivers will pay more for parking "
        "near the station.\n"
        "School buildings\n"
        "Two school buildings will be renovated. The renovation of the school gyms starts first.\n"
    )
    doc = parse_text(text, SourceMeta(path="a.txt", id="a", label="A"))
    other = parse_text(
        "Residents react\n\nShop owners complained that parking fees near the station are too "
        "high. Parents welcomed news that the school buildings would be renovated.\n",
        SourceMeta(path="b.txt", id="b", label="B"),
    )
    topics = assign_topics([doc, other])
    assert topics["a-s2"] == "Parking fees"
    assert topics["a-s4"] == "School buildings"
    assert topics["b-s2"] == "Parking fees"
    assert topics["b-s3"] == "School buildings"


def test_without_headings_topics_are_shared_keywords_not_names():
    text = (
        "Storm hits the coast\n\n"
        "Storm Ada flooded several roads on the coast. Roads near the harbour stayed closed. "
        "Police shut more roads inland. Power lines fell in the north. "
        "Crews restored power to most homes. Ada moved out to sea at night.\n"
    )
    doc = parse_text(text, SourceMeta(path="a.txt", id="a", label="A"))
    topics = assign_topics([doc])
    assert topics["a-s2"] == topics["a-s3"] == topics["a-s4"] == "Roads"
    assert topics["a-s5"] == topics["a-s6"] == "Power"
    assert "Ada" not in topics.values()


def test_topics_are_deterministic():
    docs = load("tests/fixtures/other-explainer/explainer.md")
    assert assign_topics(docs) == assign_topics(load("tests/fixtures/other-explainer/explainer.md"))
