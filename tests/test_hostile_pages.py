"""Saved web pages that lie: placeholder dates, hidden characters in JSON-LD,
script URLs. Each is cleaned or dropped, never a crash; and any number of
sources gets citation initials."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from tinysite import SEED_A, build, explainer_md, write_project

from pelican.plugins.explainer.parse.webpage import extract
from pelican.plugins.explainer.render.citations import source_initials

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "intake"
NEWSROOM = (FIXTURES / "page-newsroom.html").read_text(encoding="utf-8")
CANONICAL = "https://www.eastbay-herald.example/business/2025/11/04/ferry-winter-timetable"
# What a terminal or a page would act on: controls, bidi overrides and isolates.
HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def hostile_page(
    *, date: str = "2025-11-04T08:15:00+00:00", url: str = CANONICAL, headline: str | None = None
) -> str:
    """The newsroom fixture with its date, every address and its JSON-LD headline replaced."""
    page = NEWSROOM.replace("2025-11-04T08:15:00+00:00", date).replace(CANONICAL, url)
    if headline is not None:  # JSON text: escapes such as \u001b are decoded by json.loads
        page = page.replace(
            '"headline": "Ferry operator cuts winter timetable after fuel costs rise"',
            f'"headline": {headline}',
        )
    return page


@pytest.mark.parametrize(
    "stamp", ["0001-01-01T00:00:00", "0001-01-01", "9999-12-31T23:59:59-14:00", "0999-05-01"]
)
def test_an_out_of_range_date_is_absent_with_a_warning(
    stamp: str, caplog: pytest.LogCaptureFixture
) -> None:
    page = extract(hostile_page(date=stamp), "seeds/old.html")
    assert page.published is None or 1000 <= page.published.year <= 2999
    assert page.time is None or page.published is not None
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert f"seeds/old.html: datePublished '{stamp}' is outside the years 1000-2999" in " ".join(
        warnings
    )


@pytest.mark.parametrize(
    "headline",
    [
        r'"Ferry \u001b[2J operator\u0000 cuts\u0007 timetable"',
        r'"Ferry \u202eoperator\u202c cuts \u2066timetable\u2069"',
        r'"Ferry\u0085 operator \u009b31m cuts timetable"',
    ],
)
def test_hidden_characters_in_json_ld_are_cleaned(headline: str) -> None:
    page = extract(hostile_page(headline=headline), "seeds/x.html")
    assert page.headline is not None and not HIDDEN.search(page.headline), repr(page.headline)
    assert page.headline.startswith("Ferry") and "timetable" in page.headline
    assert not HIDDEN.search(page.text)


def test_other_fields_are_cleaned_too() -> None:
    html = NEWSROOM.replace('"name": "Mirela Dunn"', r'"name": "Mirela\u001b]0;pwned\u0007 Dunn"')
    html = html.replace('"name": "Eastbay Herald"', r'"name": "Eastbay\u202e Herald"')
    page = extract(html, "seeds/x.html")
    assert page.byline == "Mirela ]0;pwned Dunn"
    assert page.publisher == "Eastbay Herald"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "//evil.example/x",
        "https://",
    ],
)
def test_only_http_addresses_are_kept(url: str) -> None:
    page = extract(hostile_page(url=url), "seeds/x.html")
    assert page.url is None or page.url.startswith(("http://", "https://")), page.url


def test_a_script_address_falls_back_to_the_next_real_one() -> None:
    html = NEWSROOM.replace(f'href="{CANONICAL}"', 'href="javascript:alert(1)"')
    assert extract(html, "seeds/x.html").url == CANONICAL  # og:url, next in line


def test_source_initials_never_run_out() -> None:
    labels = [f"Report {n}" for n in range(400)] + ["Wire"] * 30
    initials = source_initials(labels)
    assert len(set(initials)) == len(labels)
    assert all(i.isalnum() and len(i) <= 3 for i in initials)
    assert source_initials(["Wire report", "Rewritten explainer"]) == ["W", "R"]


def test_a_hostile_page_among_27_sources_builds(tmp_path: Path) -> None:
    """The whole path: 27 sources (past the alphabet), one a saved page with a
    placeholder date, hidden characters and script addresses."""
    page = hostile_page(
        date="0001-01-01T00:00:00",
        url="javascript:alert(document.domain)",
        headline=r'"Ferry \u001boperator\u0000 cuts \u202etimetable"',
    )
    seeds: dict[str, str | bytes] = {f"s{n:02}.txt": SEED_A for n in range(26)}
    seeds["page.html"] = page
    paths = [f"seeds/{name}" for name in seeds]
    # One label for all: the alphabet is all the initials there are.
    text = re.sub(r"label: Source \d+", "label: Wire report", explainer_md(sources=paths))
    write_project(tmp_path, seeds=seeds, explainers={"big.md": text})
    result = build(tmp_path, EXPLAINER={"workers": 1, "search": False})
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "Traceback" not in log and "OverflowError" not in log
    # Pelican's console wraps a long line: each word of the warning is there.
    for word in (
        "WARNING",
        "seeds/page.html:",
        "datePublished",
        "'0001-01-01T00:00:00'",
        "outside",
    ):
        assert word in log.split(), log
    out = tmp_path / "output"
    html = (out / "explainers" / "tiny" / "index.html").read_text(encoding="utf-8")
    assert not HIDDEN.search(html)
    assert "javascript:" not in html.lower()
    ld = json.loads(
        BeautifulSoup(html, "html.parser").find("script", type="application/ld+json").string
    )
    based = ld["isBasedOn"]
    assert len(based) == 27
    assert all(w.get("url", "https://").startswith(("http://", "https://")) for w in based)
    assert "Ferry operator cuts timetable" in {w["name"] for w in based}
    for path in out.rglob("*"):
        if path.suffix in {".html", ".json", ".xml"}:
            assert "javascript:" not in path.read_text(encoding="utf-8").lower(), path
