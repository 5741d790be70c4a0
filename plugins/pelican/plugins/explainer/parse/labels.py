"""A source's default label: its outlet and what kind of text it is.

A label is how every page names a source (in bylines, citations, previews), so
it must be short. The headline is the wrong default: it runs to a dozen words
and repeats on every line that cites the source.
"""

from __future__ import annotations

# A content file's `kind` values that add nothing to "report" or "wire".
PLAIN_KINDS = {"", "original", "report", "article", "wire"}


def source_label(publisher: str | None, kind: str | None, wire: bool) -> str | None:
    """``"Example Agency wire"``, ``"Example News report (translation)"``; None without an outlet.

    ``wire``: the seed names an agency under its headline or in its dateline
    ("CITY (Example Agency) -"), which is how agency copy is laid out."""
    outlet = " ".join((publisher or "").split())
    if not outlet:
        return None
    label = f"{outlet} {'wire' if wire else 'report'}"
    extra = " ".join((kind or "").split())
    return f"{label} ({extra})" if extra.lower() not in PLAIN_KINDS else label
