"""Add one entry to a content file's ``sources:`` list, changing nothing else.

The front matter is parsed with ruamel.yaml, a round-trip YAML library: its
node tree gives where the top-level ``sources`` list starts and where its last
item ends, so a ``sources:`` inside a ``summary: |`` block or under another key
is never mistaken for it. The new entry is rendered by the same library (it
quotes a path or label as YAML needs) and inserted at that point as text, so
every other byte (comments, key order, quoting, spacing, the body) stays as the
author wrote it; re-dumping the whole mapping would re-indent and re-wrap it.
The result is parsed again and must equal the old data plus the one entry.
"""

from __future__ import annotations

import io
from typing import Any

from ..errors import InputError
from . import markdown
from .content import load_front_matter


def _front_span(text: str, shown: str) -> tuple[int, int]:
    """Character offsets of the YAML between the ``---`` fences."""
    front, body_line, _ = markdown.split_front_matter(text)
    if front is None:
        raise InputError(shown, "no front matter: the file must start with a '---' block", line=1)
    lines = text.split("\n")
    fence = body_line - 2  # 0-based line of the closing fence
    start = len(lines[0]) + 1
    end = sum(len(line) + 1 for line in lines[:fence])
    if text[start:end].rstrip("\n") != front.rstrip("\n"):
        raise InputError(shown, "cannot find where the front matter ends; add the source by hand")
    return start, end


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 1_000_000  # never fold a long label over lines
    yaml.allow_unicode = True
    return yaml


def top_level(front: str, shown: str, name: str) -> list[tuple[Any, Any]]:
    """The (key, value) nodes of every top-level ``name:`` in the front matter, in order."""
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.nodes import MappingNode, ScalarNode

    try:
        root = _yaml().compose(front)
    except YAMLError as exc:
        raise InputError(shown, f"front matter: {getattr(exc, 'problem', None) or exc}") from None
    if not isinstance(root, MappingNode):
        raise InputError(shown, "front matter must be a mapping of 'key: value' lines", line=2)
    return [(k, v) for k, v in root.value if isinstance(k, ScalarNode) and k.value == name]


def _sources_node(front: str, shown: str) -> Any:
    """The node of the top-level ``sources`` key's value (the last, as YAML loaders keep)."""
    from ruamel.yaml.nodes import SequenceNode

    found = top_level(front, shown, "sources")
    if not found or not isinstance(found[-1][1], SequenceNode):
        raise InputError(shown, "front matter has no 'sources:' list to add to")
    key, value = found[-1]
    if value.start_mark.index < key.end_mark.index:  # an alias of a list defined earlier
        raise InputError(
            shown, "'sources' is a YAML alias; add the source by hand", line=key.start_mark.line + 2
        )
    return value


def _last_end(node: Any) -> int:
    """Where the text of ``node`` ends. A block collection's own end mark lies at the
    next token (after any comments), so it is the furthest end of what it holds."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    end, stack, seen = node.end_mark.index, [node], set()
    if isinstance(node, MappingNode | SequenceNode) and not node.flow_style:
        end = node.start_mark.index
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, MappingNode | SequenceNode) and not item.flow_style:
            pairs = item.value if isinstance(item, MappingNode) else [(v,) for v in item.value]
            stack.extend(part for pair in pairs for part in pair)
        elif item.start_mark.index >= node.start_mark.index:  # an alias points back: skip it
            end = max(end, item.end_mark.index)
    return end


def _render(entry: dict[str, str], flow: bool) -> str:
    """``entry`` as YAML text: block lines, or one ``{...}`` flow mapping."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    # The label in double quotes, as an author would write a headline with a colon in it.
    data = CommentedMap(
        (key, DoubleQuotedScalarString(value) if key == "label" else value)
        for key, value in entry.items()
    )
    if flow:
        data.fa.set_flow_style()
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue().rstrip("\n")


def _insertion(front: str, seq: Any, entry: dict[str, str]) -> tuple[int, str]:
    """Where in ``front`` to insert, and what."""
    if seq.flow_style:  # sources: [a, {path: b}]
        close = seq.end_mark.index - 1
        if front[close] != "]":
            raise InputError("", "unexpected end of the 'sources' list")
        before = front[:close].rstrip()
        sep = "" if before.endswith(("[", ",")) else ", "
        return close, sep + _render(entry, flow=True)
    dash = seq.start_mark.column  # every '-' of a block sequence is in this column
    last = seq.value[-1]
    line_start = front.rfind("\n", 0, last.start_mark.index) + 1
    head = front[line_start : last.start_mark.index]
    # The item's text starts where the last item's does when it shares the dash's line.
    indent = len(head) if head.strip() == "-" and head.index("-") == dash else dash + 2
    lines = _render(entry, flow=False).split("\n")
    block = [" " * dash + "-" + " " * (indent - dash - 1) + lines[0]]
    block += [" " * indent + line for line in lines[1:]]
    end = _last_end(last)
    if end == 0 or front[end - 1] != "\n":
        newline = front.find("\n", end)
        end = len(front) if newline < 0 else newline + 1
    return end, "\n".join(block) + "\n"


def append_source(text: str, entry: dict[str, str], shown: str) -> str:
    """``text`` (a content file, LF line endings) with ``entry`` added to its ``sources``."""
    start, stop = _front_span(text, shown)
    front = text[start:stop]
    seq = _sources_node(front, shown)
    try:
        at, insert = _insertion(front, seq, entry)
    except InputError:
        raise InputError(shown, "cannot find the end of the 'sources' list") from None
    updated = text[: start + at] + insert + text[start + at :]
    # The edit must mean exactly "one more source": checked with the build's own loader.
    old, _, _ = load_front_matter(text, shown)
    new, _, _ = load_front_matter(updated, shown)
    expected = {**old, "sources": [*old["sources"], entry]}
    if new != expected or list(new) != list(old):
        raise InputError(shown, "could not add the source safely; add it by hand")
    return updated
