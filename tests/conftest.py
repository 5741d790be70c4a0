"""Shared fixtures: the real site is built once per session into a temp dir."""

from __future__ import annotations

import json
import runpy
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))


def settings_options(settings: Path) -> dict[str, object]:
    """A settings file's plugin options (``publishconf.py`` imports ``pelicanconf``
    from the current folder, as under ``pelican -s``: its folder is put on the path,
    and the path is restored after)."""
    saved = list(sys.path)
    sys.path.insert(0, str(settings.parent))
    try:
        return dict(runpy.run_path(str(settings)).get("EXPLAINER", {}))
    finally:
        sys.path[:] = saved


# The real site's plugin options; a test's EXPLAINER={...} is merged into them.
SITE_OPTIONS: dict[str, object] = settings_options(ROOT / "pelicanconf.py")


def as_json(explainers: list[Any]) -> str:
    """Explainers as their JSON export (without a glossary), for comparing whole builds."""
    from pelican.plugins.explainer.export import explainer_json

    return json.dumps([explainer_json(e, []) for e in explainers], sort_keys=True)


def run_pelican(
    output: Path,
    *,
    content: Path | None = None,
    settings: Path | None = None,
    extra: dict[str, object] | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Build a site the way an author does: the real `pelican` command."""
    cmd = [
        sys.executable,
        "-m",
        "pelican",
        str(content or ROOT / "content"),
        "-s",
        str(settings or ROOT / "pelicanconf.py"),
        "-o",
        str(output),
    ]
    # No analysis cache unless a test asks for one: every build starts cold.
    # `-e EXPLAINER=...` replaces the whole dict, so a test's options are merged
    # into those of the settings file this build uses (publishconf.py's differ).
    extra = dict(extra or {})
    base = SITE_OPTIONS if settings is None else settings_options(settings)
    options = {**base, "cache_dir": None, **extra.pop("EXPLAINER", {})}  # type: ignore[dict-item]
    extra["EXPLAINER"] = options
    # Pelican keeps only the last -e, so pass every setting in one.
    cmd += ["-e", *(f"{key}={json.dumps(value)}" for key, value in extra.items())]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)


def pytest_configure(config: pytest.Config) -> None:
    """Hypothesis keeps its example database and caches in ``.hypothesis/`` of the
    working directory, which is the checkout. It writes them while tests are being
    collected, before any fixture runs: point it at a temporary folder now."""
    try:
        from hypothesis.configuration import set_hypothesis_home_dir
    except ImportError:  # only the property tests need it
        return
    home = Path(tempfile.mkdtemp(prefix="explainer-hypothesis-"))
    set_hypothesis_home_dir(home)
    config.add_cleanup(lambda: shutil.rmtree(home, ignore_errors=True))


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with the development settings."""
    out = tmp_path_factory.mktemp("site") / "output"
    result = run_pelican(out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out
