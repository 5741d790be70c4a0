"""Markdown for authors' text (intros, glossary bodies, editor's notes).

Raw HTML is disabled: whatever an author pastes is escaped, never executed.
Authors cite source sentences with ``[@wire-s3]`` or ``[@wire-s3; @other-s7]``;
the ids are checked against the sources and rendered as citation links.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

_CITE = re.compile(r"\[@([\w-]+(?:\s*[;,]\s*@[\w-]+)*)\]")

# Given a sentence id, return (href, title, label) for its citation link.
CiteResolver = Callable[[str], tuple[str, str, str]]


def _cite_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[@", state.pos):
        return False
    match = _CITE.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("cite", "", 0)
        token.meta = {"ids": [i.strip().lstrip("@") for i in re.split(r"[;,]", match.group(1))]}
    state.pos = match.end()
    return True


def _render_cite(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    resolve: CiteResolver | None = env.get("cite")
    links = []
    for sid in tokens[idx].meta["ids"]:
        if resolve is None:
            links.append(f'<span class="cite">[{escape(sid)}]</span>')
            continue
        href, title, label = resolve(sid)
        links.append(
            f'<a class="cite" href="{escape(href)}" title="{escape(title)}">[{escape(label)}]</a>'
        )
    return '<span class="cites">' + "".join(links) + "</span>"


def cite_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "cite", _cite_rule)
    md.add_render_rule("cite", _render_cite)


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    # Imported on first use: a build served from the caches renders no Markdown.
    from markdown_it import MarkdownIt
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": False, "typographer": True})
    md.enable(["replacements", "smartquotes", "table", "strikethrough"])
    return md.use(front_matter_plugin).use(footnote_plugin).use(deflist_plugin).use(cite_plugin)


def split_front_matter(text: str) -> tuple[str | None, int, str]:
    """Return ``(yaml_text, body_first_line, body)``; yaml_text is None if absent."""
    tokens = parser().parse(text)
    if tokens and tokens[0].type == "front_matter" and tokens[0].map:
        end = tokens[0].map[1]  # 0-based line after the closing fence
        lines = text.split("\n")
        return tokens[0].content, end + 1, "\n".join(lines[end:])
    return None, 1, text


def cited_ids(text: str) -> list[str]:
    """Every sentence id an author's Markdown cites, in order."""
    ids: list[str] = []
    for token in parser().parse(text):
        for child in token.children or []:
            if child.type == "cite":
                ids.extend(child.meta["ids"])
    return ids


def render(text: str, cite: CiteResolver | None = None) -> str:
    """Render Markdown to HTML (no front matter expected)."""
    return parser().render(text, {"cite": cite} if cite else {})


def render_inline(text: str, cite: CiteResolver | None = None) -> str:
    return parser().renderInline(text, {"cite": cite} if cite else {})
