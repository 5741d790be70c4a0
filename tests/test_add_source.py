"""``invoke add-source``: copies a seed in, lists it, keeps the content file's layout."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pelican.plugins.explainer.errors import InputError
from pelican.plugins.explainer.parse.add_source import add_source
from pelican.plugins.explainer.parse.content import parse_spec

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "intake"

CONTENT = """---
title: "Harbour works"
slug: harbour-works
published: 2025-11-04
# Sources below are in the order the desk received them.
sources:
  - path: seeds/first.txt   # the wire copy
    label: Wire
  # a second one is expected from the regional paper
curation:
  key_points:
    max: 5
---
An intro that stays as written.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "content" / "explainers").mkdir(parents=True)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "content" / "explainers" / "harbour.md").write_text(CONTENT, encoding="utf-8")
    shutil.copy(FIXTURES / "wire-agency-dateline.txt", tmp_path / "seeds" / "first.txt")
    return tmp_path


def _content(project: Path) -> str:
    return (project / "content" / "explainers" / "harbour.md").read_text(encoding="utf-8")


def test_adds_an_html_page_keeping_comments_and_layout(project: Path) -> None:
    added = add_source(FIXTURES / "page-newsroom.html", "harbour-works", project)
    assert (project / "seeds" / "page-newsroom.html").read_bytes() == (
        FIXTURES / "page-newsroom.html"
    ).read_bytes()
    after = _content(project)
    before_lines = CONTENT.split("\n")
    new = [line for line in after.split("\n") if line not in before_lines]
    assert new == [
        "  - path: seeds/page-newsroom.html",
        '    label: "Eastbay Herald report"',  # the outlet, never the headline
    ]
    assert after.replace("\n".join(new) + "\n", "") == CONTENT  # nothing else moved
    spec = parse_spec(after, "harbour.md", project)
    assert [s.path for s in spec.sources] == ["seeds/first.txt", "seeds/page-newsroom.html"]
    report = "\n".join(added.report(project))
    assert "publisher  Eastbay Herald" in report and "byline     Mirela Dunn" in report
    assert "date       2025-11-04 08:15 UTC" in report and "sentences  8" in report


def test_a_text_seed_reports_its_dateline(project: Path) -> None:
    added = add_source(FIXTURES / "newcomer-dek-byline.txt", "harbour-works", project)
    report = "\n".join(added.report(project))
    assert "dateline   BRENNICK, April 9 (Meridian Press)" in report
    assert "dek        Residents of two riverside districts" in report
    # The agency in the dateline is the publisher, and names the source: a wire.
    assert "publisher  Meridian Press" in report
    assert "label      Meridian Press wire" in report


@pytest.mark.parametrize(
    ("file", "slug", "message"),
    [
        ("page-newsroom.html", "no-such-story", "no explainer with slug 'no-such-story'"),
        ("pages.yaml", "harbour-works", "unknown file type '.yaml'"),
        ("empty.html", "harbour-works", "HTML page is empty"),
    ],
)
def test_bad_requests_change_nothing(project: Path, file: str, slug: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        add_source(FIXTURES / file, slug, project)
    assert _content(project) == CONTENT
    assert sorted(p.name for p in (project / "seeds").iterdir()) == ["first.txt"]


def test_a_duplicate_source_changes_nothing(project: Path) -> None:
    with pytest.raises(InputError, match=re.escape("already lists a source 'seeds/first.txt'")):
        add_source(project / "seeds" / "first.txt", "harbour-works", project)
    add_source(FIXTURES / "page-wire.html", "harbour-works", project)
    once = _content(project)
    with pytest.raises(InputError, match="already lists"):
        add_source(FIXTURES / "page-wire.html", "harbour-works", project)
    assert _content(project) == once


def test_the_task_prints_one_line_on_error() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "invoke",
            "add-source",
            "tests/fixtures/intake/page-wire.html",
            "--explainer",
            "no-such-explainer",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "error: content/explainers: no explainer with slug 'no-such-explainer'"
    ]


# --- the edit touches the front matter's own `sources` list and nothing else ----------

NEWS = FIXTURES / "newcomer-dek-byline.txt"
ADDED = '  - path: seeds/newcomer-dek-byline.txt\n    label: "Meridian Press wire"\n'

# Each case: a content file (the marker ▼ is where the new item must go, and is
# removed to give the file as written) and the text that must appear there.
LAYOUTS = {
    "a sources: line inside a summary block and under another key": (
        "---\ntitle: 'Harbour works'\nslug: harbour-works\npublished: 2025-11-04\n"
        "summary: |\n  Notes for the desk.\n  sources:\n    - path: seeds/not-a-source.txt\n"
        "x-meta:\n  sources:\n    - nested: true\n"
        "sources:\n  - path: seeds/first.txt\n    label: Wire\n▼  # the paper's copy is due\n"
        "curation: {key_points: {max: 5}}\n---\nBody with sources: in it.\n",
        ADDED,
    ),
    "an indentless list, last item a literal block, keys spaced out": (
        '---\ntitle:   "Harbour works"   # spacing kept\nslug: harbour-works\n'
        "published: 2025-11-04\nsources:\n- path: seeds/first.txt\n  label: |\n    Wire\n    copy\n\n"
        "▼# end of the list\n---\n",  # after the block's blank line: it may keep it (|+)
        '- path: seeds/newcomer-dek-byline.txt\n  label: "Meridian Press wire"\n',
    ),
    "a wide dash offset": (
        "---\ntitle: Harbour works\nslug: harbour-works\npublished: 2025-11-04\nsources:\n"
        "    -   path: seeds/first.txt\n        label: 'Wire'   # quoted\n▼---\n",
        '    -   path: seeds/newcomer-dek-byline.txt\n        label: "Meridian Press wire"\n',
    ),
    "a flow list": (
        "---\ntitle: Harbour works\nslug: harbour-works\npublished: 2025-11-04\n"
        "sources: [seeds/first.txt▼]  # one so far\n---\n",
        ', {path: seeds/newcomer-dek-byline.txt, label: "Meridian Press wire"}',
    ),
}


@pytest.mark.parametrize("case", list(LAYOUTS))
def test_only_the_front_matter_list_gains_an_item(project: Path, case: str) -> None:
    marked, inserted = LAYOUTS[case]
    before = marked.replace("▼", "")
    path = project / "content" / "explainers" / "harbour.md"
    path.write_text(before, encoding="utf-8")
    add_source(NEWS, "harbour-works", project)
    after = path.read_text(encoding="utf-8")
    assert after == marked.replace("▼", inserted)
    spec = parse_spec(after, "harbour.md", project)
    assert [s.path for s in spec.sources] == ["seeds/first.txt", "seeds/newcomer-dek-byline.txt"]


@pytest.mark.parametrize(("bom", "newline"), [(True, "\n"), (True, "\r\n"), (False, "\r\n")])
def test_a_bom_and_crlf_file_is_found_and_kept_as_it_was(
    project: Path, bom: bool, newline: str
) -> None:
    path = project / "content" / "explainers" / "harbour.md"
    prefix = b"\xef\xbb\xbf" if bom else b""
    path.write_bytes(prefix + CONTENT.replace("\n", newline).encode("utf-8"))
    add_source(NEWS, "harbour-works", project)
    after = path.read_bytes()
    assert after.startswith(prefix) and after.count(b"\r\n") == (
        after.count(b"\n") if newline == "\r\n" else 0
    )
    expected = CONTENT.replace("  # a second one", ADDED + "  # a second one")
    assert after == prefix + expected.replace("\n", newline).encode("utf-8")


def test_an_aliased_list_is_refused_and_nothing_changes(project: Path) -> None:
    path = project / "content" / "explainers" / "harbour.md"
    text = CONTENT.replace("sources:\n", "x-shared: &s\n", 1).replace(
        "curation:", "sources: *s\ncuration:"
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="alias; add the source by hand"):
        add_source(NEWS, "harbour-works", project)
    assert path.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in (project / "seeds").iterdir()) == ["first.txt"]


def _add_in_child(file: Path, project: Path, start: object) -> None:
    start.wait()  # type: ignore[attr-defined]
    add_source(file, "harbour-works", project)


def test_runs_at_the_same_time_all_land(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    import multiprocessing

    incoming = tmp_path_factory.mktemp("incoming")
    files = []
    for n in range(4):
        files.append(incoming / f"report-{n}.txt")
        shutil.copy(NEWS, files[-1])
    context = multiprocessing.get_context("fork")
    start = context.Barrier(len(files))
    runs = [context.Process(target=_add_in_child, args=(f, project, start)) for f in files]
    for run in runs:
        run.start()
    for run in runs:
        run.join(60)
    assert [run.exitcode for run in runs] == [0] * len(files)
    spec = parse_spec(_content(project), "harbour.md", project)
    assert sorted(s.path for s in spec.sources) == [
        "seeds/first.txt",
        *(f"seeds/report-{n}.txt" for n in range(4)),
    ]
    # No temporary file is left behind; the lock file stays (hidden, empty).
    folder = sorted(p.name for p in (project / "content" / "explainers").iterdir())
    assert folder == [".harbour.md.lock", "harbour.md"]


def test_hidden_characters_are_never_printed_or_written(project: Path, tmp_path: Path) -> None:
    seed = tmp_path / "bidi.txt"
    seed.write_text(
        "Harbour \u202etxt.exe\u202c board \x1b[31mvotes\n"
        + NEWS.read_text("utf-8").split("\n", 1)[1],
        encoding="utf-8",
    )
    added = add_source(seed, "harbour-works", project)
    report = "\n".join(added.report(project))
    assert not any(c in report for c in "\u202e\u202c\x1b"), repr(report)
    assert "\\u202e" in report  # shown escaped, not acted on
    # The headline is not the label, so it reaches the content file in no form.
    written = _content(project)
    assert '    label: "Meridian Press wire"\n' in written
    assert not any(c in written for c in "\u202e\u202c\x1b") and "txt.exe" not in written
