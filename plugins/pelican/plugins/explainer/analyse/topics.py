"""Short topic labels for body sentences, derived from the text itself.

Two general signals, tried in order for each body sentence:

1. **Section headings.** Every heading in any source gets a profile: its own
   words (counted twice) plus the words of the sentences under it. A
   sentence takes the heading whose profile it is most similar to (TF-IDF
   cosine; its own section's profile leaves the sentence out, so a heading
   is not chosen merely because the sentence sits under it). Headings of one
   source thus label matching sentences of a source that has none.
2. **Shared keywords.** Sentences no heading fits are grouped by a greedy
   cover over salient keywords: the keyword shared by the most unlabelled
   sentences becomes a topic, and so on. Words in a large share of all
   sentences are skipped: they name the story's subject, not a topic.

Deterministic: ties break on sentence order and then alphabetically.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..model import Document, Sentence
from .lexicon.items_en import DANGLING, NUMBER_WORDS, WEAK_HEADINGS
from .tfidf import Vector, cosine, idf, pairwise, vector
from .tokens import CALENDAR_WORDS, content_words, normalise, stem, words

# A sentence must be this similar to a heading profile to take its label.
HEADING_MIN_SIMILARITY = 0.12
# A small preference for the sentence's own heading when scores are close.
OWN_HEADING_BONUS = 0.04
# Keywords found in more than this share of sentences name the subject, not a topic.
SUBJECT_SHARE = 0.25
MAX_KEYWORD_TOPICS = 12
FALLBACK_TOPIC = "Other details"


def _member_scores(
    sid: str, row: dict[str, float], member_of: dict[str, list[int]]
) -> dict[int, float]:
    """Per heading, the mean similarity of the sentence to its two closest members.

    Using the closest members rather than the whole section keeps long
    sections from winning just because they hold more words. Walks only the
    sentence's non-zero similarities, so long sources stay cheap; a heading
    with fewer than two similar members counts the missing ones as zero.
    """
    near: dict[int, list[float]] = defaultdict(list)
    for other, value in row.items():
        if other != sid:
            for hi in member_of.get(other, ()):
                near[hi].append(value)
    return {hi: sum(sorted(values, reverse=True)[:2]) / 2 for hi, values in near.items()}


def _surface_forms(sentences: list[Sentence]) -> tuple[dict[str, str], set[str]]:
    """The most common written form of each stem, and the stems mostly written capitalised.

    Capitalised words mid-sentence are names: actors and places, not topics.
    """
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    capitalised: Counter[str] = Counter()
    for s in sentences:
        for i, raw in enumerate(normalise(s.text).split()):
            w = words(raw)
            if not w:
                continue
            st = stem(w[0])
            forms[st][w[0]] += 1
            if i and raw.lstrip("\"'(")[:1].isupper():
                capitalised[st] += 1
    best = {st: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for st, c in forms.items()}
    names = {st for st, n in capitalised.items() if 2 * n >= sum(forms[st].values())}
    return best, names


def _keyword_topics(
    pending: list[Sentence],
    bags: dict[str, list[str]],
    forms: dict[str, str],
    names: set[str],
    sims: dict[str, dict[str, float]],
) -> dict[str, str]:
    """Greedy keyword cover over the sentences no heading fitted."""
    df: Counter[str] = Counter()
    for bag in bags.values():
        df.update(set(bag))
    limit = max(3, int(SUBJECT_SHARE * len(bags)))
    usable = {
        w
        for w, c in df.items()
        if 2 <= c <= limit
        and not any(ch.isdigit() for ch in w)
        and forms.get(w, w) not in CALENDAR_WORDS
        and len(forms.get(w, w)) > 2
        and w not in names
        and heading_word(forms.get(w, w))
    }
    out: dict[str, str] = {}
    left = list(pending)
    for _ in range(MAX_KEYWORD_TOPICS):
        cover: Counter[str] = Counter()
        for s in left:
            cover.update(w for w in set(bags[s.id]) if w in usable)
        if not cover:
            break
        best, count = sorted(cover.items(), key=lambda kv: (-kv[1], -df[kv[0]], kv[0]))[0]
        if count < 2:
            break
        label = forms.get(best, best)
        label = label[:1].upper() + label[1:]
        for s in left:
            if best in bags[s.id]:
                out[s.id] = label
        left = [s for s in left if s.id not in out]
        usable.discard(best)
    # The rest join the topic of their most similar labelled sentence, if any is similar.
    # Only sentences sharing a word have a non-zero similarity, so the sparse rows suffice.
    labelled = set(out)
    for s in left:
        scored = [(value, o) for o, value in sims[s.id].items() if o in labelled]
        score, other = max(scored, key=lambda x: (x[0], x[1]), default=(0.0, ""))
        out[s.id] = out[other] if score >= HEADING_MIN_SIMILARITY else FALLBACK_TOPIC
    return out


def assign_topics(documents: list[Document]) -> dict[str, str]:
    """Map every body sentence id to a short topic label.

    The pipeline calls this once per explainer and hands the result to every
    analysis that groups by topic (facts, key points, coverage).
    """
    return _assign_topics(documents)


def _assign_topics(documents: list[Document]) -> dict[str, str]:
    sentences = [s for d in documents for s in d.body_sentences]
    if not sentences:
        return {}
    bags = {s.id: content_words(s.text) for s in sentences}
    # Heading words count as text too, so a heading's vocabulary gets a fair IDF.
    headings: list[tuple[str, str, list[Sentence]]] = []  # (source id, heading, members)
    for d in documents:
        for section in d.sections:
            if section.heading:
                members = [s for p in section.paragraphs for s in p.sentences]
                headings.append((d.id, section.heading, members))
    weights = idf([*bags.values(), *(content_words(h) for _, h, _ in headings)])
    vectors: dict[str, Vector] = {s.id: vector(bags[s.id], weights) for s in sentences}

    heading_vectors = [vector(content_words(h), weights) for _, h, _ in headings]
    sims = pairwise(vectors)
    member_of: dict[str, list[int]] = defaultdict(list)  # sentence id -> its headings
    for hi, (_, _, members) in enumerate(headings):
        for m in members:
            member_of[m.id].append(hi)
    topics: dict[str, str] = {}
    pending: list[Sentence] = []
    heading_postings: dict[str, list[int]] = defaultdict(list)  # word -> headings using it
    for hi, hvec in enumerate(heading_vectors):
        for word in hvec:
            heading_postings[word].append(hi)
    for s in sentences:
        best_label, best_score = None, 0.0
        closest = _member_scores(s.id, sims[s.id], member_of)
        own = member_of.get(s.id, ())
        # Only headings sharing a word can have a non-zero cosine.
        sharing = {hi for word in vectors[s.id] for hi in heading_postings.get(word, ())}
        for hi, ((source_id, heading, _), hvec) in enumerate(
            zip(headings, heading_vectors, strict=True)
        ):
            # Half the similarity to the heading's words, half to its closest members.
            to_words = cosine(vectors[s.id], hvec) if hi in sharing else 0.0
            score = 0.5 * to_words + 0.5 * closest.get(hi, 0.0)
            if source_id == s.source_id and hi in own:
                score += OWN_HEADING_BONUS
            if score > best_score:
                best_label, best_score = heading, score
        if best_label is not None and best_score >= HEADING_MIN_SIMILARITY:
            topics[s.id] = best_label
        else:
            pending.append(s)
    if pending:
        forms, names = _surface_forms(sentences)
        topics.update(_keyword_topics(pending, bags, forms, names, sims))
    return {s.id: topics[s.id] for s in sentences}


def heading_word(word: str) -> bool:
    """Whether one word can stand as a heading: never a function word or a number word."""
    w = word.lower()
    return w not in DANGLING and w not in NUMBER_WORDS and w not in WEAK_HEADINGS and w.isalpha()


def _stems(text: str) -> set[str]:
    return set(content_words(text))


def fact_heading(heading: str, labels: list[str]) -> str:
    """The heading for a group of facts: the topic's when it describes them, else their word.

    A heading describes its facts when at least half of them share a content
    word with it. Otherwise the content word most of the labels share becomes the
    heading; failing that, the facts go under a neutral heading.
    """
    label_stems = [_stems(lab) for lab in labels]
    head = _stems(heading) if heading and heading != FALLBACK_TOPIC else set()
    if head and 2 * sum(bool(head & s) for s in label_stems) >= len(labels):
        return heading
    counts: Counter[str] = Counter(w for s in label_stems for w in s)
    forms: dict[str, str] = {}
    for lab in labels:
        for raw in re.findall(r"[A-Za-z][\w'-]*", normalise(lab)):
            forms.setdefault(stem(raw.lower()), raw)
    for w, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        form = forms.get(w, w)
        if n >= 2 and heading_word(form) and not form[:1].isupper() and len(form) > 3:
            return form[:1].upper() + form[1:]
    return (
        heading
        if head and len(heading.split()) > 1 and heading_word(heading.split()[-1])
        else ("Other figures")
    )
