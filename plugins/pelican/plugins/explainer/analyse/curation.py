"""Curation from the content file: an editor's notes, dismissals and additions.

Applied after the analysis, so an editor's word always wins; every entry names
sentences by id and is checked against the explainer's sentences.
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..items import Agreement, Comparison, Discrepancy
from ..model import Sentence
from ..parse.markdown import render_inline
from .grouping import KINDS, merge_rows


def _cites(entry: Any, what: str, sentences: dict[str, Sentence]) -> list[str]:
    if not isinstance(entry, dict) or not isinstance(entry.get("cites"), list | str):
        raise InputError(None, f"curation comparison: each {what} entry needs a 'cites' list")
    cites = [entry["cites"]] if isinstance(entry["cites"], str) else entry["cites"]
    if not cites:
        raise InputError(None, f"curation comparison: a {what} entry has an empty 'cites' list")
    for cid in cites:
        if str(cid) not in sentences:
            raise InputError(None, f"curation comparison: unknown sentence id '{cid}'")
    return [str(c) for c in cites]


def _find(discrepancies: list[Discrepancy], cites: list[str], what: str) -> Discrepancy:
    for d in discrepancies:
        if set(cites) <= set(d.cites):
            return d
    raise InputError(
        None,
        f"curation comparison: {what} cites {', '.join(cites)}, "
        "but no discrepancy cites all of those sentences",
    )


def apply_curation(
    comparison: Comparison,
    curation: dict[str, Any],
    sentences: dict[str, Sentence],
    labels: dict[str, str],
    order: dict[str, int],
) -> None:
    """Apply the content file's ``curation: comparison:`` mapping in place.

    - ``dismiss: [{cites, note}]`` removes the discrepancy citing all those
      sentences; an editor judged the sources consistent there, so it becomes
      an agreement citing the same sentences, with the editor's note if any.
    - ``add: [{kind, summary, cites, values, note}]`` adds a discrepancy the
      rules missed (``curated=True``).
    - ``notes: [{cites, note}]`` attaches a Markdown note to the discrepancy
      citing all those sentences (including added ones).
    """
    if not isinstance(curation, dict):
        raise InputError(None, "curation comparison: expected a mapping")
    # confirm and drop are the editor's decisions on one difference (analyse.editor).
    unknown = sorted(set(curation) - {"notes", "dismiss", "add", "confirm", "drop"})
    if unknown:
        raise InputError(None, f"curation comparison: unknown key '{unknown[0]}'")

    dismissed = []
    for entry in curation.get("dismiss") or []:
        cites = _cites(entry, "dismiss", sentences)
        d = _find(comparison.discrepancies, cites, "dismiss")
        comparison.discrepancies.remove(d)
        summary = min((sentences[c] for c in d.cites), key=lambda s: len(s.text)).text
        comparison.agreements.append(Agreement(summary=summary, cites=d.cites, topic=d.topic))
        dismissed.append((set(d.cites), entry.get("note")))
    comparison.agreements = merge_rows(comparison.agreements, order)
    for cites_set, note in dismissed:
        for a in comparison.agreements:
            if cites_set <= set(a.cites):
                a.decision = "keep"  # the editor judged it: shown whatever its probability
                if note:
                    _set_note(a, note)

    for entry in curation.get("add") or []:
        cites = _cites(entry, "add", sentences)
        kind = entry.get("kind")
        if kind not in KINDS:
            raise InputError(
                None, f"curation comparison: add kind must be one of {', '.join(KINDS)}"
            )
        values = entry.get("values") or {}
        if not isinstance(values, dict) or any(k not in labels for k in values):
            raise InputError(None, "curation comparison: add values must map source ids to text")
        values = {str(k): str(v) for k, v in values.items()}
        summary = entry.get("summary") or "The sources differ here."
        comparison.discrepancies.append(
            Discrepancy(
                kind=kind,
                summary=str(summary),
                cites=cites,
                values=values,
                curated=True,
                marks=_marks_for(values, cites, sentences),
            )
        )
        _set_note(comparison.discrepancies[-1], entry.get("note"))
        _drop_agreement(comparison, set(cites))

    for entry in curation.get("notes") or []:
        cites = _cites(entry, "notes", sentences)
        if not entry.get("note"):
            raise InputError(None, "curation comparison: a notes entry needs a 'note'")
        _set_note(_find(comparison.discrepancies, cites, "note"), entry["note"])


def _drop_agreement(comparison: Comparison, cites: set[str]) -> None:
    """An editor's added discrepancy: its sentences no longer agree with each other."""
    kept = []
    for a in comparison.agreements:
        if len(cites & set(a.cites)) >= 2:
            a.cites = [c for c in a.cites if c not in cites] + [c for c in a.cites if c in cites][
                :1
            ]
        if len(a.cites) >= 2:
            kept.append(a)
    comparison.agreements = kept


def _marks_for(
    values: dict[str, str], cites: list[str], sentences: dict[str, Sentence]
) -> dict[str, tuple[int, int]]:
    """Highlight each value where it occurs verbatim in a cited sentence of its source."""
    marks = {}
    for cid in cites:
        s = sentences[cid]
        value = values.get(s.source_id)
        if value and value in s.text:
            start = s.text.index(value)
            marks[cid] = (start, start + len(value))
    return marks


def _set_note(d: Discrepancy | Agreement, note: Any) -> None:
    if note:
        d.note = str(note)
        d.note_html = render_inline(d.note)
