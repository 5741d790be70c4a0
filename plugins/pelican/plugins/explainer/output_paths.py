"""Every file the site writes, checked before a byte is written.

A URL or save-as pattern is a ``str.format`` string, so what it means is only
known once formatted: ``{slug:/>60}`` pads the slug with slashes into an
absolute path, and two patterns that differ as text can name one file. Each
pattern is therefore checked as its formatted result: inside the output, no
NUL or control character, a plain ``{field}`` only. Then the files of every
page type, for sample explainers (at settings time) or the real ones (at build
time), must not meet: no two pages on one file, no page on a file the site
writes anyway (the home page, ``sitemap.xml``, the feed, ``search/``) or inside
a folder another tool owns (``pagefind/``, the theme's static files), and no
file where another page needs a folder.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .urls import Urls, save_as

if TYPE_CHECKING:
    from .pipeline import Explainer

NAME = "EXPLAINER"

# Files and folders the site has whatever the patterns say (page, what writes it).
SITE_FILES = {
    "index.html": "the home page",
    "404.html": "the 404 page",
    "robots.txt": "robots.txt",
    "sitemap.xml": "the sitemap",
}
SITE_FOLDERS = {"pagefind": "the search index"}  # the theme's static folder is added per site
# Sample explainers for checking patterns before any content is read: two of
# each, so that a pattern equal for every slug and one equal for one slug differ.
SAMPLES = (("sample-one", ("source-one", "source-two")), ("sample-two", ("source-one",)))
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


class PatternError(ValueError):
    """A pattern that is not a plain path; the message names no key (the caller does)."""


def _shown(value: str) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def check_pattern(value: str, fields: tuple[str, ...], file: bool) -> None:
    """A URL or save-as pattern: plain ``{field}`` names of its page, and formatted with
    sample values a relative path inside the output (``file``: ending in a file name)."""
    if _CONTROL.search(value):
        raise PatternError(f"contains a control character: {_shown(value)}")
    try:
        parsed = list(string.Formatter().parse(value))
    except ValueError as exc:
        raise PatternError(f"not a valid pattern ({exc})") from None
    allowed = ", ".join("{" + name + "}" for name in fields) or "none"
    used = set()
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in fields:
            raise PatternError(f"unknown field {{{name}}} (fields: {allowed})")
        if spec or conversion:
            # A spec pads, cuts or nests fields: the path would no longer be the slug's.
            raise PatternError(f"write {{{name}}} without a format spec or conversion")
        used.add(name)
    for name in fields:
        if name not in used:
            raise PatternError(f"needs {{{name}}}, or pages would overwrite each other")
    for sample in ({name: f"sample-{name}" for name in fields}, {name: "x" for name in fields}):
        path = value.format(**sample)
        parts = path.split("/")
        if (
            not path
            or path.startswith("/")
            or "\\" in path
            or {".", ".."} & set(parts)
            or "" in parts[:-1]
        ):
            raise PatternError(f"expected a path inside the output, got {_shown(value)}")
        if file and not parts[-1]:
            raise PatternError(f"expected a file name at the end, got {_shown(value)}")


@dataclass(frozen=True)
class Owner:
    """What writes a file: its description, the setting key, the content file."""

    what: str
    key: str | None = None
    content: str | None = None  # the explainer's content file, as shown


NOUNS = {
    "explainer": "explainer page",
    "compare": "comparison page",
    "data": "JSON export",
    "source": "source page",
    "index": "explainers index page",
}


def _pages(
    urls: Urls, explainers: Iterable[tuple[str, Iterable[str], str | None]], *, url: bool
) -> Iterator[tuple[str, Owner]]:
    """Each page's file (or, with ``url``, the file its URL serves) and its owner.
    An explainer without a content file is a sample: its owner names the setting."""
    suffix = "_url" if url else "_save_as"

    def page(kind: str, content: str | None, whose: str, **fields: str) -> tuple[str, Owner]:
        key = kind + suffix
        path = save_as(urls.patterns[key].format(**fields)) if url else urls.save_as(kind, **fields)
        noun = NOUNS.get(kind, f"{kind} page")
        what = f'the {noun} ({NAME}["{key}"])' if content is None else f"the {noun} {whose}"
        return path, Owner(what, key, content)

    yield page("glossary", None, "")
    yield page("index", None, "")
    yield page("search", None, "")
    for slug, sources, content in explainers:
        yield page("explainer", content, f"of {slug!r}", slug=slug)
        yield page("compare", content, f"of {slug!r}", slug=slug)
        yield page("data", content, f"of {slug!r}", slug=slug)
        for source in sources:
            yield page("source", content, f"{source!r} of {slug!r}", slug=slug, source=source)


def _site(feed: str | None) -> Iterator[tuple[str, Owner]]:
    yield from ((path, Owner(what)) for path, what in SITE_FILES.items())
    if feed:
        yield feed, Owner("the feed", "feed_atom")


def first_clash(
    files: Iterable[tuple[str, Owner]], folders: dict[str, str] | None
) -> tuple[str, Owner, str] | None:
    """The first file that another file, a folder or a reserved folder already claims:
    (path, its later owner, why it clashes). ``folders`` None: URLs, where only equal
    ones clash (web addresses ``a/b`` and ``a/b/c/`` can both exist)."""
    taken: dict[str, Owner] = {}
    parents: dict[str, Owner] = {}  # folder -> the first file that needs it
    for path, owner in files:
        parts = path.rstrip("/").split("/")
        above = ["/".join(parts[:n]) for n in range(1, len(parts))]
        if path in taken:
            return path, owner, f"{taken[path].what} is there too"
        if folders is None:
            taken[path] = owner
            continue
        if reserved := next((folders[f] for f in [*above, path] if f in folders), None):
            return path, owner, f"that is inside the folder of {reserved}"
        if path in parents:
            return path, owner, f"{parents[path].what} needs a folder there"
        if clash := next((f for f in above if f in taken), None):
            return path, owner, f"that needs a folder where {taken[clash].what} is ({clash})"
        taken[path] = owner
        for folder in above:
            parents.setdefault(folder, owner)
    return None


def check_settings(options: dict[str, Any], static_dir: str) -> tuple[str, str] | None:
    """(key, message) for the first pattern whose pages, for sample explainers, clash."""
    urls = Urls.from_options(options)
    feed = options.get("feed_atom")
    samples = [(slug, sources, None) for slug, sources in SAMPLES]
    for url in (False, True):
        files = [*_site(None), *_pages(urls, samples, url=url)]
        if feed and not url:  # last, so that a clash names the feed, not the page
            files.append((feed, Owner("the feed", "feed_atom")))
        found = first_clash(files, None if url else _folders(static_dir))
        if found:
            path, owner, other = found
            verb = "links to" if url else "writes"
            sample = " (for a sample slug)" if "sample-" in path else ""
            return owner.key or "", f"{verb} {path}{sample}, but {other}"
    return None


def _folders(static_dir: str) -> dict[str, str]:
    return {**SITE_FOLDERS, static_dir.strip("/"): "the theme's static files"}


def check_explainers(
    options: dict[str, Any], static_dir: str, explainers: Iterable[Explainer], root: Path
) -> None:
    """Raise InputError, naming the content file, for a slug or source id whose pages
    land on another page's file (an explainer slugged ``search`` with ``{slug}/``)."""
    urls = Urls.from_options(options)
    feed = options.get("feed_atom")
    real = [(ex.slug, [d.id for d in ex.documents], ex.spec.path) for ex in explainers]
    files = [*_site(feed), *_pages(urls, real, url=False)]
    found = first_clash(files, _folders(static_dir))
    if found is None:
        return
    path, owner, other = found
    raise InputError(
        owner.content,
        f"{owner.what} would be written to {path}, but {other}; choose another slug or source id",
        line=_slug_line(root / owner.content) if owner.content else None,
    )


def _slug_line(path: Path) -> int | None:
    try:
        lines = path.read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    return next((n for n, line in enumerate(lines, 1) if line.startswith("slug:")), None)
