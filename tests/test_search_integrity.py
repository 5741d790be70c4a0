"""A search index is published only whole: a damaged stored copy is rebuilt, a
Pagefind run cut short by a full disk fails the build, and a full disk while
pages are written is one line with output/ unchanged.

A full disk is produced for real where it can be without root: a file size
limit (RLIMIT_FSIZE, with SIGXFSZ ignored) makes the kernel fail writes past it,
as a full disk does, on Pagefind alone or on the whole build."""

from __future__ import annotations

import errno
import gzip
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tinysite import ROOT, build, command, error_line, tree_hashes, write_project

from pelican.plugins.explainer import postbuild
from pelican.plugins.explainer.errors import one_line
from pelican.plugins.explainer.search_verify import check_bundle, reference_bundles


def _stored_entries(root: Path) -> list[Path]:
    return sorted((root / ".cache").glob("explainer/*/search/[!.]*"))


@pytest.fixture
def built(tmp_path: Path) -> Path:
    write_project(tmp_path)
    result = build(tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _garble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, one byte different
    path.write_bytes(bytes(data))


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated fragment": lambda entry: _truncate(next(entry.glob("fragment/*"))),
    "garbled script": lambda entry: _garble(entry / "pagefind.js"),
    "empty index": lambda entry: next(entry.glob("index/*")).write_bytes(b""),
    "missing file": lambda entry: (entry / "pagefind-worker.js").unlink(),
    "extra file": lambda entry: (entry / "fragment" / "x.pf_fragment").write_bytes(b"x"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_stored_index_is_rebuilt_never_published(built: Path, damage: str) -> None:
    published = tree_hashes(built / "output" / "pagefind")
    (entry,) = _stored_entries(built)
    DAMAGE[damage](entry)
    result = build(built)  # nothing changed: the stored index would be copied
    assert result.returncode == 0, result.stderr
    assert tree_hashes(built / "output" / "pagefind") == published
    assert "search index: built" in result.stdout + result.stderr
    # The store holds a sound copy again, which the next build reuses.
    again = build(built)
    assert "search index: reused" in again.stdout + again.stderr
    assert tree_hashes(built / "output" / "pagefind") == published


def _limited_pagefind(folder: Path, limit: int) -> Path:
    """A stand-in for the Pagefind binary: the real one, under a file size limit."""
    script = folder / "pagefind-limited"
    script.write_text(
        f"#!{sys.executable}\n"
        "import os, resource, signal, sys\n"
        "from pagefind_bin import get_executable\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
        "real = str(get_executable())\n"
        "os.execv(real, [real, *sys.argv[1:]])\n"
    )
    script.chmod(0o755)
    return script


@pytest.mark.parametrize("limit", [0, 20_000], ids=["empty files", "cut files"])
def test_pagefind_cut_short_by_the_disk_fails_the_build(
    built: Path, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tree_hashes(built / "output")
    seed = built / "seeds" / "a.txt"
    seed.write_text(seed.read_text().replace("9 to 4", "10 to 3"))  # the pages change
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(_limited_pagefind(built, limit)))
    line = error_line(build(built))
    assert line.startswith("error: search index: pagefind wrote "), line
    assert line.endswith("(is the disk full?); output/ is unchanged"), line
    assert tree_hashes(built / "output") == before
    assert list(built.glob(".output.*")) == []
    assert _stored_entries(built) and all(  # no cut index was kept for reuse either
        (entry / "pagefind.js").stat().st_size > 1000 for entry in _stored_entries(built)
    )


def test_a_full_disk_while_pages_are_written_is_one_line(built: Path) -> None:
    before = tree_hashes(built / "output")
    seed = built / "seeds" / "a.txt"
    seed.write_text(seed.read_text().replace("9 to 4", "10 to 3"))

    def limit() -> None:  # in the build process only: writes past 5 KB fail
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (5000, 5000))

    result = subprocess.run(
        command(built), cwd=ROOT, capture_output=True, text=True, timeout=300, preexec_fn=limit
    )
    line = error_line(result)
    assert line == (
        "error: output: File too large (the disk is full or a file size limit was reached);"
        " output/ is unchanged"
    )
    assert tree_hashes(built / "output") == before
    assert list(built.glob(".output.*")) == []


def test_disk_full_errors_without_a_file_name_are_one_line() -> None:
    full = OSError(errno.ENOSPC, "No space left on device")
    assert one_line(full) == (
        "output: No space left on device (the disk is full or a file size limit was reached);"
        " output/ is unchanged"
    )
    named = OSError(errno.EDQUOT, "Disk quota exceeded", "output/a.html")
    assert one_line(named).startswith("output/a.html: Disk quota exceeded")  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    (site / "index.html").write_text(
        "<!doctype html><html lang=en><body data-pagefind-body><p>Bridge vote</p></body></html>"
    )
    assert postbuild.index_search(site, "en") == "built"
    return site / postbuild.SEARCH_DIR


@pytest.fixture(scope="module")
def reference() -> dict[str, str]:
    found = reference_bundles("en")
    assert found and "pagefind.js" in found
    return found


def test_a_whole_index_passes(bundle: Path, reference: dict[str, str]) -> None:
    assert check_bundle(bundle) is None  # the installed version's digests are known
    assert check_bundle(bundle, lambda: reference) is None


def test_an_unknown_pagefind_version_is_checked_against_its_service(
    bundle: Path, reference: dict[str, str], tmp_path: Path
) -> None:
    copy = tmp_path / "pagefind"
    shutil.copytree(bundle, copy)
    entry = copy / "pagefind-entry.json"
    entry.write_text(entry.read_text().replace('"version":"', '"version":"0.0.0-'))
    asked = []

    def service() -> dict[str, str]:
        asked.append(1)
        return reference

    assert check_bundle(copy, service) is None and asked
    (copy / "pagefind.js").write_bytes((copy / "pagefind.js").read_bytes()[:-1])
    assert "pagefind.js" in (check_bundle(copy, service) or "")


@pytest.mark.parametrize(
    ("name", "damage", "says"),
    [
        ("pagefind.js", lambda data: data[:-1], "truncated or damaged pagefind.js"),
        ("pagefind-worker.js", lambda data: b"", "empty pagefind-worker.js"),
        ("wasm.en.pagefind", lambda data: data[: len(data) // 3], "wasm.en.pagefind"),
        ("pagefind-entry.json", lambda data: data[:20], "pagefind-entry.json"),
    ],
)
def test_a_cut_file_is_found(
    bundle: Path,
    reference: dict[str, str],
    tmp_path: Path,
    name: str,
    damage: Callable[[bytes], bytes],
    says: str,
) -> None:
    copy = tmp_path / "pagefind"
    shutil.copytree(bundle, copy)
    (copy / name).write_bytes(damage((copy / name).read_bytes()))
    problem = check_bundle(copy, lambda: reference)
    assert problem is not None and says in problem


def test_a_cut_fragment_is_found_without_a_reference(bundle: Path, tmp_path: Path) -> None:
    copy = tmp_path / "pagefind"
    shutil.copytree(bundle, copy)
    fragment = next(copy.glob("fragment/*"))
    data = fragment.read_bytes()
    assert gzip.decompress(data)
    fragment.write_bytes(data[:-4])  # the gzip trailer gone
    problem = check_bundle(copy)
    assert problem is not None and fragment.name in problem
