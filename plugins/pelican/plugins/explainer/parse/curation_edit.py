"""Change a content file's ``curation:`` block and nothing else.

Like ``front_edit`` (``invoke add-source``), this uses ruamel.yaml, the round-trip
YAML library: it keeps the comments, key order, quoting and block scalars
(``note: >-``) of what it loads, which PyYAML drops. Only the top-level
``curation`` key is re-rendered, from ruamel's tree after the change, and spliced
back where it stood; every byte before and after it (the other keys, their
comments, the body) is copied as it was. Before anything is changed the untouched
block must render back to its own bytes with the indentation guessed from the file,
so a change never re-indents what the editor wrote. The result must load, with the
build's own loader, as the old front matter with only ``curation`` changed.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from typing import Any

from ..errors import InputError
from .content import load_front_matter
from .front_edit import _front_span, _last_end, top_level

Change = Callable[[Any], None]  # edits the ruamel mapping of ``curation`` in place


def _yaml(mapping: int = 2, sequence: int = 4, offset: int = 2) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never fold a long note over lines the editor did not
    yaml.allow_unicode = True
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


# The indentations a hand-written block is likely to use: (mapping, sequence, dash offset).
_STYLES = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (3, 3, 0))


def _dump(yaml: Any, key: str, value: Any) -> str:
    from ruamel.yaml.comments import CommentedMap

    out = io.StringIO()
    yaml.dump(CommentedMap([(key, value)]), out)
    return out.getvalue()


def _block(front: str, shown: str) -> tuple[int, int] | None:
    """Where the top-level ``curation:`` key and its value lie in ``front``; None if absent."""
    found = top_level(front, shown, "curation")
    if not found:
        return None
    key, value = found[-1]
    if len(found) > 1 or key.start_mark.column != 0 or value.start_mark.index < key.end_mark.index:
        raise InputError(
            shown,
            "the 'curation' block is repeated, indented or a YAML alias; edit it by hand",
            line=key.start_mark.line + 2,
        )
    end = _last_end(value)
    newline = front.find("\n", end - 1 if end and front[end - 1] == "\n" else end)
    return key.start_mark.index, len(front) if newline < 0 else newline + 1


def _style(front: str, span: tuple[int, int] | None, data: Any) -> tuple[Any, str]:
    """A dumper that renders the block as written, and the suffix it adds after it
    (a comment that ruamel attaches to the block's last value but belongs below it)."""
    if span is None:
        return _yaml(), ""
    text = front[span[0] : span[1]]
    for style in _STYLES:
        yaml = _yaml(*style)
        rendered = _dump(yaml, "curation", data["curation"])
        if rendered.startswith(text):
            return yaml, rendered[len(text) :]
    raise InputError(
        "", "the 'curation' block is written in a layout the desk cannot keep; edit it by hand"
    )


def _plain(value: Any) -> Any:
    """ruamel's tree as plain Python values, to compare with the build's own loader."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()  # the build's loader reads dates as text
    return value


def edit_curation(text: str, change: Change, shown: str) -> str:
    """``text`` (a content file, LF line endings) with its ``curation`` changed by ``change``."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import YAMLError

    start, stop = _front_span(text, shown)
    front = text[start:stop]
    span = _block(front, shown)
    try:
        data = _yaml().load(front)
    except YAMLError as exc:
        raise InputError(shown, f"front matter: {getattr(exc, 'problem', None) or exc}") from None
    try:
        yaml, suffix = _style(front, span, data)
    except InputError as exc:
        raise InputError(shown, exc.message) from None
    curation = data.get("curation") if span else None
    if curation is None:
        curation = CommentedMap()
    elif not isinstance(curation, CommentedMap):
        raise InputError(shown, "'curation' must be a mapping; edit it by hand")
    change(curation)
    rendered = _dump(yaml, "curation", curation) if curation else ""
    if suffix:
        # Those comment lines stay where they are, below the block: drop ruamel's copy,
        # which follows the value it hangs on (no longer the last after an addition).
        at_copy = rendered.rfind(suffix)
        if at_copy < 0:
            raise InputError(shown, "could not keep the comments after 'curation'; edit by hand")
        rendered = rendered[:at_copy] + rendered[at_copy + len(suffix) :]
    if span is None:
        at = (start + len(front), start + len(front))
        if front and not front.endswith("\n"):
            rendered = "\n" + rendered
    else:
        at = (start + span[0], start + span[1])
    updated = text[: at[0]] + rendered + text[at[1] :]
    _check(text, updated, _plain(curation), shown)
    return updated


def _check(old_text: str, new_text: str, curation: Any, shown: str) -> None:
    """The edit must mean exactly "this curation": checked with the build's own loader."""
    old, _, old_body = load_front_matter(old_text, shown)
    new, _, new_body = load_front_matter(new_text, shown)
    expected = {k: v for k, v in old.items() if k != "curation"}
    got = {k: v for k, v in new.items() if k != "curation"}
    same_order = [k for k in new if k != "curation"] == [k for k in old if k != "curation"]
    if got != expected or not same_order or old_body != new_body:
        raise InputError(shown, "could not change the curation safely; edit it by hand")
    if (new.get("curation") or {}) != (curation or {}):
        raise InputError(shown, "could not change the curation safely; edit it by hand")
