"""The build cache never deletes or publishes what is not its own: it prunes only
folders carrying its marker, refuses to live in the project root, content/ or the
output, and checks every entry's checksum before it is used."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from tinysite import build, error_line, tree_hashes, write_project

from pelican.plugins.explainer.cache import MARKER, Cache


def test_pruning_removes_only_the_caches_own_version_folders(tmp_path: Path) -> None:
    old = Cache(tmp_path, version="a" * 64)
    old.put("k", "an entry of an older code version")
    users = tmp_path / "0123456789abcdef"  # a name shaped like a version folder
    users.mkdir()
    (users / "thesis.tex").write_text("the user's work")
    linked = tmp_path / "fedcba9876543210"
    linked.symlink_to(old.directory)  # a link to a marked folder is not the folder
    new = Cache(tmp_path, version="b" * 64)
    new.put("k", "current")
    assert not old.directory.exists()  # marked: the cache's own, pruned
    assert linked.is_symlink()  # a link is left alone, as is what it points to
    assert (users / "thesis.tex").read_text() == "the user's work"
    assert (new.directory / MARKER).is_file()
    assert new.get("k") == "current"


def test_a_cache_at_the_project_root_deletes_nothing(tmp_path: Path) -> None:
    """The issue's case: cache_dir "." and a user folder with a 16-hex-digit name."""
    users = tmp_path / "deadbeefdeadbeef"
    users.mkdir()
    (users / "notes.txt").write_text("keep")
    cache = Cache(tmp_path, version="c" * 64)
    cache.put("k", 1)
    Cache(tmp_path, version="d" * 64).put("k", 2)
    assert (users / "notes.txt").read_text() == "keep"


def test_a_version_folder_the_cache_did_not_make_is_not_written(tmp_path: Path) -> None:
    taken = tmp_path / ("e" * 16)
    taken.mkdir()
    (taken / "data.bin").write_bytes(b"someone else's")
    cache = Cache(tmp_path, version="e" * 64)
    cache.put("k", "value")
    assert sorted(p.name for p in taken.iterdir()) == ["data.bin"]
    assert cache.get("k") is None


def test_an_entry_whose_bytes_changed_is_never_used(tmp_path: Path) -> None:
    """A flipped byte inside a pickled string still unpickles, to a wrong value;
    the checksum catches it and the entry counts as a miss."""
    cache = Cache(tmp_path, version="f" * 64)
    cache.put("k", {"text": "The bridge will cost 80 million dollars."})
    entry = cache.directory / "k.pickle"
    data = entry.read_bytes()
    garbled = data.replace(b"80 million", b"90 million")
    assert garbled != data
    body = garbled[len(b"explainer-cache-2") + 32 :]
    assert pickle.loads(body)[1] == {"text": "The bridge will cost 90 million dollars."}
    entry.write_bytes(garbled)
    assert cache.get("k") is None
    assert not entry.exists()  # removed, to be rewritten by the next build


@pytest.mark.parametrize(
    ("cache_dir", "says"),
    [
        (".", "is the project root"),
        ("..", "contains the project root"),
        ("output", "is inside the output folder"),
        ("output/cache", "is inside the output folder"),
        ("content/.cache", "is inside the content folder"),
    ],
)
def test_a_cache_in_the_wrong_place_is_one_line(tmp_path: Path, cache_dir: str, says: str) -> None:
    root = tmp_path / "project"
    write_project(root)
    before = tree_hashes(tmp_path)
    line = error_line(build(root, EXPLAINER={"cache_dir": cache_dir}))
    assert line.startswith('error: EXPLAINER["cache_dir"]: '), line
    assert says in line, line
    assert tree_hashes(tmp_path) == before
    assert not (root / "output").exists()
    assert list(tmp_path.rglob(".output.*")) == []
