"""What the theme's templates call: citation rendering, term linking, URL helpers,
and an in-memory bytecode cache that lets Pelican's generators share compiled templates.
"""

from __future__ import annotations

from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from markupsafe import Markup

from .. import urls
from ..parse import markdown
from ..pipeline import Explainer


def render_cited(explainer: Explainer, text: str, siteurl: str, inline: bool = False) -> Markup:
    """Render an author's Markdown with its [@sentence-id] citations as links."""

    def resolve(sentence_id: str) -> tuple[str, str, str]:
        s = explainer.sentences[sentence_id]
        label = explainer.by_source[s.source_id].meta.label
        href = f"{siteurl}/{urls.sentence(explainer.slug, s.id, s.source_id)}"
        return href, f"{label}: {s.text}", label

    render = markdown.render_inline if inline else markdown.render
    return Markup(render(text, resolve))


def link_terms_filter(
    html: str, entries: list[Any], glossary_href: str, id_prefix: str = "g"
) -> Markup:
    """``{% filter link_terms(glossary, SITEURL ~ "/" ~ glossary_url()) %}`` in templates.

    Each filtered fragment on one page needs its own ``id_prefix`` so popover ids stay unique.
    """
    from .linker import link_terms  # bs4: only when a page is rendered

    return Markup(link_terms(str(html), entries or [], glossary_href, id_prefix))


TEMPLATE_GLOBALS: dict[str, Any] = {
    "render_cited": render_cited,
    "explainer_url": urls.explainer,
    "source_url": urls.source,
    "sentence_url": urls.sentence,
    "comparison_url": urls.comparison,
    "data_url": urls.data,
    "glossary_url": urls.glossary,
}


class InMemoryBytecode(BytecodeCache):
    """Compiled templates shared by one process's environments (no cache directory)."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)  # ignored if the source changed since

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()
