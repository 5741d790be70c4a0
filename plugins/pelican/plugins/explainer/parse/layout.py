"""Line-level news layout: furniture, bylines, outlet tags and datelines.

Every rule here reads the shape of one line (its length, capitals,
punctuation and a few general English layout words such as "Updated" or
"Read more"), never the words of any particular story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .dates import Stamp, find_stamp

LineKind = Literal["text", "furniture", "byline", "credit"]

_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE_IN_DATELINE = rf"(?:{_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH})(?:,?\s+\d{{4}})?"
# A place word: capitalised, not a month name (so the date group can claim it).
_PLACE_WORD = rf"(?!{_MONTH}\s+\d)[A-Z][\w.'’-]*"
_DATELINE_HEAD = rf"""
    (?P<place>{_PLACE_WORD}(?:(?:\s+|,\s*){_PLACE_WORD}){{0,3}})
    (?:,?\s+(?P<date>{_DATE_IN_DATELINE}))?
    (?:\s*\((?P<agency>[^()]{{1,40}})\))?
"""
# "PLACE:", "PLACE —", "PLACE, Month D —", "PLACE, Month D (Agency) -", "PLACE (AP) —"
DATELINE = re.compile(
    rf"^(?P<head>{_DATELINE_HEAD})\s*(?::|—|–|-{{1,2}})\s+(?=\S)", re.VERBOSE | re.UNICODE
)
# The same, alone on its line, above the first paragraph.
DATELINE_LINE = re.compile(rf"^(?P<head>{_DATELINE_HEAD})\s*(?:—|–|-{{1,2}})?\s*$", re.VERBOSE)

# Credits lines: "Reporting by ...; Editing by ...".
CREDIT = re.compile(
    r"""^[(\[]?\s*(?:additional\s+)?
        (?:report(?:ing|s|ed)?|writ(?:ing|ten)|edit(?:ing|ed|ors?)|compiled|
           translat(?:ion|ed)|photos?|graphics?|fact[- ]check(?:ing|ed)?)
        \s+by\b""",
    re.VERBOSE | re.IGNORECASE,
)
COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)

_SEP = r"\s*(?:[:|›»>→\-–—]|$)"
# Time-stamp furniture: "Publish Date :", "Updated:", "Published on", "Last modified".
_WEEKDAY = r"(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
_STAMP_LABEL = re.compile(
    rf"""^(?:(?:first\s+|originally\s+)?publish(?:ed)?(?:\s+(?:date|on|at))?|
          (?:last\s+)?(?:updated|modified|edited)(?:\s+(?:on|at|date))?|
          posted(?:\s+(?:on|at))?|dated?|time)
        (?:\s*[:|\-–—]|\s+(?=\d|{_MONTH}|{_WEEKDAY}))""",
    re.VERBOSE | re.IGNORECASE,
)
_READ_TIME = re.compile(
    r"""^(?:(?:estimated\s+)?read(?:ing)?\s+time\s*[:\-–—]?\s*)?
        (?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:-\s*)?
        min(?:ute)?s?\.?(?:\s+read(?:ing)?)?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
_PHOTO = re.compile(
    r"""^[(\[]?\s*(?:(?:file\s+)?photo(?:graph)?s?|image|picture|pictured|caption|
        illustration|video|credit|source\s+image)(?:\s+(?:credit|by))?\s*[:|]""",
    re.VERBOSE | re.IGNORECASE,
)
# A caption ending in its credit: "... (Photo: Jane Roe)", "... | Image: Agency".
_CAPTION_CREDIT = re.compile(
    r"""(?:[(\[|]|\s[—–-]\s)\s*(?:photo(?:graph)?|image|picture|credit)s?
        (?:\s+by|\s*:)\s*[^.()]{1,60}[)\]]?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
# "AGENCY/Photographer" picture credits, alone or closing a caption.
_AGENCY_SLASH = re.compile(
    r"(?:^|\s)\(?[A-Z]{2,}(?:\s[A-Z]{2,})?/[A-Z][a-z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,3}\)?\s*$"
)
_RELATED = re.compile(
    rf"""^(?:related(?:\s+(?:stories|articles|coverage|content|reading|links?))?|
          read\s+(?:more|also|next|the\s+latest)|also\s+read|see\s+also|
          more\s+(?:on\s+this(?:\s+story)?|from|stories)|recommended(?:\s+reading)?|
          further\s+reading|you\s+may\s+also\s+like|most\s+(?:read|popular)|
          share(?:\s+this(?:\s+(?:article|story))?)?|advertisement|sponsored|
          follow\s+us|sign\s+up|subscribe)\b{_SEP}""",
    re.VERBOSE | re.IGNORECASE,
)
_BY = re.compile(r"^[Bb][Yy]:?\s+(?P<names>\S.*?)\s*$")
# Words a name or outlet may contain in lower case.
_NAME_JOINERS = frozenset(
    [
        "and",
        "&",
        "in",
        "for",
        "of",
        "the",
        "de",
        "da",
        "del",
        "della",
        "der",
        "di",
        "du",
        "el",
        "la",
        "le",
        "van",
        "von",
        "al",
        "bin",
        "ibn",
        "y",
        "at",
    ]
)
# Words that end an outlet's name (general English).
_OUTLET_WORDS = frozenset(
    [
        "news",
        "wire",
        "press",
        "agency",
        "service",
        "times",
        "post",
        "herald",
        "journal",
        "tribune",
        "gazette",
        "daily",
        "telegraph",
        "chronicle",
        "observer",
        "guardian",
        "mail",
        "express",
        "reporter",
        "review",
        "media",
        "network",
        "broadcasting",
        "radio",
        "television",
        "tv",
        "online",
        "digital",
        "magazine",
        "weekly",
        "bulletin",
    ]
)


# Words a time-stamp line may hold beside its date and time.
_STAMP_WORD = re.compile(
    rf"""(?:(?:first|last|originally)|publish(?:ed)?|updated|modified|posted|date|time|
        on|at|ago|(?:second|minute|hour|day|week)s?|utc|gmt|{_WEEKDAY})""",
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class LineInfo:
    kind: LineKind
    byline: str | None = None  # the names, for bylines and credits
    stamp: Stamp | None = None  # a date and time stated by a time-stamp line


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,;]+", text) if w]


def _name_like(text: str, max_words: int = 12) -> bool:
    """Capitalised words (names, outlets) with lower-case joiners only."""
    words = [w.strip("()[]\"'“”.") for w in _words(text)]
    words = [w for w in words if w and w not in {"|", "/", "-", "–", "—"}]
    if not words or len(words) > max_words:
        return False
    return all(w[0].isupper() or w.lower() in _NAME_JOINERS or w[0].isdigit() for w in words)


def _credit_names(text: str) -> str:
    """The names of the first "... by NAMES;" clause of a credits line."""
    first = re.split(r";|\s/\s", text, maxsplit=1)[0]
    m = re.search(r"\bby\b\s*:?\s*(.+)$", first, re.IGNORECASE)
    return (m.group(1) if m else first).strip(" .()[]")


def byline_names(text: str) -> str | None:
    """The names of a byline ("By NAME", "By NAME, Outlet", "NAME | Agency"), else None."""
    if len(text) > 160 or re.search(r"[!?:;,]\s*$", text):
        return None
    if m := _BY.match(text):
        names = m.group("names").rstrip(".")
        return names if _name_like(names) else None
    if "|" in text:
        parts = [p.strip() for p in text.split("|") if p.strip()]
        if 2 <= len(parts) <= 3 and all(_name_like(p, 6) for p in parts):
            return parts[0]
    return None


def is_outlet_tag(text: str) -> bool:
    """An agency or outlet line under a headline: "(Agency)", "Example News", "AFP"."""
    bare = text.strip()
    if re.fullmatch(r"[(\[][^()\[\]]{1,40}[)\]]", bare):
        return True
    words = _words(bare.strip("—–- "))
    if not words or len(words) > 5 or not _name_like(bare, 5):
        return False
    if len(words) == 1 and re.fullmatch(r"[A-Z]{2,6}", words[0]):
        return True  # an agency's initials
    return words[-1].lower().strip(".") in _OUTLET_WORDS


def is_stamp_only(text: str) -> Stamp | None:
    """A line that is nothing but a date (and time, and stamp words): an unlabelled stamp."""
    stamp = find_stamp(text)
    if stamp is None or len(_words(text)) > 14:
        return None
    leftover = text[: stamp.span[0]] + " " + text[stamp.span[1] :]
    words = re.findall(r"[^\W\d_]{3,}", leftover)
    return stamp if all(_STAMP_WORD.fullmatch(w) for w in words) else None


def classify(text: str) -> LineInfo:
    """What one non-empty line is, by its layout alone."""
    if len(_words(text)) <= 20:
        if _STAMP_LABEL.match(text):
            return LineInfo("furniture", stamp=find_stamp(text))
        if stamp := is_stamp_only(text):
            return LineInfo("furniture", stamp=stamp)
        if _READ_TIME.match(text) or _RELATED.match(text) or _PHOTO.match(text):
            return LineInfo("furniture")
        if _AGENCY_SLASH.search(text) or _CAPTION_CREDIT.search(text):
            return LineInfo("furniture")
        if names := byline_names(text):
            return LineInfo("byline", byline=names)
    if CREDIT.match(text):
        return LineInfo("credit", byline=_credit_names(text))
    if COPYRIGHT.match(text):
        return LineInfo("credit")
    return LineInfo("text")
