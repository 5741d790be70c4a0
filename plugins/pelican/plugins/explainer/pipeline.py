"""parse → analyse → one explainer model. No Pelican here.

:func:`build_explainer` is the whole data path for one explainer; the
Pelican glue only finds files, calls this and renders the result.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .errors import InputError
from .items import Cited, Comparison, Fact, KeyPoint, TimelineEntry
from .model import Document, Sentence
from .parse import markdown
from .parse.content import ExplainerSpec
from .parse.text import MAX_BYTES, MAX_LINE_CHARS

log = logging.getLogger(__name__)


@dataclass
class Limits:
    """The settings one explainer's analysis depends on (part of its cache key)."""

    max_bytes: int = MAX_BYTES
    max_line: int = MAX_LINE_CHARS
    publish_threshold: float | None = None  # None: analyse.publish.PUBLISH_THRESHOLD


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
    # sentence id -> topic heading, computed once and shared by the analyses
    topics: dict[str, str] = field(default_factory=dict)
    # What the analysis found but does not publish, with the reason (items.HeldBack)
    held_back: list[Any] = field(default_factory=list)
    # How an editor reviewed the page (analyse.editor.Review); None before publishing
    review: Any = None
    # sentence id -> its claims (analyse.claims.Statement), built once for the comparison
    # and the facts; dropped when the analysis ends, since nothing after it reads them
    statements: dict[str, Any] = field(default_factory=dict, repr=False)
    # Its page's site-relative URL, set by the generator from the site's URL patterns
    url: str = ""

    def __post_init__(self) -> None:
        self.sentences: dict[str, Sentence] = {s.id: s for d in self.documents for s in d.sentences}
        self.by_source: dict[str, Document] = {d.id: d for d in self.documents}

    @property
    def slug(self) -> str:
        return self.spec.slug

    @property
    def title(self) -> str:
        return self.spec.title

    # `date` and `summary` as on Pelican's articles, for themes that list explainers.
    @property
    def date(self) -> datetime:
        day = self.spec.published
        return datetime(day.year, day.month, day.day)

    @property
    def summary(self) -> str:
        return self.spec.summary or ""

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
    from .parse.seed import parse_seed  # the seed parser runs where the analysis does

    limits = limits or Limits()
    return [
        parse_seed(root / meta.path, meta, max_bytes=limits.max_bytes, max_line=limits.max_line)
        for meta in spec.sources
    ]


def analyse(
    spec: ExplainerSpec, documents: list[Document], publish_threshold: float | None = None
) -> Explainer:
    """Run every analysis over parsed documents, then keep back what is not sure enough."""
    try:
        explainer = _analyse(spec, documents)
        _publish(explainer, publish_threshold)
        return explainer
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


def _claims(explainer: Explainer) -> None:
    from .analyse import compare

    explainer.statements = compare.statements(explainer.documents, explainer.spec.published)


def _comparison(explainer: Explainer) -> None:
    from .analyse import compare

    spec = explainer.spec
    explainer.comparison = compare.compare(
        explainer.documents,
        spec.curation.get("comparison") or {},
        explainer.topics,
        spec.published,
        explainer.statements,
    )


def _topics(explainer: Explainer) -> None:
    from .analyse.topics import assign_topics

    explainer.topics = assign_topics(explainer.documents)


def _key_points(explainer: Explainer) -> None:
    from .analyse import keypoints

    curation = explainer.spec.curation.get("key_points") or {}
    explainer.key_points = keypoints.key_points(
        explainer.documents, curation, explainer.topics, explainer.comparison
    )


def _facts(explainer: Explainer) -> None:
    from .analyse import facts

    explainer.facts = facts.facts(
        explainer.documents, explainer.topics, explainer.spec.published, explainer.statements
    )


def _open_questions(explainer: Explainer) -> None:
    from .analyse import questions

    explainer.open_questions = questions.open_questions(explainer.documents, explainer.comparison)


def _timeline(explainer: Explainer) -> None:
    from .analyse import timeline

    explainer.timeline = timeline.timeline(explainer.documents, explainer.spec.published)


def _honest_support(explainer: Explainer) -> None:
    """Cross-source citations only where the comparison found the same claim.

    A key point or an agreeing fact may cite a sentence of another source only
    when the two sentences are in one agreement; a sentence on the other side of
    a discrepancy is never cited as support.
    """
    source_of = {sid: s.source_id for sid, s in explainer.sentences.items()}
    agree = {
        frozenset((a, b)) for g in explainer.comparison.agreements for a in g.cites for b in g.cites
    }
    conflict = {
        frozenset((a, b))
        for d in explainer.comparison.discrepancies
        for a in d.cites
        for b in d.cites
    }

    def supported(main: str, other: str) -> bool:
        if source_of[main] == source_of[other]:
            return True
        pair = frozenset((main, other))
        return pair in agree and pair not in conflict

    def consistent(cites: list[str]) -> list[str]:
        """The cites in order, each kept only if it agrees with every one kept before
        it: two supports of one point never contradict each other either."""
        kept: list[str] = []
        for cid in cites:
            if all(supported(k, cid) for k in kept):
                kept.append(cid)
        return kept

    for point in explainer.key_points:
        point.cites = consistent(point.cites)
    total = len(explainer.documents)
    for fact in explainer.facts:
        if fact.status == "sources-differ":
            continue
        kept = consistent(fact.cites)
        fact.cites = kept
        sources = {source_of[c] for c in kept}
        fact.status = (  # type: ignore[assignment]
            "one-source"
            if len(sources) <= 1
            else "all-sources"
            if len(sources) >= total
            else "some-sources"
        )


def _publish(explainer: Explainer, threshold: float | None) -> None:
    from .analyse import compare, publish

    publish.publish(explainer, publish.PUBLISH_THRESHOLD if threshold is None else threshold)
    # The source cards count what the page shows, not what the rules proposed.
    explainer.source_stats = compare.source_stats(explainer.comparison, explainer.documents)


Analysis = Callable[[Explainer], None]
# The analyses in the order they run: each reads what earlier ones set on the explainer.
ANALYSES: tuple[tuple[str, Analysis], ...] = (
    ("topics", _topics),
    ("claims", _claims),
    ("comparison", _comparison),
    ("key points", _key_points),
    ("facts", _facts),
    ("open questions", _open_questions),
    ("timeline", _timeline),
    ("disputed facts", _mark_disputed_facts),
    ("honest support", _honest_support),
)


def _analyse(spec: ExplainerSpec, documents: list[Document]) -> Explainer:
    explainer = Explainer(spec=spec, documents=documents)
    for _name, step in ANALYSES:
        step(explainer)
    explainer.statements = {}  # the claim model is the analyses' working state, not output
    missing = sorted(set(explainer.all_cites()) - set(explainer.sentences))
    if missing:
        raise InputError(spec.path, f"curation cites unknown sentence ids: {', '.join(missing)}")
    comp = explainer.comparison
    notes = [item.note or "" for item in [*comp.discrepancies, *comp.agreements]]
    for where, text in [("the intro", spec.intro_md), *(("an editor's note", n) for n in notes)]:
        unknown = [i for i in markdown.cited_ids(text) if i not in explainer.sentences]
        if unknown:
            raise InputError(spec.path, f"{where} cites unknown sentence ids: {', '.join(unknown)}")
    return explainer


def build_explainer(spec: ExplainerSpec, root: Path, limits: Limits | None = None) -> Explainer:
    started = time.perf_counter()
    documents = load_documents(spec, root, limits)
    explainer = analyse(spec, documents, (limits or Limits()).publish_threshold)
    log.info(
        "explainer %s: %d sources, %d sentences analysed in %.2fs",
        spec.slug,
        len(documents),
        len(explainer.sentences),
        time.perf_counter() - started,
    )
    return explainer
