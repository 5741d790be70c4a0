"""Source comparison on synthetic source pairs and on the real seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from pelican.plugins.explainer.analyse.compare import compare, source_stats
from pelican.plugins.explainer.errors import InputError
from pelican.plugins.explainer.model import Document, SourceMeta
from pelican.plugins.explainer.parse.content import parse_spec
from pelican.plugins.explainer.parse.seed import parse_text
from pelican.plugins.explainer.pipeline import load_documents

ROOT = Path(__file__).resolve().parents[1]

# Sentences every synthetic source carries, so each pair sits in a realistic article.
FILLER = [
    "The museum will display a collection of medieval manuscripts this winter.",
    "Heavy rain flooded several farms near the river on Sunday.",
]


def doc(source_id: str, *body: str, filler: bool = True) -> Document:
    lines = [f"Report {source_id}", "", *body]
    if filler:
        lines += FILLER if source_id < "b" else list(reversed(FILLER))
    text = "\n".join(lines) + "\n"
    return parse_text(text, SourceMeta(path=f"{source_id}.txt", id=source_id, label=source_id))


def ids(doc_: Document, text: str) -> str:
    return next(s.id for s in doc_.sentences if s.text == text)


def test_number_mismatch():
    a = doc("a", "The city council approved a budget for 12 new buses for the northern district.")
    b = doc("b", "The city council approved a budget for 15 new buses for the northern district.")
    c = compare([a, b], {})
    assert [d.kind for d in c.discrepancies] == ["number"]
    d = c.discrepancies[0]
    assert d.values == {"a": "12", "b": "15"}
    assert d.cites == [a.body_sentences[0].id, b.body_sentences[0].id]
    # Highlight offsets point at the numbers in each sentence.
    start, end = d.marks[a.body_sentences[0].id]
    assert a.body_sentences[0].text[start:end] == "12"
    assert "12" in d.summary and "15" in d.summary


def test_status_change():
    a = doc("a", "Orion Energy is considering buying the Lakeside wind farm from Baltic Power.")
    b = doc("b", "Orion Energy signed a deal to buy the Lakeside wind farm from Baltic Power.")
    c = compare([a, b], {})
    assert [d.kind for d in c.discrepancies] == ["status"]
    values = c.discrepancies[0].values
    assert "considering" in values["a"] and "signed" in values["b"]


def test_reworded_agreement():
    a = doc("a", "Rail operator Nordlink carried 3.2 million passengers last year, a record.")
    b = doc("b", "Last year a record 3.2 million passengers travelled with rail operator Nordlink.")
    c = compare([a, b], {})
    assert c.discrepancies == []
    assert c.agreements[0].cites == [a.body_sentences[0].id, b.body_sentences[0].id]


def test_negation():
    a = doc("a", "The ministry said the Elm Street bridge will reopen to traffic on Friday.")
    b = doc("b", "The ministry said the Elm Street bridge will not reopen to traffic on Friday.")
    c = compare([a, b], {})
    assert [d.kind for d in c.discrepancies] == ["negation"]
    assert "not" in c.discrepancies[0].values["b"]


def test_unrelated_pair_does_not_align():
    a = doc("a", "Voters in Ashford elected a new mayor after a close count.", filler=False)
    b = doc("b", "A rare orchid was found growing on a cliff in the national park.", filler=False)
    c = compare([a, b], {})
    assert c.agreements == [] and c.discrepancies == []
    assert [i.cites for i in c.only_in["a"]] == [[a.body_sentences[0].id]]
    assert [i.cites for i in c.only_in["b"]] == [[b.body_sentences[0].id]]


PARAPHRASES = [
    (
        "The factory employs about 1,200 workers and exports 40% of its output.",
        "Around 1,200 workers are employed at the factory, which exports 40% of what it makes.",
    ),
    (
        "Prices rose 3.5% in May, the statistics office said.",
        "The statistics office said prices rose by 3.5% in May.",
    ),
    (
        "The company paid $2 billion for the mine in 2019.",
        "In 2019 the company bought the mine for $2 billion.",
    ),
    (
        "Officials signed 40 agreements during the two-day summit.",
        "During the two-day summit, officials signed 40 agreements.",
    ),
]


@pytest.mark.parametrize(("first", "second"), PARAPHRASES)
def test_same_numbers_never_differ(first, second):
    for other in (first, second):  # identical, then paraphrased
        c = compare([doc("a", first), doc("b", other)], {})
        assert c.discrepancies == [], (first, other)
        assert len(c.agreements) >= 1


def test_three_sources_merge_into_one_discrepancy():
    a = doc("a", "The city council approved a budget for 12 new buses for the northern district.")
    b = doc("b", "The city council approved a budget for 12 new buses for the northern district.")
    c3 = doc("c", "The city council approved a budget for 15 new buses for the northern district.")
    c = compare([a, b, c3], {})
    numbers = [d for d in c.discrepancies if d.kind == "number"]
    assert len(numbers) == 1
    assert numbers[0].values == {"a": "12", "b": "12", "c": "15"}
    # The filler sentences agree across all three sources: one row each, three cites.
    rows = [ag for ag in c.agreements if ag.summary in FILLER]
    assert len(rows) == 2 and all(len(r.cites) == 3 for r in rows)


def test_one_source_has_nothing_to_compare():
    a = doc("a", "The city council approved a budget for 12 new buses.")
    c = compare([a], {})
    assert c.agreements == [] and c.discrepancies == []
    assert c.only_in == {"a": []}
    stats = source_stats(c, [a])
    assert stats["a"].shared == stats["a"].differ == stats["a"].only == 0


def _pair():
    a = doc("a", "The city council approved a budget for 12 new buses for the northern district.")
    b = doc("b", "The city council approved a budget for 15 new buses for the northern district.")
    return a, b, a.body_sentences[0].id, b.body_sentences[0].id


def test_curation_note_is_rendered():
    a, b, _, sb = _pair()
    c = compare([a, b], {"notes": [{"cites": [sb], "note": "Likely a *typo* in b."}]})
    assert c.discrepancies[0].note == "Likely a *typo* in b."
    assert c.discrepancies[0].note_html == "Likely a <em>typo</em> in b."
    assert c.discrepancies[0].to_json()["note"] == "Likely a *typo* in b."


def test_curation_dismiss_turns_into_agreement():
    a, b, sa, sb = _pair()
    before = compare([a, b], {})
    after = compare([a, b], {"dismiss": [{"cites": [sa, sb]}]})
    assert after.discrepancies == []
    assert len(after.agreements) == len(before.agreements) + 1
    assert any(ag.cites == [sa, sb] for ag in after.agreements)


def test_curation_add():
    a, b, _, _ = _pair()
    filler_a = ids(a, FILLER[0])
    filler_b = ids(b, FILLER[0])
    entry = {
        "kind": "wording",
        "summary": "The sources describe the display differently.",
        "cites": [filler_a, filler_b],
        "values": {"a": "medieval manuscripts", "b": "medieval manuscripts"},
        "note": "Checked by hand.",
    }
    c = compare([a, b], {"add": [entry]})
    added = [d for d in c.discrepancies if d.curated]
    assert len(added) == 1 and added[0].summary == entry["summary"]
    assert added[0].note_html == "Checked by hand."
    start = FILLER[0].index("medieval manuscripts")
    assert added[0].marks[filler_a] == (start, start + len("medieval manuscripts"))


@pytest.mark.parametrize("key", ["notes", "dismiss", "add"])
def test_curation_unknown_id(key):
    a, b, _, _ = _pair()
    entry = {"cites": ["a-s99"], "note": "x", "kind": "number", "summary": "x"}
    with pytest.raises(InputError) as err:
        compare([a, b], {key: [entry]})
    assert "curation comparison: unknown sentence id 'a-s99'" in str(err.value)


def test_real_seeds():
    spec = parse_spec(
        (ROOT / "content/explainers/xi-jinping-hanoi-2025.md").read_text(), "x.md", ROOT
    )
    docs = load_documents(spec, ROOT)
    c = compare(docs, {})
    sentences = {s.id for d in docs for s in d.sentences}
    assert len(c.discrepancies) >= 1
    assert len(c.agreements) >= 3
    cites = [cid for item in [*c.agreements, *c.discrepancies] for cid in item.cites]
    cites += [cid for items in c.only_in.values() for i in items for cid in i.cites]
    assert cites and set(cites) <= sentences
    # Every discrepancy cites both sources and highlights text it quotes.
    by_id = {s.id: s for doc_ in docs for s in doc_.sentences}
    for d in c.discrepancies:
        assert set(d.values) == {"rewrite", "wire"}
        assert d.marks
        for cid, (start, end) in d.marks.items():
            assert by_id[cid].text[start:end] in d.values[by_id[cid].source_id]
    # "considering leasing" in one account against a signed or firm deal in the other.
    statuses = [d for d in c.discrepancies if d.kind == "status"]
    assert any("considering" in d.values["rewrite"] for d in statuses)
    stats = source_stats(c, docs)
    for d in docs:
        st = stats[d.id]
        assert st.shared + st.differ + st.only == st.sentences == len(d.body_sentences)


def test_different_quotations_from_one_speaker_are_not_one_claim():
    a = doc("a", '"I grew up watching this team on television," Hallbeck said on Monday.')
    b = doc("b", '"This is a club that wants to win the league," Hallbeck said on Monday.')
    c = compare([a, b], {})
    quoted = {a.body_sentences[0].id, b.body_sentences[0].id}
    assert not any(quoted <= set(g.cites) for g in c.agreements)


def test_one_quotation_in_two_reports_is_one_claim():
    a = doc(
        "a", '"We never stopped believing in this team," coach Anders Holm said after the final.'
    )
    b = doc("b", '"We never stopped believing in this team," said coach Anders Holm.')
    c = compare([a, b], {})
    quoted = {a.body_sentences[0].id, b.body_sentences[0].id}
    assert any(quoted <= set(g.cites) for g in c.agreements)


def test_one_act_told_with_synonymous_verbs_compares_its_counts() -> None:
    a = doc("a", "Brightmoor will shed 1,500 jobs as weak demand drives down prices.")
    b = doc("b", "Sales of fridges and washing machines fell, and the group will cut 1,200 jobs.")
    c = compare([a, b], {})
    assert [(d.kind, sorted(d.values.values())) for d in c.discrepancies] == [
        ("number", ["1,200", "1,500"])
    ]
