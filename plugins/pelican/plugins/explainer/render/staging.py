"""Atomic output: build into a staging directory, then swap it in whole.

The staging directory ``.<output>.staging-<pid>`` sits beside the output and
is locked (``flock``) by the build that owns it for as long as that process
lives. A later build removes every unlocked ``.<output>.*`` directory, so
leftovers of killed builds never pile up, while concurrent builds into the
same output leave each other's staging alone.

The swap is one ``renameat2(RENAME_EXCHANGE)`` on Linux: at every moment
``output/`` is either the old site or the new one. Where that call is not
available (other systems, some file systems) it falls back to two renames,
which a kill between them can leave without ``output/``.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import logging
import os
import shutil
from pathlib import Path

log = logging.getLogger(__name__)

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_locks: dict[Path, int] = {}  # staging directory -> open, flock'ed descriptor


class OutputError(RuntimeError):
    """The output directory cannot be replaced (a file in the way, no permission)."""

    one_line = True


def _check_output(final: Path) -> None:
    if final.is_symlink() or (final.exists() and not final.is_dir()):
        raise OutputError(f"{final}: the output path exists and is not a directory")
    if final.is_dir() and not os.access(final, os.W_OK | os.X_OK):
        raise OutputError(f"{final}: the output directory is not writable")


def _lock(directory: Path) -> int | None:
    """An exclusive lock on ``directory``; None when a live build holds it."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def _remove(path: Path) -> None:
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def remove_stale(final: Path) -> None:
    """Remove what dead builds left beside ``final``: unlocked staging and old copies."""
    for path in final.parent.glob(f".{final.name}.*-*"):
        if path in _locks:
            continue
        if path.is_dir() and not path.is_symlink():
            try:
                fd = _lock(path)
            except OSError:
                continue
            if fd is None:
                continue  # another build is writing there
            _remove(path)
            os.close(fd)
        else:
            with contextlib.suppress(OSError):
                path.unlink()
        if path.exists() or path.is_symlink():
            log.warning("cannot remove %s left by an earlier build", path)


def staging_dir(final: Path) -> Path:
    """A fresh, empty, locked staging directory beside ``final`` for this process."""
    final.parent.mkdir(parents=True, exist_ok=True)
    _check_output(final)
    remove_stale(final)
    staging = final.parent / f".{final.name}.staging-{os.getpid()}"
    release(staging)
    _remove(staging)  # a file, a link or a directory by that name: ours, by the pid
    staging.mkdir()
    fd = _lock(staging)
    if fd is not None:
        _locks[staging] = fd
    return staging


def release(staging: Path) -> None:
    """Drop this process's lock on ``staging`` (left for the next build to remove)."""
    fd = _locks.pop(staging, None)
    if fd is not None:
        os.close(fd)


def forget_locks() -> None:
    """In a forked child: close the copies of this build's lock descriptors.

    A lock taken with ``flock`` lives as long as any copy of its descriptor,
    and a fork copies them all. A child that outlived a killed build would
    keep the staging directory locked, so the next build could never remove it.
    """
    for fd in _locks.values():
        with contextlib.suppress(OSError):
            os.close(fd)
    _locks.clear()


def discard(staging: Path) -> None:
    """Remove an unfinished staging directory (at exit, after a failed build)."""
    release(staging)
    _remove(staging)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step; False where the system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    flags = _RENAME_EXCHANGE
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), flags) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def replace_dir(staging: Path, final: Path) -> None:
    """Put ``staging`` in place of ``final``; the old output is removed only afterwards."""
    _check_output(final)
    release(staging)
    try:
        staging.rename(final)  # no output yet (or an empty one): one rename
        return
    except OSError as exc:
        if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY):
            raise
    if not _exchange(staging, final):
        old = final.parent / f".{final.name}.old-{os.getpid()}"
        final.rename(old)
        staging.rename(final)
        staging = old
    # ``staging`` now holds the previous output.
    _remove(staging)
    if staging.exists():
        log.warning("cannot remove the previous output, left in %s", staging)
