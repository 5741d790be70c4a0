"""Sharing and discovery: feed, sitemap, robots.txt, canonical URLs, Open Graph,
Twitter cards and NewsArticle JSON-LD, in development and publish builds."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, run_pelican
from tinysite import build, explainer_md, write_project

SITEURL = "https://example.org/explainers"
FEED = "feeds/explainers.atom.xml"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_bytes(), "html.parser")


def clean_url(output: Path, page: Path) -> str:
    rel = page.relative_to(output).as_posix()
    return re.sub(r"(^|/)index\.html$", r"\1", rel)


def content_specs() -> list[dict]:
    specs = []
    for path in sorted((ROOT / "content" / "explainers").glob("*.md")):
        specs.append(yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1]))
    return specs


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("publish") / "output"
    env = {**os.environ, "EXPLAINER_SITEURL": SITEURL}
    result = run_pelican(output, settings=ROOT / "publishconf.py", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def pages(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.html") if p.name != "404.html")


def test_every_page_links_the_feed(site: Path, published: Path) -> None:
    for output in (site, published):
        for page in pages(output):
            links = soup(page).find_all("link", rel="alternate", type="application/atom+xml")
            assert len(links) == 1, page
            href = links[0]["href"]
            if output is published:
                assert href == f"{SITEURL}/{FEED}"
            else:
                assert (page.parent / href).resolve() == (output / FEED).resolve(), page


def test_feed_lists_every_explainer_with_absolute_links(published: Path) -> None:
    feed = feedparser.parse((published / FEED).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    specs = sorted(
        content_specs(), key=lambda s: (-int(str(s["published"]).replace("-", "")), s["slug"])
    )
    assert [e.title for e in feed.entries] == [s["title"] for s in specs]
    for entry, spec in zip(feed.entries, specs, strict=True):
        assert entry.link == f"{SITEURL}/explainers/{spec['slug']}/"
        assert (published / "explainers" / spec["slug"] / "index.html").is_file()


def test_canonical_only_when_the_site_url_is_absolute(site: Path, published: Path) -> None:
    for page in pages(site):
        assert soup(page).find("link", rel="canonical") is None, page
        assert soup(page).find("meta", property="og:url") is None, page
    for page in pages(published):
        expected = f"{SITEURL}/{clean_url(published, page)}"
        html = soup(page)
        assert [c["href"] for c in html.find_all("link", rel="canonical")] == [expected], page
        assert html.find("meta", property="og:url")["content"] == expected, page
    # The error page is served at many addresses, so it names none of them.
    missing = soup(published / "404.html")
    assert missing.find("link", rel="canonical") is None
    assert missing.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_open_graph_and_twitter_meta(published: Path) -> None:
    for page in pages(published):
        html = soup(page)
        meta = {
            m.get("property") or m.get("name"): m["content"]
            for m in html.find_all("meta", content=True)
        }
        for key in ("og:title", "og:description", "og:type", "og:site_name", "twitter:card"):
            assert meta.get(key), (page, key)
        assert meta["description"] == meta["og:description"], page
    for spec in content_specs():
        page = soup(published / "explainers" / spec["slug"] / "index.html")
        meta = {
            m.get("property") or m.get("name"): m["content"]
            for m in page.find_all("meta", content=True)
        }
        assert meta["og:type"] == "article"
        assert meta["og:title"] == spec["title"]
        assert meta["og:description"] == " ".join(spec["summary"].split())
        assert meta["article:published_time"] == str(spec["published"])


def news_article(page: Path) -> dict:
    blocks = soup(page).find_all("script", type="application/ld+json")
    found = [json.loads(b.string) for b in blocks]
    articles = [d for d in found if d.get("@type") == "NewsArticle"]
    assert len(articles) == 1, found
    return articles[0]


def test_explainers_carry_news_article_json_ld(site: Path, published: Path) -> None:
    for spec in content_specs():
        page = published / "explainers" / spec["slug"] / "index.html"
        data = news_article(page)
        assert data["@context"] == "https://schema.org"
        assert data["headline"] == spec["title"] == soup(page).h1.get_text()
        assert data["datePublished"] == str(spec["published"])
        assert data["url"] == f"{SITEURL}/explainers/{spec['slug']}/"
        assert data["publisher"]["name"]
        assert len(data["isBasedOn"]) == len(spec["sources"])
        # A development build has no absolute URL to give.
        assert "url" not in news_article(site / "explainers" / spec["slug"] / "index.html")


def test_json_ld_survives_hostile_titles(tmp_path: Path) -> None:
    title = 'Deal "signed" </script><script>alert(1)</script> & more'
    root = write_project(tmp_path, explainers={"tiny.md": explainer_md(title=title)})
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    raw = (root / "output" / "explainers" / "tiny" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S)
    assert block is not None and "<" not in block.group(1)
    assert json.loads(block.group(1))["headline"] == title


def test_robots_and_sitemap(site: Path, published: Path) -> None:
    assert "Sitemap:" not in (site / "robots.txt").read_text()
    robots = (published / "robots.txt").read_text().splitlines()
    assert robots[:2] == ["User-agent: *", "Allow: /"]
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots
    sitemap = (published / "sitemap.xml").read_text(encoding="utf-8")
    locs = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    for page in pages(published):
        if clean_url(published, page) != "search/":
            assert f"{SITEURL}/{clean_url(published, page)}" in locs, page
    assert not any("404" in loc for loc in locs)


def test_friendly_404(published: Path) -> None:
    page = soup(published / "404.html")
    assert page.h1.get_text() == "Page not found"
    hrefs = {a["href"] for a in page.select("main a")}
    assert f"{SITEURL}/" in hrefs and f"{SITEURL}/search/" in hrefs


def test_web_addresses_stay_clean_where_links_name_files(tmp_path: Path) -> None:
    """The development settings link index.html files (for file://); with an absolute
    SITEURL, what crawlers and feed readers read still gives clean URLs: canonical,
    og:url, JSON-LD, the feed and the sitemap."""
    output = tmp_path / "output"
    extra = {"SITEURL": SITEURL, "RELATIVE_URLS": False, "FEED_DOMAIN": SITEURL}
    result = run_pelican(output, extra=extra)
    assert result.returncode == 0, result.stdout + result.stderr
    home = soup(output / "index.html")
    assert any(a["href"].endswith("/index.html") for a in home.select(".explainer-list h2 a"))
    for page in pages(output):
        expected = f"{SITEURL}/{clean_url(output, page)}"
        html = soup(page)
        assert [c["href"] for c in html.find_all("link", rel="canonical")] == [expected], page
        assert html.find("meta", property="og:url")["content"] == expected, page
    for spec in content_specs():
        data = news_article(output / "explainers" / spec["slug"] / "index.html")
        assert data["url"] == data["mainEntityOfPage"] == f"{SITEURL}/explainers/{spec['slug']}/"
    glossary = soup(output / "glossary" / "index.html").find("script", type="application/ld+json")
    terms = json.loads(glossary.string)
    assert terms["url"] == f"{SITEURL}/glossary/"
    assert all(t["url"].startswith(f"{SITEURL}/glossary/#") for t in terms["hasDefinedTerm"])
    feed = feedparser.parse((output / FEED).read_bytes())
    assert feed.entries and all(e.link.endswith("/") for e in feed.entries)
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locs and not [loc for loc in locs if "index.html" in loc]
