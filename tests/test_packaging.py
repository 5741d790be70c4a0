"""The wheel holds the plugin and nothing else: no top-level ``evaluation``,
``checks`` or ``bench`` package lands in a site's site-packages.

Built from a copy of the checkout's tracked files (the build writes ``build/``
and ``*.egg-info`` beside its sources), without build isolation, so no network.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tinysite import ROOT


def _tracked_copy(target: Path) -> Path:
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, files):
        source = ROOT / name.decode()
        if source.is_file():  # a tracked file deleted in the work tree is skipped
            (target / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name.decode())
    return target


def test_the_wheel_installs_only_the_plugin(tmp_path: Path) -> None:
    source = _tracked_copy(tmp_path / "source")
    dist = tmp_path / "dist"
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
    result = subprocess.run(
        [*cmd, "--disable-pip-version-check", "-w", str(dist), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = dist.glob("pelican_explainer-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    metadata = [n for n in names if n.split("/")[0].endswith(".dist-info")]
    installed = [n for n in names if n not in metadata]
    assert installed and all(n.startswith("pelican/plugins/explainer/") for n in installed), {
        n.split("/")[0] for n in installed
    }
    # A namespace package: Pelican's own pelican/__init__.py must not be shadowed.
    assert "pelican/__init__.py" not in names and "pelican/plugins/__init__.py" not in names
    # The package data the plugin renders with ships too.
    assert "pelican/plugins/explainer/templates/explainer/base.html" in names
    assert "pelican/plugins/explainer/static/css/explainer.css" in names
    top_level = next(n for n in metadata if n.endswith("/top_level.txt"))
    assert zipfile.ZipFile(wheel).read(top_level).split() in ([b"pelican"], [])
