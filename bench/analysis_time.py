"""Child process for the ``long`` part: time parse + analysis of one project's explainers.

    python -m bench.analysis_time PROJECT ROOT WARMUP_ROOT

Imports the plugin from ``PROJECT/plugins/pelican/plugins/explainer`` (so ``--project`` copies are
measured with their own code), builds the explainers under ``WARMUP_ROOT``
first to pay one-off costs (imports, lazily built tables) on other text, so
that no per-text memo is warm, then times one serial, uncached build of the
explainers under ``ROOT``. Prints JSON: ``{"sentences", "seconds", "cpu_seconds"}``.
"""

from __future__ import annotations

import importlib.util
import json
import resource
import sys
import time
from pathlib import Path


def _paths(root: Path) -> list[Path]:
    return sorted((root / "content" / "explainers").glob("*.md"))


def _import_plugin(project: Path) -> None:
    """Make ``pelican.plugins.explainer`` the copy under ``project``, whatever is installed."""
    package = project / "plugins" / "pelican" / "plugins" / "explainer"
    name = "pelican.plugins.explainer"
    spec = importlib.util.spec_from_file_location(
        name, package / "__init__.py", submodule_search_locations=[str(package)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)


def main() -> None:
    project, root, warmup = (Path(a) for a in sys.argv[1:4])
    _import_plugin(project)
    from pelican.plugins.explainer.batch import build_all

    build_all(_paths(warmup), warmup, cache=None, workers=1)
    started, cpu_started = time.perf_counter(), time.process_time()
    explainers = build_all(_paths(root), root, cache=None, workers=1)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    sentences = sum(len(e.sentences) for e in explainers)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        json.dumps(
            {"sentences": sentences, "seconds": seconds, "cpu_seconds": cpu, "max_rss_mb": peak}
        )
    )


if __name__ == "__main__":
    main()
