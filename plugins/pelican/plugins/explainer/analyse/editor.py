"""An editor's decisions on single items, from the content file's ``curation:`` block.

The analysis proposes; the editor decides. Each section below takes two lists,
``keep`` (show it whatever the analysis thought) and ``drop`` (never show it):

```yaml
curation:
  comparison:
    confirm: [{cites: [wire-s4, paper-s2]}]            # a held-back difference is shown
    drop: [{cites: [wire-s9, paper-s5], note: ...}]    # a false difference is not shown
  facts:
    keep: [{cites: [wire-s3], value: "40", label: Jets ordered}]   # label: the editor's
    drop: [{cites: [wire-s7], value: "12"}]
  timeline: {keep: [{cites: [wire-s5], date: 2025-04-14, label: ...}], drop: [...]}
  agreements: {keep: [...], drop: [...]}
  open_questions: {keep: [...], drop: [...]}
  only_in: {keep: [...], drop: [...]}
```

An entry names its item by sentence ids (every id the entry lists is among the
item's), and a fact by its value or a timeline entry by its date when one sentence
gives several. A dropped item stays in the export's ``held_back`` with the reason
"dropped by the editor", so nothing the analysis found is lost from view. Plain
Python: no HTML, no Pelican.
"""

from __future__ import annotations

from typing import Any

from ..decisions import ACTIONS, DROPPED, NOUN, entries
from ..errors import InputError
from ..items import Comparison, HeldBack


def cites_of(entry: Any) -> list[str]:
    cites = entry.get("cites") if isinstance(entry, dict) else None
    return [cites] if isinstance(cites, str) else [str(c) for c in cites or []]


def matches(section: str, item: Any, entry: dict[str, Any]) -> bool:
    """Whether ``entry`` names ``item``: all its sentences, and its value or date if given."""
    cites = cites_of(entry)
    if not cites or not set(cites) <= set(item.cites):
        return False
    if section == "facts" and entry.get("value") is not None:
        return str(entry["value"]) == item.value
    if section == "timeline" and entry.get("date") is not None:
        return str(entry["date"]) == item.date
    return True


def decision(section: str, item: Any, curation: dict[str, Any]) -> str | None:
    """ "keep", "drop" or None (undecided) for one item; the last matching entry wins."""
    found = None
    for action in ACTIONS:
        if any(matches(section, item, e) for e in entries(curation, section, action)):
            found = action
    seen = getattr(item, "curated", False) or getattr(item, "note", None)
    if section == "discrepancies" and found is None and seen:
        return "keep"  # an editor added or annotated it
    return found


def mark_comparison(comparison: Comparison, curation: dict[str, Any]) -> None:
    """Before publishing: each difference and agreement learns the editor's decision."""
    for section, items in (
        ("discrepancies", comparison.discrepancies),
        ("agreements", comparison.agreements),
    ):
        for action in ACTIONS:
            for entry in entries(curation, section, action):
                found = [i for i in items if matches(section, i, entry)]
                if not found:
                    raise _unmatched(section, action, entry)
                for item in found:
                    item.decision = action


def _unmatched(section: str, action: str, entry: dict[str, Any]) -> InputError:
    where = f"comparison {'confirm' if action == 'keep' else 'drop'}"
    if section != "discrepancies":
        where = f"{section} {action}"
    what = ", ".join(cites_of(entry)) or "no sentence"
    return InputError(None, f"curation {where}: no {NOUN[section]} cites {what}")


def apply_items(explainer: Any, held: list[HeldBack]) -> None:
    """After the page's own rules: kept items are shown (with the editor's label),
    dropped ones held back with the reason "dropped by the editor"."""
    curation = explainer.spec.curation
    source_of = {sid: s.source_id for sid, s in explainer.sentences.items()}
    comparison = explainer.comparison
    shown_lists = {
        "facts": explainer.facts,
        "timeline": explainer.timeline,
        "open_questions": explainer.open_questions,
        "only_in": [c for items in comparison.only_in.values() for c in items],
    }
    for section, shown in shown_lists.items():
        for action in ACTIONS:
            for entry in entries(curation, section, action):
                _decide(section, action, entry, shown, held)
    explainer.facts = shown_lists["facts"]
    explainer.timeline = sorted(shown_lists["timeline"], key=lambda t: t.date)
    explainer.open_questions = shown_lists["open_questions"]
    by_source: dict[str, list[Any]] = {source: [] for source in comparison.only_in}
    for c in shown_lists["only_in"]:
        by_source.setdefault(source_of[c.cites[0]], []).append(c)
    comparison.only_in = by_source


def _decide(section: str, action: str, entry: dict[str, Any], shown: list, held: list) -> None:
    in_shown = [i for i in shown if matches(section, i, entry)]
    in_held = [h for h in held if h.section == section and matches(section, h.item, entry)]
    if not in_shown and not in_held:
        raise _unmatched(section, action, entry)
    label = entry.get("label")
    if action == "keep":
        for h in in_held:
            held.remove(h)
            shown.append(h.item)
        for item in [*in_shown, *(h.item for h in in_held)]:
            if label and section in ("facts", "timeline"):
                item.label = str(label)
            if section == "facts":
                item.shown = True
    else:
        for item in in_shown:
            shown.remove(item)
            held.append(HeldBack(section, DROPPED, 1.0, item))  # type: ignore[arg-type]
        for h in in_held:
            h.reason = DROPPED
