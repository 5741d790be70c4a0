"""``invoke add-source FILE --explainer SLUG --new`` starts an explainer, and a
source with no label is named by its outlet and kind, never its headline."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from pelican.plugins.explainer.errors import InputError
from pelican.plugins.explainer.parse.add_source import add_source
from pelican.plugins.explainer.parse.content import parse_spec
from pelican.plugins.explainer.pipeline import load_documents

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "intake"


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_new_writes_the_content_file_from_what_the_seed_states(tmp_path: Path) -> None:
    added = add_source(FIXTURES / "page-newsroom.html", "ferry-cuts", tmp_path, new=True)
    content = tmp_path / "content" / "explainers" / "ferry-cuts.md"
    spec = parse_spec(content.read_text(encoding="utf-8"), "ferry-cuts.md", tmp_path)
    assert spec.title == "Ferry operator cuts winter timetable after fuel costs rise"  # headline
    assert spec.slug == "ferry-cuts" and spec.published == date(2025, 11, 4)  # detected date
    [source] = spec.sources
    assert source.path == "seeds/page-newsroom.html"
    assert source.label == "Eastbay Herald report"  # the publisher, not the headline
    assert (tmp_path / "seeds" / "page-newsroom.html").is_file()
    report = "\n".join(added.report(tmp_path))
    assert report.startswith(
        "created    seeds/page-newsroom.html to content/explainers/ferry-cuts.md"
    )
    assert "note" not in report
    # A second seed goes in the ordinary way.
    add_source(FIXTURES / "newcomer-dek-byline.txt", "ferry-cuts", tmp_path)
    spec = parse_spec(content.read_text(encoding="utf-8"), "ferry-cuts.md", tmp_path)
    assert [s.label for s in spec.sources] == ["Eastbay Herald report", "Meridian Press wire"]


def test_new_without_a_detected_date_uses_today_and_says_so(tmp_path: Path) -> None:
    added = add_source(FIXTURES / "newcomer-dek-byline.txt", "flood", tmp_path, new=True)
    text = (tmp_path / "content" / "explainers" / "flood.md").read_text(encoding="utf-8")
    assert f"published: {date.today().isoformat()}\n" in text
    assert 'title: "Flood barrier fails as river reaches record height"\n' in text
    assert "no date detected" in "\n".join(added.report(tmp_path))


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("Bad Slug", "slug 'Bad Slug': use lower-case letters, digits and hyphens"),
        ("taken", "explainer 'taken' exists already; add the source without --new"),
    ],
)
def test_new_refuses_a_bad_or_taken_slug_and_writes_nothing(
    tmp_path: Path, slug: str, message: str
) -> None:
    folder = tmp_path / "content" / "explainers"
    folder.mkdir(parents=True)
    # The slug is taken by a file of another name: slugs, not file names, must be unique.
    (folder / "other-name.md").write_text(
        "---\ntitle: T\nslug: taken\npublished: 2025-01-01\nsources: []\n---\n", encoding="utf-8"
    )
    before = _files(tmp_path)
    with pytest.raises(InputError) as caught:
        add_source(FIXTURES / "page-newsroom.html", slug, tmp_path, new=True)
    assert message in str(caught.value)
    assert _files(tmp_path) == before


def test_the_task_reports_a_taken_slug_in_one_line_without_writing() -> None:
    """Run for real in the checkout: the slug exists, so nothing is written there."""
    cmd = [sys.executable, "-m", "invoke", "add-source", str(FIXTURES / "page-newsroom.html")]
    cmd += ["--explainer", "xi-jinping-hanoi-april-2025", "--new"]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "error: content/explainers/xi-jinping-hanoi-2025.md: explainer"
        " 'xi-jinping-hanoi-april-2025' exists already; add the source without --new"
    ]


def test_a_source_without_a_label_is_named_by_its_outlet_and_kind(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    for name in ("newcomer-dek-byline.txt", "page-newsroom.html", "outlet-tag-heading.txt"):
        (tmp_path / "seeds" / name).write_bytes((FIXTURES / name).read_bytes())
    text = (
        "---\ntitle: T\nslug: t\npublished: 2025-11-04\nsources:\n"
        "  - path: seeds/newcomer-dek-byline.txt\n"
        "  - path: seeds/page-newsroom.html\n    kind: translation\n"
        "  - path: seeds/outlet-tag-heading.txt\n    label: Given label\n---\n"
    )
    spec = parse_spec(text, "t.md", tmp_path)
    labels = [doc.meta.label for doc in load_documents(spec, tmp_path)]
    assert labels == ["Meridian Press wire", "Eastbay Herald report (translation)", "Given label"]
