"""The plugin's pages wear the site's theme.

A site made from ``pelican-quickstart``'s own settings template, with one
Markdown article, one page and one explainer, is built with the real ``pelican``
command on Pelican's ``notmyidea`` and ``simple`` themes, with and without the
plugin. The explainer, comparison, source, glossary and index pages must carry
the theme's banner, site name and menu around the explainer's content; the
article must come out byte for byte as without the plugin; the explainers
index lists the explainer; and ``explainers`` is in the theme's own templates'
context. This repo's own theme (``theme/``) is checked the same way.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pelican
import pytest
from bs4 import BeautifulSoup
from jinja2 import Template
from tinysite import SEED_A, SEED_B, explainer_md

from pelican.plugins.explainer import STATIC

ROOT = Path(__file__).resolve().parents[1]
QUICKSTART = Path(pelican.__file__).parent / "tools" / "templates" / "pelicanconf.py.jinja2"
ARTICLE = """\
Title: Hello world
Date: 2025-03-04 10:00
Category: News

A normal article with *emphasis*.
"""
PAGE = "Title: About us\nDate: 2025-03-04\n\nAn ordinary page.\n"
TERM = '---\nterm: river bridge\naliases: [bridge]\nshort: "A bridge over a river."\n---\n'
# A theme template override that lists the explainers, as a theme's menu or sidebar would.
LISTING = """{% extends "!theme/article.html" %}{% block content %}{{ super() }}
<ul id="listed">{% for ex in explainers %}<li><a href="{{ SITEURL }}/{{ ex.url }}">{{ ex.title }}</a>
{{ ex.date.date() }} {{ ex.summary }}</li>{% endfor %}</ul>
<a id="all" href="{{ SITEURL }}/{{ explainers_url }}">All explainers</a>{% endblock %}
"""


def quickstart_site(root: Path, theme: str | None, *, plugin: bool) -> Path:
    """A site as ``pelican-quickstart`` writes it, plus one article, page and explainer."""
    conf = Template(QUICKSTART.read_text(encoding="utf-8")).render(
        author='"Ann Author"',
        sitename='"Quickstart News"',
        timezone='"UTC"',
        lang='"en"',
        default_pagination="False",
    )
    conf += f"\nPLUGINS = {['pelican.plugins.explainer'] if plugin else []!r}\n"
    if theme:
        conf += f"THEME = {theme!r}\n"
    conf += 'THEME_TEMPLATES_OVERRIDES = ["overrides"]\n'
    (root / "content" / "pages").mkdir(parents=True)
    (root / "overrides").mkdir()
    (root / "overrides" / "article.html").write_text(LISTING, encoding="utf-8")
    (root / "content" / "hello.md").write_text(ARTICLE, encoding="utf-8")
    (root / "content" / "pages" / "about.md").write_text(PAGE, encoding="utf-8")
    if plugin:
        for folder, files in (
            ("seeds", {"a.txt": SEED_A, "b.txt": SEED_B}),
            ("content/explainers", {"tiny.md": explainer_md(title="Bridge vote explained")}),
            ("content/glossary", {"bridge.md": TERM}),
        ):
            (root / folder).mkdir(parents=True, exist_ok=True)
            for name, text in files.items():
                (root / folder / name).write_text(text, encoding="utf-8")
    (root / "pelicanconf.py").write_text(conf, encoding="utf-8")
    cmd = [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "output"]
    cmd += ["-e", "EXPLAINER=" + json.dumps({"cache_dir": None, "search": False, "workers": 1})]
    if not plugin:
        cmd = cmd[:-2]  # EXPLAINER means nothing without the plugin
    result = subprocess.run(cmd, cwd=root, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return root / "output"


THEMES = {
    # theme setting -> (selector of the theme's banner, its stylesheet's file name)
    "notmyidea": ("header#banner h1 a", "main.css"),
    "simple": ("body > header hgroup h1 a", None),
}


@pytest.fixture(scope="module", params=sorted(THEMES))
def theme_builds(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path, Path]:
    theme = request.param
    plain = quickstart_site(tmp_path_factory.mktemp(f"{theme}-plain"), theme, plugin=False)
    with_plugin = quickstart_site(tmp_path_factory.mktemp(f"{theme}-plugin"), theme, plugin=True)
    return theme, plain, with_plugin


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


PLUGIN_PAGES = {
    "explainer": "explainers/tiny/index.html",
    "compare": "explainers/tiny/compare/index.html",
    "source": "explainers/tiny/sources/a/index.html",
    "glossary": "glossary/index.html",
    "index": "explainers/index.html",
    "search": "search/index.html",
}


def test_plugin_pages_carry_the_themes_banner_menu_and_stylesheet(
    theme_builds: tuple[str, Path, Path],
) -> None:
    theme, _, out = theme_builds
    banner, css = THEMES[theme]
    for kind, path in PLUGIN_PAGES.items():
        page = soup(out / path)
        site_name = page.select_one(banner)
        assert site_name is not None and site_name.get_text(strip=True).startswith(
            "Quickstart News"
        ), (theme, kind)
        # The theme's menu: its pages are listed, as on its own pages.
        assert "About us" in [a.get_text(strip=True) for a in page.select("nav a")], (theme, kind)
        # The theme's head is kept and the plugin's stylesheet is added once.
        links = [link["href"] for link in page.select("head link[rel=stylesheet]")]
        if css:
            assert any(href.endswith(f"/{css}") for href in links), (theme, kind, links)
        assert sum(href.endswith("/css/explainer.css") for href in links) == 1, (theme, kind)
        assert page.title is not None and page.title.get_text().strip(), (theme, kind)
        # The plugin's content sits inside the theme's layout, in its one root element.
        assert len(page.select(".xpl")) == 1, (theme, kind)
        assert page.select_one(".xpl").find_parent("body") is not None


def test_the_explainer_page_holds_the_explainer(theme_builds: tuple[str, Path, Path]) -> None:
    _, _, out = theme_builds
    page = soup(out / PLUGIN_PAGES["explainer"])
    assert page.select_one(".xpl h1").get_text() == "Bridge vote explained"
    assert "Bridge vote explained" in page.title.get_text()
    assert page.select(".xpl button.cite") and page.select(".xpl .source-list li")
    # Every page has exactly one <title> and one <body>: the theme's.
    assert len(page.find_all("title")) == 1 and len(page.find_all("body")) == 1


def test_the_article_is_unchanged_and_the_explainers_are_listed(
    theme_builds: tuple[str, Path, Path],
) -> None:
    _, plain, out = theme_builds
    # The theme's own article template, given `explainers`, lists them (LISTING).
    article = soup(out / "hello-world.html")
    listed = article.select("#listed a")
    assert [a.get_text() for a in listed] == ["Bridge vote explained"]
    assert listed[0]["href"] == "/explainers/tiny/"
    assert article.select_one("#all")["href"] == "/explainers/"
    # Without explainers in the override's output, the article is the plain build's.
    plain_article = soup(plain / "hello-world.html")
    for node in (article, plain_article):
        for extra in node.select("#listed, #all"):
            extra.decompose()
    assert str(article) == str(plain_article)
    # The page, which no override touches, is byte for byte the same.
    page = "pages/about-us.html"
    assert (out / page).read_bytes() == (plain / page).read_bytes()
    # The explainers index lists the explainer.
    index = soup(out / PLUGIN_PAGES["index"])
    assert [a.get_text() for a in index.select(".xpl .explainer-list h2 a")] == [
        "Bridge vote explained"
    ]


@pytest.fixture(scope="module")
def own_theme(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A blog on this repo's theme: the explainer pages extend it like any theme's."""
    root = tmp_path_factory.mktemp("own-theme")
    return quickstart_site(root, str(ROOT / "theme"), plugin=True)


def test_this_sites_theme_frames_its_own_pages_and_the_plugins(own_theme: Path) -> None:
    for path in [*PLUGIN_PAGES.values(), "hello-world.html", "pages/about-us.html", "index.html"]:
        page = soup(own_theme / path)
        assert page.select_one("header.site-header .site-name").get_text() == "Quickstart News"
        assert page.select_one("main#main") is not None, path
        assert page.select_one("footer.site-footer") is not None, path
    for name in ("archives.html", "tags.html", "categories.html", "category/news.html"):
        page = soup(own_theme / name)
        assert page.select_one("header.site-header") is not None, name
        assert "Hello world" in page.get_text() or "News" in page.get_text(), name
    home = soup(own_theme / "index.html")
    assert "Bridge vote explained" in home.select_one(".explainer-list").get_text()
    assert "Hello world" in home.get_text()


def _selectors(css: str) -> list[str]:
    """Every selector of a stylesheet (keyframe steps and at-rule preludes left out)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"@keyframes[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", css)
    found = []
    for prelude in re.findall(r"([^{}]+)\{", css):
        prelude = prelude.strip()
        if not prelude.startswith("@"):
            # Commas inside :is(...) or :has(...) do not separate selectors.
            found += [part.strip() for part in re.split(r",(?![^()]*\))", prelude)]
    return found


@pytest.mark.parametrize("name", ["explainer.css", "explainer-page.css"])
def test_every_rule_of_the_plugins_stylesheets_is_scoped_under_its_root_class(name: str) -> None:
    css = (STATIC / "css" / name).read_text(encoding="utf-8")
    selectors = _selectors(css)
    assert len(selectors) > 20
    outside = [s for s in selectors if not re.match(r"\.xpl(?![\w-])", s)]
    assert outside == []
    # Custom properties too: the plugin reads the theme's, and names its own --xpl-*.
    assert not re.findall(r"(?<![\w-])--(?!xpl-)[\w-]+\s*:", css)
