"""Raw article text to a :class:`~pelican.plugins.explainer.model.Document`.

The structure is recovered by general typographic rules, applied to the
text's lines in order (see :mod:`.layout` for the line rules):

* furniture (time stamps, read times, photo credits, "Read more" lines) and
  bylines are never body text; a time stamp gives the publication date;
* headline: a short first line without final punctuation;
* outlet tag: an agency or outlet line under the headline;
* dek: the line after the headline, when a heading, a byline, a time stamp
  or a dateline paragraph follows it, or when it is a long unpunctuated line;
* heading: a short line without final punctuation followed by body text;
* dateline: ``PLACE:`` / ``PLACE, Month D (Agency) -`` opening the first paragraph;
* credits: "Reporting by ... / Editing by ..." lines above or below the body.

Hard-wrapped paragraphs are joined first (:mod:`.reflow`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import InputError
from ..model import Document, Paragraph, Role, Section, Sentence, SourceMeta
from .dates import Stamp, find_stamp
from .labels import source_label
from .layout import CREDIT, DATELINE, DATELINE_LINE, classify, is_outlet_tag
from .reflow import Line, logical_lines
from .sentences import split
from .slug import slugify
from .text import MAX_BYTES, MAX_LINE_CHARS, read_text
from .webpage import HTML_SUFFIXES

OUTLET_MAX_WORDS = 4  # an outlet's name on its own line
HEADING_MAX_WORDS = 12
HEADLINE_MAX_WORDS = 20
DEK_MAX_WORDS = 45
# Credits lines count as credits only this near the top (or in the closing run).
HEADER_LINES = 2
# At most this many short lines may follow the closing credits (a standards note, a tag line).
SIGNOFF_LINES = 3

# A line that ends like a sentence (or a quotation, or a list) is body text.
_FINAL_PUNCT = re.compile(r"[.!?:;,…\"'”’)\]]\s*$")
_LABELLED = re.compile(r"^[^\W\d_][\w ]{0,30}:\s")
_HAS_LETTER = re.compile(r"[^\W\d_]")
# Kept for callers that imported them from here.
_DATELINE = DATELINE
_CREDIT = CREDIT


@dataclass(frozen=True)
class _Kept:
    line: Line
    after_furniture: bool  # a byline or time stamp stood between it and the line before


@dataclass
class _Found:
    """What the layout states about the article, beside its text."""

    byline: str | None = None  # from a "By NAME" or "NAME | Agency" line
    credited: str | None = None  # from a "Reporting by NAME" line
    stamp: Stamp | None = None
    agency: str | None = None


def _title_like(line: Line, max_words: int) -> bool:
    return (
        line.words <= max_words
        and len(line.text) <= 12 * max_words
        and not _FINAL_PUNCT.search(line.text)
        and bool(_HAS_LETTER.search(line.text))
        and not _CREDIT.match(line.text)
    )


def _is_heading(lines: list[Line], i: int) -> bool:
    """A short unpunctuated line that introduces body text."""
    if not _title_like(lines[i], HEADING_MAX_WORDS) or i + 1 >= len(lines):
        return False
    following = lines[i + 1]
    return not _title_like(following, HEADING_MAX_WORDS)


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

    def whole(self, line: Line, role: Role) -> Sentence:
        return self.sentence(line.start, line.start + len(line.text), line.text, 0, None, role)

    def paragraph(self, line: Line, index: int, section: str | None, skip: int = 0) -> Paragraph:
        body = line.text[skip:]
        at = line.start + skip
        # A joined paragraph keeps its line breaks in the text; the splitter sees spaces.
        sentences = [
            self.sentence(s, e, body[s - at : e - at], index, section, "body")
            for s, e, _ in split(body.replace("\n", " "), offset=at)
        ]
        return Paragraph(index=index, sentences=sentences)


def _footer_like(line: Line) -> bool:
    """A short unpunctuated or labelled line ("Our policy: ..."), not a closing sentence."""
    return line.words <= HEADING_MAX_WORDS and (
        not _FINAL_PUNCT.search(line.text) or bool(_LABELLED.match(line.text))
    )


def _sort_lines(lines: list[Line], doc: Document, found: _Found) -> list[_Kept]:
    """Keep the lines that may be text; furniture, bylines and credits go to ``found``/``doc``."""
    kinds = [classify(line.text) for line in lines]
    # The closing run of credits and furniture (at least one line stays).
    tail = len(lines)
    while tail > 1 and kinds[tail - 1].kind != "text":
        tail -= 1
    # A sign-off ends the story: a few short lines after the last credits line are footer.
    signoff = max((n for n, k in enumerate(kinds[:tail]) if k.kind == "credit"), default=-1)
    after = lines[signoff + 1 : tail]
    if signoff <= HEADER_LINES or len(after) > SIGNOFF_LINES:
        signoff = -1  # no sign-off near the end
    elif all(map(_footer_like, after)):
        tail = signoff
    kept: list[_Kept] = []
    gap = False
    for n, (line, info) in enumerate(zip(lines, kinds, strict=True)):
        kind = info.kind
        if kind == "credit" and n < tail and n != signoff and len(kept) > HEADER_LINES:
            kind = "text"  # "Written by ..." inside the body is a sentence
        elif kind == "text" and n >= tail:
            kind = "credit"  # a line after the sign-off
        if kind == "text":
            kept.append(_Kept(line, gap))
            gap = False
            continue
        gap = True
        if info.stamp and found.stamp is None:
            found.stamp = info.stamp
        if kind in ("byline", "credit"):
            doc.credits.append(line.text)
        if kind == "byline":
            found.byline = found.byline or info.byline
        elif kind == "credit":
            found.credited = found.credited or info.byline
    return kept


def _opens_with_dateline(line: Line) -> bool:
    return bool(DATELINE.match(line.text))


def _dateline_alone(line: Line) -> str | None:
    m = DATELINE_LINE.match(line.text)
    if m and (m.group("date") or m.group("agency") or line.text[-1] in "—–-"):
        return m.group("head").strip()
    return None


def _is_dek(kept: list[_Kept], i: int) -> bool:
    """The line after the headline is a dek when what follows sets it apart from the body."""
    if i + 1 >= len(kept):
        return False
    line, nxt = kept[i].line, kept[i + 1]
    if line.words > DEK_MAX_WORDS or _opens_with_dateline(line):
        return False
    if nxt.after_furniture or _opens_with_dateline(nxt.line):
        return True  # a byline, time stamp or dateline starts the body
    if _title_like(line, HEADING_MAX_WORDS):
        return False  # a short unpunctuated line before body text is a heading
    if _is_heading([k.line for k in kept], i + 1):
        return not _title_like(line, HEADLINE_MAX_WORDS)
    return not _FINAL_PUNCT.search(line.text)  # a standfirst too long to be a heading


def _names_the_wire(kept: list[_Kept], i: int) -> bool:
    """A short name on its own line right above a dateline that credits it:
    "Meridian" over "BRENNICK, Aug 12 (Meridian) - …" is the wire, not a heading."""
    if i + 1 >= len(kept) or not _title_like(kept[i].line, OUTLET_MAX_WORDS):
        return False
    m = DATELINE.match(kept[i + 1].line.text)
    agency = (m.group("agency") or "") if m else ""
    return bool(agency) and agency.strip().lower() == kept[i].line.text.strip().lower()


def _skip_tags(kept: list[_Kept], i: int, doc: Document, found: _Found) -> int:
    """Step over agency and outlet lines under the headline or dek."""
    while i + 1 < len(kept) and (is_outlet_tag(kept[i].line.text) or _names_the_wire(kept, i)):
        found.agency = found.agency or kept[i].line.text.strip("()[] ")
        doc.credits.append(kept[i].line.text)
        i += 1
    return i


def _enriched(meta: SourceMeta, doc: Document, found: _Found) -> SourceMeta:
    """The content file's values win; detected ones fill the gaps."""
    stamp = found.stamp
    agency = found.agency
    if doc.dateline and (m := DATELINE.match(doc.dateline + " - x")):
        if stamp is None:
            stamp = find_stamp(m.group("date") or "")  # a dateline that states its year
        agency = agency or m.group("agency")
    published = meta.published or (stamp.date if stamp else None)
    same_day = stamp is not None and stamp.date == published
    publisher = meta.publisher or agency
    label = meta.label
    if not meta.label_given:
        label = source_label(publisher, meta.kind, wire=agency is not None) or label
    return replace(
        meta,
        label=label,
        publisher=publisher,
        published=published,
        published_time=meta.published_time or (stamp.time if same_day and stamp else None),
        dateline=meta.dateline or doc.dateline,
        byline=meta.byline or found.byline or found.credited,
    )


def parse_text(
    text: str, meta: SourceMeta, headline: bool | None = None, dek: bool | None = None
) -> Document:
    """Parse already-normalised article text.

    ``headline``/``dek`` say whether the first lines are a headline and a dek
    when another reader already knows (a web page's markup); None detects them.
    """
    lines = logical_lines(text)
    if not lines or not any(_HAS_LETTER.search(line.text) for line in lines):
        raise InputError(meta.path, "seed has no text")

    doc = Document(meta=meta, text=text)
    build = _Builder(meta.id)
    found = _Found()
    kept = _sort_lines(lines, doc, found)
    if not kept:
        raise InputError(meta.path, "seed has no article text, only bylines and page furniture")

    i = 0
    first = kept[0].line
    if headline is None:
        headline = len(kept) > 1 and _title_like(first, HEADLINE_MAX_WORDS)
    if headline:
        doc.headline = build.whole(first, "headline")
        i = _skip_tags(kept, 1, doc, found)
    if dek or (dek is None and headline and _is_dek(kept, i)):
        doc.dek = build.whole(kept[i].line, "dek")
        i = _skip_tags(kept, i + 1, doc, found)
    body = [k.line for k in kept[i:]]

    section = Section(heading=None)
    doc.sections.append(section)
    index = 0
    used_anchors: set[str] = set()
    for j, line in enumerate(body):
        if index == 0 and j + 1 < len(body) and (own := _dateline_alone(line)):
            doc.dateline = own  # a dateline on a line of its own
            continue
        if _is_heading(body, j):
            anchor = slugify(line.text)
            while anchor in used_anchors:
                anchor += "-2"
            used_anchors.add(anchor)
            section = Section(heading=line.text, anchor=anchor)
            doc.sections.append(section)
            continue
        index += 1
        skip = 0
        if index == 1 and doc.dateline is None and (m := DATELINE.match(line.text)):
            doc.dateline = m.group("head").strip()
            skip = m.end()
        paragraph = build.paragraph(line, index, section.heading, skip)
        if index == 1 and doc.dateline:
            paragraph.dateline = doc.dateline
        section.paragraphs.append(paragraph)

    doc.sections = [s for s in doc.sections if s.paragraphs or s.heading]
    if not doc.body_sentences:
        raise InputError(meta.path, "seed has a title but no body text")
    doc.meta = _enriched(meta, doc, found)
    return doc


def parse_seed(
    path: Path,
    meta: SourceMeta,
    max_bytes: int = MAX_BYTES,
    max_line: int = MAX_LINE_CHARS,
) -> Document:
    """Read and parse one seed file: plain text, or a saved web page (``.html``)."""
    if path.suffix.lower() in HTML_SUFFIXES:
        return _parse_page(path, meta, max_bytes)
    text = read_text(path, display=meta.path, max_bytes=max_bytes, max_line=max_line)
    return parse_text(text, meta)


def _parse_page(path: Path, meta: SourceMeta, max_bytes: int) -> Document:
    from .webpage import extract

    # Markup lines may be very long (minified pages): the line limit is for text.
    html = read_text(path, display=meta.path, max_bytes=max_bytes, max_line=max_bytes)
    page = extract(html, meta.path)
    # The content file wins; the page's metadata fills what it leaves out.
    meta = replace(
        meta,
        publisher=meta.publisher or page.publisher,
        url=meta.url or page.url,
        published=meta.published or page.published,
        published_time=meta.published_time
        or (
            page.time
            if page.published and page.published == (meta.published or page.published)
            else None
        ),
        byline=meta.byline or page.byline,
    )
    return parse_text(page.text, meta, headline=page.headline is not None, dek=page.dek is not None)
