"""The analysis cache: hits only when inputs and code are unchanged, survives
damage, and never changes what a build produces."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import as_json

from pelican.plugins.explainer.batch import build_all
from pelican.plugins.explainer.cache import Cache, code_version

SEED_A = """Harbour ferry service to resume in May
The ferry between Portwell and Dunmere will resume on 3 May after a two-year pause, the operator said on Monday.
Tickets will cost 12 dollars each way, up from 9 dollars before the pause.
The operator said the new boat carries 300 passengers.
The town council has not said whether it will subsidise student fares.
"""
SEED_B = """Ferry returns to the harbour
Portwell: The Portwell to Dunmere ferry restarts on 3 May, its operator announced.
A single ticket will cost 14 dollars, according to the published fare table.
The new vessel can carry 300 passengers and 20 cars.
Local businesses said they expected more visitors in the summer.
"""


def write_project(root: Path, count: int = 3) -> list[Path]:
    (root / "seeds").mkdir(parents=True)
    (root / "content").mkdir()
    paths = []
    for n in range(count):
        for suffix, text in (("a", SEED_A), ("b", SEED_B)):
            (root / "seeds" / f"f{n}{suffix}.txt").write_text(text.replace("300", str(300 + n)))
        path = root / "content" / f"ferry-{n}.md"
        path.write_text(
            f"---\ntitle: Ferry {n}\nslug: ferry-{n}\npublished: 2025-04-2{n}\nsources:\n"
            f"  - path: seeds/f{n}a.txt\n  - path: seeds/f{n}b.txt\n---\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, list[Path]]:
    root = tmp_path / "project"
    return root, write_project(root)


def test_second_build_is_all_hits_and_identical(project: tuple[Path, list[Path]]) -> None:
    root, paths = project
    uncached = build_all(paths, root, workers=1)
    first_cache = Cache(root / ".cache")
    first = build_all(paths, root, cache=first_cache, workers=1)
    assert (first_cache.hits, first_cache.misses) == (0, 3)

    again = Cache(root / ".cache")
    second = build_all(paths, root, cache=again, workers=1)
    assert (again.hits, again.misses) == (3, 0)
    assert as_json(second) == as_json(first) == as_json(uncached)
    assert [e.slug for e in second] == ["ferry-0", "ferry-1", "ferry-2"]


def test_editing_one_seed_or_content_file_misses_only_that_explainer(
    project: tuple[Path, list[Path]],
) -> None:
    root, paths = project
    build_all(paths, root, cache=Cache(root / ".cache"), workers=1)

    seed = root / "seeds" / "f1b.txt"
    seed.write_text(seed.read_text().replace("14 dollars", "15 dollars"))
    cache = Cache(root / ".cache")
    rebuilt = build_all(paths, root, cache=cache, workers=1)
    assert (cache.hits, cache.misses) == (2, 1)
    assert "15 dollars" in as_json([rebuilt[1]])
    assert as_json(rebuilt) == as_json(build_all(paths, root, workers=1))

    paths[2].write_text(paths[2].read_text().replace("title: Ferry 2", "title: Ferry two"))
    cache = Cache(root / ".cache")
    retitled = build_all(paths, root, cache=cache, workers=1)
    assert (cache.hits, cache.misses) == (2, 1)
    assert retitled[2].title == "Ferry two"


def test_a_new_code_version_misses_and_clears_the_old_entries(
    project: tuple[Path, list[Path]],
) -> None:
    root, paths = project
    old = Cache(root / ".cache", version="a" * 64)
    build_all(paths, root, cache=old, workers=1)
    assert (root / ".cache" / ("a" * 16)).is_dir()

    new = Cache(root / ".cache", version="b" * 64)
    build_all(paths, root, cache=new, workers=1)
    assert (new.hits, new.misses) == (0, 3)
    assert not (root / ".cache" / ("a" * 16)).exists()
    # One analysis and one list of seed paths per content file.
    assert len(list((root / ".cache" / ("b" * 16)).glob("*.pickle"))) == 6


def test_code_version_follows_the_package_sources(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "one.py").write_text("X = 1\n")
    before = code_version(package)
    (package / "one.py").write_text("X = 2\n")
    after = code_version(package)
    (package / "notes.txt").write_text("not code")
    assert before != after
    assert code_version(package) == after
    assert len(code_version()) == 64


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a pickle at all", b"\x80\x05\x95\x10\x00\x00\x00\x00\x00\x00\x00"],
    ids=["empty", "garbage", "truncated"],
)
def test_a_damaged_entry_is_ignored_and_rewritten(
    project: tuple[Path, list[Path]], damage: bytes
) -> None:
    root, paths = project
    reference = as_json(build_all(paths, root, cache=Cache(root / ".cache"), workers=1))
    entries = sorted((root / ".cache").rglob("*.pickle"))
    assert len(entries) == 6  # an analysis and a list of seed paths per content file
    for entry in entries:  # either kind of entry, damaged, costs one analysis
        entry.write_bytes(damage)
        cache = Cache(root / ".cache")
        assert as_json(build_all(paths, root, cache=cache, workers=1)) == reference
        assert (cache.hits, cache.misses) == (2, 1)
        repaired = Cache(root / ".cache")
        build_all(paths, root, cache=repaired, workers=1)
        assert (repaired.hits, repaired.misses) == (3, 0)


def test_an_entry_stored_under_another_key_is_not_trusted(tmp_path: Path) -> None:
    cache = Cache(tmp_path, version="c" * 64)
    cache.put("k1", {"value": 1})
    (cache.directory / "k1.pickle").rename(cache.directory / "k2.pickle")
    assert cache.get("k2") is None
    assert cache.get("k1") is None
    cache.put("k1", {"value": 1})
    assert cache.get("k1") == {"value": 1}


def test_an_unwritable_cache_does_not_stop_the_build(project: tuple[Path, list[Path]]) -> None:
    root, paths = project
    blocker = root / "not-a-directory"
    blocker.write_text("a file where the cache directory should be")
    cache = Cache(blocker)
    built = build_all(paths, root, cache=cache, workers=1)
    assert as_json(built) == as_json(build_all(paths, root, workers=1))


def test_the_setting_is_relative_to_the_project_root_and_can_be_off(tmp_path: Path) -> None:
    cache = Cache.from_setting(".cache/explainer", tmp_path)
    assert cache is not None and cache.root == tmp_path / ".cache" / "explainer"
    assert Cache.from_setting(None, tmp_path) is None
    assert Cache.from_setting("", tmp_path) is None
