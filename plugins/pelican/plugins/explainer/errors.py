"""The one error type authors see.

Every problem with a seed or content file becomes an :class:`InputError`
whose ``str`` is a single readable line: ``path:line: message``.
"""

from __future__ import annotations

import errno
import logging
import re
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# A message quotes author values; a huge one must not become a huge line.
MAX_MESSAGE = 300
# C0 and C1 controls, DEL, and the invisible format characters that reorder or
# hide text (bidi overrides, zero-width): a terminal would act on them.
_UNSAFE = re.compile("[\\x00-\\x1f\\x7f-\\x9f\\u200b-\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ufeff]")


def safe_text(text: str, limit: int | None = None) -> str:
    """``text`` as one printable line: control characters as escapes, cut at ``limit``."""
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return _UNSAFE.sub(lambda m: repr(m.group())[1:-1], text)


class InputError(Exception):
    """Bad author input: a seed, a content file or a glossary entry."""

    exitcode = 2

    def __init__(self, path: str | Path | None, message: str, line: int | None = None):
        self.path = safe_text(str(path)) if path is not None else None
        self.line = line
        self.message = safe_text(" ".join(message.split()), MAX_MESSAGE)  # always one line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


def shown_path(path: Path, root: Path) -> str:
    """How messages name a file: relative to the project root when inside it."""
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)  # InputError escapes what a terminal would act on


class Interrupted(Exception):
    """The build got SIGINT or SIGTERM: stop, clean up, exit non-zero.

    An Exception, not a KeyboardInterrupt, so that Pelican exits with
    :attr:`exitcode` (its own KeyboardInterrupt handler exits 0)."""

    def __init__(self, signum: int):
        self.exitcode = 128 + signum
        super().__init__(f"interrupted by {signal.Signals(signum).name}; output is unchanged")


_received: list[int] = []
# No space, over quota, past RLIMIT_FSIZE: the machine, not the input, stopped the write.
_DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def _raise_interrupted(signum: int, frame: object) -> None:
    _received.append(signum)
    raise Interrupted(signum)


def check_interrupted() -> None:
    """Raise again for a signal whose exception some library code swallowed."""
    if _received:
        raise Interrupted(_received[0])


class _QuietInterrupts:
    """An unraisable hook: a signal that lands in a callback Python cannot raise from
    (a weakref or ``__del__``) would print "Exception ignored" with a traceback; stay
    quiet, as :func:`check_interrupted` raises it again at the next check. Anything
    else goes to the hook that was installed before."""

    def __init__(self, previous: Callable[[Any], object]) -> None:
        self.previous = previous

    def __call__(self, unraisable: Any) -> None:
        if not isinstance(unraisable.exc_value, Interrupted):
            self.previous(unraisable)


def install_interrupts() -> None:
    """SIGINT and SIGTERM end the build through the normal error path (staging removed)."""
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, _raise_interrupted)
        if not isinstance(sys.unraisablehook, _QuietInterrupts):
            sys.unraisablehook = _QuietInterrupts(sys.unraisablehook)


def one_line(exc: BaseException) -> str | None:
    """The error line for a failure the author or the machine caused; None for a bug."""
    if isinstance(exc, InputError | Interrupted):
        return str(exc)
    if isinstance(exc, OSError) and exc.errno in _DISK_FULL:
        # A write into an open file names no file (Pelican's writer, shutil's copies);
        # the build stops either way, before the swap, so the old output stands.
        where = exc.filename if exc.filename is not None else "output"
        message = (
            f"{where}: {exc.strerror or exc} (the disk is full or a file size limit was reached)"
        )
        return safe_text(f"{message}; output/ is unchanged", MAX_MESSAGE * 2)
    if isinstance(exc, OSError) and exc.filename is not None:
        # Environment faults: read-only folders, full disks, names taken by files.
        return safe_text(f"{exc.filename}: {exc.strerror or exc}", MAX_MESSAGE * 2)
    if isinstance(exc, MemoryError):
        return "out of memory: the build needs more memory than this machine allows"
    if getattr(exc, "one_line", False):  # the plugin's own fault types (search index, output)
        return safe_text(" ".join(str(exc).split()), MAX_MESSAGE * 2)
    return None


class _OneLineInputErrors(logging.Filter):
    """Print a foreseeable failure as one plain line, without Pelican's traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        line = one_line(exc) if exc is not None else None
        if line is not None:
            sys.stderr.write(f"error: {line}\n")
            sys.stderr.flush()
            _settle_daemon_threads()
            return False
        return True


def _settle_daemon_threads(budget: float = 1.0) -> None:
    """Let stopped daemon threads end before the process exits.

    Pelican exits right after logging the failure. A console spinner's refresh
    thread that has been told to stop but not joined can still be running while
    the interpreter shuts down, and then prints "Exception ignored in thread"
    with a traceback after the one error line."""
    deadline = time.monotonic() + budget
    for thread in threading.enumerate():
        if thread is threading.current_thread() or not thread.daemon:
            continue
        thread.join(max(0.0, deadline - time.monotonic()))


def install_one_line_errors(logger_name: str) -> None:
    """Make the named logger print foreseeable failures as one line (Pelican logs them
    with a traceback)."""
    target = logging.getLogger(logger_name)
    if not any(isinstance(f, _OneLineInputErrors) for f in target.filters):
        target.addFilter(_OneLineInputErrors())
