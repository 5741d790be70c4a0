"""Numbers and quantities in one sentence, with exact spans.

:func:`find_quantities` returns every quantity a reader could put in a fact
box: percentages, money, counts (including spelled-out numbers and vague
ones like "dozens"), durations, years and calendar dates. Each
:class:`Quantity` keeps the span exactly as written (``text[start:end]``),
so a fact's value can always be found verbatim in its sentence.

Spelled-out numbers are valued with the ``text2num`` package (a maintained
English number-word parser: "forty-six", "one hundred and five",
"two hundred thousand"). It is used on spans found by the word pattern
below rather than through ``alpha2digit`` on the whole text, because
``alpha2digit`` rewrites the text (losing offsets) and deliberately leaves
small numbers such as "two" alone. Digits, currency signs, scale words and
approximation words are plain regular expressions: they are regular.

Conventions:

* ``value`` is the number in base units: "$2.7 billion" → ``2.7e9`` with
  unit ``"USD"``; "12%" → ``12`` with unit ``"%"``. Vague quantities
  ("dozens", "hundreds of millions") have ``value=None``.
* Ranges ("between 10 and 20 people", "March 3 to 6") keep the low end in
  ``value`` and the high end in ``high``.
* ``unit`` of a count is the counted noun as written, lower-cased
  ("about 30 agreements" → ``"agreements"``), or ``None`` when none follows.
* ``approx`` is set by "about", "around", "nearly", "up to", "more than"...
  (the qualifier is part of the span and kept in ``qualifier``).
* Not quantities: ordinals ("first", "2nd"), list numbers ("No. 2"),
  model codes ("G7", "A320"), clock times ("10 a.m."), and "one" used as a
  pronoun ("one of the goals").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from .lexicon import lexicon
from .memo import per_text
from .tokens import STOP_WORDS

EN = lexicon("en")
_MEASURE_WORDS = frozenset(w for group in EN.SYNONYMS for w in group)

Kind = str  # percent | money | count | duration | date | year | number


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float | None
    unit: str | None
    kind: Kind
    approx: bool = False
    high: float | None = None  # upper end of a range
    qualifier: str | None = None  # "about", "up to", ...
    ago: bool = False  # "seven years ago": a duration counted back from the article date


_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {"sept": 9}
MONTH_NUMBERS: dict[str, int] = {m: i + 1 for i, m in enumerate(_MONTHS)} | _MONTH_ABBR
MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALE_WORDS = ["hundred", "thousand", "million", "billion", "trillion"]
_SIMPLE = r"(?:{})".format("|".join(sorted(_UNITS + _TEENS + _TENS, key=len, reverse=True)))
_TENS_UNITS = r"(?:(?:{})(?:[- ](?:{}))?|{})".format(
    "|".join(_TENS),
    "|".join(_UNITS[1:]),
    _SIMPLE,
)
# "forty-six", "one hundred and five", "two hundred thousand", "a hundred",
# "two thousand four hundred and fifty": a scaled number, then more scaled parts.
_SCALES = "|".join(_SCALE_WORDS)
_WORD_NUMBER = (
    rf"(?:(?:{_TENS_UNITS}|a)\s+(?:{_SCALES})(?:\s+(?:{_SCALES}))*"
    rf"(?:\s+(?:and\s+)?{_TENS_UNITS}(?:\s+(?:{_SCALES}))*)*|{_TENS_UNITS})"
)
# Thousands may be grouped by commas or by spaces ("64 312", as many languages print them).
_DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])|\d+(?:\.\d+)?)"
)
_SCALE = r"(?:thousand|million|milliard|billion|trillion|bn|mn|m|b|k)"
_SCALE_VALUES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "milliard": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
}
_CURRENCY_SIGNS = {
    "$": "USD",
    "us$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "a$": "AUD",
    "c$": "CAD",
    "hk$": "HKD",
}
_CURRENCY_WORDS = EN.CURRENCY_WORDS
_DURATION_UNITS = EN.DURATION_UNITS
_VAGUE = r"(?:dozens|scores|hundreds|thousands|millions|billions|tens\s+of\s+thousands)"
_APPROX = (
    r"\b(?:about|around|approximately|roughly|nearly|almost|some|up\s+to|more\s+than|"
    r"over|less\s+than|fewer\s+than|at\s+least|at\s+most|under|close\s+to|"
    r"an\s+estimated|as\s+many\s+as|as\s+much\s+as|as\s+few\s+as|just\s+over|just\s+under|"
    r"upwards\s+of|in\s+excess\s+of)"
)
_NUM = rf"(?:(?<![\w.,]){_DIGITS}(?![\d])|\b{_WORD_NUMBER}(?:\s+and\s+(?:a\s+)?half)?\b)"
_CUR_SIGN = r"(?:US\$|HK\$|A\$|C\$|[$€£¥₹])"
_CUR_WORD = "|".join(sorted((re.escape(w) for w in _CURRENCY_WORDS), key=len, reverse=True))
_DUR_WORD = (
    r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies))"
)
_RANGE_JOIN = r"\s*(?:-|–|to)\s*"

# One pattern per kind, tried in this order; earlier kinds win overlaps.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "date",
        re.compile(
            rf"\b(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"(?:{_RANGE_JOIN}(?:(?P<month2>{MONTH_RE})\s+)?(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)?"
            rf"(?:,?\s+(?P<year>\d{{4}}))?(?![\d%])"
            rf"|\b(?P<dday>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"(?:{_RANGE_JOIN}(?P<dday2>\d{{1,2}})(?:st|nd|rd|th)?)?"
            rf"\s+(?:of\s+)?(?P<dmonth>{MONTH_RE})(?:,?\s+(?P<dyear>\d{{4}}))?(?![\w])"
            rf"|\b(?P<mmonth>{MONTH_RE})\s+(?P<myear>\d{{4}})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "money",
        re.compile(
            rf"(?:(?P<q>{_APPROX})\s+)?"
            rf"(?:(?P<sign>{_CUR_SIGN})\s?(?P<num>{_DIGITS})"
            rf"(?:{_RANGE_JOIN}(?:{_CUR_SIGN})?\s?(?P<num2>{_DIGITS}))?"
            rf"(?:\s*(?P<scale>{_SCALE})\b)?"
            rf"|(?P<wnum>{_NUM})(?:\s*(?P<wscale>{_SCALE})\b)?\s+(?:(?P<cur>{_CUR_WORD}))\b"
            rf"|(?P<vague>{_VAGUE})\s+of\s+(?P<vcur>{_CUR_WORD})\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "percent",
        re.compile(
            rf"(?:(?P<q>{_APPROX})\s+)?(?P<num>{_NUM})"
            rf"(?:\s*(?:%|per\s*cent|percent)?{_RANGE_JOIN}(?P<num2>{_NUM}))?"
            rf"\s*(?P<unit>%|per\s*cent\b|percents?\b|percentage\s+points?\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "duration",
        re.compile(
            rf"(?:(?P<q>{_APPROX})\s+)?(?P<num>{_NUM}|half\s+an?|a|an|several|a\s+few)"
            rf"(?:{_RANGE_JOIN}(?P<num2>{_NUM}))?"
            rf"(?P<half>\s+and\s+a\s+half)?"
            rf"[\s-]+(?P<unit>{_DUR_WORD})\b(?P<half2>\s+and\s+a\s+half\b)?(?P<ago>\s+ago\b)?",
            re.IGNORECASE,
        ),
    ),
    (
        "year",
        re.compile(r"(?<![\w$€£¥.,/-])(?P<num>1[89]\d\d|20\d\d)(?:s\b|(?![\w%/]|[.,]\d))"),
    ),
    (
        "count",
        re.compile(
            rf"(?:(?P<q>{_APPROX})\s+)?"
            rf"(?:(?P<vague>{_VAGUE}|a\s+dozen)"
            rf"|between\s+(?P<bnum>{_NUM})\s+and\s+(?P<bnum2>{_NUM})"
            rf"|(?P<num>{_NUM})(?:\s*{_SCALE}\b)?(?:{_RANGE_JOIN}(?P<num2>{_NUM}))?"
            r"(?:-(?P<hunit>[A-Za-z]{3,})\b)?)"
            r"(?=(?P<after>(?:\s+[\w'’-]+){0,4}))",
            re.IGNORECASE,
        ),
    ),
]

# Words after a number that mean it is not a quantity ("10 a.m.", "one of").
_NOT_AFTER = re.compile(r"^\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock)")
# "64 of the 150 seats": a part of a counted whole; the noun follows the whole.
_PART_OF = re.compile(r"^\s+of\s+(?:the|its|their|his|her)(?:\s+[\d,.]+)?(?=\s)")
_ORDINAL_PREFIX = re.compile(r"(?:\bNo\.?|\bNos\.?|\bnumber|#|\bNumber)\s*$")
# Words that cannot be a counted noun: function words and verbs of reporting.
_NOUN_STOP = STOP_WORDS | {"per", "each"}
# A capitalised word right before a number, mid-sentence, makes it a name ("Line 3").
_NAME_BEFORE = re.compile(
    r"(?<=[a-z,;] )(?!(?:" + MONTH_RE.replace("\\.?", "") + r")\b)[A-Z][a-z]+\s$"
)
_CODE_NEIGHBOUR = re.compile(r"[A-Za-z]-?$")  # "G7", "COVID-19": letters glued before digits
_RATE_BEFORE = re.compile(r"(?:\d|million|billion|thousand|percent|%|bn|m)\s*$", re.IGNORECASE)
_ZONE_OFFSET = re.compile(r"(?:UTC|GMT)\s*[+−-]\s*$")  # "UTC+2" is a time zone


def word_value(text: str) -> float | None:
    """The value of a spelled-out number ("twenty-one" → 21.0, "four and a half" → 4.5)."""
    t = " ".join(text.lower().replace("-", " ").split())
    half = re.search(r"\s+and\s+(?:a\s+)?half$", t)
    if half:
        whole = word_value(t[: half.start()])
        return None if whole is None else whole + 0.5
    if t.startswith("a "):
        t = "one " + t[2:]
    try:
        return float(text2num(t, "en"))
    except ValueError:
        return None


def _number(text: str | None) -> float | None:
    if not text:
        return None
    t = text.strip()
    if t[:1].isdigit():
        try:
            return float(re.sub(r"[,\s\u00a0\u202f]", "", t))
        except ValueError:
            return None
    return word_value(t)


def _scaled(value: float | None, scale: str | None) -> float | None:
    if value is None or not scale:
        return value
    return value * _SCALE_VALUES.get(scale.lower(), 1.0)


def _qualifier(m: re.Match[str]) -> str | None:
    q = m.groupdict().get("q")
    return " ".join(q.lower().split()) if q else None


def _counted_noun(after: str) -> str | None:
    """The noun a count belongs to: the last content word of the phrase after it."""
    noun = None
    for raw in after.split():
        w = raw.strip(".,;:!?\"'“”‘’()").lower()
        w = re.sub(r"['’]s$", "", w)
        if not w or w in _NOUN_STOP or raw[:1] in '("“':
            break
        if noun is None and w.endswith("ed") and len(w) > 4 and w not in _MEASURE_WORDS:
            break  # "a crowd of 58,000 watched": a verb; but "8 wounded" counts the wounded
        noun = w
        if (
            raw[-1:] in '.,;:!?)"”’'
            or (w.endswith("s") and len(w) > 3)
            or w in EN.IRREGULAR_PLURALS
        ):
            break  # a plural or punctuation usually ends the noun phrase
    return noun


def _make(kind: str, m: re.Match[str]) -> Quantity | None:
    g = m.groupdict()
    start, end = m.start(), m.end()
    span = m.string[start:end]
    qualifier = _qualifier(m)
    approx = qualifier is not None
    if kind == "date":
        year = g.get("year") or g.get("dyear") or g.get("myear")
        return Quantity(start, end, span, float(year) if year else None, None, "date")
    if kind == "year":
        return Quantity(start, end, span, float(g["num"]), None, "year")
    if kind == "money":
        if g.get("vague"):
            cur = _CURRENCY_WORDS[g["vcur"].lower()]
            return Quantity(start, end, span, None, cur, "money", approx=True, qualifier=qualifier)
        if g.get("sign"):
            cur = _CURRENCY_SIGNS.get(g["sign"].lower(), "USD")
            value = _scaled(_number(g["num"]), g.get("scale"))
            high = _scaled(_number(g.get("num2")), g.get("scale"))
        else:
            cur = _CURRENCY_WORDS[g["cur"].lower()]
            value = _scaled(_number(g["wnum"]), g.get("wscale"))
            high = None
        return Quantity(start, end, span, value, cur, "money", approx, high, qualifier)
    if kind == "percent":
        unit = "pp" if g["unit"].lower().startswith("percentage") else "%"
        value, high = _number(g["num"]), _number(g.get("num2"))
        return Quantity(start, end, span, value, unit, "percent", approx, high, qualifier)
    if kind == "duration":
        unit_word = g["unit"].lower()
        unit = _DURATION_UNITS.get(unit_word.rstrip("s"), _DURATION_UNITS.get(unit_word))
        num = " ".join(g["num"].lower().split())
        vague = num in ("several", "a few")
        if num in ("a", "an") and unit == "seconds":
            return None  # "a second round": an ordinal, not one second
        single = {"a": 1.0, "an": 1.0, "half a": 0.5, "half an": 0.5}
        value = None if vague else single.get(num) or _number(g["num"])
        if value is None and not vague:
            return None
        if (g.get("half") or g.get("half2")) and value is not None:
            value += 0.5
        if num in ("a", "an") and _RATE_BEFORE.search(m.string[max(0, start - 12) : start]):
            return None  # "$120 million a year": a rate, not a length of time
        return Quantity(
            start,
            end,
            span,
            value,
            unit,
            "duration",
            approx or vague,
            _number(g.get("num2")),
            qualifier,
            ago=bool(g.get("ago")),
        )
    # count / number
    after = g.get("after") or ""
    if g.get("vague"):
        vague = " ".join(g["vague"].lower().split())
        if vague == "a dozen":
            noun = _counted_noun(re.sub(r"^\s+of\b", "", after))
            return Quantity(start, end, span, 12.0, noun, "count", approx, None, qualifier)
        noun = _counted_noun(re.sub(r"^\s+of\b", "", after))
        if noun is None:
            return None  # "by the thousands" and the like
        return Quantity(start, end, span, None, noun, "count", True, None, qualifier)
    low, high_text = (g["bnum"], g["bnum2"]) if g.get("bnum") else (g["num"], g.get("num2"))
    value = _number(low)
    part = _PART_OF.match(after)
    if part:
        after = after[part.end() :]
    if value is not None and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", low) and _counted_noun(after):
        value = float(low.replace(".", ""))  # "4.000 persons": a thousands separator
    if value is None:
        return None
    value = _scaled(value, _scale_in(span))
    before = m.string[max(0, start - 8) : start]
    if _ORDINAL_PREFIX.search(before) or _NOT_AFTER.match(m.string[end : end + 16]):
        return None
    if low.lower() == "one" and not approx:
        return None  # far more often a pronoun ("one of", "the one") than a count
    high = _number(high_text)
    if high is not None and high <= value:
        high = None  # "31 to 19" is a tally, not a range: the span keeps both numbers
    if _ZONE_OFFSET.search(m.string[max(0, start - 6) : start]):
        return None
    if _NAME_BEFORE.search(m.string[max(0, start - 30) : start]) and not approx:
        return None  # "Line 3", "Terminal 2": part of a name
    noun = g["hunit"].lower() if g.get("hunit") else _counted_noun(after)
    kind = "count" if noun else "number"
    return Quantity(start, end, span, value, noun, kind, approx, high, qualifier)


def _scale_in(span: str) -> str | None:
    m = re.search(rf"\d\s*({_SCALE})\b", span, re.IGNORECASE)
    return m.group(1) if m else None


def _bad_neighbours(text: str, start: int, end: int) -> bool:
    """Digits glued to letters ("A320", "G7", "4x4") are codes, not quantities."""
    before = text[max(0, start - 2) : start]
    after = text[end : end + 1]
    core_start = text[start : start + 1]
    if core_start.isdigit() and _CODE_NEIGHBOUR.search(before) and not before.endswith(" "):
        return True
    return bool(after and (after.isalpha() or (after == "-" and text[end + 1 : end + 2].isalpha())))


_AGE = re.compile(r"-old\b|\s+old\b")


@per_text
def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in reading order, without overlaps."""
    taken: list[tuple[int, int]] = []
    found: list[Quantity] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            q = _make(kind, m)
            if q is None or q.start == q.end:
                continue
            if _AGE.match(text, q.end):
                taken.append((q.start, q.end))  # "a 79-year-old man": an age, not a span of time
                continue
            if kind in ("count", "year") and _bad_neighbours(text, q.start, q.end):
                continue
            if kind == "count" and q.kind == "number" and _bad_neighbours(text, q.start, q.end):
                continue
            taken.append((q.start, q.end))
            found.append(q)
    found.sort(key=lambda q: (q.start, q.end))
    return found
