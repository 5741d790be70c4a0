"""The small document model every analysis works on.

Parsing turns a raw seed into a :class:`Document`; analysis reads documents
and returns plain items that cite sentence ids. Nothing here knows Pelican.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Role = Literal["headline", "dek", "body"]


@dataclass(frozen=True)
class Sentence:
    """One sentence, addressable by ``id`` and mapped back to the seed text.

    ``start``/``end`` are character offsets into :attr:`Document.text` (the
    decoded, newline-normalised seed), so ``doc.text[start:end] == text``.
    """

    id: str
    text: str
    start: int
    end: int
    source_id: str
    paragraph: int
    section: str | None = None
    role: Role = "body"


@dataclass
class Paragraph:
    index: int
    sentences: list[Sentence]
    dateline: str | None = None

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


@dataclass
class Section:
    heading: str | None
    paragraphs: list[Paragraph] = field(default_factory=list)
    anchor: str | None = None


@dataclass
class SourceMeta:
    """What the explainer's content file says about one seed."""

    path: str
    id: str
    label: str
    publisher: str | None = None
    published: date | None = None
    kind: str | None = None
    url: str | None = None
    # Stated in the content file or, when it is silent, detected in the seed.
    published_time: str | None = None  # "HH:MM", with the zone when stated
    dateline: str | None = None
    byline: str | None = None
    # False when the content file gives no label: the seed's outlet then names it.
    label_given: bool = True

    @property
    def link(self) -> str | None:
        """``url`` when a page may link to it: a saved page's canonical URL can be
        relative or a ``javascript:`` address, and neither is a way to the original."""
        url = (self.url or "").strip()
        return url if url.startswith(("https://", "http://")) and len(url) > 8 else None


@dataclass
class Document:
    meta: SourceMeta
    text: str
    headline: Sentence | None = None
    dek: Sentence | None = None
    dateline: str | None = None
    sections: list[Section] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.sections for p in s.paragraphs]

    @property
    def body_sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]

    @property
    def sentences(self) -> list[Sentence]:
        """Every citable sentence: headline, dek, then the body in order."""
        head = [s for s in (self.headline, self.dek) if s is not None]
        return head + self.body_sentences

    @property
    def headings(self) -> list[str]:
        return [s.heading for s in self.sections if s.heading]

    @property
    def word_count(self) -> int:
        return sum(len(s.text.split()) for s in self.sentences)
