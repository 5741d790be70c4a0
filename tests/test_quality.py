"""The quality gates of ``invoke check`` over the real site, and proof that
each gate fails on a site with the fault it looks for."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_pelican
from tinysite import ROOT

from checks import CheckResult, a11y, exports, feeds, html, links, sitemap


def assert_clean(result: CheckResult) -> None:
    assert result.checked > 0, result.summary()
    assert result.problems == [], "\n".join([result.summary(), *result.problems])


def test_links_and_anchors_resolve(site: Path) -> None:
    result = links.check(site)
    assert_clean(result)
    # Citations are links too: every sentence anchor an explainer cites is checked.
    assert result.checked >= 30


def test_feed_parses_with_one_entry_per_explainer(site: Path) -> None:
    result = feeds.check(site)
    assert_clean(result)
    assert result.checked == len(list((site / "data").glob("*.json")))


def test_json_exports_validate_and_cite_real_sentences(site: Path) -> None:
    assert_clean(exports.check(site))


def test_sitemap_lists_only_existing_pages(site: Path) -> None:
    assert_clean(sitemap.check(site))


@pytest.mark.slow
def test_nu_html_checker_finds_no_errors(site: Path) -> None:
    assert_clean(html.check(site))


@pytest.mark.slow
@pytest.mark.browser
def test_axe_finds_no_violations_in_light_or_dark(site: Path) -> None:
    result = a11y.check(site)
    pages = [p.relative_to(site).as_posix() for p in sorted(site.rglob("*.html"))]
    kinds = {a11y.page_type(rel) for rel in pages}
    assert {"home", "explainer", "source", "compare", "404"} <= kinds
    assert result.checked == 2 * len(pages)  # every page, light and dark
    assert result.counts["rules"] >= 40  # the WCAG 2.x A/AA rule set, not a subset
    assert_clean(result)


def test_publish_build_under_a_subpath_passes_the_gates(tmp_path: Path) -> None:
    url = "https://example.org/sub/path"
    out = tmp_path / "published"
    env = {**os.environ, "EXPLAINER_SITEURL": url}
    result = run_pelican(out, settings=ROOT / "publishconf.py", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    checked = links.check(out, site_url=url)
    assert_clean(checked)
    assert checked.checked >= links.check(out).checked * 1.5  # absolute links are checked too
    for gate in (feeds, sitemap, exports):
        assert_clean(gate.check(out))


# --- each gate can fail ---------------------------------------------------------


@pytest.fixture
def broken(site: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    return copy


def test_link_check_catches_missing_pages_and_anchors(broken: Path) -> None:
    page = next(broken.glob("explainers/*/index.html"))
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace(
            "</main>",
            '<a href="nowhere/">x</a><a href="#no-such-id">y</a><a href="/index.html">z</a></main>',
        ),
        encoding="utf-8",
    )
    problems = links.check(broken).problems
    assert any("nowhere/ (missing file)" in p for p in problems), problems
    assert any("#no-such-id (missing anchor)" in p for p in problems), problems
    # Development builds link relatively, so output/ works from file:// and any subpath.
    assert any("/index.html (root-relative" in p for p in problems), problems


def test_export_check_catches_unknown_cites_and_schema_errors(broken: Path) -> None:
    path = next((broken / "data").glob("*.json"))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["key_points"].append({"text": "Invented.", "cites": ["nosuch-s999"]})
    data["published"] = "14 April"
    path.write_text(json.dumps(data), encoding="utf-8")
    problems = exports.check(broken).problems
    assert any("nosuch-s999" in p for p in problems), problems
    assert any("/published" in p for p in problems), problems


def test_feed_check_catches_a_missing_entry(broken: Path) -> None:
    extra = json.loads(next((broken / "data").glob("*.json")).read_text(encoding="utf-8"))
    extra["slug"] = "another-explainer"
    (broken / "data" / "another-explainer.json").write_text(json.dumps(extra), encoding="utf-8")
    problems = feeds.check(broken).problems
    assert any("no entry for explainer 'another-explainer'" in p for p in problems), problems


def test_sitemap_check_catches_a_page_that_does_not_exist(broken: Path) -> None:
    shutil.rmtree(next(broken.glob("explainers/*/compare")))
    problems = sitemap.check(broken).problems
    assert any("/compare/ is no page of the site" in p for p in problems), problems


def test_command_line_fails_with_a_summary(broken: Path) -> None:
    (next(broken.glob("explainers/*/index.html"))).unlink()
    run = subprocess.run(
        [sys.executable, "-m", "checks", str(broken), "--only", "links,sitemap,feeds,exports"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "FAIL links" in run.stdout and "FAIL sitemap" in run.stdout
    last = run.stdout.rstrip().splitlines()[-1]
    assert last.endswith(" checks passed in " + last.rsplit(" ", 1)[-1]) and "/4 " in last
    assert not last.startswith("4/4")
