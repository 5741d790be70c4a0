"""Compact citation markers and one reference preview per cited sentence.

A page creates one ``References`` (``{% set refs = references(explainer, SITEURL) %}``)
and every citation on it becomes a short marker: the source's initial and the
order in which the page first cites that source's sentences ("W1", "R3")::

    <button type="button" class="cite" popovertarget="ref-wire-s3"
            aria-label="W1, Wire report">W1</button>

All markers of one sentence open the same preview, written once at the end of
the page by ``refs.previews()``: the quoted sentence, the source's name and
kind, and a link to the sentence on the source reader page. The ``popover``
attribute gives keyboard, pointer and touch access, Escape and light dismiss,
with no script; the preview stays until dismissed (WCAG 1.4.13). On paper the
markers print as text and the previews as a list of references.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import count, product
from string import ascii_uppercase

from markupsafe import Markup

from ..pipeline import Explainer
from ..urls import DEFAULT, Urls

KIND_TEXT = {"original": "original text", "translation": "machine translation"}


def _initial_candidates(label: str) -> Iterator[str]:
    """A source's possible initials, best first; endless, so any number of sources
    finds a free one (a finite list ran out at 27 sources)."""
    words = re.findall(r"[^\W_]+", label)
    yield from (w[0].upper() for w in words)
    yield from (c.upper() for c in "".join(words))
    yield from ascii_uppercase
    # Past 26 sources: two letters (the label's first two initials first), then more.
    if len(words) > 1:
        yield (words[0][0] + words[1][0]).upper()
    for size in count(2):
        yield from map("".join, product(ascii_uppercase, repeat=size))


def source_initials(labels: list[str]) -> list[str]:
    """One distinct initial per source: its label's initial, else a free letter or letters."""
    taken: set[str] = set()
    out = []
    for label in labels:
        pick = next(c for c in _initial_candidates(label) if c not in taken)
        taken.add(pick)
        out.append(pick)
    return out


class References:
    """The citations of one page: markers as they are used, previews at the end."""

    def __init__(
        self, explainer: Explainer, siteurl: str, id_prefix: str = "ref", urls: Urls = DEFAULT
    ) -> None:
        self.explainer = explainer
        self.urls = urls
        self.siteurl = siteurl
        self.id_prefix = id_prefix
        docs = explainer.documents
        self.initials = dict(
            zip([d.id for d in docs], source_initials([d.meta.label for d in docs]), strict=True)
        )
        self.labels: dict[str, str] = {}  # sentence id -> marker text, in order of first use
        self.counts: dict[str, int] = {}  # source id -> sentences cited so far

    def label(self, sentence_id: str) -> str:
        if sentence_id not in self.labels:
            source = self.explainer.sentences[sentence_id].source_id
            self.counts[source] = self.counts.get(source, 0) + 1
            self.labels[sentence_id] = f"{self.initials[source]}{self.counts[source]}"
        return self.labels[sentence_id]

    def _id(self, sentence_id: str) -> str:
        return f"{self.id_prefix}-{sentence_id}"

    def marker(self, sentence_id: str) -> Markup:
        """One compact marker opening the sentence's preview."""
        s = self.explainer.sentences[sentence_id]
        name = self.explainer.by_source[s.source_id].meta.label
        label = self.label(sentence_id)
        return Markup(
            '<button type="button" class="cite" popovertarget="{}" aria-label="{}, {}">{}</button>'
        ).format(self._id(sentence_id), label, name, label)

    def markers(self, sentence_ids: list[str]) -> Markup:
        """Several markers, as one group after a claim."""
        inner = Markup("").join(self.marker(sid) for sid in sentence_ids)
        return Markup('<span class="cites">{}</span>').format(inner)

    def sentence_url(self, sentence_id: str) -> str:
        s = self.explainer.sentences[sentence_id]
        return f"{self.siteurl}/{self.urls.sentence(self.explainer.slug, s.id, s.source_id)}"

    def preview(self, sentence_id: str) -> Markup:
        s = self.explainer.sentences[sentence_id]
        meta = self.explainer.by_source[s.source_id].meta
        kind = KIND_TEXT.get(meta.kind or "", meta.kind or "")
        return Markup(
            '<div popover id="{id}" class="ref"><p><b>{label}</b> {name}{kind}</p>'
            "<blockquote><p>{text}</p></blockquote>"
            '<p><a href="{href}">Sentence {number} in the source</a> '
            '<button type="button" popovertarget="{id}" popovertargetaction="hide">Close</button>'
            "</p></div>"
        ).format(
            id=self._id(sentence_id),
            label=self.labels[sentence_id],
            name=meta.label,
            kind=Markup(" <i>· {}</i>").format(kind) if kind else "",
            text=s.text,
            href=self.sentence_url(sentence_id),
            number=sentence_id.rsplit("-s", 1)[-1],
        )

    def link(self, sentence_id: str) -> Markup:
        """A marker for a claim that quotes its one sentence whole: a link to it in its source.

        A preview would only repeat the words beside it, so the page writes none.
        """
        s = self.explainer.sentences[sentence_id]
        name = self.explainer.by_source[s.source_id].meta.label
        number = sentence_id.rsplit("-s", 1)[-1]
        return Markup('<a class="cite" href="{}" aria-label="{} in {}">{}</a>').format(
            self.sentence_url(sentence_id), f"Sentence {number}", name, number
        )

    def for_claim(self, text: str, sentence_ids: list[str]) -> Markup:
        """Markers for a claim; a claim that is its one cited sentence verbatim gets a link."""
        if len(sentence_ids) == 1 and self.explainer.sentences[sentence_ids[0]].text == text:
            return Markup('<span class="cites">{}</span>').format(self.link(sentence_ids[0]))
        return self.markers(sentence_ids)

    def previews(self) -> Markup:
        """Every preview the page's markers open, once each, in order of first use."""
        if not self.labels:
            return Markup("")
        inner = Markup("").join(self.preview(sid) for sid in self.labels)
        return Markup(
            '<div class="refs" data-pagefind-ignore data-glossary="off">'
            '<h2 class="print-only">Citations</h2>{}</div>'
        ).format(inner)


# What render_cited gives the Markdown renderer for each citation, to swap for a marker.
_PLACEHOLDER = re.compile(r'<a class="cite" href="#cite-(\d+)" title="-">\[-\]</a>')


def cited_markup(html: str, sentence_ids: list[str], refs: References) -> Markup:
    """Replace the renderer's numbered citation placeholders with markers."""
    return Markup(_PLACEHOLDER.sub(lambda m: refs.marker(sentence_ids[int(m[1])]), html))


def placeholder(sentence_ids: list[str]) -> Callable[[str], tuple[str, str, str]]:
    """A cite resolver that numbers citations in order, for ``cited_markup``."""

    def resolve(sentence_id: str) -> tuple[str, str, str]:
        sentence_ids.append(sentence_id)
        return f"#cite-{len(sentence_ids) - 1}", "-", "-"

    return resolve
