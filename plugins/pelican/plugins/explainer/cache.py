"""The build cache: everything kept between builds, under one key scheme.

One :class:`Cache`, owned by the build state, holds every layer that earns its
place (``python -m bench``; README, Rebuilds), each a *kind* of entry:

* ``analysis``: an explainer's analysis, by its content file, seeds and limits;
* ``seeds``: which seeds a content file names, by its bytes (finds the analysis
  without parsing the front matter or loading YAML and Markdown);
* ``glossary``, ``mentions``, ``warnings``: the glossary stage, by the keys of
  its inputs;
* ``pages``: the page-reuse manifest of an output directory; ``site`` is the
  site key it is checked against;
* ``search``: the last Pagefind index (a directory tree, :meth:`Cache.tree`).

A key is a SHA-256 over the code version (every ``.py`` file of this package),
the kind and the input bytes the caller passes, so a stale entry is never read:
changing any input or any line of plugin code gives a new key. Entries are
pickles written atomically (temp file, then rename), behind a SHA-256 of their
bytes that is checked before anything is unpickled; a damaged entry is treated
as a miss and rewritten, so a corrupted cache can slow a build down but never
break it or change its output.

Layout: ``<directory>/<code version>/<key>.pickle``, each version folder
carrying the cache's marker file (:data:`MARKER`). Entries written by other
code versions can never be read again and are removed on the first write;
only folders with the marker are ever removed, so a cache pointed at a folder
that holds other things deletes none of them. The cache may not be the project
root or sit inside ``content/`` or the output (:func:`check_cache_dir`).
The cache holds this project's own pickles; do not point it at a directory
other people can write to.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from .errors import check_interrupted
from .settings import SettingError

log = logging.getLogger(__name__)

_PACKAGE = Path(__file__).resolve().parent
# Bumped when the entry layout itself changes.
_FORMAT = b"explainer-cache-2"
_VERSION_DIR = re.compile(r"[0-9a-f]{16}")
# In every folder the cache made; the only folders it ever removes.
MARKER = "explainer-cache.tag"
_DIGEST = hashlib.sha256().digest_size


def check_cache_dir(
    value: str | os.PathLike[str] | None, root: Path, content: Path, output: Path
) -> None:
    """Refuse a cache that is the project root or lives inside ``content/`` or the output:
    its files would be read as content, published, or mixed with the project's own."""
    if not value:
        return
    cache = (root / Path(value)).resolve()
    places = [
        ("is the project root", root, False),
        ("is inside the content folder", content, True),
        ("is inside the output folder", output, True),
    ]
    for says, path, below in places:
        path = path.resolve()
        if cache == path or (below and path in cache.parents):
            raise SettingError(
                'EXPLAINER["cache_dir"]',
                f"{cache} {says}; use a folder of its own (default .cache/explainer)",
            )
    if cache in root.resolve().parents:
        raise SettingError('EXPLAINER["cache_dir"]', f"{cache} contains the project root")


def code_version(package: Path = _PACKAGE) -> str:
    """Hash of every Python source in the package (plus the Python version)."""
    digest = hashlib.sha256(_FORMAT)
    digest.update(f"{sys.version_info.major}.{sys.version_info.minor}".encode())
    for path in sorted(package.rglob("*.py")):
        _update(digest, path.relative_to(package).as_posix().encode(), path.read_bytes())
    return digest.hexdigest()


def _update(digest: Any, *parts: bytes) -> None:
    # Length-prefixed, so ("ab", "c") and ("a", "bc") hash differently.
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)


class Cache:
    """A directory of pickled values addressed by content keys."""

    def __init__(self, directory: str | Path, version: str | None = None):
        self.version = version or code_version()
        self.root = Path(directory)
        self.directory = self.root / self.version[:16]
        self.begin_run()

    def begin_run(self) -> None:
        """Start a build: hit counts from zero, and writing is tried again."""
        self.hits = 0
        self.misses = 0
        self._writable = True
        self._pruned = False
        self._claimed = False

    @classmethod
    def from_setting(cls, value: str | os.PathLike[str] | None, root: Path) -> Cache | None:
        """``EXPLAINER["cache_dir"]``: relative to the project root; ``None`` or ``""`` disables."""
        if not value:
            return None
        return cls(root / Path(value))

    def key(self, kind: str, *parts: bytes) -> str:
        """The one key scheme: code version, kind of entry, then the inputs."""
        digest = hashlib.sha256(self.version.encode())
        _update(digest, kind.encode(), *parts)
        return digest.hexdigest()

    def tree(self, kind: str) -> Path:
        """A directory for entries that are file trees (the search index), of this code version."""
        return self.directory / kind

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.pickle"

    def get(self, key: str, count: bool = True) -> Any | None:
        """The stored value, or ``None`` on a miss or an unreadable entry.

        ``count=False`` leaves :attr:`hits` and :attr:`misses` alone (lookups
        that are not themselves results, such as an index entry)."""
        value = self._load(key)
        if count:
            if value is None:
                self.misses += 1
            else:
                self.hits += 1
        return value

    def _load(self, key: str) -> Any | None:
        path = self._path(key)
        try:
            stored_key, value = _decode(path.read_bytes())
            if stored_key != key:
                raise ValueError("entry does not match its key")
        except (FileNotFoundError, NotADirectoryError):
            return None
        except Exception as exc:  # any damage: truncated, garbage, old classes
            check_interrupted()  # a signal mid-read is no damage: stop, keep the entry
            log.debug("explainer cache: ignoring unreadable %s (%s)", path, exc)
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
            return None
        return value

    @staticmethod
    def dumps(key: str, value: Any) -> bytes:
        """The bytes :meth:`put_bytes` stores; pickling can happen in another process."""
        body = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
        return _FORMAT + hashlib.sha256(body).digest() + body

    @staticmethod
    def loads(data: bytes) -> Any:
        """The value inside bytes made by :meth:`dumps`."""
        return _decode(data)[1]

    def put(self, key: str, value: Any) -> None:
        try:
            data = self.dumps(key, value)
        except Exception as exc:  # a value that cannot be pickled is simply not cached
            log.warning("explainer cache: cannot store %s (%s)", key[:12], exc)
            return
        self.put_bytes(key, data)

    def put_bytes(self, key: str, data: bytes) -> None:
        """Store an entry made by :meth:`dumps`; never fails the build."""
        if not self._writable:
            return
        try:
            if not self._claim():
                return
            self._prune()
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".pickle")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(tmp, self._path(key))
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            self._writable = False
            log.warning(
                "explainer cache: cannot write to %s (%s); continuing without", self.root, exc
            )

    def _claim(self) -> bool:
        """Make this version's folder, with the marker; False (and no more writes this
        run) when a folder of that name exists that the cache did not make."""
        if self._claimed:
            return True
        self.directory.mkdir(parents=True, exist_ok=True)
        if _marked(self.directory):
            self._claimed = True
            return True
        if self.directory.is_symlink() or any(self.directory.iterdir()):
            self._writable = False
            log.warning(
                "explainer cache: %s is not the cache's folder; continuing without", self.directory
            )
            return False
        (self.directory / MARKER).write_bytes(_FORMAT)
        self._claimed = True
        return True

    def _prune(self) -> None:
        """Drop entries of other code versions: no key can reach them any more."""
        if self._pruned:
            return
        self._pruned = True
        for other in self.root.iterdir():
            # Only version folders the cache made, whatever else shares the directory.
            if other != self.directory and _VERSION_DIR.fullmatch(other.name) and _marked(other):
                shutil.rmtree(other, ignore_errors=True)


def _marked(folder: Path) -> bool:
    """Whether ``folder`` is a real folder (not a link) carrying the cache's marker."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    try:
        return (folder / MARKER).read_bytes() == _FORMAT
    except OSError:
        return False


def _decode(data: bytes) -> tuple[str, Any]:
    """``(key, value)`` from an entry's bytes, checked against their SHA-256 first, so
    damaged bytes are never unpickled into a plausible but wrong value."""
    head = len(_FORMAT)
    digest, body = data[head : head + _DIGEST], data[head + _DIGEST :]
    if data[:head] != _FORMAT or hashlib.sha256(body).digest() != digest:
        raise ValueError("entry damaged (checksum mismatch)")
    key, value = pickle.loads(body)
    return key, value
