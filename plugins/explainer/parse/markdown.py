"""Markdown for authors' text (intros, glossary bodies, editor's notes).

Raw HTML is disabled: whatever an author pastes is escaped, never executed.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": True})
    md.enable(["replacements", "smartquotes", "table", "strikethrough"])
    return md.use(front_matter_plugin).use(footnote_plugin).use(deflist_plugin)


def split_front_matter(text: str) -> tuple[str | None, int, str]:
    """Return ``(yaml_text, body_first_line, body)``; yaml_text is None if absent."""
    tokens = parser().parse(text)
    if tokens and tokens[0].type == "front_matter" and tokens[0].map:
        end = tokens[0].map[1]  # 0-based line after the closing fence
        lines = text.split("\n")
        return tokens[0].content, end + 1, "\n".join(lines[end:])
    return None, 1, text


def render(text: str) -> str:
    """Render Markdown to HTML (no front matter expected)."""
    return parser().render(text)


def render_inline(text: str) -> str:
    return parser().renderInline(text)
