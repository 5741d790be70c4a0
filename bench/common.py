"""Helpers the parts share: our build command, fresh directories, seed edits."""

from __future__ import annotations

import runpy
import shutil
from pathlib import Path

from .measure import Run, pelican_cmd


def _ours(
    project: Path, root: Path, output: Path, cache: Path | None, workers: int | None
) -> list[str]:
    options: dict[str, object] = {
        **runpy.run_path(str(project / "pelicanconf.py")).get("EXPLAINER", {}),
        "root": str(root),
        "cache_dir": str(cache) if cache else None,
    }
    if workers is not None:
        options["workers"] = workers
    extra: dict[str, object] = {"EXPLAINER": options}
    return pelican_cmd(root / "content", project / "pelicanconf.py", output, extra)


def _fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    return path


def _mb(run_: Run) -> str:
    return f"{run_.rss_mb:.0f} / {run_.pss_mb:.0f}"


def _edit(seed: Path, number: int) -> str:
    """Append one new sentence to the seed's last body line; returns the marker word."""
    marker = f"Benchedit{number}"
    lines = seed.read_text(encoding="utf-8").rstrip("\n").split("\n")
    # The last line may be a credits line; edit the line before it then.
    index = len(lines) - 2 if len(lines) > 2 else len(lines) - 1
    lines[index] += f" The {marker} committee met again on Friday."
    seed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return marker


def _copy_inputs(project: Path, target: Path) -> Path:
    _fresh(target)
    for name in ("content", "seeds"):
        shutil.copytree(project / name, target / name)
    return target


def _copy_site(project: Path, target: Path) -> Path:
    """The project's inputs plus its code (theme, plugins, settings, tasks.py): a site that
    builds and serves on its own, as the live-reload server runs it."""
    root = _copy_inputs(project, target)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in ("theme", "plugins"):
        if (project / name).is_dir():  # a site theme is optional
            shutil.copytree(project / name, root / name, ignore=ignore)
    for name in ("pelicanconf.py", "tasks.py"):
        shutil.copy2(project / name, root / name)
    return root
