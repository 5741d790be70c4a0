"""parse → analyse → one explainer model. No Pelican here.

:func:`build_explainer` is the whole data path for one explainer; the
Pelican glue only finds files, calls this and renders the result.
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .items import Cited, Comparison, Fact, KeyPoint, TimelineEntry
from .model import Document, Sentence
from .parse import markdown
from .parse.content import ExplainerSpec
from .parse.seed import parse_seed
from .parse.text import MAX_BYTES, MAX_LINE_CHARS

log = logging.getLogger(__name__)


@dataclass
class Limits:
    max_bytes: int = MAX_BYTES
    max_line: int = MAX_LINE_CHARS


@dataclass
class Explainer:
    """Everything one explainer page, its source pages and its JSON need."""

    spec: ExplainerSpec
    documents: list[Document]
    key_points: list[KeyPoint] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    open_questions: list[Cited] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    comparison: Comparison = field(default_factory=Comparison)
    # glossary slug -> ids of the sentences that mention the term
    glossary_mentions: dict[str, list[str]] = field(default_factory=dict)
    # source id -> its shared / differing / single-source claim counts, for the source cards
    source_stats: dict[str, Any] = field(default_factory=dict)
    # The analysis cache key of the inputs (None when uncached); set by the batch builder
    input_key: str | None = None

    def __post_init__(self) -> None:
        self.sentences: dict[str, Sentence] = {s.id: s for d in self.documents for s in d.sentences}
        self.by_source: dict[str, Document] = {d.id: d for d in self.documents}

    @property
    def slug(self) -> str:
        return self.spec.slug

    @property
    def title(self) -> str:
        return self.spec.title

    def all_cites(self) -> list[str]:
        """Every sentence id any item cites (for integrity checks)."""
        groups = [
            *self.key_points,
            *self.facts,
            *self.open_questions,
            *self.timeline,
            *self.comparison.agreements,
            *self.comparison.discrepancies,
            *(c for items in self.comparison.only_in.values() for c in items),
        ]
        return [cid for item in groups for cid in item.cites]


def _mark_disputed_facts(explainer: Explainer) -> None:
    """A fact whose number is one side of a number discrepancy is disputed.

    The fact boxes compare quantities by unit and context; the comparison (and
    the editor's curation) can also pair figures with different units, such as
    a year and a span of months. Both views must tell the reader the same thing.
    """
    for d in explainer.comparison.discrepancies:
        if d.kind != "number":
            continue
        for fact in explainer.facts:
            on_side = any(
                cid in fact.cites
                and fact.value in d.values.get(explainer.sentences[cid].source_id, "")
                for cid in d.cites
            )
            if on_side:
                fact.status = "sources-differ"
                fact.values = dict(d.values)  # shown side by side, so cite both sides
                fact.cites = list(dict.fromkeys([*fact.cites, *d.cites]))


def load_documents(spec: ExplainerSpec, root: Path, limits: Limits | None = None) -> list[Document]:
    limits = limits or Limits()
    return [
        parse_seed(root / meta.path, meta, max_bytes=limits.max_bytes, max_line=limits.max_line)
        for meta in spec.sources
    ]


def analyse(spec: ExplainerSpec, documents: list[Document]) -> Explainer:
    """Run every analysis over parsed documents."""
    try:
        return _analyse(spec, documents)
    except InputError as exc:
        if exc.path is None:  # curation problems: name the content file
            raise InputError(spec.path, exc.message, exc.line) from None
        raise


def preload() -> None:
    """Import the analysis and build the sentence splitter now, not in the next build.

    For a long-lived build process (the live-reload server) to call while idle.
    """
    from .analyse import compare, facts, keypoints, questions, timeline  # noqa: F401
    from .parse.sentences import split

    split("Warm up.")


def analysis_loaded() -> bool:
    """Whether this process has already paid the analysis modules' start-up cost."""
    return f"{__package__}.analyse.compare" in sys.modules


def _analyse(spec: ExplainerSpec, documents: list[Document]) -> Explainer:
    # Imported here, not at the top: a build whose explainers all come from the
    # cache never loads the analysis modules (a third of the start-up time).
    from .analyse import compare as compare_mod
    from .analyse import facts as facts_mod
    from .analyse import keypoints as keypoints_mod
    from .analyse import questions as questions_mod
    from .analyse import timeline as timeline_mod

    curation = spec.curation
    explainer = Explainer(spec=spec, documents=documents)
    explainer.key_points = keypoints_mod.key_points(documents, curation.get("key_points") or {})
    explainer.facts = facts_mod.facts(documents)
    explainer.open_questions = questions_mod.open_questions(documents)
    explainer.timeline = timeline_mod.timeline(documents, spec.published)
    explainer.comparison = compare_mod.compare(documents, curation.get("comparison") or {})
    explainer.source_stats = compare_mod.source_stats(explainer.comparison, documents)
    _mark_disputed_facts(explainer)
    missing = sorted(set(explainer.all_cites()) - set(explainer.sentences))
    if missing:
        raise InputError(spec.path, f"curation cites unknown sentence ids: {', '.join(missing)}")
    notes = [d.note or "" for d in explainer.comparison.discrepancies]
    for where, text in [("the intro", spec.intro_md), *(("an editor's note", n) for n in notes)]:
        unknown = [i for i in markdown.cited_ids(text) if i not in explainer.sentences]
        if unknown:
            raise InputError(spec.path, f"{where} cites unknown sentence ids: {', '.join(unknown)}")
    return explainer


def build_explainer(spec: ExplainerSpec, root: Path, limits: Limits | None = None) -> Explainer:
    started = time.perf_counter()
    documents = load_documents(spec, root, limits)
    explainer = analyse(spec, documents)
    log.info(
        "explainer %s: %d sources, %d sentences analysed in %.2fs",
        spec.slug,
        len(documents),
        len(explainer.sentences),
        time.perf_counter() - started,
    )
    return explainer
