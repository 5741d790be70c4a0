"""Builds running at the same time, sharing one cache: each one succeeds and
writes a complete site; a stored search index that vanishes mid-copy is rebuilt."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tinysite import ROOT, SITE_OPTIONS, write_project

from pelican.plugins.explainer import postbuild
from pelican.plugins.explainer.cache import Cache

ROUNDS, BUILDS = 3, 3  # bounded: 9 builds, about 2 s a round on 2 cores


def start(root: Path, output: Path) -> subprocess.Popen[str]:
    settings = {"EXPLAINER": {**SITE_OPTIONS, "root": str(root), "cache_dir": ".cache"}}
    cmd = [
        sys.executable, "-m", "pelican", str(root / "content"), "-s", str(ROOT / "pelicanconf.py"),
        "-o", str(output), "-e", *(f"{k}={json.dumps(v)}" for k, v in settings.items()),
    ]  # fmt: skip
    return subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_concurrent_builds_sharing_a_cache_all_succeed(tmp_path: Path) -> None:
    write_project(tmp_path)
    for round_ in range(ROUNDS):
        for stored in (tmp_path / ".cache").glob("*/search"):  # cold index
            shutil.rmtree(stored, ignore_errors=True)
        outputs = [tmp_path / f"out{round_}-{n}" for n in range(BUILDS)]
        procs = [start(tmp_path, out) for out in outputs]
        for proc in procs:
            _, stderr = proc.communicate(timeout=120)
            assert proc.returncode == 0, stderr
            assert "Traceback" not in stderr, stderr
        for out in outputs:
            assert (out / "pagefind" / "pagefind.js").is_file()
            assert (out / "explainers" / "tiny" / "index.html").is_file()
        assert list(tmp_path.glob(".out*")) == []


def test_a_stored_index_that_vanishes_mid_copy_is_rebuilt(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        "<!doctype html><html lang=en><body data-pagefind-body><p>Bridge vote</p></body></html>"
    )
    store = Cache(tmp_path / "store")
    assert postbuild.index_search(site, "en", store) == "built"
    (entry,) = store.tree("search").iterdir()
    shutil.rmtree(site / postbuild.SEARCH_DIR)
    # What a concurrent build's clean-up looks like halfway: a file gone under our copy.
    (entry / "gone.pf_fragment").symlink_to(entry / "no-such-file")
    assert postbuild.index_search(site, "en", store) == "built"
    assert (site / postbuild.SEARCH_DIR / "pagefind.js").is_file()
    assert not (site / postbuild.SEARCH_DIR / "gone.pf_fragment").exists()
