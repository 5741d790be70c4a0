"""Glossary terms in rendered HTML: a link plus a definition readable in place.

Works on the parsed tree (beautifulsoup4), one text node at a time, so a
mention can never cross an element boundary: a term stays inside its sentence
``<span>`` and sentence anchors survive untouched. The first mention of a
term in each page section (``<section>``/``<article>``, or the whole fragment)
becomes::

    <span class="term">
      <a class="term-link" href="GLOSSARY#slug">mention</a>
      <button type="button" class="term-toggle" popovertarget="ID"
              aria-label="Define Term">?</button>
      <span popover id="ID" class="term-pop" role="note">
        short definition <a href="GLOSSARY#slug">More on Term</a>
      </span>
    </span>

(without the whitespace). The ``popover`` attribute gives keyboard and pointer
access, Escape and light dismiss with no script (WCAG 1.4.13); where it is
unsupported the mention is still a plain link to the glossary entry. Every
element is phrasing content, so the markup is valid inside a ``<p>``. Later
mentions in the same section get a light ``<span class="term-mention">``.

Nothing is marked inside headings, links, buttons, code, form controls,
scripts, an existing term, or any element with ``data-glossary="off"``;
attributes such as ``title`` are never touched.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter

from ..glossary import GlossaryEntry, Mention, matcher_for

SKIP_TAGS = frozenset(
    {
        *(f"h{n}" for n in range(1, 7)),
        "a",
        "button",
        "code",
        "pre",
        "kbd",
        "samp",
        "script",
        "style",
        "template",
        "textarea",
        "select",
        "option",
        "label",
        "summary",
        "dfn",
        "svg",
        "math",
        "title",
        "head",
    }
)
SCOPE_TAGS = frozenset({"section", "article"})
SKIP_CLASSES = frozenset({"term", "term-pop", "term-mention"})
OPT_OUT_ATTR = "data-glossary"


class _Html(HTMLFormatter):
    """HTML5 output that keeps the author's attribute order and characters."""

    def __init__(self) -> None:
        super().__init__(
            entity_substitution=EntitySubstitution.substitute_xml,
            void_element_close_prefix=None,
            empty_attributes_are_booleans=True,
        )

    def attributes(self, tag: Tag) -> Iterable[tuple[str, Any]]:
        # As the base class, minus its alphabetical sort.
        return [(key, None if value == "" else value) for key, value in tag.attrs.items()]


def _scope(node: NavigableString) -> Tag | None:
    """The section a text node belongs to, or None where terms must not go."""
    scope: Tag | None = None
    for parent in node.parents:
        if isinstance(parent, BeautifulSoup):
            return scope or parent
        if parent.name in SKIP_TAGS or parent.get(OPT_OUT_ATTR) == "off":
            return None
        if SKIP_CLASSES.intersection(parent.get("class") or ()):
            return None
        if scope is None and parent.name in SCOPE_TAGS:
            scope = parent
    return scope


class _Builder:
    def __init__(self, soup: BeautifulSoup, glossary_url: str, id_prefix: str):
        self.soup = soup
        self.glossary_url = glossary_url
        self.id_prefix = id_prefix
        self.taken = {str(tag["id"]) for tag in soup.find_all(id=True)}
        self.count = 0

    def _tag(self, name: str, text: str | None = None, **attrs: str) -> Tag:
        tag = self.soup.new_tag(name, attrs=attrs)
        if text is not None:
            tag.append(NavigableString(text))
        return tag

    def _new_id(self, slug: str) -> str:
        while True:
            self.count += 1
            candidate = f"{self.id_prefix}-{slug}-{self.count}"
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate

    def linked(self, mention: Mention, entry: GlossaryEntry) -> Tag:
        href = f"{self.glossary_url}#{entry.slug}"
        pop_id = self._new_id(entry.slug)
        outer = self._tag("span", **{"class": "term"})
        outer.append(self._tag("a", mention.text, **{"class": "term-link", "href": href}))
        outer.append(
            self._tag(
                "button",
                "?",
                **{
                    "type": "button",
                    "class": "term-toggle",
                    "popovertarget": pop_id,
                    "aria-label": f"Define {entry.term}",
                },
            )
        )
        pop = self._tag(
            "span", **{"popover": "", "id": pop_id, "class": "term-pop", "role": "note"}
        )
        pop.append(NavigableString(entry.short + " "))
        pop.append(self._tag("a", f"More on {entry.term}", href=href))
        outer.append(pop)
        return outer

    def repeated(self, mention: Mention) -> Tag:
        return self._tag("span", mention.text, **{"class": "term-mention"})


def link_terms(
    html: str,
    entries: list[GlossaryEntry],
    glossary_url: str,
    id_prefix: str = "g",
    mark_repeats: bool = True,
) -> str:
    """Link glossary terms in an HTML fragment or page; returns new HTML.

    ``glossary_url`` is the glossary page's URL as the page should write it
    (already carrying SITEURL). Popover ids are ``{id_prefix}-{slug}-{n}`` and
    avoid every id already in ``html``; give each fragment of one page its own
    ``id_prefix`` when linking fragments separately. Input with nothing to
    link is returned unchanged.
    """
    matcher = matcher_for(entries)
    if not html or not matcher:
        return html
    by_slug = {entry.slug: entry for entry in entries}
    soup = BeautifulSoup(html, "html.parser")
    build = _Builder(soup, glossary_url, id_prefix)
    linked: dict[int, set[str]] = {}  # id(section) -> slugs already linked there
    changed = False
    for node in list(soup.find_all(string=True)):
        if type(node) is not NavigableString:  # comments, CDATA, doctype
            continue
        text = str(node)
        mentions = matcher.find(text)
        if not mentions:
            continue
        scope = _scope(node)
        if scope is None:
            continue
        done = linked.setdefault(id(scope), set())
        pieces: list[Tag | NavigableString] = []
        position = 0
        for mention in mentions:
            if mention.slug in done and not mark_repeats:
                continue
            if mention.start > position:
                pieces.append(NavigableString(text[position : mention.start]))
            if mention.slug in done:
                pieces.append(build.repeated(mention))
            else:
                done.add(mention.slug)
                pieces.append(build.linked(mention, by_slug[mention.slug]))
            position = mention.end
        if not pieces:
            continue
        if position < len(text):
            pieces.append(NavigableString(text[position:]))
        node.replace_with(*pieces)
        changed = True
    return soup.decode(formatter=_Html()) if changed else html
