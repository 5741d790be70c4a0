"""TF-IDF sentence alignment."""

from explainer.analyse.similarity import SentenceIndex, aligned_pairs, make_unit

A = [
    "The council approved 12 new buses for the northern district.",
    "A rare orchid was found on a cliff in the national park.",
    "Museum visitors can see medieval manuscripts this winter.",
]
B = [
    "Medieval manuscripts go on show at the museum this winter.",
    "The northern district will get 12 new buses, the council approved.",
    "Voters in Ashford elected a new mayor after a close count.",
]


def index() -> SentenceIndex:
    units = [make_unit(f"a-s{i}", "a", t) for i, t in enumerate(A, 1)]
    units += [make_unit(f"b-s{i}", "b", t) for i, t in enumerate(B, 1)]
    return SentenceIndex(units)


def test_paraphrases_align_and_unrelated_do_not():
    pairs = aligned_pairs(index(), ["a", "b"], threshold=0.18)
    assert [(m.a.id, m.b.id) for m in pairs] == [("a-s1", "b-s2"), ("a-s3", "b-s1")]


def test_scores_are_symmetric_and_bounded():
    idx = index()
    units = {u.id: u for u in idx.units}
    for a in ("a-s1", "a-s2", "a-s3"):
        for b in ("b-s1", "b-s2", "b-s3"):
            forward = idx.score(units[a], units[b]).value
            assert abs(forward - idx.score(units[b], units[a]).value) < 1e-12
            assert 0.0 <= forward <= 1.0 + 1e-9
    same = idx.score(units["a-s1"], units["a-s1"]).value
    assert abs(same - 1.0) < 1e-9


def test_shared_numbers_and_words_are_reported():
    idx = index()
    units = {u.id: u for u in idx.units}
    score = idx.score(units["a-s1"], units["b-s2"])
    assert score.shared_numbers == {"12"}
    assert {"council", "district", "northern"} <= score.shared_words


def test_candidates_are_capped_and_come_from_shared_terms():
    # 200 sentences that all share the word "harbour" and differ otherwise.
    units = [make_unit("q", "a", "The harbour crane broke down.")]
    units += [
        make_unit(f"b-s{i}", "b", f"The harbour saw {i} ships and crane number {i}.")
        for i in range(200)
    ]
    units += [make_unit("z", "b", "Snow fell in the mountains.")]
    idx = SentenceIndex(units)
    found = idx.candidates(units[0], "b", max_candidates=8)
    assert len(found) <= 8
    assert "z" not in {u.id for u, _ in found}
    # The same input always gives the same order.
    assert [u.id for u, _ in found] == [u.id for u, _ in idx.candidates(units[0], "b", 8)]


def test_a_shared_long_name_counts_once_as_evidence():
    # Two sentences that only mention the same country do not align.
    units = [
        make_unit("a-s1", "a", "Exports to the United States fell sharply."),
        make_unit("b-s1", "b", "The United States is the main market for shoes."),
        make_unit("b-s2", "b", "Rain fell."),
    ]
    assert aligned_pairs(SentenceIndex(units), ["a", "b"], threshold=0.1) == []
