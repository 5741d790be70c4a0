"""The one place that knows Pelican: settings, generators and signals.

One generator per output type, as in Pelican's own ``generators.py``:
glossary first (explainers link to it), then explainers, their source
readers and comparisons, the JSON export and the site pages. Output is
written to a staging directory and swapped in only when the build succeeds.
"""

from __future__ import annotations

import atexit
import json
import logging
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
import pelican
from jinja2 import ChoiceLoader, FileSystemBytecodeCache, FileSystemLoader
from pelican import signals
from pelican.generators import Generator

from . import STATIC, TEMPLATES, postbuild, urls
from .batch import blame, build_all
from .cache import Cache
from .confine import content_files
from .errors import check_interrupted, install_interrupts, install_one_line_errors, shown_path
from .glossary import find_mentions, glossary_jsonld, load_glossary
from .glossary_warnings import glossary_warnings
from .guard import Budget
from .pipeline import Explainer, Limits
from .render.feed import feed_items
from .render.reuse import PageReuse, reuse_key
from .render.staging import discard, replace_dir, staging_dir
from .render.templating import TEMPLATE_GLOBALS, InMemoryBytecode, link_terms_filter
from .render.writing import PageRef
from .settings import NAME, explainer_settings

log = logging.getLogger(__name__)
# Progress lines show at Pelican's default verbosity (warnings) and hide with -q.
progress_log = logging.getLogger(f"{__package__}.progress")
progress_log.setLevel(logging.INFO)


def progress(message: str, *args: Any) -> None:
    if logging.getLogger().getEffectiveLevel() <= logging.WARNING:
        progress_log.info(message, *args)


# --- small value objects the templates and Pelican's writers use ----------


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


# --- settings and helpers ----------------------------------------------------


def _options(settings: dict[str, Any]) -> dict[str, Any]:
    """The validated ``EXPLAINER`` dict (completed at ``initialized``)."""
    options: dict[str, Any] = settings[NAME]
    return options


def _root(settings: dict[str, Any]) -> Path:
    root = _options(settings)["root"]
    return Path(root) if root else Path(settings["PATH"]).parent


def _limits(settings: dict[str, Any]) -> Limits:
    options = _options(settings)
    return Limits(options["max_seed_bytes"], options["max_line_chars"])


def _content_files(settings: dict[str, Any], key: str) -> tuple[Path, list[Path]]:
    """A content folder and its files, each one resolving inside PATH."""
    directory = Path(settings["PATH"]) / _options(settings)[key]
    return directory, content_files(directory, Path(settings["PATH"]), _root(settings))


def _store(settings: dict[str, Any]) -> Cache | None:
    return Cache.from_setting(_options(settings)["cache_dir"], _root(settings))


def _cached_glossary(
    directory: Path, files: list[Path], root: Path, cache: Cache | None
) -> tuple[list[Any], str | None]:
    """The glossary entries and their cache key; from the cache when no entry file changed."""
    if cache is None:
        return load_glossary(directory, root), None
    where = shown_path(directory, root).encode()
    key = cache.key(b"glossary", where, *(p.name.encode() + b"\0" + p.read_bytes() for p in files))
    entries = cache.get(key)
    if entries is None:
        entries = load_glossary(directory, root)  # raises on a bad entry: nothing stored
        cache.put(key, entries)
    return entries, key


def _cached(cache: Cache | None, parts: list[str | None], compute: Callable[[], Any]) -> Any:
    """``compute()``, stored under a key made of other keys (not cached if one is unknown)."""
    if cache is None or any(part is None for part in parts):
        return compute()
    key = cache.key(*(str(part).encode() for part in parts))
    value = cache.get(key, count=False)
    if value is None:
        value = compute()
        cache.put(key, value)
    return value


# One PageReuse per build in progress, by id() of the settings its generators share.
_reuse: dict[int, PageReuse] = {}


def _pages(settings: dict[str, Any]) -> PageReuse:
    """This build's PageReuse; one that always renders if the explainers were not read."""
    return _reuse.get(id(settings)) or PageReuse(None, Path(settings["OUTPUT_PATH"]), None)


class _Reused:
    """A template stand-in for Pelican's writer: loads and renders the template
    only when the page changed."""

    def __init__(self, reuse: PageReuse, path: str, template: Callable[[], Any]):
        self.reuse, self.path, self.template = reuse, path, template

    def render(self, context: dict[str, Any]) -> str:
        return self.reuse.page(self.path, lambda: self.template().render(context))


class _Base(Generator):
    """Shared writing helper: every page gets a PageRef for the sitemap.

    Templates are looked up in the theme first, then in the plugin's own
    ``templates/`` (all named ``explainer/...``), then in Pelican's fallbacks:
    any theme works, and a theme overrides a template by shipping one of the same name.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        loader = self.env.loader
        assert isinstance(loader, ChoiceLoader)  # Pelican's: theme, then its fallbacks
        loader.loaders.insert(1, FileSystemLoader(str(TEMPLATES)))

    def write(
        self,
        writer: Any,
        url: str,
        template: str,
        title: str,
        day: date,
        relative: bool = True,
        **kw: Any,
    ) -> None:
        page = PageRef(url=url, title=title, date=_midnight(day))
        path = urls.save_as(url)
        writer.write_file(
            path,
            _Reused(_pages(self.settings), path, lambda: self.get_template(template)),
            self.context,
            relative_urls=relative and self.settings["RELATIVE_URLS"],
            url=url,
            page=page,
            page_url=url,
            **kw,
        )


class GlossaryGenerator(_Base):
    """Reads ``content/glossary/*.md``; writes the glossary page."""

    def generate_context(self) -> None:
        root = _root(self.settings)
        directory, files = _content_files(self.settings, "glossary_dir")
        with blame(shown_path(directory, root)):
            self.entries, key = _cached_glossary(directory, files, root, _store(self.settings))
        self.context["glossary"] = self.entries
        self.context["explainer_glossary_key"] = key
        progress("glossary: %d entries", len(self.entries))

    def generate_output(self, writer: Any) -> None:
        if not self.entries:
            return
        explainers: list[Explainer] = self.context.get("explainers", [])
        newest = max((e.spec.published for e in explainers), default=date(2000, 1, 1))
        self.write(
            writer,
            urls.glossary(),
            "explainer/glossary",
            "Glossary",
            newest,
            entries=self.entries,
            glossary_jsonld=glossary_jsonld(self.entries, self.settings.get("SITEURL", "")),
        )


class ExplainerGenerator(_Base):
    """Reads explainer content files and seeds, runs the analysis; writes explainer pages."""

    def generate_context(self) -> None:
        root = _root(self.settings)
        directory, files = _content_files(self.settings, "explainers_dir")

        def announce(number: int, total: int, explainer: Explainer, seconds: float | None) -> None:
            progress(
                "explainer %d/%d %s: %d sources, %d sentences (%s)",
                number,
                total,
                explainer.slug,
                len(explainer.documents),
                len(explainer.sentences),
                "cached" if seconds is None else f"{seconds:.2f}s",
            )

        cache = _store(self.settings)
        options = _options(self.settings)
        explainers = build_all(
            files,
            root,
            _limits(self.settings),
            cache=cache,
            workers=options["workers"],
            progress=announce,
            meanwhile=self._prepare_rendering,
            budget=Budget(options["max_memory_mb"], options["max_seconds"]),
        )
        # Glossary mentions are kept apart from the analysis: a glossary edit
        # must not re-analyse every explainer.
        glossary = self.context.get("glossary", [])
        glossary_key = self.context.get("explainer_glossary_key")
        for ex in explainers:
            with blame(ex.spec.path):
                ex.glossary_mentions = _cached(
                    cache,
                    ["mentions", glossary_key, ex.input_key],
                    lambda ex=ex: find_mentions(glossary, ex.documents),
                )
        if not files:
            log.warning("no explainers found in %s", shown_path(directory, root))
        # Authoring help: frequent names with no entry, entries nothing mentions.
        docs = {ex.slug: ex.documents for ex in explainers}
        warnings = _cached(
            cache,
            ["warnings", glossary_key, *(ex.input_key for ex in explainers)],
            lambda: glossary_warnings(glossary, docs),
        )
        for line in warnings:
            log.warning("glossary: %s", line)
        # Newest first, then by slug, so the order never depends on the file system.
        explainers.sort(key=lambda e: (-e.spec.published.toordinal(), e.slug))
        self.explainers = explainers
        self.context["explainers"] = explainers
        final = Path(self.settings["OUTPUT_PATH"]).resolve()
        versions = f"pelican {pelican.__version__} jinja2 {jinja2.__version__}"
        site_key = reuse_key(cache, self.settings, [ex.input_key for ex in explainers], versions)
        _reuse[id(self.settings)] = PageReuse(cache, final, site_key)

    def _prepare_rendering(self) -> None:
        """Compile the theme (into the shared bytecode cache) and load the linker."""
        for name in self.env.list_templates(
            filter_func=lambda n: n.startswith("explainer/") and n.endswith(".html")
        ):
            self.env.get_template(name)
        from .render import linker  # noqa: F401  (imports bs4)

    def generate_output(self, writer: Any) -> None:
        for ex in self.explainers:
            self.write(
                writer,
                urls.explainer(ex.slug),
                "explainer/explainer",
                ex.title,
                ex.spec.published,
                explainer=ex,
            )


class SourceReaderGenerator(_Base):
    """One reader page per source, every sentence an anchor."""

    def generate_output(self, writer: Any) -> None:
        for ex in self.context.get("explainers", []):
            for doc in ex.documents:
                self.write(
                    writer,
                    urls.source(ex.slug, doc.id),
                    "explainer/source",
                    f"{doc.meta.label} — {ex.title}",
                    ex.spec.published,
                    explainer=ex,
                    document=doc,
                )


class ComparisonGenerator(_Base):
    """The side-by-side source comparison of each explainer."""

    def generate_output(self, writer: Any) -> None:
        for ex in self.context.get("explainers", []):
            self.write(
                writer,
                urls.comparison(ex.slug),
                "explainer/compare",
                f"How the sources compare — {ex.title}",
                ex.spec.published,
                explainer=ex,
            )


class DataExportGenerator(Generator):
    """``data/<slug>.json``: the whole analysis, machine-readable."""

    def generate_output(self, writer: Any) -> None:
        from .export import explainer_json

        glossary = self.context.get("glossary", [])
        pages = _pages(self.settings)
        for ex in self.context.get("explainers", []):
            path = urls.data(ex.slug)
            target = Path(self.output_path) / path

            def export(ex: Explainer = ex) -> str:
                payload = explainer_json(ex, glossary)
                return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=False) + "\n"

            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(pages.page(path, export), encoding="utf-8")
            log.info("Writing %s", target)


def _blog_index(settings: dict[str, Any]) -> bool:
    """Whether Pelican writes its own home page (a blog with explainers beside it)."""
    index = urls.save_as("")
    return "index" in settings["DIRECT_TEMPLATES"] and settings["INDEX_SAVE_AS"] == index


class SitePagesGenerator(_Base):
    """Home page, search page, 404 and the explainer feed."""

    def generate_output(self, writer: Any) -> None:
        explainers: list[Explainer] = self.context.get("explainers", [])
        newest = max((e.spec.published for e in explainers), default=date(2000, 1, 1))
        if not _blog_index(self.settings):
            name = self.settings["SITENAME"]
            self.write(writer, "", "explainer/index", name, newest, explainers=explainers)
        self.write(writer, "search/", "explainer/search", "Search", newest)
        # The 404 page is served at any depth, so its links cannot be page-relative.
        self.write(writer, "404.html", "explainer/404", "Page not found", newest, relative=False)
        feed = _options(self.settings)["feed_atom"]
        if feed and explainers:
            items = feed_items(explainers, self.settings.get("AUTHOR") or "", _midnight)
            writer.write_feed(items, self.context, feed, feed_type="atom")


def get_generators(pelican_object: Any) -> list[type]:
    return [
        GlossaryGenerator,
        ExplainerGenerator,
        SourceReaderGenerator,
        ComparisonGenerator,
        DataExportGenerator,
        SitePagesGenerator,
    ]


# --- settings, atomic output and readable errors ------------------------------


def apply_defaults(pelican_object: Any) -> None:
    settings = pelican_object.settings
    settings[NAME] = options = explainer_settings(settings)
    # The plugin's stylesheets, scripts and icon go to THEME_STATIC_DIR first;
    # the theme's own static files are copied after them and win on a clash.
    static = str(STATIC)
    settings["THEME_STATIC_PATHS"] = [
        static,
        *(p for p in settings["THEME_STATIC_PATHS"] if p != static),
    ]
    # Pelican's own article/page readers must not pick up our content files.
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        excluded = list(settings.get(key, []))
        for sub in (options["explainers_dir"], options["glossary_dir"]):
            if sub not in excluded:
                excluded.append(sub)
        settings[key] = excluded
    # Seed and content text must always be escaped, whatever the site's settings say.
    jinja = {**settings.get("JINJA_ENVIRONMENT", {}), "autoescape": True}
    if "bytecode_cache" not in jinja:
        # Pelican gives every generator its own Jinja environment; a shared
        # bytecode cache compiles each template once per build, and with a
        # cache directory once until it changes.
        if options["cache_dir"]:
            templates = _root(settings) / options["cache_dir"] / "jinja"
            templates.mkdir(parents=True, exist_ok=True)
            jinja["bytecode_cache"] = FileSystemBytecodeCache(str(templates))
        else:
            jinja["bytecode_cache"] = InMemoryBytecode()
    settings["JINJA_ENVIRONMENT"] = jinja
    settings["JINJA_GLOBALS"] = {**TEMPLATE_GLOBALS, **settings.get("JINJA_GLOBALS", {})}
    settings["JINJA_FILTERS"] = {
        "link_terms": link_terms_filter,
        **settings.get("JINJA_FILTERS", {}),
    }
    _stage_output(pelican_object)
    # Swap last: reconnecting moves us behind every plugin's finalized handler
    # (the sitemap, search indexing), which must write into the staging dir.
    for receiver in (finish_output, swap_output):
        signals.finalized.disconnect(receiver)
        signals.finalized.connect(receiver)


_staging: dict[int, tuple[Path, Path]] = {}


def _stage_output(pelican_object: Any) -> None:
    """Point Pelican at a fresh staging directory beside the real output."""
    final = Path(pelican_object.output_path).resolve()
    staging = staging_dir(final)
    pelican_object.output_path = str(staging)
    _staging[id(pelican_object)] = (staging, final)
    atexit.register(discard, staging)


def finish_output(pelican_object: Any) -> None:
    """Whole-site steps (robots.txt, search index) on the staged output."""
    settings = pelican_object.settings
    cache = _options(settings)["cache_dir"]
    store = _root(settings) / cache / "search" if cache else None
    search = postbuild.run(Path(pelican_object.output_path), settings, store)
    progress("search index: %s", search)


def swap_output(pelican_object: Any) -> None:
    """Replace the real output directory with the finished staging one."""
    staged = _staging.get(id(pelican_object))
    if not staged:
        return
    staging, final = staged
    check_interrupted()
    replace_dir(staging, final)
    reuse = _reuse.pop(id(pelican_object.settings), None)
    if reuse is not None:
        reuse.save()
        progress("pages: %d rendered, %d unchanged", reuse.rendered, reuse.reused)
    # Keep building into a fresh staging dir if this Pelican object runs again.
    pelican_object.output_path = str(staging_dir(final))
    progress("output ready in %s", final)


def register() -> None:
    install_one_line_errors("pelican")
    install_interrupts()
    signals.initialized.connect(apply_defaults)
    signals.get_generators.connect(get_generators)
