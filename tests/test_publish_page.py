"""What the page shows beside the comparison: each section abstains where it could not
be honest, and what it holds back stays in the export with its reason."""

from __future__ import annotations

from datetime import date

import pytest
from reports import report

from pelican.plugins.explainer.analyse.publish_page import is_event
from pelican.plugins.explainer.items import DisputeQuestion
from pelican.plugins.explainer.parse.content import ExplainerSpec
from pelican.plugins.explainer.pipeline import analyse


@pytest.mark.parametrize(
    ("label", "event"),
    [
        ("The council voted to close the plant", True),
        ("A small dam above the village burst in the night", True),
        ("Rescuers have found eight bodies", True),
        ("The minister will sign the accord", True),
        ("Ana Example", False),  # a name, no event
        ("The mayor Ivo Norden had agreed", False),  # agreed to what?
        ("Closed the road and was expected at the depot", False),  # no subject
        ("announced the port authority", False),
        ("Farms along the coast late after a day of strong wind", False),
        ("The board had met", False),  # the verb group and nothing after it
        ("It changed the total", False),  # "it": who?
        ("The reported total had passed", False),  # "confirmed" is no verb here
        ("The reported total had passed 40", True),
        ("The United Provinces said it would send trucks", True),
    ],
)
def test_a_timeline_label_tells_an_event(label: str, event: bool) -> None:
    assert is_event(label) is event


def _explainer(a: list[str], b: list[str], threshold: float | None = None):
    docs = [report("wire", *a), report("paper", *b)]
    spec = ExplainerSpec(
        path="x.md", title="A story", slug="story", published=date(2026, 3, 2),
        sources=[d.meta for d in docs],
    )  # fmt: skip
    return analyse(spec, docs, threshold)


def _held(ex, section: str) -> list:
    return [h for h in ex.held_back if h.section == section]


# Two invented reports of one storm: both give the 14 dead; only the wire gives the
# number of boats lost, and only the paper the rainfall.
WIRE = [
    "A storm killed 14 people in the coastal town of Dunmore on Tuesday, police said.",
    "The harbour master said 37 fishing boats were lost in the storm.",
    "The mayor visited the harbour on Wednesday.",
]
PAPER = [
    "Fourteen people died when the storm struck Dunmore on Tuesday night.",
    "The weather office recorded 140 millimetres of rain in six hours.",
    "Schools in the town will stay closed until Friday.",
]


def test_a_figure_only_one_source_gives_is_held_back_not_shown() -> None:
    ex = _explainer(WIRE, PAPER)
    shown = {f.value for f in ex.facts}
    held = {h.item.value: h.reason for h in _held(ex, "facts")}
    assert "37" not in shown
    assert "no second source" in held["37"]
    assert all(f.status in ("all-sources", "some-sources", "sources-differ") for f in ex.facts)


def test_a_claim_with_a_figure_another_source_gives_is_not_single_source() -> None:
    ex = _explainer(WIRE, PAPER)
    only = {c.text for items in ex.comparison.only_in.values() for c in items}
    held = {h.item.text for h in _held(ex, "only_in")}
    # the 14 dead are in both reports: never "only in one source", whatever the aligner says
    assert not any("14 people" in t or "Fourteen" in t for t in only)
    assert "The harbour master said 37 fishing boats were lost in the storm." not in held


def test_a_question_about_a_difference_the_page_holds_back_is_held_back_too() -> None:
    a = ["The new bridge will cost 80 million euros, the transport ministry said."]
    b = ["The new bridge will cost 95 million euros, according to the transport ministry."]
    shown = _explainer(a, b, threshold=0.0)
    strict = _explainer(a, b, threshold=1.0)
    asked = [q for q in shown.open_questions if isinstance(q, DisputeQuestion)]
    assert asked, "with the difference shown, the page asks which figure is right"
    assert "80 million euros (wire) or 95 million euros (paper)" in asked[0].text
    assert not [q for q in strict.open_questions if isinstance(q, DisputeQuestion)]
    assert _held(strict, "open_questions")
    assert all(not p.text.startswith("Sources differ") for p in strict.key_points)


def test_a_page_that_holds_every_difference_back_never_says_there_is_none(tmp_path) -> None:
    from bs4 import BeautifulSoup
    from tinysite import build, write_project

    write_project(tmp_path)  # two reports: 80 against 85 million dollars
    result = build(tmp_path, EXPLAINER={"publish_threshold": 1.0})
    assert result.returncode == 0, result.stderr
    page = tmp_path / "output" / "explainers" / "tiny" / "index.html"
    text = " ".join(
        BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text().split()
    )
    assert "Possible differences between the sources await an editor’s review" in text
    assert "The sources may differ" in text
    assert "found no conflicting claims" not in text
    assert "No differences found" not in text
    assert "may miss differences" in text  # the method box says the page abstained
    compare = tmp_path / "output" / "explainers" / "tiny" / "compare" / "index.html"
    compared = " ".join(
        BeautifulSoup(compare.read_text(encoding="utf-8"), "html.parser").get_text().split()
    )
    assert "held back 1 possible difference" in compared  # the cards count what is shown
    assert "where sources differ, both are shown" not in text


def test_timeline_entries_tell_events_and_skip_records() -> None:
    a = [
        "Final turnout was 61.4 percent, the highest since 2010, the election commission said.",
        "Governor Ana Brest had warned on Sunday that the toll could rise.",
    ]
    b = ["Turnout reached 61 percent on Sunday in the vote, officials said."]
    ex = _explainer(a, b)
    assert "2010" not in {
        t.date for t in ex.timeline
    }  # "the highest since 2010" is no event of 2010
    held = {h.item.date: h.reason for h in _held(ex, "timeline")}
    assert "comparison" in held.get("2010", "")
    # a fragment ("Governor Ana Brest had warned") is told by its whole sentence
    assert any("the toll could rise" in t.label for t in ex.timeline)


def test_two_sources_asking_one_unknown_make_one_question_citing_both() -> None:
    a = [
        "A fire destroyed a warehouse in the port of Harlow on Monday night.",
        "Officials did not say how the fire at the Harlow warehouse started.",
    ]
    b = [
        "Fire gutted a warehouse in Harlow's port late on Monday.",
        "It is not yet clear how the fire at the Harlow warehouse started, officials said.",
    ]
    ex = _explainer(a, b)
    about_fire = [q for q in ex.open_questions if "fire" in q.text]
    assert len(about_fire) == 1
    assert {c.split("-")[0] for c in about_fire[0].cites} == {"wire", "paper"}
    assert [h.reason for h in _held(ex, "open_questions")] == ["another source asks the same"]


def test_a_claim_much_like_another_sources_sentence_is_not_called_single_source() -> None:
    from pelican.plugins.explainer.analyse.publish_page import only_in
    from pelican.plugins.explainer.items import Cited, Comparison
    from pelican.plugins.explainer.model import Sentence

    texts = {
        "a-s1": ("a", "The director general Petra Lindqvist apologised to customers on Friday."),
        "a-s2": ("a", "A ferry to the islands was cancelled because of high winds."),
        "b-s1": ("b", "Chief executive Petra Lindkvist apologised to the customers."),
        "b-s2": ("b", "Shares in the operator fell sharply in early trading."),
    }
    sentences = {
        sid: Sentence(sid, text, 0, len(text), src, 0) for sid, (src, text) in texts.items()
    }
    comparison = Comparison(
        only_in={
            "a": [Cited(texts["a-s1"][1], ["a-s1"]), Cited(texts["a-s2"][1], ["a-s2"])],
            "b": [Cited(texts["b-s2"][1], ["b-s2"])],
        }
    )
    held: list = []
    only_in(comparison, set(), sentences, held)
    kept = {c.cites[0] for items in comparison.only_in.values() for c in items}
    assert kept == {"a-s2", "b-s2"}  # the apology is in both reports, with a name spelt two ways
    assert [h.item.cites for h in held] == [["a-s1"]]


@pytest.mark.parametrize(
    ("label", "cut"),
    [
        ("The firm was also fined euros", True),  # the figure stood before "euros"
        ("The plane was flying km/h", True),
        ("Was released", True),  # the subject is gone
        ("Bodies were found in the village", False),
        ("Rescuers sent to the valley", False),
    ],
)
def test_a_fact_label_the_figure_was_cut_out_of_is_not_shown(label: str, cut: bool) -> None:
    from pelican.plugins.explainer.analyse.publish_page import _cut_label

    assert _cut_label(label) is cut


def test_a_difference_between_reports_of_different_times_is_told_in_time_order() -> None:
    from pelican.plugins.explainer.parse.content import parse_spec
    from pelican.plugins.explainer.render.page import sides_in_time
    from pelican.plugins.explainer.render.templating import long_date

    late = ["The new bridge will cost 95 million euros, the transport ministry said."]
    early = ["The new bridge will cost 80 million euros, according to the transport ministry."]
    ex = _explainer(late, early, threshold=0.0)
    d = next(d for d in ex.comparison.discrepancies if d.kind == "number")
    ex.by_source["paper"].meta.published = date(2026, 11, 10)
    ex.by_source["paper"].meta.published_time = "23:50"
    ex.by_source["wire"].meta.published = date(2026, 11, 11)
    sides, in_time = sides_in_time(ex.documents, d, ex.sentences, long_date)
    assert in_time
    assert [s.doc.id for s in sides] == ["paper", "wire"]  # the earlier report first
    assert sides[0].when == "10 November 2026, 23:50"
    # one day and time for every source: nothing to order, the page's order stays
    ex.by_source["wire"].meta.published = date(2026, 11, 10)
    ex.by_source["wire"].meta.published_time = "23:50"
    sides, in_time = sides_in_time(ex.documents, d, ex.sentences, long_date)
    assert not in_time and [s.doc.id for s in sides] == ["wire", "paper"]
    # a content file may give a source's time with its date
    text = (
        "---\ntitle: T\nslug: t\npublished: 2026-11-11\nsources:\n"
        "  - path: a.txt\n    published: '2026-11-10 23:50'\n---\n"
    )
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "a.txt").write_text("A headline\nA sentence that says something.\n")
        spec = parse_spec(text, "t.md", Path(tmp))
    meta = spec.sources[0]
    assert (meta.published, meta.published_time) == (date(2026, 11, 10), "23:50")


@pytest.mark.parametrize(
    ("label", "sentence", "cut"),
    [
        ("The council voted on", "The council voted on the budget.", True),
        ("Talks with President Xi’s", "Talks with President Xi’s team ended.", True),
        (
            "Vellgrid must submit a report by July 24, the regulator said.",
            "Vellgrid must submit a report by July 24, the regulator said.",
            False,  # a whole sentence ends where it ends, whatever its last word
        ),
        ("The council voted on the budget", "The council voted on the budget.", False),
    ],
)
def test_a_label_is_cut_only_where_its_phrase_goes_on(label: str, sentence: str, cut: bool) -> None:
    from pelican.plugins.explainer.analyse.phrases import ends_mid_phrase

    assert ends_mid_phrase(label, sentence) is cut
