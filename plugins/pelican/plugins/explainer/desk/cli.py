"""``invoke review SLUG``: the desk's open items in the terminal, for work over SSH.

Prints each item awaiting a decision (held back by the analysis, not yet kept or
dropped) with its confidence, the reason and its sentences, compared words in
[brackets]; then how many are open. Seed text is escaped as the build's messages
are, so a hostile sentence cannot drive the terminal.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, safe_text
from .review import SECTIONS, Broken, Item, find

HEADINGS = dict(SECTIONS)


def _bracketed(text: str, marks: list[tuple[int, int]]) -> str:
    out, at = [], 0
    for start, end in sorted(marks):
        if start < at or end > len(text):
            continue
        out += [text[at:start], "[", text[start:end], "]"]
        at = end
    return "".join([*out, text[at:]])


def _lines(item: Item) -> list[str]:
    confidence = "-" if item.confidence is None else f"{item.confidence:.2f}"
    head = f"#{item.number} {HEADINGS[item.section]}, confidence {confidence}: {item.title}"
    lines = [safe_text(head, 300), f"    held back: {safe_text(item.reason or '', 300)}"]
    for side in item.sides:
        sentence = _bracketed(side.text, side.marks)
        lines.append(f"    {side.id} ({safe_text(side.source, 80)}): {safe_text(sentence, 600)}")
    return lines


def report(root: Path, slug: str) -> tuple[list[str], int]:
    """The lines to print and the number of open items; InputError for a bad slug or file."""
    found = find(root, slug)
    if found is None:
        raise InputError("content/explainers", f"no explainer with slug {slug!r}")
    if isinstance(found, Broken):
        raise InputError(None, found.error)
    open_items = [i for i in found.items if i.open]
    lines = [f"{safe_text(found.title, 200)} ({found.shown_path}): {found.summary}"]
    for item in open_items:
        lines += ["", *_lines(item)]
    total = len(found.items)
    lines += ["", f"{len(open_items)} open item{'s' if len(open_items) != 1 else ''} of {total}"]
    if open_items:
        lines.append(f"decide them at /_review/{slug}/ under `invoke serve`")
    return lines, len(open_items)
