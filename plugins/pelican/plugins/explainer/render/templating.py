"""What the theme's templates call: citation rendering, term linking, URL helpers,
and the bytecode cache that lets Pelican's generators share compiled templates.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from jinja2 import BytecodeCache, Environment, TemplateNotFound, nodes
from jinja2.bccache import Bucket
from markupsafe import Markup

from ..parse import markdown
from ..pipeline import Explainer
from ..urls import DEFAULT, Urls, web_url
from . import page
from .citations import References, cited_markup, placeholder


def render_cited(
    explainer: Explainer,
    text: str,
    siteurl: str,
    inline: bool = False,
    refs: References | None = None,
    urls: Urls = DEFAULT,
) -> Markup:
    """Render an author's Markdown with its [@sentence-id] citations.

    With ``refs`` (the page's ``References``) each citation becomes a compact
    marker opening its sentence's preview; without, a link to the sentence.
    """
    render = markdown.render_inline if inline else markdown.render
    if refs is not None:
        cited: list[str] = []
        return cited_markup(render(text, placeholder(cited)), cited, refs)

    def resolve(sentence_id: str) -> tuple[str, str, str]:
        s = explainer.sentences[sentence_id]
        label = explainer.by_source[s.source_id].meta.label
        href = f"{siteurl}/{urls.sentence(explainer.slug, s.id, s.source_id)}"
        return href, f"{label}: {s.text}", label

    return Markup(render(text, resolve))


def link_terms_filter(
    html: str, entries: list[Any], glossary_href: str, id_prefix: str = "g"
) -> Markup:
    """``{% filter link_terms(glossary, SITEURL ~ "/" ~ glossary_url()) %}`` in templates.

    Each filtered fragment on one page needs its own ``id_prefix`` so popover ids stay unique.
    """
    from .linker import link_terms  # bs4: only when a page is rendered

    return Markup(link_terms(str(html), entries or [], glossary_href, id_prefix))


MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(day: date) -> str:
    """``4 March 2025``: the same on every platform and locale (``strftime('%-d')`` is glibc's)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def template_globals(urls: Urls) -> dict[str, Any]:
    """What the templates call, with the site's URL patterns bound in."""
    return {
        "long_date": long_date,
        "render_cited": partial(render_cited, urls=urls),
        "references": partial(References, urls=urls),
        "auto_lede": page.auto_lede,
        "split_facts": page.split_facts,
        "facts_by_topic": page.by_topic,
        "excerpt": page.excerpt,
        "sides_in_time": partial(page.sides_in_time, long_date=long_date),
        "shorten": page.shorten,
        "explainer_url": urls.explainer,
        "source_url": urls.source,
        "sentence_url": urls.sentence,
        "comparison_url": urls.comparison,
        "data_url": urls.data,
        "glossary_url": urls.glossary,
        "search_url": urls.search,
        "web_url": web_url,
    }


# Pelican's own theme, which its template loader always offers under this prefix.
SIMPLE_BASE = "!simple/base.html"


def theme_layout(env: Environment) -> tuple[str, frozenset[str]]:
    """The layout the plugin's pages extend, and the names of its blocks.

    The theme's ``base.html``, else Pelican's "simple" one. The block names are
    read from the template and every template it extends, so the plugin's
    layout fills only blocks the theme has (a block the parent lacks would be
    dropped silently by Jinja, taking the stylesheet link with it)."""
    for name in ("base.html", SIMPLE_BASE):
        try:
            return name, frozenset(_blocks(env, name, set()))
        except TemplateNotFound:
            continue
    return SIMPLE_BASE, frozenset()


def _blocks(env: Environment, name: str, seen: set[str]) -> set[str]:
    if name in seen:  # a template extending itself is the theme's error, not a loop here
        return set()
    seen.add(name)
    assert env.loader is not None
    source = env.loader.get_source(env, name)[0]
    tree = env.parse(source)
    found = {block.name for block in tree.find_all(nodes.Block)}
    for parent in tree.find_all(nodes.Extends):
        if isinstance(parent.template, nodes.Const) and isinstance(parent.template.value, str):
            found |= _blocks(env, parent.template.value, seen)
    return found


class SharedBytecode(BytecodeCache):
    """Compiled templates shared by one process's Jinja environments (Pelican gives
    every generator its own), so each template compiles once per process.

    Kept in memory only: a copy in the build cache made no measurable difference
    to rebuilds (``python -m bench``)."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)  # ignored if the source changed since

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()
