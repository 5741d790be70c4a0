"""The plugin's generators, one per output type, as in Pelican's own ``generators.py``:
glossary first (explainers link to it), then explainers, their source readers and
comparisons, the JSON export and the site pages.

Each run's classes are made by :func:`generators_for`, which binds them to the
plugin's :class:`~.state.BuildState`; they read and write nothing else.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, ClassVar

import jinja2
import pelican
from jinja2 import ChoiceLoader, FileSystemLoader
from pelican.generators import Generator

from . import STATIC, TEMPLATES, urls
from .batch import build_all
from .errors import shown_path
from .glossary import glossary_jsonld
from .glossary_stage import add_mentions, load_entries
from .glossary_warnings import SUGGESTION
from .output_paths import check_explainers
from .pipeline import Explainer
from .render.feed import feed_items
from .render.reuse import PageReuse, reuse_key
from .render.templating import link_terms_filter, template_globals, theme_layout
from .render.writing import PageRef
from .signals import before_rendering, explainers_analysed
from .state import BuildState

log = logging.getLogger(__name__)
# Progress lines show at Pelican's default verbosity (warnings) and hide with -q.
progress_log = logging.getLogger(f"{__package__}.progress")
progress_log.setLevel(logging.INFO)


def progress(message: str, *args: Any) -> None:
    if logging.getLogger().getEffectiveLevel() <= logging.WARNING:
        progress_log.info(message, *args)


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


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

    The plugin renders with its own Jinja environment, an overlay of the one
    Pelican made for this generator from the site's settings: the site's
    ``JINJA_ENVIRONMENT``, filters and globals stay exactly as the site set them,
    so its articles and pages render as they would without the plugin.
    """

    state: ClassVar[BuildState]  # set by generators_for()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Seed and content text is untrusted: always escaped in the plugin's pages,
        # whatever the site's autoescape. The bytecode cache is the plugin's own
        # (shared by its generators, so each template compiles once per build), never
        # one the site configured: Jinja keys compiled code by template name and
        # file, not by the options it was compiled with, such as autoescape.
        env = self.env.overlay(autoescape=True, bytecode_cache=self.state.bytecode)
        env.filters = {"link_terms": link_terms_filter, **env.filters}
        env.globals = {**template_globals(self.state.urls), **env.globals}  # the site's win
        loader = env.loader
        assert isinstance(loader, ChoiceLoader)  # Pelican's: theme, then its fallbacks
        # A new loader: the overlay shares its parent's, the one Pelican built from the site's settings.
        env.loader = ChoiceLoader(
            [loader.loaders[0], FileSystemLoader(str(TEMPLATES)), *loader.loaders[1:]]
        )
        # The plugin's pages extend the theme's own layout (explainer/base.html).
        base, blocks = theme_layout(env)
        env.globals = {**env.globals, "theme_base": base, "theme_blocks": blocks}
        self.env = env

    def write(
        self,
        writer: Any,
        url: str,
        template: str,
        title: str,
        day: date,
        relative: bool = True,
        save_as: str | None = None,
        **kw: Any,
    ) -> None:
        page = PageRef(url=url, title=title, date=_midnight(day))
        path = save_as or urls.save_as(url)
        writer.write_file(
            path,
            _Reused(self.state.pages(), path, lambda: self.get_template(template)),
            self.context,
            relative_urls=relative and self.settings["RELATIVE_URLS"],
            url=url,
            page=page,
            page_url=url,
            xpl_page=True,  # tells a theme this page is the plugin's (see theme/base.html)
            **kw,
        )


class GlossaryGenerator(_Base):
    """Reads ``content/glossary/*.md``; writes the glossary page."""

    def generate_context(self) -> None:
        state = self.state
        directory, files = state.content_files("glossary_dir")
        state.glossary, state.glossary_key = load_entries(directory, files, state.root, state.cache)
        self.context["glossary"] = self.entries = state.glossary
        progress("glossary: %d entries", len(self.entries))

    def generate_output(self, writer: Any) -> None:
        # The first of the plugin's generators to write: everything is read by now.
        before_rendering.send(
            self.state, explainers=self.state.explainers, glossary=self.state.glossary
        )
        if not self.entries:
            return
        explainers = self.state.explainers
        newest = max((e.spec.published for e in explainers), default=date(2000, 1, 1))
        self.write(
            writer,
            self.state.urls.glossary(),
            "explainer/glossary",
            "Glossary",
            newest,
            save_as=self.state.urls.save_as("glossary"),
            entries=self.entries,
            glossary_jsonld=glossary_jsonld(
                self.entries, self.settings.get("SITEURL", ""), self.state.urls
            ),
        )


class ExplainerGenerator(_Base):
    """Reads explainer content files and seeds, runs the analysis; writes explainer pages."""

    def generate_context(self) -> None:
        state = self.state
        directory, files = state.content_files("explainers_dir")

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

        cache = state.cache
        explainers = build_all(
            files,
            state.root,
            state.limits,
            cache=cache,
            workers=state.options["workers"],
            progress=announce,
            meanwhile=self._prepare_rendering,
            budget=state.budget,
        )
        # A slug or source id can put a page on another's file ("search" with "{slug}/").
        check_explainers(
            state.options, self.settings.get("THEME_STATIC_DIR") or "theme", explainers, state.root
        )
        warnings = add_mentions(explainers, state.glossary, state.glossary_key, cache)
        if not files:
            log.warning("no explainers found in %s", shown_path(directory, state.root))
        for line in warnings:  # authoring help: names with no entry, entries never mentioned
            (log.info if SUGGESTION in line else log.warning)("glossary: %s", line)
        # Newest first, then by slug, so the order never depends on the file system.
        explainers.sort(key=lambda e: (-e.spec.published.toordinal(), e.slug))
        explainers_analysed.send(state, explainers=explainers)
        state.explainers = self.explainers = explainers
        # In every template's context, as Pelican's `articles` is: a theme can list
        # them (title, url, date, summary) and link the index page from its menu.
        for ex in explainers:
            ex.url = state.urls.explainer(ex.slug)
        self.context["explainers"] = explainers
        self.context["explainers_url"] = state.urls.index()
        final = Path(self.settings["OUTPUT_PATH"]).resolve()
        versions = f"pelican {pelican.__version__} jinja2 {jinja2.__version__}"
        site_key = reuse_key(cache, self.settings, [ex.input_key for ex in explainers], versions)
        state.reuse = PageReuse(cache, final, site_key)

    def _prepare_rendering(self) -> None:
        """Compile the theme (into the shared bytecode cache) and load the linker."""
        for name in self.env.list_templates(
            filter_func=lambda n: n.startswith("explainer/") and n.endswith(".html")
        ):
            self.env.get_template(name)
        from .render import linker  # noqa: F401  (imports bs4)

    def generate_output(self, writer: Any) -> None:
        links = self.state.urls
        for ex in self.explainers:
            self.write(
                writer,
                links.explainer(ex.slug),
                "explainer/explainer",
                ex.title,
                ex.spec.published,
                save_as=links.save_as("explainer", slug=ex.slug),
                explainer=ex,
            )


class SourceReaderGenerator(_Base):
    """One reader page per source, every sentence an anchor."""

    def generate_output(self, writer: Any) -> None:
        links = self.state.urls
        for ex in self.state.explainers:
            for doc in ex.documents:
                self.write(
                    writer,
                    links.source(ex.slug, doc.id),
                    "explainer/source",
                    f"{doc.meta.label} — {ex.title}",
                    ex.spec.published,
                    save_as=links.save_as("source", slug=ex.slug, source=doc.id),
                    explainer=ex,
                    document=doc,
                )


class ComparisonGenerator(_Base):
    """The side-by-side source comparison of each explainer."""

    def generate_output(self, writer: Any) -> None:
        links = self.state.urls
        for ex in self.state.explainers:
            self.write(
                writer,
                links.comparison(ex.slug),
                "explainer/compare",
                f"How the sources compare — {ex.title}",
                ex.spec.published,
                save_as=links.save_as("compare", slug=ex.slug),
                explainer=ex,
            )


class DataExportGenerator(Generator):
    """``data/<slug>.json``: the whole analysis, machine-readable."""

    state: ClassVar[BuildState]

    def generate_output(self, writer: Any) -> None:
        from .export import explainer_json

        glossary = self.state.glossary
        pages = self.state.pages()
        links = self.state.urls
        for ex in self.state.explainers:
            path = links.save_as("data", slug=ex.slug)
            target = Path(self.output_path) / path

            def export(ex: Explainer = ex) -> str:
                payload = explainer_json(ex, glossary, links)
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
        explainers = self.state.explainers
        newest = max((e.spec.published for e in explainers), default=date(2000, 1, 1))
        links = self.state.urls
        if not _blog_index(self.settings):
            name = self.settings["SITENAME"]
            self.write(writer, "", "explainer/index", name, newest, home=True)
        index = links.index()
        self.write(
            writer, index, "explainer/index", "Explainers", newest, save_as=links.save_as("index")
        )
        self.write(
            writer,
            links.search(),
            "explainer/search",
            "Search",
            newest,
            save_as=links.save_as("search"),
        )
        # The 404 page is served at any depth, so its links cannot be page-relative.
        # A theme's own 404.html wins over the plugin's.
        template = "404" if "404.html" in self.env.list_templates() else "explainer/404"
        self.write(writer, "404.html", template, "Page not found", newest, relative=False)
        feed = self.state.options["feed_atom"]
        if feed and explainers:
            author = self.settings.get("AUTHOR") or ""
            items = feed_items(explainers, author, _midnight, self.state.urls)
            writer.write_feed(items, self.context, feed, feed_type="atom")


class StaticFilesGenerator(Generator):
    """The plugin's stylesheets, scripts and icon, copied into ``THEME_STATIC_DIR``.

    Copied here rather than listed in the site's ``THEME_STATIC_PATHS``, which the
    plugin leaves alone. Pelican's StaticGenerator runs after every plugin
    generator and copies the theme's own static files over these, so the theme
    wins on a clash.
    """

    def generate_output(self, writer: Any) -> None:
        target = Path(self.output_path) / self.settings["THEME_STATIC_DIR"]
        shutil.copytree(STATIC, target, dirs_exist_ok=True)


GENERATORS: list[type[Generator]] = [
    GlossaryGenerator,
    ExplainerGenerator,
    SourceReaderGenerator,
    ComparisonGenerator,
    DataExportGenerator,
    SitePagesGenerator,
    StaticFilesGenerator,
]


def generators_for(state: BuildState) -> list[type]:
    """This build's generator classes: the plugin's, bound to ``state``."""
    return [type(cls.__name__, (cls,), {"state": state}) for cls in GENERATORS]
