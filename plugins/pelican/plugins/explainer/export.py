"""The explainer model as JSON (``data/<slug>.json``, schema in ``schema/``)."""

from __future__ import annotations

from typing import Any

from .decisions import review
from .glossary import GlossaryEntry
from .pipeline import Explainer
from .urls import DEFAULT, Urls

SCHEMA_VERSION = 4


def _source(ex: Explainer, doc: Any, urls: Urls) -> dict[str, Any]:
    meta = doc.meta
    return {
        "id": doc.id,
        "label": meta.label,
        "publisher": meta.publisher,
        "kind": meta.kind,
        "published": meta.published.isoformat() if meta.published else None,
        "published_time": meta.published_time,
        "url": urls.source(ex.slug, doc.id),
        "original_url": meta.link,  # `url` is this site's page for the source
        "headline": doc.headline.text if doc.headline else None,
        # The content file's values, else what the seed states.
        "dateline": meta.dateline or doc.dateline,
        "byline": meta.byline,
        "credits": list(doc.credits),
        "sentences": [
            {
                "id": s.id,
                "text": s.text,
                "section": s.section,
                "role": s.role,
                "start": s.start,
                "end": s.end,
                "url": urls.sentence(ex.slug, s.id, doc.id),
            }
            for s in doc.sentences
        ],
    }


def explainer_json(
    ex: Explainer, glossary: list[GlossaryEntry], urls: Urls = DEFAULT
) -> dict[str, Any]:
    spec = ex.spec
    by_slug = {g.slug: g for g in glossary}
    return {
        "schema": SCHEMA_VERSION,
        "slug": ex.slug,
        "title": ex.title,
        "published": spec.published.isoformat(),
        "url": urls.explainer(ex.slug),
        "comparison_url": urls.comparison(ex.slug),
        "summary": spec.summary,
        "sources": [_source(ex, d, urls) for d in ex.documents],
        "key_points": [k.to_json() for k in ex.key_points],
        "facts": [f.to_json() for f in ex.facts],
        "open_questions": [q.to_json() for q in ex.open_questions],
        "timeline": [t.to_json() for t in ex.timeline],
        "glossary": [
            {
                "term": by_slug[slug].term,
                "slug": slug,
                "url": urls.glossary(slug),
                "mentions": list(ids),
            }
            for slug, ids in sorted(ex.glossary_mentions.items())
            if slug in by_slug and ids
        ],
        "comparison": ex.comparison.to_json(),
        # Proposed but not published: below the publishing threshold, or disputed.
        "held_back": [h.to_json() for h in ex.held_back],
        # How an editor reviewed it: the curation block's decisions, counted.
        "review": (ex.review or review(spec.curation)).to_json(),
    }
