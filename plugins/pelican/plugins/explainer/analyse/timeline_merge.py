"""Merging dated events into timeline entries, without comparing every pair.

An event joins the first entry (in the order entries were made) of its date and
range end that tells the same event:

* an entry already citing the event's sentence takes it only under the same label;
* an entry no sentence of the event's source is cited by takes it when their
  context words overlap (Jaccard >= ``MERGE_OVERLAP``, or ``MERGE_SHARED`` words);
* an entry the source is cited by takes it when they share an event verb ("signed"):
  one report telling one event twice.

Otherwise the event starts an entry. Comparing each event with every entry of its
date is quadratic: a seed repeating one dated sentence has thousands of entries on
one day. Instead each (date, end) bucket keeps indexes that name, for an event,
the only entries each rule could accept, and those are tried in creation order, so
the first entry found is the one the pairwise scan would find.
"""

from __future__ import annotations

import heapq
from bisect import insort
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from ..items import TimelineEntry

# Entries from different sources on the same date merge when their labels overlap this much
# (Jaccard over content words, the date words left out), or share this many words.
MERGE_OVERLAP = 0.25
MERGE_SHARED = 3


@dataclass(frozen=True)
class DatedEvent:
    """One date found in one sentence, with what the merge compares."""

    date: str
    end: str | None
    label: str
    phrase: str
    sentence_id: str
    source_id: str
    words: frozenset[str]  # content words of the clause, the date's own words left out
    verbs: frozenset[str]  # stems of its past-tense event verbs


def overlaps(words: frozenset[str], seen: frozenset[str]) -> bool:
    """The rule for two sources: enough context words in common."""
    shared = len(words & seen)
    return shared / max(len(words | seen), 1) >= MERGE_OVERLAP or shared >= MERGE_SHARED


def _probe_size(words: frozenset[str]) -> int:
    """How many of an event's rarest words an overlapping entry must share one of.

    A match shares at least ``m`` words (a quarter of the event's words, or
    ``MERGE_SHARED``, whichever is fewer, and at least one), so it shares one of any
    ``len(words) - m + 1`` of them. Rounding down keeps ``m`` a safe lower bound.
    """
    m = max(1, min(int(MERGE_OVERLAP * len(words)), MERGE_SHARED))
    return len(words) - m + 1


class _Bucket:
    """The entries of one (date, end) and the indexes that find an event's entry."""

    def __init__(self, rarity: Counter[str]) -> None:
        self.rarity = rarity
        self.entries: list[TimelineEntry] = []
        self.cited: list[set[str]] = []  # sentence ids each entry cites
        self.sources: list[set[str]] = []  # source ids each entry cites
        self.seen: list[frozenset[str]] = []  # words of the event that made the entry
        self.verbs: list[frozenset[str]] = []  # its event verbs
        self.by_sentence: dict[str, list[int]] = defaultdict(list)
        self.by_word: dict[str, list[int]] = defaultdict(list)  # in creation order
        # (source, word) -> how far the front of by_word[word] is all entries that
        # source is cited by (never candidates for the overlap rule): skipped once.
        self.skip: dict[tuple[str, str], int] = {}
        # (source, verb) -> entries citing the source whose event has that verb, sorted.
        self.by_verb: dict[tuple[str, str], list[int]] = defaultdict(list)

    def find(self, e: DatedEvent) -> int | None:
        """The first entry that takes ``e``, or None."""
        best = min(
            (
                k
                for k in self.by_sentence.get(e.sentence_id, ())
                if self.entries[k].label == e.label
            ),
            default=None,
        )
        for verb in e.verbs:
            for k in self.by_verb.get((e.source_id, verb), ()):
                if best is not None and k >= best:
                    break
                if e.sentence_id not in self.cited[k]:
                    best = k
                    break
        last = -1
        for k in heapq.merge(*self._overlap_candidates(e)):
            if best is not None and k >= best:
                break
            if k != last and e.source_id not in self.sources[k] and overlaps(e.words, self.seen[k]):
                return k
            last = k
        return best

    def _overlap_candidates(self, e: DatedEvent) -> list[Iterator[int]]:
        """Ascending runs of entries sharing one of the event's rarest words."""
        ranked = sorted(e.words, key=lambda w: (self.rarity[w], w))
        runs = []
        for word in ranked[: _probe_size(e.words)]:
            listed = self.by_word.get(word)
            if not listed:
                continue
            i = self.skip.get((e.source_id, word), 0)
            while i < len(listed) and e.source_id in self.sources[listed[i]]:
                i += 1
            self.skip[(e.source_id, word)] = i
            runs.append(map(listed.__getitem__, range(i, len(listed))))
        return runs

    def add(self, e: DatedEvent) -> TimelineEntry:
        k = len(self.entries)
        entry = TimelineEntry(e.date, e.label, [e.sentence_id], e.phrase, e.end)
        self.entries.append(entry)
        self.cited.append({e.sentence_id})
        self.sources.append({e.source_id})
        self.seen.append(e.words)
        self.verbs.append(e.verbs)
        self.by_sentence[e.sentence_id].append(k)
        for word in e.words:
            self.by_word[word].append(k)
        for verb in e.verbs:
            insort(self.by_verb[(e.source_id, verb)], k)
        return entry

    def join(self, k: int, e: DatedEvent) -> None:
        if e.sentence_id not in self.cited[k]:
            self.entries[k].cites.append(e.sentence_id)
            self.cited[k].add(e.sentence_id)
            self.by_sentence[e.sentence_id].append(k)
        if e.source_id not in self.sources[k]:
            self.sources[k].add(e.source_id)
            for verb in self.verbs[k]:
                insort(self.by_verb[(e.source_id, verb)], k)


def merge_events(events: list[DatedEvent]) -> list[TimelineEntry]:
    """Entries in the order they were started; ``events`` in timeline order."""
    rarity = Counter(w for e in events for w in e.words)
    buckets: dict[tuple[str, str | None], _Bucket] = {}
    entries: list[TimelineEntry] = []
    for e in events:
        bucket = buckets.get((e.date, e.end))
        if bucket is None:
            bucket = buckets[(e.date, e.end)] = _Bucket(rarity)
        k = bucket.find(e)
        if k is None:
            entries.append(bucket.add(e))
        else:
            bucket.join(k, e)
    return entries
