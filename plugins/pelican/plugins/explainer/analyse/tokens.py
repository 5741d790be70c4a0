"""Tokenisation helpers shared by the analyses.

Everything here is plain, deterministic string work: word tokens, content
words (stop words dropped, Snowball-stemmed), capitalised names and acronyms,
and numbers. Curly quotes and possessives are normalised first, so
"Norway’s" and "Norway's" both give the word ``norway``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import snowballstemmer
from text_to_num import text2num

from .memo import per_text

# Typographic apostrophes and quotes to their ASCII forms.
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "—": " ", "–": "-"})

# A word: letters/digits with inner apostrophes, hyphens or dots (U.S., don't, long-term, 3.5).
_WORD = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # dotted acronyms: U.S., U.K.
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 1,200
    r"|[^\W_]+(?:['\-.][^\W_]+)*",
    re.UNICODE,
)


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A general English stop list: function words and a few reporting fillers
# that carry no content on their own.
STOP_WORDS: frozenset[str] = _wordset(
    """
    a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can cannot could couldn't did didn't do does doesn't
    doing don't down during each either even ever every few for from further had hadn't has
    hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his
    how how's however i i'd i'll i'm i've if in into is isn't it it's its itself just let's
    many may me might more most much must mustn't my myself neither no nor not now of off on
    once one only or other others ought our ours ourselves out over own per same shan't she
    she'd she'll she's should shouldn't since so some such than that that's the their theirs
    them themselves then there there's these they they'd they'll they're they've this those
    through thus to too under until up upon us very via was wasn't we we'd we'll we're we've
    were weren't what what's when when's where where's whether which while who who's whom
    whose why why's will with within without won't would wouldn't yet you you'd you'll you're
    you've your yours yourself yourselves said says say also according including
    """
)

# Words that open a sentence with a capital letter but are not names.
_ORDINARY_OPENERS: frozenset[str] = STOP_WORDS | _wordset(
    """
    despite although though amid among across along around beyond toward towards unlike like
    meanwhile still instead yet later earlier today yesterday tomorrow last next first second
    third another several most some many both separately separate elsewhere overall indeed
    """
)

# Calendar words are capitalised but name a date, not an actor.
CALENDAR_WORDS: frozenset[str] = _wordset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december
    """
)

# Joiners allowed inside a multi-word name ("Bank of England", "Minister for Trade").
_NAME_JOINERS = frozenset({"of", "for", "de", "du", "da", "van", "von", "al", "bin"})

# Spelled-out counts, valued by text2num. "one" is left out: it is far more
# often a pronoun than a count.
_NUMBER_WORDS = _wordset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty "
    "seventy eighty ninety"
)
_SCALES = {
    "thousand": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "bn": Decimal(10) ** 9,
}
_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"  # 1,234 or 12 or 3.5
    r"(?:\s*(thousand|million|billion|trillion|bn)\b)?",
    re.IGNORECASE,
)


def normalise(text: str) -> str:
    """Straighten curly quotes and dashes so token rules see one form."""
    return text.translate(_QUOTES)


def _strip_possessive(word: str) -> str:
    if word.endswith("'s"):
        return word[:-2]
    if word.endswith("s'"):
        return word[:-1]
    return word.strip("'")


def _raw_tokens(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(normalise(text)))


@per_text
def words(text: str) -> list[str]:
    """Lower-cased word tokens with possessives removed ("Norway’s" → "norway")."""
    out = []
    for m in _raw_tokens(text):
        w = _strip_possessive(m.group(0).lower())
        if w:
            out.append(w)
    return out


@per_text
def word_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` for each word, as :func:`words` gives them, with offsets."""
    out = []
    for m in _raw_tokens(text):
        w = _strip_possessive(m.group(0).lower())
        if w:
            out.append((m.start(), m.end(), w))
    return out


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem of one lower-case word: "leasing" and "lease" → "leas"."""
    if "." in word or any(c.isdigit() for c in word):
        return word  # acronyms and numbers stay as written
    return _stemmer().stemWord(word)


@per_text
def content_words(text: str) -> list[str]:
    """Stemmed words that carry content: stop words and one-letter tokens dropped."""
    out = []
    for w in words(text):
        if w in STOP_WORDS or (len(w) < 2 and not w.isdigit()):
            continue
        out.append(stem(w))
    return out


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper()


def _is_acronym(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@per_text
def entity_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, name)`` for each capitalised name or acronym in one sentence.

    A name is a run of capitalised words with nothing but spaces (or a joiner
    such as "of") between them, so "Bank of England" and "Nordic Rail" are
    one name each. The first word of the text is dropped when it is an
    ordinary word that is only capitalised because it opens the sentence.
    Offsets are into ``text``; hyphenated words keep only their capitalised
    head ("Paris-based" → "Paris").
    """
    norm = normalise(text)
    tokens = _raw_tokens(text)
    spans: list[tuple[int, int, str]] = []
    run: list[re.Match[str]] = []

    def close() -> None:
        while run and run[-1].group(0).lower() in _NAME_JOINERS:
            run.pop()
        if len(run) == 1 and run[0].group(0).lower() in CALENDAR_WORDS:
            run.clear()
        if run:
            start, end = run[0].start(), run[-1].end()
            last = run[-1].group(0)
            head = last.split("-")[0]
            if head != last and not _is_acronym(last):
                end = run[-1].start() + len(head)
            name = _strip_possessive(norm[start:end])
            end = start + len(name)
            spans.append((start, end, " ".join(name.split())))
        run.clear()

    for i, m in enumerate(tokens):
        tok = m.group(0)
        gap = norm[tokens[i - 1].end() : m.start()] if i else norm[: m.start()]
        joined = bool(run) and gap.strip() == ""
        # The first word of the text or of a new sentence inside it.
        first_word = (i == 0 and norm[: m.start()].strip(" \"'(") == "") or any(
            c in gap for c in ".!?:"
        )
        if first_word and tok.lower() in _ORDINARY_OPENERS and not _is_acronym(tok):
            close()
            continue
        if _is_capitalised(tok) and not tok[0].isdigit():
            if not joined:
                close()
            run.append(m)
        elif tok.lower() in _NAME_JOINERS and joined:
            run.append(m)
        else:
            close()
    close()
    return spans


@per_text
def entities(text: str) -> list[str]:
    """Capitalised multi-word names and acronyms in one sentence, as written.

    "After talks, Nordic Rail and NATO signed" → ["Nordic Rail", "NATO"].
    """
    return [name for _, _, name in entity_spans(text)]


def _decimal(digits: str) -> Decimal | None:
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex only admits digits
        return None


def _canon(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def number_tokens(text: str, spelled: bool = True) -> list[str]:
    """Every number in the text as a canonical decimal string.

    Digits ("1,200", "3.5"), scale words ("30 billion" → "30000000000") and
    spelled-out small numbers ("two" → "2") all count, so the same quantity
    written two ways gives the same token. ``spelled=False`` keeps digits only.
    """
    norm = normalise(text)
    found: list[tuple[int, str]] = []
    for m in _NUMBER.finditer(norm):
        value = _decimal(m.group(1))
        if value is None:
            continue
        if m.group(2):
            value *= _SCALES[m.group(2).lower()]
        found.append((m.start(), _canon(value)))
    for m in _WORD.finditer(norm if spelled else ""):
        w = m.group(0).lower()
        if w in _NUMBER_WORDS:
            found.append((m.start(), str(text2num(w, "en"))))
    return [tok for _, tok in sorted(found)]
