"""Glossary entries, and where the sources mention them.

One Markdown file per term in the glossary directory::

    ---
    term: Some Term
    slug: some-term          # optional; default from the term
    aliases: [ST, Some Terms]
    short: "One or two plain sentences for the popover."
    related: [other-slug]    # optional slugs of other entries
    ---
    A longer body in Markdown.

Author mistakes are :class:`InputError`\\ s naming the file (and line where
there is one): unknown keys, a missing ``term`` or ``short``, a term or alias
that two entries share (case-insensitively, plurals included), an unknown
``related`` slug. A ``short`` definition is meant for a popover: over
:data:`SHORT_TARGET_WORDS` words is a build warning (see
:func:`glossary_warnings`), over :data:`SHORT_MAX_WORDS` an error, since a
popover that long hides the page it explains.

:class:`TermMatcher` decides what counts as a mention; the sentence-level
mention finder here and the HTML linker (``render/linker.py``) both use it,
so the glossary page and the linked pages always agree.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from .errors import InputError, shown_path
from .model import Document
from .parse import markdown
from .parse.content import load_front_matter
from .parse.slug import slugify
from .parse.text import read_text
from .urls import DEFAULT, Urls, web_url

SHORT_TARGET_WORDS = 40
SHORT_MAX_WORDS = 60
KEYS = ("term", "slug", "aliases", "short", "related")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")


@dataclass
class GlossaryEntry:
    slug: str
    term: str
    short: str
    body_html: str = ""
    aliases: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    path: str = ""

    @property
    def names(self) -> list[str]:
        """The term first, then its aliases."""
        return [self.term, *self.aliases]

    @property
    def short_words(self) -> int:
        return len(self.short.split())


# --- text folding and tokens ------------------------------------------------

# Letters that Unicode does not decompose into base letter + mark.
_UNDECOMPOSED = str.maketrans({"đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O"})
_TOKEN = re.compile(r"[^\W_]+")
_SPACE_OR_HYPHEN = re.compile(r"[\s\-‐‑‒–]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive key: "Müller" and "MULLER" both give "muller"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def word_tokens(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text))


def separator(text: str) -> str:
    """Runs of spaces and hyphens are interchangeable ("low-value" = "low value")."""
    return _SPACE_OR_HYPHEN.sub(" ", text)


def _plurals(word: str) -> list[str]:
    """Regular English plurals of a folded word (irregular ones are aliases)."""
    if not word.isalpha():
        return [word + "s"]
    if re.search(r"(s|x|z|ch|sh)$", word):
        return [word + "es"]
    if re.search(r"[^aeiou]y$", word):
        return [word[:-1] + "ies", word + "s"]
    return [word + "s"]


def _is_acronym(word: str) -> bool:
    return any(c.isupper() for c in word) and not any(c.islower() for c in word)


def _case_fits(name_word: str, text_word: str) -> bool:
    """Does the text's capitalisation fit the name's?

    Lower-case name words match any case ("harbours", "Harbours"). Capitalised
    name words must stay capitalised ("River" never matches "river").
    Acronyms must stay upper-case; from four letters on the title-case form
    ("Abcd" for "ABCD") is also accepted, but a short acronym never matches a
    common word that happens to share its letters.
    """
    if not name_word[:1].isupper() and not _is_acronym(name_word):
        return True
    if _is_acronym(name_word):
        head = text_word[: len(name_word)]
        if head == head.upper():
            return True
        letters = sum(c.isalpha() for c in name_word)
        return letters >= 4 and head == name_word.capitalize()
    return text_word[:1].isupper()


@dataclass(frozen=True)
class _Pattern:
    slug: str
    name: str  # as written by the author
    words: tuple[str, ...]  # the author's words, original case
    keys: tuple[str, ...]  # folded words, the last one possibly pluralised
    separators: tuple[str, ...]  # normalised text between consecutive words
    tail: str  # punctuation after the last word ("U.S." keeps its dot)


def _patterns(entry: GlossaryEntry) -> list[_Pattern]:
    out: list[_Pattern] = []
    for name in entry.names:
        toks = word_tokens(name)
        if not toks:
            continue
        words = tuple(t.group() for t in toks)
        seps = tuple(separator(name[a.end() : b.start()]) for a, b in pairwise(toks))
        tail = name[toks[-1].end() :].strip()
        folded = tuple(fold(w) for w in words)
        variants = [folded[-1]]
        # Plurals of words, not of bare numbers: "1990s" is no plural of "1990".
        if any(c.isalpha() for c in words[-1]):
            variants += _plurals(folded[-1])
        for last in variants:
            out.append(_Pattern(entry.slug, name, words, (*folded[:-1], last), seps, tail))
    return out


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    slug: str
    text: str


class TermMatcher:
    """Finds glossary terms in plain text: leftmost, then longest match.

    Works on word tokens, so cost is linear in the text times the longest
    name's word count, and a match can never start or end inside a word.
    """

    def __init__(self, entries: Iterable[GlossaryEntry]):
        # first folded word -> patterns starting with it, longest first
        self._by_first: dict[str, list[_Pattern]] = {}
        for entry in entries:
            for pattern in _patterns(entry):
                self._by_first.setdefault(pattern.keys[0], []).append(pattern)
        for patterns in self._by_first.values():
            patterns.sort(key=lambda p: (-len(p.keys), -len(p.name), p.slug, p.name))

    def __bool__(self) -> bool:
        return bool(self._by_first)

    @staticmethod
    def _fits(
        pattern: _Pattern, text: str, toks: list[re.Match[str]], keys: list[str], i: int
    ) -> bool:
        n = len(pattern.keys)
        if i + n > len(toks) or keys[i : i + n] != list(pattern.keys):
            return False
        for k in range(n):
            if not _case_fits(pattern.words[k], toks[i + k].group()):
                return False
            gap = text[toks[i + k - 1].end() : toks[i + k].start()] if k else ""
            if k and separator(gap) != pattern.separators[k - 1]:
                return False
        return True

    def find(self, text: str) -> list[Mention]:
        toks = word_tokens(text)
        keys = [fold(t.group()) for t in toks]
        found: list[Mention] = []
        i = 0
        while i < len(toks):
            candidates = self._by_first.get(keys[i], [])
            hit = next((p for p in candidates if self._fits(p, text, toks, keys, i)), None)
            if hit is None:
                i += 1
                continue
            start, end = toks[i].start(), toks[i + len(hit.keys) - 1].end()
            if hit.tail and text.startswith(hit.tail, end):
                end += len(hit.tail)
            found.append(Mention(start, end, hit.slug, text[start:end]))
            i += len(hit.keys)
        return found


# --- loading ----------------------------------------------------------------


def _line_of(lines: list[str], needle: str, key: str | None = None) -> int | None:
    """File line (1-based) of the first front-matter line containing needle.

    ``lines`` are the front matter's lines; the file's line 1 is the ``---``.
    With ``key``, the search starts at that key's line (list items follow it).
    """
    first = 0
    if key:
        first = next((n for n, line in enumerate(lines) if line.startswith(f"{key}:")), 0)
    for number in range(first, len(lines)):
        if needle in lines[number]:
            return number + 2
    return None


def _string_list(value: Any, key: str, shown: str, lines: list[str]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise InputError(shown, f"'{key}' must be a list of strings", line=_line_of(lines, key))
    return [" ".join(str(v).split()) for v in value if str(v).strip()]


def _load_entry(path: Path, shown: str) -> tuple[GlossaryEntry, list[str]]:
    data, lines, body = load_front_matter(read_text(path, display=shown), shown)
    unknown = sorted(set(map(str, data)) - set(KEYS))
    if unknown:
        raise InputError(
            shown,
            f"unknown key '{unknown[0]}' (a glossary entry has: {', '.join(KEYS)})",
            line=_line_of(lines, f"{unknown[0]}:"),
        )
    term = " ".join(str(data.get("term") or "").split())
    if not term:
        raise InputError(shown, "glossary entry has no 'term'", line=_line_of(lines, "term:"))
    short = " ".join(str(data.get("short") or "").split())
    if not short:
        raise InputError(
            shown, f"'{term}' has no short definition ('short')", line=_line_of(lines, "short:")
        )
    words = len(short.split())
    if words > SHORT_MAX_WORDS:
        raise InputError(
            shown,
            f"short definition of '{term}' is {words} words; keep it under about "
            f"{SHORT_TARGET_WORDS} (at most {SHORT_MAX_WORDS}) and put the rest in the body",
            line=_line_of(lines, "short:"),
        )
    slug = str(data.get("slug") or slugify(fold(term))).strip()
    if not _SLUG.match(slug):
        raise InputError(
            shown,
            f"slug {slug!r} must be lower-case letters, digits and hyphens",
            line=_line_of(lines, "slug:"),
        )
    aliases: list[str] = []
    for alias in _string_list(data.get("aliases"), "aliases", shown, lines):
        if alias != term and alias not in aliases:
            aliases.append(alias)
    entry = GlossaryEntry(
        slug=slug,
        term=term,
        short=short,
        body_html=markdown.render(body) if body.strip() else "",
        aliases=aliases,
        related=_string_list(data.get("related"), "related", shown, lines),
        path=shown,
    )
    return entry, lines


def _check_unique(loaded: list[tuple[GlossaryEntry, list[str]]]) -> None:
    """No slug, term or alias (or a plural of one) may belong to two entries."""
    slugs: dict[str, GlossaryEntry] = {}
    claimed: dict[tuple[str, ...], tuple[GlossaryEntry, str]] = {}
    for entry, lines in loaded:
        if entry.slug in slugs:
            raise InputError(
                entry.path,
                f"slug {entry.slug!r} is already used by {slugs[entry.slug].path}",
                line=_line_of(lines, "slug:") or _line_of(lines, "term:"),
            )
        slugs[entry.slug] = entry
        for pattern in _patterns(entry):
            other, other_name = claimed.setdefault(pattern.keys, (entry, pattern.name))
            if other is not entry:
                key = "term" if pattern.name == entry.term else "aliases"
                raise InputError(
                    entry.path,
                    f"'{pattern.name}' clashes with '{other_name}' of entry "
                    f"'{other.term}' ({other.path}); terms and aliases must be unique",
                    line=_line_of(lines, pattern.name, key=key),
                )


def _check_related(loaded: list[tuple[GlossaryEntry, list[str]]]) -> None:
    slugs = {entry.slug for entry, _ in loaded}
    for entry, lines in loaded:
        for slug in entry.related:
            if slug == entry.slug or slug not in slugs:
                problem = "is the entry itself" if slug == entry.slug else "is not a glossary entry"
                raise InputError(
                    entry.path,
                    f"related slug {slug!r} {problem}",
                    line=_line_of(lines, slug, key="related"),
                )


def sort_key(entry: GlossaryEntry) -> tuple[str, str]:
    return (fold(entry.term), entry.slug)


def load_glossary(directory: Path, root: Path) -> list[GlossaryEntry]:
    """Every ``*.md`` entry in ``directory``, checked, sorted by term."""
    if not directory.is_dir():
        return []
    files = sorted(p for p in directory.glob("*.md") if p.is_file())
    loaded = [_load_entry(path, shown_path(path, root)) for path in files]
    _check_unique(loaded)
    _check_related(loaded)
    return sorted((entry for entry, _ in loaded), key=sort_key)


# --- mentions in documents ---------------------------------------------------


_matchers: list[tuple[list[GlossaryEntry], TermMatcher]] = []


def matcher_for(entries: list[GlossaryEntry]) -> TermMatcher:
    """One matcher per glossary: every page of a build links with the same one."""
    for known, matcher in _matchers:
        if known is entries:
            return matcher
    matcher = TermMatcher(entries)
    _matchers[:] = [*_matchers[-3:], (entries, matcher)]
    return matcher


def find_mentions(entries: list[GlossaryEntry], documents: list[Document]) -> dict[str, list[str]]:
    """slug -> ids of the sentences (headline, dek, body) that mention the term.

    Only mentioned entries appear; keys follow the glossary's order, ids the
    documents' order, each sentence once per entry.
    """
    matcher = matcher_for(entries)
    hits: dict[str, list[str]] = {}
    for doc in documents:
        for sentence in doc.sentences:
            for slug in dict.fromkeys(m.slug for m in matcher.find(sentence.text)):
                hits.setdefault(slug, []).append(sentence.id)
    return {e.slug: hits[e.slug] for e in entries if e.slug in hits}


# --- structured data -------------------------------------------------------------

_JSON_IN_HTML = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def glossary_jsonld(entries: list[GlossaryEntry], site_url: str, urls: Urls = DEFAULT) -> str:
    """schema.org ``DefinedTermSet`` JSON, safe to place inside a ``<script>``."""
    page = web_url(urls.glossary())  # structured data is for the web: never index.html
    base = f"{site_url.rstrip('/')}/{page}" if site_url else page
    data = {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": base,
        "url": base,
        "name": "Glossary",
        "hasDefinedTerm": [
            {
                "@type": "DefinedTerm",
                "@id": f"{base}#{e.slug}",
                "url": f"{base}#{e.slug}",
                "name": e.term,
                "termCode": e.slug,
                **({"alternateName": e.aliases} if e.aliases else {}),
                "description": e.short,
                "inDefinedTermSet": base,
            }
            for e in entries
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_IN_HTML)
