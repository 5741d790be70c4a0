"""The review desk's HTML: one Jinja template (``assets/desk.html``), autoescaped.

Render code only: what to show comes from :mod:`.review`. Kept apart from the
site's templates and static files so that no build ever writes the desk.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from ..analyse.grouping import KINDS
from .review import LABELLED, SECTIONS, Broken, Review, Side

ASSETS = Path(__file__).with_name("assets")


def marked(side: Side) -> Markup:
    """The sentence with its compared words in ``<mark>``, everything escaped."""
    out, at = [], 0
    for start, end in sorted(side.marks):
        if start < at or end > len(side.text):
            continue  # overlapping or out of range: show the plain text there
        out += [escape(side.text[at:start]), Markup("<mark>"), escape(side.text[start:end])]
        out.append(Markup("</mark>"))
        at = end
    out.append(escape(side.text[at:]))
    return Markup("").join(out)


@cache
def _environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(ASSETS)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def _hidden(token: str):  # type: ignore[no-untyped-def]
    def hidden(review: Review) -> Markup:
        """What every form carries: the run's token, the file and the version shown."""
        rel = review.shown_path.removeprefix("content/")
        return Markup(
            '<input type="hidden" name="token" value="{}">'
            '<input type="hidden" name="file" value="{}">'
            '<input type="hidden" name="version" value="{}">'
        ).format(token, rel, review.version)

    return hidden


def ident(item: Any) -> Markup:
    """The fields that name an item: its section, sentences, and value or date."""
    parts = [
        Markup('<input type="hidden" name="section" value="{}">').format(item.section),
        Markup('<input type="hidden" name="cites" value="{}">').format(",".join(item.cites)),
        Markup('<input type="hidden" name="item" value="{}">').format(item.number),
    ]
    for name in ("value", "date"):
        value = getattr(item, name)
        if value is not None:
            parts.append(Markup('<input type="hidden" name="{}" value="{}">').format(name, value))
    return Markup("").join(parts)


def render(
    *,
    token: str,
    reviews: list[Review | Broken] | None = None,
    review: Review | None = None,
    page_url: str = "",
    can_undo: bool = False,
    message: str = "",
    message_kind: str = "ok",
    livereload_port: int | None = None,
) -> str:
    hidden = _hidden(token)

    def form(review: Review, item: Any, action: str, text: str, key: str) -> Markup:
        return Markup(
            '<form method="post" action="/_review/{}/act">{}{}'
            '<input type="hidden" name="action" value="{}">'
            '<button type="submit" data-key="{}">{}</button></form>'
        ).format(review.slug, hidden(review), ident(item), action, key, text)

    listed = [
        {"error": r.error, "shown_path": r.shown_path} if isinstance(r, Broken) else r
        for r in reviews or []
    ]
    return str(
        _environment()
        .get_template("desk.html")
        .render(
            review=review,
            reviews=listed,
            sections=SECTIONS,
            labelled=LABELLED,
            kinds=KINDS,
            page_url=page_url,
            can_undo=can_undo,
            message=message,
            message_kind=message_kind,
            livereload_port=livereload_port,
            hidden=hidden,
            ident=ident,
            form=form,
            marked=marked,
        )
    )
