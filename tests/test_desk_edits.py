"""The review desk's file side, without a browser: round-trip curation edits, the
editor's keep/drop decisions in the analysis, undo, concurrent edits, ``invoke review``.

Every test works on a copy of the project's content and seeds in a temp dir.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tinysite import ROOT

from pelican.plugins.explainer.desk import review
from pelican.plugins.explainer.desk.edits import Desk, Stale, Target, change_for
from pelican.plugins.explainer.errors import InputError
from pelican.plugins.explainer.parse.curation_edit import edit_curation

SLUG = "xi-jinping-hanoi-april-2025"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return tmp_path


def _hanoi(project: Path) -> review.Review:
    found = review.find(project, SLUG)
    assert isinstance(found, review.Review)
    return found


def _first(r: review.Review, section: str, shown: bool | None = None) -> review.Item:
    return next(i for i in r.items if i.section == section and shown in (None, i.shown))


def _target(item: review.Item, **fields: str) -> Target:
    return Target(item.section, item.cites, item.value, item.date, fields)


def test_edit_keeps_every_byte_outside_the_block() -> None:
    text = (
        "---\ntitle: 'T'   # quoted\n# about curation\ncuration:\n  key_points:\n"
        '    pin: [a-s1]   # why\n# about the summary\nsummary: "S"\n---\nBody.\n'
    )

    def change(curation):  # type: ignore[no-untyped-def]
        curation["facts"] = {"drop": [{"cites": ["a-s2"], "value": "12"}]}

    new = edit_curation(text, change, "x.md")
    assert new.startswith("---\ntitle: 'T'   # quoted\n# about curation\ncuration:\n")
    assert "    pin: [a-s1]   # why\n" in new
    assert new.endswith('# about the summary\nsummary: "S"\n---\nBody.\n')
    assert "  facts:\n    drop:\n" in new


def test_edit_adds_a_missing_block_at_the_end_of_the_front_matter() -> None:
    text = "---\ntitle: T\nsummary: S\n---\nBody [@a-s1].\n"
    new = edit_curation(text, change_for("keep", Target("only_in", ["a-s3"])), "x.md")
    assert new == (
        "---\ntitle: T\nsummary: S\ncuration:\n  only_in:\n    keep:\n"
        "      - cites: [a-s3]\n---\nBody [@a-s1].\n"
    )


def test_drop_adds_exactly_one_entry(project: Path) -> None:
    r = _hanoi(project)
    item = _first(r, "discrepancies")
    before = r.path.read_bytes()
    Desk(project).apply(r.path, r.version, "drop", _target(item))
    after = r.path.read_bytes()
    entry = f"    drop:\n      - cites: [{', '.join(item.cites)}]\n".encode()
    at = before.index(b"---\n", 4)  # the closing fence: the comparison block ends there
    assert after == before[:at] + entry + before[at:]
    again = _hanoi(project)
    dropped = next(i for i in again.items if i.section == "discrepancies" and i.cites == item.cites)
    assert (dropped.shown, dropped.decision, dropped.reason) == (
        False,
        "drop",
        "dropped by the editor",
    )
    assert again.summary == "Reviewed by the editor: 5 items confirmed, 2 dropped"


def test_keep_label_and_undo_restore_the_file_byte_for_byte(project: Path) -> None:
    r = _hanoi(project)
    desk = Desk(project)
    original = r.path.read_bytes()
    fact = _first(r, "facts", shown=False)
    desk.apply(r.path, r.version, "label", _target(fact, label="Cooperation deals signed"))
    r2 = _hanoi(project)
    kept = next(i for i in r2.items if i.section == "facts" and i.value == fact.value)
    assert (kept.shown, kept.decision, kept.label) == (True, "keep", "Cooperation deals signed")
    held = _first(r2, "agreements", shown=False)
    desk.apply(r2.path, r2.version, "keep", _target(held))
    assert next(i for i in _hanoi(project).items if i.cites == held.cites).shown
    assert desk.undo(r.path, _hanoi(project).version)
    assert desk.undo(r.path, _hanoi(project).version)
    assert r.path.read_bytes() == original
    assert not desk.undo(r.path, _hanoi(project).version)


def test_a_file_changed_on_disk_is_never_overwritten(project: Path) -> None:
    r = _hanoi(project)
    edited = r.path.read_bytes().replace(b"Optional", b"Optional") + b"\nAn editor's line.\n"
    r.path.write_bytes(edited)
    with pytest.raises(Stale):
        Desk(project).apply(r.path, r.version, "drop", _target(_first(r, "discrepancies")))
    assert r.path.read_bytes() == edited


def test_undo_refuses_after_an_outside_edit(project: Path) -> None:
    r = _hanoi(project)
    desk = Desk(project)
    desk.apply(r.path, r.version, "keep", _target(_first(r, "only_in", shown=False)))
    changed = r.path.read_bytes() + b"More.\n"
    r.path.write_bytes(changed)
    with pytest.raises(Stale):
        desk.undo(r.path, review.version_of(changed))
    assert r.path.read_bytes() == changed


def test_not_a_difference_becomes_an_agreement_with_the_note(project: Path) -> None:
    r = _hanoi(project)
    item = _first(r, "discrepancies")
    target = _target(item, note="Both describe the same visit.")
    Desk(project).apply(r.path, r.version, "not-a-difference", target)
    again = _hanoi(project)
    assert not any(i.cites == item.cites for i in again.section("discrepancies"))
    agreement = next(i for i in again.section("agreements") if set(item.cites) <= set(i.cites))
    assert agreement.shown and agreement.note == "Both describe the same visit."


def test_a_bad_entry_is_refused_and_nothing_is_written(project: Path) -> None:
    r = _hanoi(project)
    before = r.path.read_bytes()
    with pytest.raises(InputError):
        Desk(project).apply(r.path, r.version, "keep", Target("facts", ["wire-s1"], "999"))
    assert r.path.read_bytes() == before


def test_bad_curation_is_one_error_line(project: Path) -> None:
    path = project / "content" / "explainers" / "xi-jinping-hanoi-2025.md"
    text = path.read_text().replace("  comparison:\n", "  facts:\n    keep: [3]\n  comparison:\n")
    path.write_text(text)
    found = review.find(project, "xi-jinping-hanoi-2025")
    assert isinstance(found, review.Broken)
    assert found.error.startswith("content/explainers/xi-jinping-hanoi-2025.md:")
    assert "curation.facts.keep[0]: must be a mapping with 'cites'" in found.error


def _review_cli(project: Path, slug: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys; from pathlib import Path; import tasks; tasks.ROOT = Path(sys.argv[1]);"
        "from invoke import Context; tasks.review(Context(), sys.argv[2])"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(project), slug],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_invoke_review_lists_open_items_and_exits_0_when_none(project: Path) -> None:
    result = _review_cli(project, SLUG)
    assert result.returncode == 1, result.stderr
    assert "25 open items of 80" in result.stdout
    assert "confidence 0.62" in result.stdout and "wire-s10 (" in result.stdout
    desk = Desk(project)
    r = _hanoi(project)
    while r.open:  # decide every open item, one action each
        item = next(i for i in r.items if i.open)
        desk.apply(r.path, r.version, "drop", _target(item))
        r = _hanoi(project)
    result = _review_cli(project, SLUG)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 open items of" in result.stdout
    missing = _review_cli(project, "no-such-story")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert missing.stderr == "error: content/explainers: no explainer with slug 'no-such-story'\n"


def test_the_review_line_counts_the_editors_decisions() -> None:
    from pelican.plugins.explainer.decisions import review as counted

    assert counted({}).text == "Not yet reviewed"
    curation = {
        "key_points": {"pin": ["a-s1"], "drop": ["a-s2"]},
        "comparison": {"dismiss": [{"cites": ["a-s3", "b-s1"]}], "confirm": [{"cites": ["a"]}]},
        "facts": {"keep": [{"cites": ["a-s4"]}]},
    }
    assert counted(curation).text == "Reviewed by the editor: 3 items confirmed, 2 dropped"
    assert counted(curation).to_json()["reviewed"] is True
