"""What the theme's templates call: citation rendering, term linking, URL helpers,
and the bytecode cache that lets Pelican's generators share compiled templates.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import sys
import tempfile
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import BytecodeCache, Environment, TemplateNotFound, nodes
from jinja2.bccache import Bucket
from markupsafe import Markup

from ..errors import check_interrupted
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


def _options_key(env: Environment) -> str:
    """What compiled template code depends on besides the template's own source
    (which Jinja checks itself): Jinja, Python and this package's versions, and the
    environment's syntax and compile options (a site may set ``trim_blocks``)."""
    finalize = getattr(env.finalize, "__qualname__", repr(env.finalize))
    autoescape = getattr(env.autoescape, "__qualname__", repr(env.autoescape))
    parts = (
        jinja2.__version__, sys.implementation.cache_tag, _package_version(),
        env.block_start_string, env.block_end_string, env.variable_start_string,
        env.variable_end_string, env.comment_start_string, env.comment_end_string,
        env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
        env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
        sorted(env.extensions), env.optimized, autoescape, finalize, env.is_async,
    )  # fmt: skip
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def _package_version() -> str:
    try:
        return importlib.metadata.version("pelican-explainer")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree
        return "unknown"


# Beside the package's own compiled Python: templates compile once per installed version.
STORE = Path(__file__).resolve().parents[1] / "__pycache__" / "jinja"


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
    """Compiled templates: shared by one process's Jinja environments (Pelican gives
    every generator its own), and kept on disk per installed version, so a template
    compiles once, not once per build.

    The store sits beside the package's ``__pycache__`` (a read-only installation
    keeps compiled templates in memory only). Each file is named by the options the
    code was compiled with and the template's name and path; Jinja itself discards
    code whose template source has changed since. Not the build cache: a cold build
    (cache off) compiled all 21 templates again, about a third of a second."""

    def __init__(self, directory: Path | None = STORE) -> None:
        self._compiled: dict[str, bytes] = {}
        self.directory = directory

    def _name(self, bucket: Bucket) -> str:
        return f"{_options_key(bucket.environment)}-{bucket.key}"

    def load_bytecode(self, bucket: Bucket) -> None:
        name = self._name(bucket)
        data = self._compiled.get(name)
        if data is None and self.directory is not None:
            try:
                data = (self.directory / name).read_bytes()
            except OSError:
                data = None
        if data is not None:
            # A damaged or foreign file fails Jinja's magic or checksum test (a fresh
            # compile), or cannot be unmarshalled: compile afresh then too.
            try:
                bucket.bytecode_from_string(data)
            except Exception:
                check_interrupted()  # a signal mid-read is no damaged file
                bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        name = self._name(bucket)
        data = bucket.bytecode_to_string()
        self._compiled[name] = data
        if self.directory is None:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(tmp, self.directory / name)  # whole or absent, never half
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            self.directory = None  # not writable: memory only from now on
