"""build_all: the same explainers, in the same order, with the same errors,
whether built one by one, in parallel, or from the cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import as_json

from pelican.plugins.explainer import batch
from pelican.plugins.explainer.batch import PARALLEL_MIN, build_all
from pelican.plugins.explainer.errors import InputError
from pelican.plugins.explainer.parse.content import parse_spec
from pelican.plugins.explainer.pipeline import Explainer, build_explainer

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "content" / "explainers" / "xi-jinping-hanoi-2025.md"

PLACES = ["Larnwick", "Ostervale", "Brackenford", "Millhaven", "Quarrytown", "Sedgemoor"]


def report(place: str, cost: int, votes: int, agency: bool) -> str:
    """A short invented news report; the two variants disagree on the cost."""
    lead = f"{place}: " if agency else ""
    return (
        f"{place} council backs new library\n"
        f"{lead}The {place} council on Tuesday approved a new public library by {votes} votes to 3.\n"
        f"The building will cost about {cost} million dollars and should open in 2027.\n"
        f"The mayor said the library would serve 40,000 residents.\n"
        f"A residents' group said it was considering a legal challenge.\n"
    )


def write_site(root: Path, count: int) -> list[Path]:
    """``count`` explainers of two seeds each under ``root``; returns the content files."""
    (root / "seeds").mkdir(parents=True)
    (root / "content").mkdir()
    paths = []
    for n in range(count):
        place = PLACES[n % len(PLACES)] + ("" if n < len(PLACES) else f" {n}")
        for suffix, cost, agency in (("a", 10 + n, False), ("b", 12 + n, True)):
            text = report(place, cost, 5 + n % 4, agency)
            (root / "seeds" / f"s{n:02d}{suffix}.txt").write_text(text, encoding="utf-8")
        content = root / "content" / f"e{n:02d}.md"
        content.write_text(
            f"---\ntitle: Library vote {n}\nslug: library-{n:02d}\npublished: 2025-03-{n + 1:02d}\n"
            f"sources:\n  - path: seeds/s{n:02d}a.txt\n    id: one\n"
            f"  - path: seeds/s{n:02d}b.txt\n    id: two\n---\n",
            encoding="utf-8",
        )
        paths.append(content)
    return paths


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    root = tmp_path_factory.mktemp("batch")
    return root, write_site(root, PARALLEL_MIN + 1)


@pytest.fixture(scope="module")
def serial(site: tuple[Path, list[Path]]) -> list[Explainer]:
    root, paths = site
    return build_all(paths, root, workers=1)


def test_serial_build_matches_building_one_by_one(
    site: tuple[Path, list[Path]], serial: list[Explainer]
) -> None:
    root, paths = site
    one_by_one = [
        build_explainer(
            parse_spec(p.read_text(encoding="utf-8"), str(p.relative_to(root)), root), root
        )
        for p in paths
    ]
    assert [e.slug for e in serial] == [f"library-{n:02d}" for n in range(len(paths))]
    assert as_json(serial) == as_json(one_by_one)


def test_parallel_build_is_identical_and_identically_ordered(
    site: tuple[Path, list[Path]], serial: list[Explainer]
) -> None:
    root, paths = site
    parallel = build_all(paths, root, workers=2)
    assert [e.slug for e in parallel] == [e.slug for e in serial]
    assert as_json(parallel) == as_json(serial)
    # The analysis really ran: the invented reports disagree on the cost.
    assert all(e.comparison.discrepancies or e.facts for e in parallel)


def test_progress_is_reported_once_per_file_in_order(site: tuple[Path, list[Path]]) -> None:
    root, paths = site
    seen: list[tuple[int, int, str]] = []
    build_all(paths, root, workers=2, progress=lambda n, t, e, s: seen.append((n, t, e.slug)))
    assert seen == [(n + 1, len(paths), f"library-{n:02d}") for n in range(len(paths))]


def test_real_explainer_matches_the_pipeline() -> None:
    spec = parse_spec(REAL.read_text(encoding="utf-8"), str(REAL.relative_to(ROOT)), ROOT)
    (built,) = build_all([REAL], ROOT, workers=2)
    assert built.slug == spec.slug
    assert as_json([built]) == as_json([build_explainer(spec, ROOT)])


# Stopping the workers must not make the pool's thread print a traceback.
@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
@pytest.mark.parametrize("workers", [1, 2])
def test_a_bad_seed_in_a_worker_gives_the_serial_one_line_error(
    tmp_path: Path, workers: int
) -> None:
    paths = write_site(tmp_path, PARALLEL_MIN + 1)
    (tmp_path / "seeds" / "s03b.txt").write_bytes(b"Headline\n\x00\x01binary")
    (tmp_path / "seeds" / "s06a.txt").write_bytes(b"Headline\n\x00\x01binary")
    with pytest.raises(InputError) as caught:
        build_all(paths, tmp_path, workers=workers)
    # The first bad file in order, named as the single-explainer build names it.
    assert (
        str(caught.value)
        == "seeds/s03b.txt: looks like a binary file (NUL bytes), not article text"
    )
    assert "\n" not in str(caught.value)


def test_a_duplicate_slug_names_the_second_file(tmp_path: Path) -> None:
    paths = write_site(tmp_path, 3)
    text = paths[2].read_text(encoding="utf-8").replace("slug: library-02", "slug: library-00")
    paths[2].write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build_all(paths, tmp_path, workers=1)
    assert str(caught.value) == (
        "content/e02.md: slug 'library-00' is already used by content/e00.md"
    )


def test_few_explainers_overlap_with_the_callers_work_and_match_serial(
    site: tuple[Path, list[Path]], serial: list[Explainer], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a process that has not loaded the analysis (a one-off build), one or two
    explainers go to a worker while ``meanwhile`` runs here; the result is the serial one."""
    monkeypatch.setattr(batch, "analysis_loaded", lambda: False)
    root, paths = site
    seen: list[int] = []
    built = build_all(paths[:2], root, workers=2, meanwhile=lambda: seen.append(os.getpid()))
    assert seen == [os.getpid()]  # ran once, in this process
    assert as_json(built) == as_json(serial[:2])
    # A failing meanwhile only loses the head start.
    again = build_all(paths[:1], root, workers=2, meanwhile=lambda: 1 / 0)
    assert as_json(again) == as_json(serial[:1])


def test_a_process_that_has_analysed_keeps_few_explainers_to_itself(
    site: tuple[Path, list[Path]], serial: list[Explainer]
) -> None:
    root, paths = site
    build_all(paths[:1], root, workers=1)  # this process has now analysed
    seen: list[int] = []
    built = build_all(paths[:2], root, workers=2, meanwhile=lambda: seen.append(1))
    assert seen == []
    assert as_json(built) == as_json(serial[:2])
