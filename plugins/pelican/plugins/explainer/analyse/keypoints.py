"""Key points: four to seven cited bullets that tell the story across sources.

Method:

1. Candidates are the body sentences (and deks) of every source, long
   enough to state something; each source contributes at most
   ``MAX_PER_SOURCE`` of them, which bounds the quadratic graph.
2. TextRank over a TF-IDF cosine graph ranks them. Sentences that other
   sources echo gain rank from those edges, so cross-source support counts
   as centrality. A mild lead prior reflects news writing (earlier
   paragraphs carry the news) without reducing the method to "first N".
3. Maximal marginal relevance picks bullets: high rank, low similarity to
   bullets already chosen; near-duplicates are never picked.
4. Every source that holds a sentence unlike all chosen bullets is then
   represented by its best such sentence.
5. Claims: a sentence on one side of a disagreement is a bullet only when it
   says so ("Sources differ: …", and it ranks lower), two
   sentences the comparison found to be one claim are never two bullets, and a
   bullet from a machine translation gives way to an original source's sentence
   of the same claim (the translation is then cited as support).
6. Curation from the content file: ``pin`` (always included, first, in
   order), ``drop`` (never used), ``order`` (listed bullets come first, in
   that order, after pins) and ``max``.

Bullet text is the sentence itself, lightly trimmed (see :mod:`.clauses`).
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..items import Comparison, KeyPoint
from ..model import Document, Sentence
from .clauses import strip_connective, trim
from .questions import is_open_statement
from .textrank import pagerank, similarity_matrix
from .tfidf import cosine, sentence_vectors
from .topics import assign_topics

MIN_POINTS, MAX_POINTS = 4, 6
MAX_PER_SOURCE = 150
MIN_WORDS = 7
MMR_LAMBDA = 0.7
# Above this similarity two sentences say the same thing.
REDUNDANT = 0.25
# A sentence at least this similar to a bullet in another source is cited as support.
SUPPORT = 0.25
# A sentence adds something new when no chosen bullet is this similar to it.
NOVEL = REDUNDANT
# A machine translation's wording is less clear than an original's; a bullet on a
# topic already covered adds less than one on a new topic.
TRANSLATION_WEIGHT = 0.8
SAME_TOPIC_PENALTY = 0.15
# A claim the sources disagree on is a weaker bullet, and says that sources differ.
DISPUTED_WEIGHT = 0.85
DIFFER = "Sources differ: "
# A bullet is a clause, not a paragraph: longer sentences are cut at a clause boundary.
BULLET_WORDS = 24


def _candidates(documents: list[Document], drop: set[str]) -> list[Sentence]:
    out: list[Sentence] = []
    for d in documents:
        pool = [s for s in d.sentences if s.role != "headline"][:MAX_PER_SOURCE]
        for s in pool:
            if s.id in drop or len(s.text.split()) < MIN_WORDS:
                continue
            out.append(s)
    return out


def _claim_links(comparison: Comparison | None) -> tuple[set[str], dict[str, set[str]]]:
    """Sentences on a side of a disagreement, and each sentence's same-claim partners."""
    if comparison is None:
        return set(), {}
    disputed = {c for d in comparison.discrepancies for c in d.cites}
    same: dict[str, set[str]] = {}
    for a in comparison.agreements:
        for c in a.cites:
            same.setdefault(c, set()).update(x for x in a.cites if x != c)
    return disputed, same


def _lead_prior(s: Sentence, doc_len: dict[str, int]) -> float:
    """1.0 for the opening paragraph, falling gently to 0.5 at the end of the source."""
    n = max(doc_len.get(s.source_id, 1), 1)
    position = max(s.paragraph - 1, 0) / n
    return 1.0 - 0.5 * position


def _kind_weight(s: Sentence) -> float:
    """Key points state what is known: open statements belong to the open questions,
    and a sentence that is mostly a quotation is a voice, not a fact."""
    weight = 1.0
    if is_open_statement(s):
        weight *= 0.6
    if s.text.lstrip()[:1] in "\"“‘'":
        weight *= 0.8
    return weight


def _check_ids(ids: Any, what: str, known: set[str]) -> list[str]:
    if ids is None:
        return []
    if isinstance(ids, str):
        ids = [ids]
    if not isinstance(ids, list):
        raise InputError(None, f"curation key_points: '{what}' must be a list of sentence ids")
    out = []
    for raw in ids:
        sid = str(raw).strip()
        if what != "drop" and sid not in known:
            raise InputError(None, f"curation key_points: unknown sentence id '{sid}' in '{what}'")
        out.append(sid)
    return out


def _target(documents: list[Document], curation: dict[str, Any], candidates: int) -> int:
    if "max" in curation:
        value = curation["max"]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InputError(
                None, f"curation key_points: 'max' must be a whole number, not {value!r}"
            )
        return value
    # One more bullet per source, but short sources cannot fill many distinct bullets.
    return max(MIN_POINTS, min(MAX_POINTS, 4 + len(documents), candidates // 3))


def _bullet_text(s: Sentence) -> str:
    return trim(strip_connective(s.text), max_words=BULLET_WORDS)


def key_points(
    documents: list[Document],
    curation: dict[str, Any],
    topics: dict[str, str] | None = None,
    comparison: Comparison | None = None,
) -> list[KeyPoint]:
    """Rank, de-duplicate and curate the explainer's key points."""
    curation = curation or {}
    all_sentences = {s.id: s for d in documents for s in d.sentences}
    known = set(all_sentences)
    pins = _check_ids(curation.get("pin"), "pin", known)
    drop = set(_check_ids(curation.get("drop"), "drop", known))
    order = _check_ids(curation.get("order"), "order", known)
    disputed, same_claim = _claim_links(comparison)
    kinds = {d.id: d.meta.kind for d in documents}
    translated = {s.id for s in all_sentences.values() if kinds.get(s.source_id) == "translation"}
    cands = _candidates(documents, drop)
    target = _target(documents, curation, len(cands))
    texts = {s.id: s.text for s in cands}
    for sid in pins:
        texts.setdefault(sid, all_sentences[sid].text)
    vectors = sentence_vectors(texts)
    vecs = [vectors[s.id] for s in cands]
    sim = similarity_matrix(vecs)
    doc_len = {d.id: max((p.index for p in d.paragraphs), default=1) for d in documents}
    rank = pagerank(sim, prior=[_lead_prior(s, doc_len) for s in cands])
    top = max(rank, default=1.0) or 1.0
    score = {
        s.id: _kind_weight(s)
        * r
        / top
        * (TRANSLATION_WEIGHT if s.id in translated else 1.0)
        * (DISPUTED_WEIGHT if s.id in disputed else 1.0)
        for s, r in zip(cands, rank, strict=True)
    }
    topics = assign_topics(documents) if topics is None else topics

    # Pins, then ids the editor ordered, are in whatever the ranking says.
    chosen: list[str] = []
    for sid in [*pins, *order]:
        if sid not in chosen and (sid in pins or sid not in drop):
            chosen.append(sid)

    def redundancy(sid: str) -> float:
        if same_claim.get(sid, set()) & set(chosen):
            return 1.0  # the comparison found the same claim in a chosen bullet
        return max((cosine(vectors[sid], vectors[c]) for c in chosen), default=0.0)

    def topic_taken(sid: str) -> bool:
        return bool(topics.get(sid)) and any(topics.get(c) == topics.get(sid) for c in chosen)

    # Maximal marginal relevance.
    pool = [s.id for s in cands if s.id not in chosen]
    while len(chosen) < target and pool:
        best, best_value = None, float("-inf")
        for sid in pool:
            red = redundancy(sid)
            if red >= REDUNDANT:
                continue
            # Redundancy in units of the cut-off, so it weighs like a normalised score.
            value = MMR_LAMBDA * score[sid] - (1 - MMR_LAMBDA) * red / REDUNDANT
            value -= SAME_TOPIC_PENALTY * topic_taken(sid)
            if value > best_value:
                best, best_value = sid, value
        if best is None:
            break
        chosen.append(best)
        pool.remove(best)

    # Represent every source that adds something the chosen bullets lack.
    for d in documents:
        if any(all_sentences[c].source_id == d.id for c in chosen):
            continue
        novel = [s for s in cands if s.source_id == d.id and redundancy(s.id) < NOVEL]
        if not novel:
            continue
        pick = max(novel, key=lambda s: (score[s.id], -cands.index(s))).id
        if len(chosen) >= target:
            removable = [c for c in chosen if c not in pins and c not in order]
            if not removable:
                continue
            # Drop the weakest bullet from the best-represented source.
            counts = {
                c: sum(all_sentences[x].source_id == all_sentences[c].source_id for x in chosen)
                for c in removable
            }
            chosen.remove(min(removable, key=lambda c: (-counts[c], score.get(c, 0.0), c)))
        chosen.append(pick)

    # Final order: pins, then curated order, then rank.
    def position(sid: str) -> tuple[int, int, float, int]:
        if sid in pins:
            return (0, pins.index(sid), 0.0, 0)
        if sid in order:
            return (1, order.index(sid), 0.0, 0)
        return (2, 0, -score.get(sid, 0.0), cands.index(all_sentences[sid]))

    chosen.sort(key=position)
    # An original source's sentence of the same claim stands in for a translation's.
    for i, sid in enumerate(chosen):
        originals = [c for c in same_claim.get(sid, ()) if c not in translated and c in texts]
        if sid in translated and sid not in pins and originals and not set(originals) & set(chosen):
            chosen[i] = min(originals, key=lambda c: -score.get(c, 0.0))
    points = []
    for sid in chosen:
        s = all_sentences[sid]
        support = sorted(
            (
                c.id
                for c in cands
                if c.source_id != s.source_id and cosine(vectors[sid], vectors[c.id]) >= SUPPORT
            ),
            key=lambda cid: -cosine(vectors[sid], vectors[cid]),
        )[:2]
        if sid in disputed:
            support = []  # a disputed claim rests on its own words, never on the other side
        points.append(
            KeyPoint(
                text=(DIFFER if sid in disputed else "") + _bullet_text(s),
                cites=[sid, *support],
                topic=topics.get(sid),
                pinned=sid in pins,
                translation=all(c in translated for c in [sid, *support]),
            )
        )
    return points
