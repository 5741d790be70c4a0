"""Timeline: dated events, resolved against each source's publication date.

Recognised expressions, with the precision the text gives:

* calendar dates: "March 3", "3 March 2024", "from March 3 to 6"
  (a range keeps its start; the label keeps the range's words) → YYYY-MM-DD;
* "Month YYYY" → YYYY-MM; a bare month ("in July", "by December") → YYYY-MM;
* weekdays: "on Monday" → the most recent Monday on or before publication;
  "next Monday" or a clearly future clause → the next one after it;
* years with a preposition ("since 2009", "in 2019") → YYYY;
* relative spans: "seven years ago" → YYYY, "three months ago" → YYYY-MM,
  "two days ago", "yesterday" → YYYY-MM-DD, "last year" → YYYY.

A date without a year, and a bare month, takes the nearest such date to
the publication date, on the side the clause's tense points to: future
wording ("will", "would", "is due to", "until") looks forward, past
wording ("said", "was", "last") looks back, and ties look back. Vague spans ("in
recent months", "in the past few weeks") are skipped.

Each entry's label is the clause around the date, trimmed. Entries on the
same date that say similar things are merged across sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..items import TimelineEntry
from ..model import Document, Sentence
from .clauses import clause_around
from .facts import is_furniture
from .phrases import label_around
from .quantities import MONTH_NUMBERS, MONTH_RE, word_value
from .timeline_merge import DatedEvent, merge_events
from .tokens import content_words, stem

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER_WORD = (
    r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)"
)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "date",
        re.compile(
            rf"\b(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
            rf"(?:\s*(?:-|–|to|and|until|through)\s*(?:(?P<emonth>{MONTH_RE})\s+)?"
            rf"(?P<eday>\d{{1,2}})(?:st|nd|rd|th)?\b)?"
            rf"(?:,?\s+(?P<year>\d{{4}})\b)?"
            rf"|\b(?P<dday>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"(?:\s*(?:-|–|to|and|until|through)\s*(?P<deday>\d{{1,2}})(?:st|nd|rd|th)?)?"
            rf"\s+(?:of\s+)?"
            rf"(?P<dmonth>{MONTH_RE})(?:,?\s+(?P<dyear>\d{{4}}))?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "month_year",
        re.compile(rf"\b(?P<month>{MONTH_RE})\s+(?:of\s+)?(?P<year>\d{{4}})\b", re.IGNORECASE),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?P<rel>(?i:last|next|this|on|since|by|until))\s+)?(?P<wd>{_WEEKDAY_RE})\b"
            r"(?:\s+(?:night|morning|afternoon|evening))?"
        ),
    ),
    (
        "month",
        re.compile(
            rf"\b(?P<prep>in|by|since|until|from|during|last|next|early|late|mid|this)[\s-]+"
            rf"(?P<month>{MONTH_RE})(?![\w])",
            re.IGNORECASE,
        ),
    ),
    (
        "ago",
        re.compile(
            rf"\b(?P<num>{_NUMBER_WORD})\s+(?P<unit>years?|months?|weeks?|days?)\s+ago\b",
            re.IGNORECASE,
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>last|next)\s+(?P<unit>year|month|week)\b|\b(?P<day>yesterday|tomorrow)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "year",
        re.compile(
            r"\b(?P<prep>in|since|from|by|until|till|before|after|during|of|early|late|mid|"
            r"between|and|to)[\s-]+(?P<year>1[89]\d\d|20\d\d)(?![\w%,.]\d|\d|%)",
            re.IGNORECASE,
        ),
    ),
]

_FUTURE = re.compile(
    r"\b(?:will|would|shall|is\s+due|are\s+due|due\s+to|expected\s+to|scheduled|set\s+to|"
    r"going\s+to|is\s+to|are\s+to|plans?\s+to|upcoming|next)\b",
    re.IGNORECASE,
)
_PAST = re.compile(r"\b(?:said|told|added|announced|was|were|had|did|last|ago)\b", re.IGNORECASE)
LABEL_WORDS = 12
HALF_YEAR = 183  # days


@dataclass
class _Event:
    date: str
    label: str
    sentence: Sentence
    phrase: str
    end: str | None = None
    context: str = ""  # the clause around the date, for matching one event across reports


def _clause_bounds(text: str, start: int, end: int) -> str:
    lo = max((m.end() for m in re.finditer(r"[;,]\s|\s[—–]\s", text[:start])), default=0)
    m = re.search(r"[;,]\s|\s[—–]\s", text[end:])
    hi = end + m.start() if m else len(text)
    return text[lo:hi]


def _month_key(name: str) -> str:
    key = name.lower().rstrip(".")
    return key if key in MONTH_NUMBERS else key[:3]


def _shift_months(d: date, months: int) -> tuple[int, int]:
    total = d.year * 12 + (d.month - 1) + months
    return total // 12, total % 12 + 1


_FUTURE_WORD = re.compile(
    r"^(?:will|would|shall|due|scheduled|upcoming|next|plans?|planned|expected|set|going|"
    r"'ll|’ll|until|tomorrow)$",
    re.IGNORECASE,
)
_PAST_WORD = re.compile(
    r"^(?:said|told|was|were|had|did|ago|last|yesterday|met|went|took|made|held|began|won|"
    r"lost|gave|came|saw|left|spoke|flew|fell|rose|sent|paid|struck|broke|ran|led|"
    r"wrote|chose|found|drove|got|stood|thought|brought|bought|caught|fought|sought|kept|"
    r"felt|heard|built|spent|meant|sold|shot|became|knew|grew|threw|drew|froze|stole|woke|"
    r"shook|ate|fled|fed|quit|swore|tore|wore|sank|sang|drank|rang|dug|spun|won|"
    r"signed|[a-z]{3,}ed)$",
    re.IGNORECASE,
)
# "-ed" words that are no past tense: "indeed", "hundred", and names ("United").
_NOT_PAST = re.compile(r"eed$|^hundred$|^[A-Z]\w*ed$")
_PRESENT = re.compile(
    r"^(?!(?:was|has|is|its|this|his|as|us|does|news|plus|less|across|towards)$)[a-z]{3,}s$"
)
_PREPS = frozenset({"on", "in", "from", "by", "until", "at"})
_CLAUSE_EDGE = re.compile(r"[;,]\s|\s[—–]\s")


def _tense(text: str, start: int, end: int, weekday: bool = False) -> int:
    """+1 for a future clause, -1 for a past one, 0 when the clause does not say.

    The verb nearest the date decides: "signed on Sunday" is past even when the
    sentence goes on to what "will" follow, "will visit … from April 15" is future.
    The words before the date are read first, then those after it.
    """
    lo = max((m.end() for m in _CLAUSE_EDGE.finditer(text, 0, start)), default=0)
    m = _CLAUSE_EDGE.search(text, end)
    hi = m.start() if m else len(text)
    before = re.findall(r"[\w’']+", text[lo:start])[::-1]
    after = re.findall(r"[\w’']+", text[end:hi])
    for words in (before, after):
        for i, w in enumerate(words):
            nxt = words[i + 1].lower() if i + 1 < len(words) else ""
            if words is before and i == 1 and _PRESENT.match(w) and words[0].lower() in _PREPS:
                return 0  # "a vote that closes on October 16": present, the nearest date
            if words is before and nxt in ("be", "been", "being") and w.endswith("ed"):
                continue  # "has to be ratified": a participle, no past tense
            if w.lower() == "to" or _FUTURE_WORD.match(w):
                # "to" before a bare verb: "is to open", "plans to vote"
                if w.lower() != "to" or words is after:
                    return 1
                continue
            if _PAST_WORD.match(w) and not _NOT_PAST.search(w):
                return -1
    if weekday:
        return 0  # no tense either side: the caller leans to the day just past
    return (
        -1
        if _PAST.search(_clause_bounds(text, start, end))
        else (1 if _FUTURE.search(_clause_bounds(text, start, end)) else 0)
    )


def _pick(candidates: list[date], ref: date, tense: int) -> date | None:
    """The candidate nearest ``ref`` on the side the tense points to (ties look back)."""
    if tense > 0:
        candidates = [d for d in candidates if d >= ref] or candidates
    elif tense < 0:
        candidates = [d for d in candidates if d <= ref] or candidates
    return min(candidates, key=lambda d: (abs((d - ref).days), d > ref), default=None)


def _resolve_day(month: int, day: int, ref: date, tense: int) -> date | None:
    """A month and day without a year: the nearest such date, tense permitting."""
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    picked, nearest = _pick(candidates, ref, tense), _pick(candidates, ref, 0)
    if picked and nearest and abs((picked - ref).days) > HALF_YEAR >= 3 * abs((nearest - ref).days):
        # A report's days lie within weeks of it: "threatened a strike from December 1" in
        # late November is the coming December 1, whatever the tense of "threatened".
        return nearest
    return picked


def _resolve_month(month: int, ref: date, tense: int, prep: str) -> tuple[int, int]:
    prep = prep.lower()
    if prep in ("next", "until"):
        tense = 1  # "postponed until April": a deadline ahead
    elif prep in ("last", "since"):
        tense = -1
    # Compare by month: the current month counts as both past and future.
    first = date(ref.year, ref.month, 1)
    picked = _pick(
        [date(y, month, 1) for y in (ref.year - 1, ref.year, ref.year + 1)], first, tense
    )
    assert picked is not None
    return picked.year, picked.month


def _resolve(kind: str, m: re.Match[str], text: str, ref: date) -> str | None:
    g = m.groupdict()
    if kind == "date":
        month = MONTH_NUMBERS.get(_month_key(g.get("month") or g.get("dmonth") or ""))
        day = int(g.get("day") or g.get("dday") or 0)
        year = g.get("year") or g.get("dyear")
        if not month or not 1 <= day <= 31:
            return None
        if year:
            try:
                return date(int(year), month, day).isoformat()
            except ValueError:
                return None
        d = _resolve_day(month, day, ref, _tense(text, m.start(), m.end()))
        return d.isoformat() if d else None
    if kind == "month_year":
        return f"{int(g['year']):04d}-{MONTH_NUMBERS[_month_key(g['month'])]:02d}"
    if kind == "weekday":
        rel = (g.get("rel") or "").lower()
        if rel not in ("on", "last", "next", "this", "since", "by", "until") and not _standalone(
            text, m.start()
        ):
            return None
        target = _WEEKDAYS.index(g["wd"].lower())
        tense = _tense(text, m.start(), m.end(), weekday=True) if rel != "last" else -1
        if rel == "by" and tense == 0:
            # "By Friday noon, 300 forms had been filed": the clause around the
            # date has no verb; the sentence's tense says whether the deadline has passed.
            past, ahead = bool(_PAST.search(text)), bool(_FUTURE.search(text))
            tense = -1 if past and not ahead else (1 if ahead else 0)
        ahead, back = (target - ref.weekday()) % 7 or 7, (ref.weekday() - target) % 7
        # Without a tense, a weekday is the one just past, unless it is a day or two
        # ahead ("trains start running again on Tuesday" in Monday's report).
        # "by <weekday>" is a deadline ahead, unless a past verb has met it ("the total had
        # passed 40 by Friday evening").
        deadline = rel == "until" or (rel == "by" and tense >= 0)
        future = rel == "next" or deadline or tense > 0 or (tense == 0 and ahead <= 2 < back)
        if future:
            # News copy names today's weekday too ("later on Friday" in Friday's report):
            # only "next Sunday" skips a week.
            delta = (target - ref.weekday()) % 7 or (7 if rel == "next" else 0)
            return (ref + timedelta(days=delta)).isoformat()
        delta = (ref.weekday() - target) % 7
        if rel == "last" and delta == 0:
            delta = 7
        return (ref - timedelta(days=delta)).isoformat()
    if kind == "month":
        if g["month"].lower().rstrip(".") == "may" and g["prep"].lower() not in ("in", "by"):
            return None  # "may" is far more often a verb
        month = MONTH_NUMBERS[_month_key(g["month"])]
        year, month = _resolve_month(month, ref, _tense(text, m.start(), m.end()), g["prep"])
        return f"{year:04d}-{month:02d}"
    if kind == "ago":
        n = word_value(g["num"]) if not g["num"].isdigit() else float(g["num"])
        if g["num"].lower() in ("a", "an"):
            n = 1.0
        if n is None:
            return None
        unit = g["unit"].lower().rstrip("s")
        k = int(n)
        if unit == "year":
            return f"{ref.year - k:04d}"
        if unit == "month":
            y, mo = _shift_months(ref, -k)
            return f"{y:04d}-{mo:02d}"
        if unit == "week":
            y, mo = (ref - timedelta(weeks=k)).year, (ref - timedelta(weeks=k)).month
            return f"{y:04d}-{mo:02d}"
        return (ref - timedelta(days=k)).isoformat()
    if kind == "relative":
        if g.get("day"):
            step = -1 if g["day"].lower() == "yesterday" else 1
            return (ref + timedelta(days=step)).isoformat()
        step = -1 if g["rel"].lower() == "last" else 1
        unit = g["unit"].lower()
        if unit == "year":
            return f"{ref.year + step:04d}"
        if unit == "month":
            y, mo = _shift_months(ref, step)
            return f"{y:04d}-{mo:02d}"
        return None  # "last week": no honest precision to give
    if kind == "year":
        return f"{int(g['year']):04d}"
    return None


def _standalone(text: str, start: int) -> bool:
    """A weekday opening a sentence or clause ("Monday's vote", "Monday, officials said")."""
    before = text[:start].rstrip()
    return before == "" or before.endswith((",", ";", ":", "("))


_COORDINATED = re.compile(r"[\s,]*(?:and|or)?\s*")


def _events_in(s: Sentence, ref: date) -> list[_Event]:
    taken: list[tuple[int, int]] = []
    found: list[tuple[str, re.Match[str], str]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(s.text):
            if any(m.start() < e and st < m.end() for st, e in taken):
                continue
            resolved = _resolve(kind, m, s.text, ref)
            if not resolved:
                continue
            taken.append((m.start(), m.end()))
            found.append((kind, m, resolved))
    found.sort(key=lambda f: f[1].start())
    out: list[_Event] = []
    prev_end = 0
    for kind, m, resolved in found:
        # Another date of the sentence bounds this one's words, so "visited X nine years
        # ago and Y 12 years ago" never labels one date with the other.
        others = [(o.start(), o.end()) for _, o, _ in found if o is not m]
        # "On Saturday, the minister said …": the event is the clause after the comma.
        skip = re.match(r"[\s,]*", s.text[m.end() :])
        stop = m.end() + len(skip.group(0))
        label = label_around(s.text, m.start(), stop, LABEL_WORDS, others, adverbial=True)
        if len(label.split()) < 2 and out and _COORDINATED.fullmatch(s.text[prev_end : m.start()]):
            label = out[-1].label  # "nine years ago and 12 years ago": one event, two dates
        elif len(label.split()) < 2:
            label = label_around(s.text, m.start(), stop, LABEL_WORDS, adverbial=True)
        if len(label.split()) < 2:  # too little left beside the date: its clause
            label = clause_around(s.text, m.start(), m.end(), max_words=LABEL_WORDS)
        prev_end = m.end()
        end = _range_end(kind, m, resolved)
        context = clause_around(s.text, m.start(), m.end(), max_words=18)
        out.append(_Event(resolved, label, s, m.group(0).strip(), end, context))
    return out


def _range_end(kind: str, m: re.Match[str], start: str) -> str | None:
    """The last day of "April 15 to 18" or "15–18 April", in the start's year and month."""
    if kind != "date" or re.search(r"\sand\s", m.group(0)):
        return None  # "May 3 and 5" are two days, not a range
    g = m.groupdict()
    last = g.get("eday") or g.get("deday")
    if not last:
        return None
    year, month, _ = (int(x) for x in start.split("-"))
    if g.get("emonth"):
        month_end = MONTH_NUMBERS.get(_month_key(g["emonth"]))
        if month_end:
            year += month_end < month
            month = month_end
    try:
        end = date(year, month, int(last))
    except ValueError:
        return None
    return end.isoformat() if end > date.fromisoformat(start) else None


def _event_verbs(text: str) -> set[str]:
    """Stems of the past-tense verbs of a clause: "signed", "approved"."""
    return {
        stem(w.lower()) for w in re.findall(r"\b[a-z]{3,}ed\b", text) if not _NOT_PAST.search(w)
    }


def timeline(documents: list[Document], published: date) -> list[TimelineEntry]:
    """Dated events from every source, resolved, merged and sorted.

    Page furniture (publish and update stamps) is never an event. An entry
    resting only on machine-translated sources is flagged, and where an original
    source tells the event too its sentence is cited first.
    """
    kinds = {d.id: d.meta.kind for d in documents}
    events: list[tuple[int, int, _Event]] = []
    for d_index, d in enumerate(documents):
        ref = d.meta.published or published
        for s_index, s in enumerate(d.body_sentences):
            if is_furniture(s.text):
                continue
            for e in _events_in(s, ref):
                events.append((d_index, s_index, e))
    dated = [
        DatedEvent(
            e.date,
            e.end,
            e.label,
            e.phrase,
            e.sentence.id,
            e.sentence.source_id,
            frozenset(content_words(e.context)) - frozenset(content_words(e.phrase)),
            frozenset(_event_verbs(e.context)),
        )
        for _, _, e in sorted(events, key=lambda x: (x[2].date, x[0], x[1]))
    ]
    entries = merge_events(dated)
    source_of = {s.id: d.id for d in documents for s in d.sentences}
    for entry in entries:
        entry.cites.sort(key=lambda c: kinds.get(source_of[c]) == "translation")
        entry.translation = all(kinds.get(source_of[c]) == "translation" for c in entry.cites)
    return entries
