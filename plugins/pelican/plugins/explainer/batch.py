"""Build many explainers at once: cached results first, the rest in parallel.

:func:`build_all` gives exactly what building the content files one by one
with :func:`~pelican.plugins.explainer.pipeline.build_explainer` gives, in the same order,
with the same one-line :class:`~pelican.plugins.explainer.errors.InputError` for the first
bad file. Content files are read and checked in order first (cheap: YAML,
paths, duplicate slugs); only the analysis, the expensive part, is cached
and spread over processes. No Pelican here.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache import Cache
from .confine import read_seed, seed_problem
from .errors import InputError, Interrupted, check_interrupted, shown_path
from .guard import Budget, bounded
from .parse.content import ExplainerSpec, parse_spec
from .parse.text import read_text
from .pipeline import Explainer, Limits, analysis_loaded, build_explainer
from .render.staging import forget_locks

log = logging.getLogger(__name__)

# Below this many explainers to analyse, starting processes costs more than it saves.
PARALLEL_MIN = 8


@dataclass
class _Job:
    spec: ExplainerSpec
    shown: str
    key: str | None  # None: not cacheable (no cache, or a seed too big to key)
    cached: Explainer | None = None


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@contextmanager
def blame(shown: str) -> Iterator[None]:
    """Turn an unexpected failure on one input file into an error naming that file.

    An interrupt is no fault of the file: it passes through, and so does the
    interrupt behind an error some library raised while handling it (the signal
    handler's exception swallowed, another one raised in its place)."""
    try:
        yield
    except (InputError, Interrupted):
        raise
    except Exception as exc:
        check_interrupted()
        if log.isEnabledFor(logging.DEBUG):
            raise
        raise InputError(shown, _unexpected(exc)) from exc


def _unexpected(exc: BaseException) -> str:
    return f"could not be processed ({exc.__class__.__name__}: {exc})"


def _key(
    cache: Cache, shown: str, text: str, seeds: list[str], root: Path, limits: Limits
) -> str | None:
    """The analysis key: content file, every seed's bytes, the limits and the code."""
    bounds = f"{limits.max_bytes}:{limits.max_line}:{limits.publish_threshold}"
    parts = [shown.encode(), text.encode(), bounds.encode()]
    for name in seeds:
        data = read_seed(root, name, limits.max_bytes)
        if data is None:
            return None  # not a confined regular file: the build reports why
        parts += [name.encode(), data]
    return cache.key("analysis", *parts)


def _seeds_key(cache: Cache, shown: str, text: str, limits: Limits) -> str:
    # Which seeds a content file names, stored by its bytes: a cached build
    # finds its analysis without parsing the front matter.
    return cache.key("seeds", shown.encode(), text.encode(), f"{limits.max_bytes}".encode())


def _checked(text: str, shown: str, root: Path) -> ExplainerSpec:
    """The content file's spec, once every seed it names may be read."""
    spec = parse_spec(text, shown, root)
    for meta in spec.sources:
        problem = seed_problem(root, meta.path)
        if problem:
            lines = text.split("\n")
            line = next((n for n, ln in enumerate(lines, 1) if meta.path in ln), None)
            raise InputError(shown, problem, line=line)
    return spec


def _job(path: Path, root: Path, limits: Limits, cache: Cache | None) -> _Job:
    shown = shown_path(path, root)
    text = read_text(path, display=shown)
    if cache is None:
        return _Job(_checked(text, shown, root), shown, None)
    seeds_key = _seeds_key(cache, shown, text, limits)
    seeds = cache.get(seeds_key, count=False)
    key = None
    if seeds is None:
        cache.misses += 1  # a new or edited content file: its analysis cannot be cached
    else:
        key = _key(cache, shown, text, seeds, root, limits)
        cached = cache.get(key) if key else None
        if cached is not None:
            return _Job(cached.spec, shown, key, cached)
    spec = _checked(text, shown, root)
    named = [meta.path for meta in spec.sources]
    if named != seeds:
        key = _key(cache, shown, text, named, root, limits)
        if key:
            cache.put(seeds_key, named)
    return _Job(spec, shown, key)


def _prepare(paths: list[Path], root: Path, limits: Limits, cache: Cache | None) -> list[_Job]:
    jobs: list[_Job] = []
    slugs: dict[str, str] = {}
    for path in paths:
        with blame(shown_path(path, root)):
            job = _job(path, root, limits, cache)
        if job.spec.slug in slugs:
            raise InputError(
                job.shown, f"slug {job.spec.slug!r} is already used by {slugs[job.spec.slug]}"
            )
        slugs[job.spec.slug] = job.shown
        jobs.append(job)
    return jobs


def _analyse(
    spec: ExplainerSpec, root: Path, limits: Limits, key: str, budget: Budget | None
) -> tuple[str, Any, float]:
    """Worker side: the explainer as a cache entry's bytes, or what went wrong.

    Errors travel as plain tuples: InputError cannot be rebuilt from its
    pickled form, and an arbitrary exception may not pickle at all.
    """
    started = time.perf_counter()
    try:
        with bounded(budget, spec.path):
            explainer = build_explainer(spec, root, limits)
    except InputError as exc:
        return "input", (exc.path, exc.message, exc.line), 0.0
    except Exception as exc:
        return "error", (_unexpected(exc), traceback.format_exc()), 0.0
    seconds = time.perf_counter() - started
    try:
        return "ok", Cache.dumps(key, explainer), seconds
    except Exception:  # cannot travel back: the parent builds it itself
        return "unpicklable", None, seconds


def _context() -> Any:
    # Forking shares the already imported analysis code; elsewhere use the default.
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


# prctl(2) option: the signal the kernel sends this process when its parent dies.
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this worker when the build that forked it dies.

    A build killed with SIGKILL cannot stop its workers; an orphan would wait
    on its task queue forever. On Linux, ``prctl(PR_SET_PDEATHSIG)`` asks the
    kernel to send SIGKILL when the parent goes (forked from the main thread, as the
    pool does, so the parent thread lives as long as the pool). A parent already
    gone before the call leaves this process to init: exit at once.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no libc symbol: the lock is released below anyway
            pass
    if os.getppid() != parent:
        os._exit(1)


def _worker_init(parent: int) -> None:
    """Die with the parent, drop its locks and log to plain stderr in a worker.

    The parent's log handler may be a console with its own lock, which a
    display thread (Pelican's progress spinner) could hold at the moment of
    the fork; a worker that logged through it would then wait forever.
    Ctrl-C reaches the whole process group: the parent alone handles it and
    stops the workers, so they ignore SIGINT and die on SIGTERM.
    """
    _die_with_parent(parent)
    forget_locks()  # the staging lock is the build's, not this worker's
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    root = logging.getLogger()
    level = root.level
    for handler in list(root.handlers):
        root.removeHandler(handler)
    plain = logging.StreamHandler(sys.stderr)
    plain.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(plain)
    root.setLevel(level)


def _parallel(
    jobs: list[_Job],
    root: Path,
    limits: Limits,
    workers: int,
    meanwhile: Callable[[], None] | None = None,
    budget: Budget | None = None,
) -> Iterator[tuple[Explainer, bytes | None, float]]:
    """Analyse jobs in worker processes, yielding results in file order.

    Each result comes with its cache entry's bytes (None if it cannot be
    pickled). The first failure in file order is raised, as a serial build would.
    ``meanwhile`` runs in this process while the workers analyse.
    """
    with ProcessPoolExecutor(
        workers, mp_context=_context(), initializer=_worker_init, initargs=(os.getpid(),)
    ) as pool:
        futures = [
            pool.submit(_analyse, job.spec, root, limits, job.key or "", budget) for job in jobs
        ]
        try:
            if meanwhile is not None:
                _run_meanwhile(meanwhile)
            yield from _collect(jobs, futures, root, limits, budget)
        except BaseException:
            # An interrupt or a failure must not wait for analyses still running: the
            # workers are stopped, which fails every pending future. Cancelling them
            # first would make Python 3.11's pool thread print a traceback when it
            # fails a future already cancelled.
            processes = list(getattr(pool, "_processes", {}).values())
            for process in processes:
                process.terminate()
            if not processes:
                for future in futures:  # no worker to stop: drop the queued work
                    future.cancel()
            raise


def _run_meanwhile(meanwhile: Callable[[], None]) -> None:
    # Only preparation (warming caches): a failure here shows up again, with
    # its own message, when the build does that work for real.
    try:
        meanwhile()
    except Interrupted:
        raise
    except Exception as exc:
        check_interrupted()  # Ctrl-C while compiling templates stops the build, as anywhere
        log.debug("work done while analysing failed: %s", exc)


def _collect(
    jobs: list[_Job],
    futures: list[Future[tuple[str, Any, float]]],
    root: Path,
    limits: Limits,
    budget: Budget | None,
) -> Iterator[tuple[Explainer, bytes | None, float]]:
    for job, future in zip(jobs, futures, strict=True):
        status, value, seconds = future.result()
        if status == "input":
            path, message, line = value
            raise InputError(path, message, line=line)
        if status == "error":
            message, trace = value
            log.debug("explainer %s failed in a worker:\n%s", job.shown, trace)
            raise InputError(job.shown, message)
        if status == "unpicklable":
            with blame(job.shown), bounded(budget, job.shown):
                explainer = build_explainer(job.spec, root, limits)
            yield explainer, None, seconds
        else:
            yield Cache.loads(value), value, seconds


Progress = Callable[[int, int, Explainer, float | None], None]


def build_all(
    paths: list[Path],
    root: Path,
    limits: Limits | None = None,
    cache: Cache | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    meanwhile: Callable[[], None] | None = None,
    budget: Budget | None = None,
) -> list[Explainer]:
    """Parse and analyse every content file; one explainer per path, in order.

    ``workers``: processes for the analysis (default: the usable CPUs; 1 is
    serial). Cached explainers are loaded, not analysed; fresh results are
    stored in ``cache``. ``progress(number, total, explainer, seconds)`` is
    called in file order as explainers become ready (``seconds`` is None for
    a cached one). ``budget`` bounds each analysis' memory and time. ``meanwhile``: work for this process (such as compiling
    templates) while other processes analyse; with it, even one uncached
    explainer is analysed in a worker when there are spare CPUs and this
    process has not loaded the analysis itself.
    """
    started = time.perf_counter()
    limits = limits or Limits()
    workers = default_workers() if workers is None else max(1, workers)
    jobs = _prepare(paths, root, limits, cache)

    results: list[Explainer | None] = [job.cached for job in jobs]
    todo = [i for i, result in enumerate(results) if result is None]
    timings: dict[int, float] = {}
    reported = 0

    def report() -> None:
        """Announce every explainer up to the first one still being built."""
        nonlocal reported
        while reported < len(jobs) and (result := results[reported]) is not None:
            if progress is not None:
                progress(reported + 1, len(jobs), result, timings.get(reported))
            reported += 1

    report()
    # A process that has analysed before (the live-reload server) is faster on
    # its own than a fresh worker that must import the analysis again.
    overlap = meanwhile is not None and bool(todo) and not analysis_loaded()
    if workers > 1 and (len(todo) >= PARALLEL_MIN or overlap):
        pending = [jobs[i] for i in todo]
        built = _parallel(pending, root, limits, min(workers, len(todo)), meanwhile, budget)
        for i, (explainer, payload, seconds) in zip(todo, built, strict=True):
            results[i], timings[i] = explainer, seconds
            if cache and jobs[i].key:
                if payload is None:
                    cache.put(jobs[i].key, explainer)
                else:
                    cache.put_bytes(jobs[i].key, payload)
            report()
    else:
        for i in todo:
            job = jobs[i]
            begun = time.perf_counter()
            with blame(job.shown), bounded(budget, job.shown):
                results[i] = build_explainer(job.spec, root, limits)
            timings[i] = time.perf_counter() - begun
            if cache and job.key:
                cache.put(job.key, results[i])
            report()

    for job, result in zip(jobs, results, strict=True):
        if result is not None:
            result.input_key = job.key
    log.info(
        "explainers: %d built, %d from cache, in %.2fs",
        len(todo),
        len(jobs) - len(todo),
        time.perf_counter() - started,
    )
    return [r for r in results if r is not None]
