"""One build's state, owned by the plugin.

Created at Pelican's ``initialized`` signal from the validated ``EXPLAINER``
settings and handed to everything that needs it: the plugin's generators get
it as a class attribute of the generator classes the plugin gives Pelican, its
``finalized`` handler as an argument. Nothing is kept in module globals, so two
Pelican objects in one process never share a build.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cache import Cache
from .confine import content_files
from .glossary import GlossaryEntry
from .guard import Budget
from .pipeline import Explainer, Limits
from .render.reuse import PageReuse
from .render.templating import SharedBytecode
from .settings import NAME
from .urls import Urls


@dataclass
class BuildState:
    settings: dict[str, Any]
    final: Path  # the output directory the site sees
    staging: Path  # where the current run writes; swapped in when it succeeds
    cache: Cache | None = None  # the build cache, the one owner of every kept layer
    # What one run found; reset when the next run starts.
    glossary: list[GlossaryEntry] = field(default_factory=list)
    glossary_key: str | None = None
    explainers: list[Explainer] = field(default_factory=list)
    reuse: PageReuse | None = None  # set once the explainers are read
    # Site-relative URLs of pages written with no date of their own (see postbuild.undated_sitemap).
    undated: set[str] = field(default_factory=set)
    started: float = field(default_factory=time.perf_counter)
    # Compiled templates of the plugin's Jinja environments (never the site's).
    bytecode: SharedBytecode = field(default_factory=SharedBytecode)

    def __post_init__(self) -> None:
        if self.cache is None:
            self.cache = Cache.from_setting(self.options["cache_dir"], self.root)

    def new_run(self) -> None:
        if self.cache is not None:
            self.cache.begin_run()
        self.glossary, self.glossary_key, self.explainers, self.reuse = [], None, [], None
        self.undated = set()
        self.started = time.perf_counter()

    def summary(self) -> str:
        """The build's one closing line."""
        sources = sum(len(ex.documents) for ex in self.explainers)
        line = f"Done: {_count(len(self.explainers), 'explainer')} from {_count(sources, 'source')}"
        if self.reuse is not None:
            pages = self.reuse.rendered + self.reuse.reused
            line += f", {_count(pages, 'page')} ({self.reuse.rendered} rendered,"
            line += f" {self.reuse.reused} unchanged)"
        return f"{line} in {time.perf_counter() - self.started:.2f} seconds."

    @property
    def options(self) -> dict[str, Any]:
        """The validated ``EXPLAINER`` dict."""
        options: dict[str, Any] = self.settings[NAME]
        return options

    @property
    def root(self) -> Path:
        """Where seed paths start."""
        root = self.options["root"]
        return Path(root) if root else Path(self.settings["PATH"]).parent

    @property
    def urls(self) -> Urls:
        """The site's URL and save-as patterns."""
        return Urls.from_options(self.options)

    @property
    def limits(self) -> Limits:
        return Limits(
            self.options["max_seed_bytes"],
            self.options["max_line_chars"],
            self.options["publish_threshold"],
        )

    @property
    def budget(self) -> Budget:
        return Budget(self.options["max_memory_mb"], self.options["max_seconds"])

    def content_files(self, key: str) -> tuple[Path, list[Path]]:
        """A content folder (``explainers_dir`` or ``glossary_dir``) and its files,
        each one resolving inside PATH."""
        path = Path(self.settings["PATH"])
        directory = path / self.options[key]
        return directory, content_files(directory, path, self.root)

    def pages(self) -> PageReuse:
        """This run's PageReuse; one that always renders if the explainers were not read."""
        return self.reuse or PageReuse(None, Path(self.settings["OUTPUT_PATH"]), None)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
