"""Raw article text to a :class:`~explainer.model.Document`.

The structure is recovered by general typographic rules, applied to the
text's lines in order:

* headline: a short first line without final punctuation;
* dek: the line after the headline, when a heading follows it;
* heading: a short line without final punctuation followed by body text;
* dateline: ``Place:`` / ``PLACE (Agency) -`` opening the first paragraph;
* credits: trailing "Reporting by ... / Editing by ..." lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import Document, Paragraph, Role, Section, Sentence, SourceMeta
from .sentences import split
from .text import MAX_BYTES, MAX_LINE_CHARS, read_text

HEADING_MAX_WORDS = 12
HEADLINE_MAX_WORDS = 20
DEK_MAX_WORDS = 45

# A line that ends like a sentence (or a quotation, or a list) is body text.
_FINAL_PUNCT = re.compile(r"[.!?:;,…\"'”’)\]]\s*$")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_DATELINE = re.compile(
    r"""^(?P<place>
          [A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,3}      # one to four capitalised words
          (?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?          # optional ", March 3"
          (?:\s*\([^)]{1,40}\))?                          # optional "(Agency)"
        )\s*(?::|—|–|-{1,2})\s+(?=\S)""",
    re.VERBOSE,
)
_CREDIT = re.compile(
    r"""^[(\[]?\s*(?:additional\s+)?
        (?:report(?:ing|s|ed)?|writ(?:ing|ten)|edit(?:ing|ed|ors?)|compiled|
           translat(?:ion|ed)|photos?|graphics?|fact[- ]check(?:ing|ed)?)
        \s+by\b""",
    re.VERBOSE | re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)


@dataclass(frozen=True)
class _Line:
    number: int  # 1-based line number in the seed
    start: int  # offset of the first non-space character
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def _lines(text: str) -> list[_Line]:
    out, offset = [], 0
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if stripped:
            out.append(_Line(number, offset + raw.index(stripped[0]), stripped))
        offset += len(raw) + 1
    return out


def _title_like(line: _Line, max_words: int) -> bool:
    return (
        line.words <= max_words
        and len(line.text) <= 12 * max_words
        and not _FINAL_PUNCT.search(line.text)
        and bool(_HAS_LETTER.search(line.text))
        and not _CREDIT.match(line.text)
    )


def _is_heading(lines: list[_Line], i: int) -> bool:
    """A short unpunctuated line that introduces body text."""
    if not _title_like(lines[i], HEADING_MAX_WORDS) or i + 1 >= len(lines):
        return False
    following = lines[i + 1]
    return not _title_like(following, HEADING_MAX_WORDS)


def _is_credit(line: _Line) -> bool:
    return bool(_CREDIT.match(line.text) or _COPYRIGHT.match(line.text))


class _Builder:
    """Collects sentences with ids numbered in reading order."""

    def __init__(self, source_id: str):
        self.source_id = source_id
        self.count = 0

    def sentence(
        self, start: int, end: int, text: str, paragraph: int, section: str | None, role: Role
    ) -> Sentence:
        self.count += 1
        return Sentence(
            id=f"{self.source_id}-s{self.count}",
            text=text,
            start=start,
            end=end,
            source_id=self.source_id,
            paragraph=paragraph,
            section=section,
            role=role,
        )

    def paragraph(self, line: _Line, index: int, section: str | None, skip: int = 0) -> Paragraph:
        body = line.text[skip:]
        sentences = [
            self.sentence(s, e, t, index, section, "body")
            for s, e, t in split(body, offset=line.start + skip)
        ]
        return Paragraph(index=index, sentences=sentences)


def slugify(text: str) -> str:
    slug = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-_")
    return slug or "section"


def parse_text(text: str, meta: SourceMeta) -> Document:
    """Parse already-normalised article text."""
    lines = _lines(text)
    if not lines or not any(_HAS_LETTER.search(line.text) for line in lines):
        raise InputError(meta.path, "seed has no text")

    doc = Document(meta=meta, text=text)
    build = _Builder(meta.id)

    # Trailing credits, kept apart from the body.
    while len(lines) > 1 and _is_credit(lines[-1]):
        doc.credits.insert(0, lines.pop().text)

    i = 0
    first = lines[0]
    if len(lines) > 1 and _title_like(first, HEADLINE_MAX_WORDS):
        doc.headline = build.sentence(
            first.start, first.start + len(first.text), first.text, 0, None, "headline"
        )
        i = 1
        if (
            i + 1 < len(lines)
            and not _title_like(lines[i], HEADLINE_MAX_WORDS)
            and lines[i].words <= DEK_MAX_WORDS
            and _is_heading(lines, i + 1)
        ):
            dek = lines[i]
            doc.dek = build.sentence(dek.start, dek.start + len(dek.text), dek.text, 0, None, "dek")
            i += 1

    section = Section(heading=None)
    doc.sections.append(section)
    index = 0
    used_anchors: set[str] = set()
    for j in range(i, len(lines)):
        line = lines[j]
        if _is_heading(lines, j):
            anchor = slugify(line.text)
            while anchor in used_anchors:
                anchor += "-2"
            used_anchors.add(anchor)
            section = Section(heading=line.text, anchor=anchor)
            doc.sections.append(section)
            continue
        index += 1
        skip = 0
        if index == 1 and (m := _DATELINE.match(line.text)):
            doc.dateline = m.group("place").strip()
            skip = m.end()
        paragraph = build.paragraph(line, index, section.heading, skip)
        if skip:
            paragraph.dateline = doc.dateline
        section.paragraphs.append(paragraph)

    doc.sections = [s for s in doc.sections if s.paragraphs or s.heading]
    if not doc.body_sentences:
        raise InputError(meta.path, "seed has a title but no body text")
    return doc


def parse_seed(
    path: Path,
    meta: SourceMeta,
    max_bytes: int = MAX_BYTES,
    max_line: int = MAX_LINE_CHARS,
) -> Document:
    """Read and parse one seed file."""
    text = read_text(path, display=meta.path, max_bytes=max_bytes, max_line=max_line)
    return parse_text(text, meta)
