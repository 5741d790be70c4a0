"""The plugin as any Pelican site installs it: ``pip install`` (not editable) into a
fresh virtualenv, then one line in ``PLUGINS`` of a bare site with the default theme."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from tinysite import ROOT, SEED_A, SEED_B, explainer_md

BARE_CONF = """\
SITENAME = "A bare site"
PATH = "content"
TIMEZONE = "UTC"
PLUGINS = ["pelican.plugins.explainer"]
"""


def _bare_site(root: Path) -> Path:
    """A site with Pelican's default theme, one explainer content file and two seeds."""
    (root / "content" / "explainers").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "seeds" / "a.txt").write_text(SEED_A, encoding="utf-8")
    (root / "seeds" / "b.txt").write_text(SEED_B, encoding="utf-8")
    (root / "content" / "explainers" / "tiny.md").write_text(explainer_md(), encoding="utf-8")
    (root / "pelicanconf.py").write_text(BARE_CONF, encoding="utf-8")
    return root


def _build(python: Path, site: Path) -> subprocess.CompletedProcess[str]:
    cmd = [str(python), "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "output"]
    return subprocess.run(cmd, cwd=site, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_pip_install_into_a_fresh_venv_serves_a_bare_default_theme_site(tmp_path: Path) -> None:
    # What the distribution is built from, copied so the build leaves nothing in the repo.
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(ROOT / "plugins", source / "plugins", ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(source)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stderr
    where = subprocess.run(
        [str(python), "-c", "import pelican.plugins.explainer as p; print(p.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(env) in where and str(ROOT) not in where  # the installed copy, not the repo

    site = _bare_site(tmp_path / "site")
    result = _build(python, site)
    assert result.returncode == 0, result.stdout + result.stderr
    out = site / "output"
    page = out / "explainers" / "tiny" / "index.html"
    assert page.is_file()
    html = page.read_text(encoding="utf-8")
    assert "A tiny explainer" in html
    assert "theme/css/explainer.css" in html  # the plugin's own template and stylesheet
    assert (out / "theme" / "css" / "explainer.css").is_file()
    data = json.loads((out / "data" / "tiny.json").read_text(encoding="utf-8"))
    assert data["slug"] == "tiny" and len(data["sources"]) == 2
    # Pelican's default theme still writes the blog's own home page.
    assert "A bare site" in (out / "index.html").read_text(encoding="utf-8")


def test_a_theme_template_of_the_same_name_overrides_the_plugins(tmp_path: Path) -> None:
    site = _bare_site(tmp_path / "site")
    theme = site / "mytheme" / "templates" / "explainer"
    theme.mkdir(parents=True)
    (theme / "compare.html").write_text(
        '{% extends "explainer/base.html" %}{% block content %}<p>theme-compare</p>{% endblock %}',
        encoding="utf-8",
    )
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'THEME = "mytheme"\n', encoding="utf-8")
    # A blog article beside the explainer: Pelican's own summary line stays, ours follows.
    article = "A post\n######\n\n:date: 2025-03-04\n\nA blog post.\n"
    (site / "content" / "post.rst").write_text(article, encoding="utf-8")
    result = _build(Path(sys.executable), site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Done: Processed 1 article" in result.stdout
    assert "Done: 1 explainer from 2 sources" in result.stdout
    assert (site / "output" / "a-post.html").is_file()
    explainer = site / "output" / "explainers" / "tiny"
    assert "theme-compare" in (explainer / "compare" / "index.html").read_text(encoding="utf-8")
    assert "theme-compare" not in (explainer / "index.html").read_text(encoding="utf-8")
