"""The desk's actions, each one change to a content file's ``curation:`` block.

Every write takes the same lock as ``invoke add-source``, checks the file is the
version the desk showed (a file changed on disk since is never overwritten),
renders the change round-trip (``parse.curation_edit``), runs the whole analysis
on the result (an edit the build would refuse is never written) and replaces the
file in one rename. Undo restores the bytes from before the desk's last write to
that file, and only while the file still holds the bytes that write left.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analyse import editor
from ..analyse.grouping import KINDS
from ..errors import InputError
from ..parse.add_source import _decode, _locked, _write_atomically
from ..parse.content import parse_spec
from ..parse.curation_edit import edit_curation
from ..parse.text import normalise
from ..pipeline import build_explainer
from .review import version_of

ACTIONS = ("keep", "drop", "not-a-difference", "label", "add")


class Stale(Exception):
    """The content file changed on disk since the desk showed it."""


@dataclass
class Target:
    """What an action names: an item by section and sentences, or two picked sentences."""

    section: str
    cites: list[str]
    value: str | None = None
    date: str | None = None
    fields: dict[str, str] = field(default_factory=dict)  # note, label, kind, summary


def _flow(items: list[str]) -> Any:
    """A ``[a, b]`` list, as an author writes sentence ids."""
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _map(pairs: list[tuple[str, Any]]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap((k, v) for k, v in pairs if v not in (None, ""))


def _child(parent: Any, key: str, kind: type) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(parent.get(key), kind):
        parent[key] = CommentedMap() if kind is dict else CommentedSeq()
    return parent[key]


def _prune(parent: Any, key: str) -> None:
    """Remove ``key`` when the edit left it empty, and so on up to ``curation``."""
    if key in parent and not parent[key]:
        del parent[key]


def _block(curation: Any, section: str) -> tuple[Any, str, str]:
    """The mapping holding a section's lists and the names of its keep and drop lists."""
    if section == "discrepancies":
        return _child(curation, "comparison", dict), "confirm", "drop"
    if section == "key_points":
        return _child(curation, "key_points", dict), "pin", "drop"
    return _child(curation, section, dict), "keep", "drop"


class _Probe:
    """An item as :func:`analyse.editor.matches` sees it, from the desk's form."""

    def __init__(self, target: Target) -> None:
        self.cites, self.value, self.date = target.cites, target.value, target.date


def _remove(block: Any, key: str, target: Target) -> None:
    entries = block.get(key)
    if not isinstance(entries, list):
        return
    probe = _Probe(target)
    for entry in list(entries):
        if target.section == "key_points":
            if str(entry) in target.cites:
                entries.remove(entry)
        elif isinstance(entry, dict) and editor.matches(target.section, probe, entry):
            entries.remove(entry)
    _prune(block, key)


def _entry(target: Target, *, note: bool = False, label: bool = False) -> Any:
    """The entry naming the target: a fact or timeline entry by its first sentence and
    value or date (its other citations change as other sources are compared)."""
    section = target.section
    single = section in ("facts", "timeline", "open_questions", "only_in")
    return _map(
        [
            ("cites", _flow(target.cites[:1] if single else target.cites)),
            ("value", target.value if section == "facts" else None),
            ("date", target.date if section == "timeline" else None),
            ("label", target.fields.get("label", "").strip() if label else None),
            ("note", target.fields.get("note", "").strip() if note else None),
        ]
    )


def change_for(action: str, target: Target) -> Any:
    """The edit of the ``curation`` mapping that ``action`` on ``target`` means."""

    def change(curation: Any) -> None:
        if action == "add":
            comparison = _child(curation, "comparison", dict)
            kind = target.fields.get("kind") or "wording"
            summary = target.fields.get("summary", "").strip() or "The sources differ here."
            entry = _map([("kind", kind), ("summary", summary), ("cites", _flow(target.cites))])
            note = target.fields.get("note", "").strip()
            if note:
                entry["note"] = note
            _child(comparison, "add", list).append(entry)
            return
        if action == "not-a-difference":
            comparison = _child(curation, "comparison", dict)
            _remove(comparison, "confirm", target)
            _remove(comparison, "drop", target)
            _remove(comparison, "notes", target)  # a note on a difference that is none
            _child(comparison, "dismiss", list).append(_entry(target, note=True))
            return
        block, keep, drop = _block(curation, target.section)
        _remove(block, keep, target)  # a new decision replaces the old one
        _remove(block, drop, target)
        if target.section == "key_points":
            _child(block, keep if action == "keep" else drop, list).append(target.cites[0])
        elif action == "drop":
            _child(block, drop, list).append(_entry(target, note=True))
        else:
            _child(block, keep, list).append(_entry(target, label=action == "label"))
        for name in ("comparison", "key_points", target.section):
            _prune(curation, name)

    return change


def check_target(action: str, target: Target, sentences: dict[str, str]) -> None:
    """Refuse what the form could not have sent: one line, nothing written."""
    if action not in ACTIONS:
        raise InputError(None, f"unknown action {action!r}")
    if not target.cites or any(c not in sentences for c in target.cites):
        raise InputError(None, "the item names sentences this explainer does not have")
    if action == "label" and (
        target.section not in ("facts", "timeline") or not target.fields.get("label", "").strip()
    ):
        raise InputError(None, "a new label needs text, for a fact or a timeline entry")
    if action == "not-a-difference" and target.section != "discrepancies":
        raise InputError(None, "only a difference can be marked 'not a difference'")
    if action == "add":
        if len(target.cites) != 2 or target.cites[0] == target.cites[1]:
            raise InputError(None, "pick one sentence from each of two sources")
        if target.fields.get("kind", "wording") not in KINDS:
            raise InputError(None, f"the kind must be one of {', '.join(KINDS)}")


@dataclass
class Desk:
    """The content files' writer for one ``invoke serve`` run, with its undo history."""

    root: Path
    history: dict[Path, list[tuple[bytes, bytes]]] = field(default_factory=dict)

    def apply(self, path: Path, version: str, action: str, target: Target) -> None:
        shown = path.relative_to(self.root).as_posix()
        content = path.resolve()
        with _locked(content, shown):
            raw = content.read_bytes()
            if version_of(raw) != version:
                raise Stale(shown)
            text, bom, newline = _decode(raw, shown)
            updated = edit_curation(text, change_for(action, target), shown)
            # The whole analysis on the new file: an entry the build would refuse
            # (a sentence no item cites, say) is one error line here, not a broken site.
            build_explainer(parse_spec(normalise(updated), shown, self.root), self.root)
            data = (codecs.BOM_UTF8 if bom else b"") + updated.replace("\n", newline).encode()
            self._replace(content, raw, data, shown)
        self.history.setdefault(content, []).append((raw, data))

    def undo(self, path: Path, version: str) -> bool:
        """Put back the file as it was before the desk's last write; False if none."""
        content = path.resolve()
        done = self.history.get(content) or []
        if not done:
            return False
        shown = path.relative_to(self.root).as_posix()
        before, after = done[-1]
        with _locked(content, shown):
            raw = content.read_bytes()
            if raw != after or version_of(raw) != version:
                raise Stale(shown)
            self._replace(content, raw, before, shown)
        done.pop()
        return True

    def can_undo(self, path: Path) -> bool:
        return bool(self.history.get(path.resolve()))

    @staticmethod
    def _replace(content: Path, raw: bytes, data: bytes, shown: str) -> None:
        if content.read_bytes() != raw:  # saved by an editor while this edit was made
            raise Stale(shown)
        _write_atomically(content, data)
