"""The plugin leaves the rest of a Pelican site alone.

A minimal site on Pelican's default theme (``notmyidea``), with one Markdown
article and one page, is built twice with the real ``pelican`` command: without
the plugin, and with it plus one explainer. Every file the plain build writes
(the article, the page, the home page, archives, feeds, the theme's static files)
must come out byte for byte the same. Nothing is normalised: the article and
page carry fixed dates, and the default theme prints no build time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tinysite import SEED_A, SEED_B, explainer_md, tree_hashes

ARTICLE = """\
Title: Hello world
Date: 2025-03-04 10:00
Category: News
Tags: first

This is a normal Pelican article with *emphasis*, a [link](https://example.org)
and a list:

- one
- two
"""
PAGE = """\
Title: About this site
Date: 2025-03-04

An ordinary page with **bold** text & an ampersand.
"""
# Pelican loads every installed namespace plugin when PLUGINS is unset, so the
# plain site names none explicitly.
CONF = """\
SITENAME = "A plain site"
PATH = "content"
TIMEZONE = "UTC"
PLUGINS = {plugins}
"""


def _site(root: Path, *, plugin: bool) -> Path:
    (root / "content" / "pages").mkdir(parents=True)
    (root / "content" / "hello.md").write_text(ARTICLE, encoding="utf-8")
    (root / "content" / "pages" / "about.md").write_text(PAGE, encoding="utf-8")
    plugins = ["pelican.plugins.explainer"] if plugin else []
    (root / "pelicanconf.py").write_text(CONF.format(plugins=plugins), encoding="utf-8")
    if plugin:
        (root / "content" / "explainers").mkdir()
        (root / "seeds").mkdir()
        (root / "seeds" / "a.txt").write_text(SEED_A, encoding="utf-8")
        (root / "seeds" / "b.txt").write_text(SEED_B, encoding="utf-8")
        # A title a template would run as markup if the plugin's pages were not escaped.
        md = explainer_md(title="Bridge <script>alert(1)</script> vote")
        (root / "content" / "explainers" / "tiny.md").write_text(md, encoding="utf-8")
    return root


def _build(site: Path) -> Path:
    cmd = [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "output"]
    result = subprocess.run(cmd, cwd=site, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return site / "output"


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    plain = _build(_site(tmp_path_factory.mktemp("plain"), plugin=False))
    with_plugin = _build(_site(tmp_path_factory.mktemp("with_plugin"), plugin=True))
    return plain, with_plugin


def test_markdown_article_and_page_are_byte_identical_with_the_plugin(
    builds: tuple[Path, Path],
) -> None:
    plain, with_plugin = builds
    for name in ("hello-world.html", "pages/about-this-site.html"):
        before = (plain / name).read_bytes()
        assert (with_plugin / name).read_bytes() == before, name
    # The article's HTML is markup, not escaped text (what forcing autoescape broke).
    article = (plain / "hello-world.html").read_text(encoding="utf-8")
    assert "<em>emphasis</em>" in article and "&lt;p&gt;" not in article


def test_every_file_of_the_plain_site_is_unchanged(builds: tuple[Path, Path]) -> None:
    plain, with_plugin = builds
    before, after = tree_hashes(plain), tree_hashes(with_plugin)
    changed = sorted(name for name, digest in before.items() if after.get(name) != digest)
    assert changed == []
    # The plugin only adds its own pages and files beside them.
    assert "explainers/tiny/index.html" in after and "theme/css/explainer.css" in after


def test_the_plugins_own_pages_still_escape_with_the_sites_autoescape_off(
    builds: tuple[Path, Path],
) -> None:
    html = (builds[1] / "explainers" / "tiny" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "Bridge &lt;script&gt;alert(1)&lt;/script&gt; vote" in html


# Run in a child process: loading the plugin connects Pelican signals for good.
_SETTINGS_AFTER_INIT = """
import copy, json, sys
from pelican import Pelican
from pelican.settings import read_settings

settings = read_settings(sys.argv[1])
before = copy.deepcopy({k: v for k, v in settings.items() if k.startswith(("JINJA", "THEME"))})
Pelican(settings)  # loads the plugins and sends `initialized`
changed = sorted(k for k, v in settings.items() if k in before and before[k] != v)
print(json.dumps(changed))
"""


def test_no_jinja_or_theme_setting_is_changed(tmp_path: Path) -> None:
    site = _site(tmp_path, plugin=True)
    result = subprocess.run(
        [sys.executable, "-c", _SETTINGS_AFTER_INIT, "pelicanconf.py"],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert json.loads(result.stdout.splitlines()[-1]) == []
