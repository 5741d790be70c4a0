"""Bad author input, built the way an author builds: every case ends in one
clean error line naming the file (and line), or in a documented degradation.

Every failing build is also checked for atomic output: a previous ``output/``
is left byte-identical and no staging directory is left behind.

Deliberate, documented degradations:
- UTF-16 seeds, with or without a BOM, are read like UTF-8 ones.
- HTML, ``<script>`` and template syntax in seeds or content are text: escaped
  on every page, never executed or evaluated.
- An explainer with one source builds; its comparison page says there is
  nothing to compare.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from tinysite import (
    SEED_A,
    SEED_B,
    build,
    error_line,
    explainer_md,
    tree_hashes,
    write_project,
)

from pelican.plugins.explainer.render.output_guard import record

TINY = "content/explainers/tiny.md"

# Each case writes a tiny project; all of them are built at once, in parallel,
# by the ``builds`` fixture, and each test then checks its own outcome.
PROJECTS: dict[str, Callable[[Path], object]] = {}


def project(name: str) -> Callable[[Callable[[Path], object]], Callable[[Path], object]]:
    def register(writer: Callable[[Path], object]) -> Callable[[Path], object]:
        PROJECTS[name] = writer
        return writer

    return register


@dataclass
class Outcome:
    root: Path  # the project; it is built into root/"output"
    result: subprocess.CompletedProcess[str]
    before: dict[str, str]  # the previous output/ tree, file -> hash
    after: dict[str, str]
    entries_before: list[str]  # the project directory's entries
    entries_after: list[str]

    def fails(self, *needles: str) -> str:
        """The one error line; checks every needle is in it, the previous
        output/ is byte-identical and no staging directory was left behind."""
        line = error_line(self.result)
        for needle in needles:
            assert needle in line, line
        assert self.after == self.before
        assert self.entries_after == self.entries_before
        return line

    def built(self) -> Path:
        assert self.result.returncode == 0, self.result.stdout + self.result.stderr
        assert "Traceback" not in self.result.stdout + self.result.stderr
        return self.root / "output"


def _previous_output(output: Path) -> None:
    """What an earlier build left; a failed build must not touch it."""
    (output / "explainers" / "old").mkdir(parents=True)
    (output / "index.html").write_text("<!doctype html><title>previous</title>", encoding="utf-8")
    (output / "explainers" / "old" / "index.html").write_bytes(b"previous build\n")
    record(output)  # as a build does: its manifest lets the next build replace it


def _entries(root: Path) -> list[str]:
    """The project directory's entries; the analysis cache may come and go."""
    return sorted(p.name for p in root.iterdir() if p.name != ".cache")


def _run(root: Path) -> Outcome:
    output = root / "output"
    before, entries = tree_hashes(output), _entries(root)
    result = build(root, output)
    return Outcome(root, result, before, tree_hashes(output), entries, _entries(root))


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    base = tmp_path_factory.mktemp("bad-input")
    roots = {}
    for name, writer in PROJECTS.items():
        root = base / name / "project"  # room beside it for files "outside the project"
        root.mkdir(parents=True)
        writer(root)
        _previous_output(root / "output")
        roots[name] = root
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(zip(roots, pool.map(_run, roots.values()), strict=True))


def page(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# --- seeds -----------------------------------------------------------------


@project("empty_seed")
def _(root: Path) -> None:
    write_project(root, seeds={"a.txt": "", "b.txt": SEED_B})


def test_empty_seed(builds: dict[str, Outcome]) -> None:
    assert builds["empty_seed"].fails() == "error: seeds/a.txt: seed has no text"


@project("whitespace_seed")
def _(root: Path) -> None:
    write_project(root, seeds={"a.txt": SEED_A, "b.txt": " \n\t\n   \r\n\n"})


def test_whitespace_only_seed(builds: dict[str, Outcome]) -> None:
    assert builds["whitespace_seed"].fails() == "error: seeds/b.txt: seed has no text"


@project("binary_seed")
def _(root: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4
    write_project(root, seeds={"a.txt": png, "b.txt": SEED_B})


def test_binary_seed(builds: dict[str, Outcome]) -> None:
    builds["binary_seed"].fails("error: seeds/a.txt: ", "binary file")


@project("binary_seed_without_nul")
def _(root: Path) -> None:
    write_project(root, seeds={"a.txt": SEED_A, "b.txt": bytes(range(128, 256)) * 64})


def test_binary_seed_without_nul_bytes(builds: dict[str, Outcome]) -> None:
    builds["binary_seed_without_nul"].fails("error: seeds/b.txt:1: ", "not valid UTF-8")


LEGACY = {"cp1252": ("“quoted”", "0x93"), "latin-1": ("café", "0xe9")}
for _encoding, (_word, _) in LEGACY.items():

    @project(f"legacy_{_encoding}")
    def _(root: Path, encoding: str = _encoding, word: str = _word) -> None:
        lines = SEED_A.splitlines()
        lines[2] += f" A {word} remark followed."
        write_project(root, seeds={"a.txt": "\n".join(lines).encode(encoding), "b.txt": SEED_B})


@pytest.mark.parametrize("encoding", LEGACY)
def test_legacy_encodings_name_the_file_line_and_byte(
    builds: dict[str, Outcome], encoding: str
) -> None:
    byte = LEGACY[encoding][1]
    line = builds[f"legacy_{encoding}"].fails("error: seeds/a.txt:3: ", "not valid UTF-8", byte)
    assert line.endswith("re-save the file as UTF-8")  # says how to fix it


@project("utf16")
def _(root: Path) -> None:
    a = codecs.BOM_UTF16_BE + SEED_A.replace("river", "rivière").encode("utf-16-be")
    b = SEED_B.replace("\n", "\r\n").encode("utf-16-le")  # no BOM, Windows line ends
    write_project(root, seeds={"a.txt": a, "b.txt": b})


def test_utf16_seeds_with_and_without_bom_build(builds: dict[str, Outcome]) -> None:
    sources = builds["utf16"].built() / "explainers" / "tiny" / "sources"
    text_a = page(sources / "a" / "index.html").select_one(".source-text").get_text(" ")
    text_b = page(sources / "b" / "index.html").select_one(".source-text").get_text(" ")
    assert "across the rivière, ending a year" in text_a
    assert "expected to cost 85 million dollars" in text_b
    assert "\r" not in text_b and "\x00" not in text_b


@project("huge_seed")
def _(root: Path) -> None:
    big = ("A sentence of ordinary length that repeats. " * 20 + "\n").encode() * 23_000
    write_project(root, seeds={"a.txt": big, "b.txt": SEED_B})


def test_twenty_megabyte_seed_hits_the_size_limit(builds: dict[str, Outcome]) -> None:
    assert (builds["huge_seed"].root / "seeds" / "a.txt").stat().st_size > 20_000_000
    builds["huge_seed"].fails("error: seeds/a.txt: is 20,", "bytes; the limit for one article is")


@project("endless_line")
def _(root: Path) -> None:
    write_project(root, seeds={"a.txt": SEED_A, "b.txt": SEED_A + "and then " * 30_000 + "\n"})


def test_seed_with_one_endless_line(builds: dict[str, Outcome]) -> None:
    builds["endless_line"].fails("error: seeds/b.txt:6: line is 270,000 characters long (limit")


@project("seed_is_a_directory")
def _(root: Path) -> None:
    write_project(root, explainers={"tiny.md": explainer_md(sources=["seeds/a.txt", "seeds/d"])})
    (root / "seeds" / "d").mkdir()


def test_seed_that_is_a_directory(builds: dict[str, Outcome]) -> None:
    builds["seed_is_a_directory"].fails(f"error: {TINY}:9: seed 'seeds/d' not found")


# --- injection: seeds and content are text, never markup or templates -------

HTML_SEED = """Council <em>approves</em> new bridge
The council on Tuesday approved a <b class="x1">new bridge</b> across the river.
Opponents said <script>window.x2 = 1</script> the money was better spent elsewhere.
Officials said the bridge would open in {{ 40000 + 2001 }} or {% if true %}later{% endif %} years.
A resident wrote "<img src=x onerror=alert(3)>" on a protest sign near the site.
"""
HTML_CONTENT = explainer_md(
    title="The <em>bridge</em> {{ 40000 + 2002 }}",
    summary="Summary with <script>window.x4 = 1</script> and {% raw %} inside.",
    body=(
        "An intro with <script>window.x5 = 1</script>, <b>bold</b> HTML and "
        "{{ 40000 + 2003 }}.\n\n[a link](javascript:alert(6))"
    ),
)


@project("injected")
def _(root: Path) -> None:
    write_project(
        root, seeds={"a.txt": HTML_SEED, "b.txt": SEED_B}, explainers={"tiny.md": HTML_CONTENT}
    )


@pytest.fixture(scope="module")
def injected(builds: dict[str, Outcome]) -> Path:
    return builds["injected"].built()


def _all_pages(site: Path) -> list[BeautifulSoup]:
    return [page(p) for p in sorted(site.rglob("*.html"))]


def _visible_text(site: Path) -> str:
    return "\n".join(p.get_text(" ") for p in _all_pages(site))


def test_html_in_seeds_and_content_is_shown_as_text(injected: Path) -> None:
    reader = page(injected / "explainers" / "tiny" / "sources" / "a" / "index.html")
    assert '<b class="x1">new bridge</b>' in reader.get_text()
    assert "Council <em>approves</em> new bridge" in reader.get_text()
    explainer = page(injected / "explainers" / "tiny" / "index.html")
    assert "The <em>bridge</em>" in explainer.h1.get_text()
    for soup in _all_pages(injected):
        assert soup.find(class_="x1") is None
        assert soup.find("img", src="x") is None
        assert soup.find("em", string="approves") is None


def test_script_in_seeds_and_content_is_never_a_script(injected: Path) -> None:
    text = _visible_text(injected)
    assert "<script>window.x2 = 1</script>" in text
    assert "<script>window.x5 = 1</script>" in text
    for soup in _all_pages(injected):
        for script in soup.find_all("script"):
            # Only the theme's own files and JSON-LD data blocks.
            assert script.get("src") or script.get("type") == "application/ld+json", script
            if script.get("type") == "application/ld+json":
                json.loads(script.string)  # data, and still valid JSON
                assert "</script" not in script.string.lower()
        for tag in soup.find_all(True):
            handlers = [a for a in tag.attrs if a.lower().startswith("on")]
            assert not handlers, tag


def test_template_syntax_in_seeds_and_content_is_not_evaluated(injected: Path) -> None:
    text = _visible_text(injected)
    assert "{{ 40000 + 2001 }}" in text  # seed
    assert "{% if true %}later{% endif %}" in text
    assert "{{ 40000 + 2002 }}" in text  # title
    assert "{{ 40000 + 2003 }}" in text  # intro
    for path in injected.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json"):
            content = path.read_text(encoding="utf-8")
            assert not re.search(r"4200[123]", content), path


def test_javascript_links_in_content_are_not_links(injected: Path) -> None:
    for soup in _all_pages(injected):
        for tag in soup.find_all(href=True):
            assert not tag["href"].strip().lower().startswith("javascript:"), tag


def test_markup_in_the_feed_and_export_stays_text(injected: Path) -> None:
    feed = (injected / "feeds" / "explainers.atom.xml").read_text(encoding="utf-8")
    assert "<script>" not in feed  # escaped inside the XML
    data = json.loads((injected / "data" / "tiny.json").read_text(encoding="utf-8"))
    texts = [s["text"] for src in data["sources"] for s in src["sentences"]]
    assert any("<script>window.x2 = 1</script>" in t for t in texts)  # data keeps the words


# --- references and metadata ------------------------------------------------


@project("missing_seed")
def _(root: Path) -> None:
    write_project(root, explainers={"tiny.md": explainer_md(sources=["seeds/nope.txt"])})


def test_missing_seed(builds: dict[str, Outcome]) -> None:
    assert builds["missing_seed"].fails() == f"error: {TINY}:7: seed 'seeds/nope.txt' not found"


OUTSIDE = ["../../etc/passwd", "/etc/passwd", "seeds/../../secret.txt"]
for _number, _path in enumerate(OUTSIDE):

    @project(f"outside_{_number}")
    def _(root: Path, path: str = _path) -> None:
        write_project(root, explainers={"tiny.md": explainer_md(sources=[path])})
        (root.parent / "secret.txt").write_text("Secret headline\nSecret body text.\n")


@pytest.mark.parametrize("number", range(len(OUTSIDE)))
def test_seed_path_outside_the_project(builds: dict[str, Outcome], number: int) -> None:
    line = builds[f"outside_{number}"].fails(f"error: {TINY}:7: seed path '{OUTSIDE[number]}'")
    assert line.endswith("points outside the project")


@project("symlink_outside")
def _(root: Path) -> None:
    write_project(root, explainers={"tiny.md": explainer_md(sources=["seeds/link.txt"])})
    (root.parent / "secret.txt").write_text("Secret headline\nSecret body text here.\n")
    (root / "seeds" / "link.txt").symlink_to(root.parent / "secret.txt")


def test_seed_symlink_pointing_outside_the_project(builds: dict[str, Outcome]) -> None:
    builds["symlink_outside"].fails(f"error: {TINY}:7: ", "points outside the project")


@project("duplicate_slugs")
def _(root: Path) -> None:
    write_project(
        root, explainers={"one.md": explainer_md(slug="same"), "two.md": explainer_md(slug="same")}
    )


def test_duplicate_explainer_slugs(builds: dict[str, Outcome]) -> None:
    assert builds["duplicate_slugs"].fails() == (
        "error: content/explainers/two.md: slug 'same' is already used by content/explainers/one.md"
    )


@project("malformed_yaml")
def _(root: Path) -> None:
    broken = explainer_md().replace("slug: tiny", "slug: [tiny")
    write_project(root, explainers={"tiny.md": broken})


def test_malformed_yaml(builds: dict[str, Outcome]) -> None:
    builds["malformed_yaml"].fails(f"error: {TINY}:4: front matter: ")


@project("yaml_not_a_mapping")
def _(root: Path) -> None:
    write_project(root, explainers={"tiny.md": "---\n- just\n- a list\n---\nBody.\n"})


def test_yaml_that_is_not_a_mapping(builds: dict[str, Outcome]) -> None:
    builds["yaml_not_a_mapping"].fails(f"error: {TINY}:2: front matter must be a mapping")


REQUIRED = ["title", "slug", "published"]
for _key in REQUIRED:

    @project(f"missing_{_key}")
    def _(root: Path, key: str = _key) -> None:
        md = "\n".join(ln for ln in explainer_md().splitlines() if not ln.startswith(f"{key}:"))
        write_project(root, explainers={"tiny.md": md})


@pytest.mark.parametrize("key", REQUIRED)
def test_missing_metadata(builds: dict[str, Outcome], key: str) -> None:
    line = builds[f"missing_{key}"].fails()
    assert line == f"error: {TINY}:2: missing required metadata '{key}'"


@project("misspelt_key")
def _(root: Path) -> None:
    md = explainer_md().replace("published:", "publised:")
    write_project(root, explainers={"tiny.md": md})


def test_a_misspelt_key_is_named_with_the_key_it_resembles(builds: dict[str, Outcome]) -> None:
    line = builds["misspelt_key"].fails()
    assert line == f"error: {TINY}:4: unknown key 'publised'; did you mean 'published'?"


@project("no_front_matter")
def _(root: Path) -> None:
    write_project(root, explainers={"tiny.md": "Just some prose, no metadata.\n"})


def test_no_front_matter_at_all(builds: dict[str, Outcome]) -> None:
    assert builds["no_front_matter"].fails().startswith(f"error: {TINY}:1: no front matter")


@project("invalid_slug")
def _(root: Path) -> None:
    write_project(root, explainers={"tiny.md": explainer_md(slug="Not A Slug")})


def test_invalid_slug(builds: dict[str, Outcome]) -> None:
    builds["invalid_slug"].fails(f"error: {TINY}:3: slug 'Not A Slug' must be lower-case")


BAD_DATES = ["2025-13-01", "2025-02-30", "next tuesday"]
for _number, _value in enumerate(BAD_DATES):

    @project(f"bad_date_{_number}")
    def _(root: Path, value: str = _value) -> None:
        write_project(root, explainers={"tiny.md": explainer_md(published=value)})


@pytest.mark.parametrize("number", range(len(BAD_DATES)))
def test_invalid_publication_date(builds: dict[str, Outcome], number: int) -> None:
    assert builds[f"bad_date_{number}"].fails() == (
        f"error: {TINY}:4: publication date '{BAD_DATES[number]}' is not a valid date "
        "(use YYYY-MM-DD)"
    )


@project("legacy_content_file")
def _(root: Path) -> None:
    md = explainer_md(body="Un résumé rédigé à la main.").encode("latin-1")
    write_project(root, explainers={"tiny.md": md})


def test_content_file_in_a_legacy_encoding(builds: dict[str, Outcome]) -> None:
    builds["legacy_content_file"].fails(f"error: {TINY}:12: not valid UTF-8 (byte 0xe9)")


# --- the smallest explainers -------------------------------------------------


@project("one_source")
def _(root: Path) -> None:
    write_project(root, explainers={"tiny.md": explainer_md(sources=["seeds/a.txt"])})


def test_one_source_builds_and_has_nothing_to_compare(builds: dict[str, Outcome]) -> None:
    site = builds["one_source"].built()
    compare = page(site / "explainers" / "tiny" / "compare" / "index.html")
    assert "nothing to compare" in compare.select_one("main").get_text(" ")
    data = json.loads((site / "data" / "tiny.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["sources"]] == ["a"]
    assert data["comparison"]["agreements"] == [] and data["comparison"]["discrepancies"] == []


@project("no_sources")
def _(root: Path) -> None:
    write_project(root, explainers={"tiny.md": explainer_md(sources=[])})


def test_no_sources_is_an_error(builds: dict[str, Outcome]) -> None:
    assert builds["no_sources"].fails() == f"error: {TINY}:6: explainer lists no sources"


# --- glossary ------------------------------------------------------------------

GOOD_TERM = '---\nterm: river bridge\naliases: [bridge]\nshort: "A bridge over a river."\n---\n'


@project("glossary_without_definition")
def _(root: Path) -> None:
    entry = "---\nterm: council\naliases: [councillors]\n---\nA body but no short definition.\n"
    write_project(root, glossary={"council.md": entry, "bridge.md": GOOD_TERM})


def test_glossary_entry_without_a_definition(builds: dict[str, Outcome]) -> None:
    builds["glossary_without_definition"].fails(
        "error: content/glossary/council.md", "no short definition"
    )


@project("glossary_duplicate_alias")
def _(root: Path) -> None:
    other = '---\nterm: span\naliases: [Bridge, crossing]\nshort: "A structure."\n---\n'
    write_project(root, glossary={"a-bridge.md": GOOD_TERM, "b-span.md": other})


def test_glossary_duplicate_alias(builds: dict[str, Outcome]) -> None:
    line = builds["glossary_duplicate_alias"].fails(
        "error: content/glossary/b-span.md:3: ", "'Bridge'"
    )
    assert "content/glossary/a-bridge.md" in line and "unique" in line


# --- atomic output -------------------------------------------------------------


def test_failed_build_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    write_project(tmp_path)
    first = build(tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    before = tree_hashes(tmp_path / "output")
    assert "explainers/tiny/index.html" in before
    # The next build fails part-way: the first explainer is fine, the second is not.
    write_project(tmp_path, explainers={"zz.md": explainer_md(slug="zz", sources=["seeds/c.txt"])})
    write_project(tmp_path, seeds={"c.txt": b"\xff\xfe\x00"})
    error_line(build(tmp_path))
    assert tree_hashes(tmp_path / "output") == before
    # No staging directory is left behind (the analysis cache may stay).
    assert _entries(tmp_path) == ["content", "output", "seeds"]
