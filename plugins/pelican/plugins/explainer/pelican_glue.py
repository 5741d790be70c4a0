"""The one place that wires the plugin into Pelican: settings, signals, staged output.

``register()`` connects one handler, to ``initialized``. It validates the
``EXPLAINER`` settings, creates the plugin's :class:`~.state.BuildState` and
connects, for this Pelican object only, the handlers that need it: one that
gives Pelican the generators (:mod:`.generators`) and one on ``finalized``
that finishes the site and swaps it into place.

That last handler must run after every other plugin's ``finalized`` handler
(the sitemap writes into the staged output). Pelican dispatches its signals in
connection order (it sets blinker's ``Signal.set_class`` to an ordered set, as
blinker documents for that purpose), calls every plugin's ``register()``
before it sends ``initialized``, and a receiver connected for one sender comes
after those connected for any sender: connected here, ours runs last.
"""

from __future__ import annotations

import atexit
import os
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.log import console

from . import postbuild
from .cache import check_cache_dir
from .errors import check_interrupted, install_interrupts, install_one_line_errors
from .generators import generators_for, progress
from .render import output_guard
from .render.staging import discard, replace_dir, staging_dir
from .settings import NAME, explainer_settings
from .state import BuildState


def _apply_settings(state: BuildState) -> None:
    """Keep Pelican's own article and page readers out of the plugin's content folders.

    This is the one setting the plugin touches, and only to add its own folders:
    an explainer's content file is not a blog article. Everything else the plugin
    needs (templates, escaping, filters, static files) lives in its own generators,
    so the site's articles, pages, feeds and theme render as they would without it.
    """
    settings, options = state.settings, state.options
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        excluded = list(settings.get(key, []))
        for sub in (options["explainers_dir"], options["glossary_dir"]):
            if sub not in excluded:
                excluded.append(sub)
        settings[key] = excluded


def initialize(pelican_object: Any) -> None:
    """Create this Pelican object's build state and connect the handlers that use it."""
    settings = pelican_object.settings
    settings[NAME] = explainer_settings(settings)
    # Never resolved: a symlinked output is refused, not followed to its target.
    final = output_guard.output_path(pelican_object.output_path)
    root = Path(settings[NAME]["root"] or Path(settings["PATH"]).parent)
    protected = [
        ("the project root", root),
        ("the content folder", Path(settings["PATH"])),
        ("the settings file", output_guard.settings_file()),
    ]
    output_guard.check_location(final, protected)
    output_guard.check_contents(final, output_guard.retained(settings.get("OUTPUT_RETENTION")))
    check_cache_dir(settings[NAME]["cache_dir"], root, Path(settings["PATH"]), final)
    # Pelican writes into a fresh staging directory beside the real output.
    state = BuildState(settings, final, staging_dir(final))
    _apply_settings(state)
    pelican_object.output_path = str(state.staging)
    atexit.register(discard, state.staging)

    def generators(sender: Any) -> list[type]:
        state.new_run()
        return generators_for(state)

    def finalized(sender: Any) -> None:
        finish(state, sender)

    def written(path: str, context: dict[str, Any]) -> None:
        # Sent with the file's path as sender, so for any Pelican object: keep ours.
        relative = os.path.relpath(path, state.staging)
        if not relative.startswith(os.pardir):
            postbuild.note_undated(state.undated, relative, context)

    signals.get_generators.connect(generators, sender=pelican_object, weak=False)
    signals.content_written.connect(written, weak=False)
    signals.finalized.connect(finalized, sender=pelican_object, weak=False)


def finish(state: BuildState, pelican_object: Any) -> None:
    """Whole-site steps (robots.txt, search index) on the staged output, then
    replace the real output directory with it."""
    staging = Path(pelican_object.output_path)
    postbuild.undated_sitemap(staging, state.settings, state.undated)
    search = postbuild.run(staging, state.settings, state.cache)
    progress("search index: %s", search)
    check_interrupted()
    _swap(state, staging)
    if state.reuse is not None:
        state.reuse.save()
        progress("pages: %d rendered, %d unchanged", state.reuse.rendered, state.reuse.reused)
    # Keep building into a fresh staging dir if this Pelican object runs again.
    state.staging = staging_dir(state.final)
    pelican_object.output_path = str(state.staging)
    progress("output ready in %s", state.final)
    _closing_line(state.summary())


def _swap(state: BuildState, staging: Path) -> None:
    """Check the output folder again (it may have changed while the site was built),
    record what this build wrote, carry the user's retained files over, then swap."""
    final = state.final
    seeds = {state.root / doc.meta.path for ex in state.explainers for doc in ex.documents}
    output_guard.check_location(final, [("a seed", seed) for seed in sorted(seeds)])
    retention = output_guard.retained(state.settings.get("OUTPUT_RETENTION"))
    output_guard.check_contents(final, retention)
    output_guard.record(staging)
    output_guard.carry_retained(final, staging, retention)
    replace_dir(staging, final)


# What Pelican prints last when it processed none of its own articles or pages.
_NOTHING = "Processed 0 articles, 0 drafts, 0 hidden articles, 0 pages, 0 hidden pages and 0 draft"


def _closing_line(line: str) -> None:
    """Print ``line`` in place of Pelican's "Done: Processed 0 articles…", or after
    Pelican's own line when the site has articles or pages too.

    Pelican prints that line with its console right after the ``finalized``
    handlers, the last of which is this plugin's; only that next print is
    intercepted, and the console is restored before anything is printed.
    """

    def once(*args: Any, **kwargs: Any) -> None:
        del console.print  # back to the Console method
        text = " ".join(str(arg) for arg in args)
        if not text.startswith("Done: Processed"):
            console.print(*args, **kwargs)
        elif _NOTHING not in text:
            console.print(*args, **kwargs)
            console.print(line, soft_wrap=True)
        else:
            console.print(line, soft_wrap=True)

    console.print = once  # type: ignore[method-assign]


def register() -> None:
    install_one_line_errors("pelican")
    install_interrupts()
    signals.initialized.connect(initialize)
