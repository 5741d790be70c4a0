"""Bounds on one explainer's analysis: memory and wall-clock time.

A seed the analysis cannot finish should fail with one line naming it, not
end in the kernel's out-of-memory kill or a build that never returns. The
memory bound is the process's address-space limit (``RLIMIT_AS``), lowered
for the analysis only; the time bound is ``SIGALRM``. Both are Unix-only and
apply in the main thread of the analysing process.
"""

from __future__ import annotations

import resource
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from .errors import InputError


@dataclass(frozen=True)
class Budget:
    memory_mb: int | None = 4096  # on top of what the process has mapped already
    seconds: float | None = 600.0


class _TooSlow(BaseException):  # not swallowed by a broad "except Exception"
    pass


def _mapped_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


@contextmanager
def bounded(budget: Budget | None, shown: str) -> Iterator[None]:
    """Run the block under ``budget``; exceeding it raises an InputError for ``shown``."""
    if budget is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if budget.memory_mb is not None:
        try:
            cap = _mapped_bytes() + budget.memory_mb * 2**20
        except OSError:  # no /proc: no memory bound
            cap = None
        if cap is not None and (hard == resource.RLIM_INFINITY or cap < hard):
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))

    def too_slow(signum: int, frame: object) -> None:
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, too_slow) if budget.seconds else None
    if budget.seconds:
        signal.setitimer(signal.ITIMER_REAL, budget.seconds)
    try:
        yield
    except (MemoryError, ImportError) as exc:
        # A library loaded during the analysis fails to map under the cap.
        if isinstance(exc, ImportError) and "map" not in str(exc) and "memory" not in str(exc):
            raise
        raise InputError(
            shown,
            f"analysis needs more than {budget.memory_mb} MB of memory"
            ' (EXPLAINER["max_memory_mb"]); shorten or split its seeds',
        ) from None
    except _TooSlow:
        raise InputError(
            shown,
            f"analysis took longer than {budget.seconds:g} s"
            ' (EXPLAINER["max_seconds"]); shorten or split its seeds',
        ) from None
    finally:
        if budget.seconds:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
