"""Author and CI tasks: ``invoke --list`` shows them all."""

from __future__ import annotations

import json
import os
import runpy
import shlex
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import NoReturn

from invoke import task

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
CONF = ROOT / "pelicanconf.py"
PUBLISHCONF = ROOT / "publishconf.py"
# Everything a change to which changes the site, watched by `invoke serve`: these
# folders, the settings and the plugin's package (its templates, static files and
# modules, under plugins/ in this checkout).
WATCHED_FOLDERS = ["content", "seeds", "theme"]
SETTINGS = ["pelicanconf.py", "publishconf.py"]


def _pelican(settings: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pelican", str(ROOT / "content"), "-s", str(settings), *extra]


def _run(cmd: list[str], env: dict[str, str] | None = None) -> int:
    print("$", shlex.join(cmd), flush=True)
    return subprocess.call(cmd, cwd=ROOT, env=env)


def _build(settings: Path = CONF, *extra: str, env: dict[str, str] | None = None) -> None:
    started = time.perf_counter()
    code = _run(_pelican(settings, *extra), env=env)
    if code:
        sys.exit(code)  # the build already printed one line naming the bad file
    print(f"built {OUTPUT.relative_to(ROOT)}/ in {time.perf_counter() - started:.2f}s", flush=True)


@task
def build(c):
    """Build the site into output/ (atomically: output/ changes only on success)."""
    _build()


@task
def clean(c):
    """Remove output/, leftover staging directories and the analysis cache."""
    for path in [OUTPUT, ROOT / ".cache", *ROOT.glob(".output.*")]:
        shutil.rmtree(path, ignore_errors=True)


def _warm_loop(*extra: str) -> None:
    """Build process for ``invoke serve``: one ``Pelican.run()`` per line on stdin.

    Pelican, the plugin and the theme stay imported between builds, and the
    analysis cache makes unchanged explainers cheap. Answers "ok" or "fail"
    on stdout; Pelican's own messages (and one-line input errors) go to stderr.
    """
    import logging

    from pelican import get_instance, parse_arguments
    from pelican.log import init as init_logging

    _quiet_stop()
    answers = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    args = parse_arguments([str(ROOT / "content"), "-s", str(CONF), "-q", *extra])
    init_logging(level=args.verbosity, name="pelican")
    log = logging.getLogger("pelican")  # where the plugin prints one-line input errors
    pelican = None
    for _ in sys.stdin:
        try:
            if pelican is None:
                pelican, _settings = get_instance(args)
                _quiet_stop()  # the plugin installed its own handlers
            else:
                # A failed build leaves a half-written staging directory: start clean.
                shutil.rmtree(pelican.output_path, ignore_errors=True)
                os.makedirs(pelican.output_path)
            pelican.run()
            answers.write("ok\n")
        except Exception as exc:
            log.critical("%s: %s", exc.__class__.__name__, exc, exc_info=True)
            answers.write("fail\n")
        _preload_analysis()


def _quiet_stop() -> None:
    """Ctrl-C is the serving process's to handle; SIGTERM (how it stops this
    process) exits normally, so the staging directory is removed at exit."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))


def _preload_analysis() -> None:
    """While waiting for the next save, load what re-analysing an edit needs."""
    try:
        from pelican.plugins.explainer.pipeline import preload
    except ImportError:
        return
    preload()


def _is_code(path: str) -> bool:
    """Plugin modules and settings need fresh imports: the build process is
    restarted instead of only rebuilding."""
    return path.endswith(".py")


class _WarmBuilder:
    """A long-lived build process, restarted when plugin code or settings change."""

    def __init__(self, *extra: str) -> None:
        self.extra = extra
        self.proc: subprocess.Popen[str] | None = None

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()  # lets it remove its staging directory
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None

    def build(self) -> bool:
        started = time.perf_counter()
        if self.proc is None or self.proc.poll() is not None:
            code = f"import tasks; tasks._warm_loop(*{list(self.extra)!r})"
            self.proc = subprocess.Popen(
                [sys.executable, "-c", code],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
        assert self.proc.stdin and self.proc.stdout
        try:
            self.proc.stdin.write("build\n")
            self.proc.stdin.flush()
            ok = self.proc.stdout.readline().strip() == "ok"
        except BrokenPipeError:
            ok = False
        if ok:
            print(f"rebuilt in {time.perf_counter() - started:.2f}s", flush=True)
        return ok

    def restart_and_build(self) -> None:
        self.stop()
        self.build()


def _serve_port(port: str, host: str) -> int:
    """The port ``invoke serve`` may listen on, or exit with one ``error:`` line.

    Checked before the first build, by binding the address as the server will
    (tornado sets SO_REUSEADDR too), so a busy or invalid port fails at once
    instead of after a build, with a traceback, or by serving nothing forever.
    """
    try:
        number = int(port)
    except ValueError:
        number = 0
    # Port 0 would make the system pick one, and the printed address would be wrong.
    if not 1 <= number <= 65535:
        _fail(f"invalid port {port!r}: use a number from 1 to 65535")
    try:
        family = socket.getaddrinfo(host, number, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, number))
    except OSError as exc:  # socket.gaierror included: an unknown host name
        _fail(f"cannot serve on {host}:{number}: {exc.strerror or exc}")
    return number


def _fail(message: str) -> NoReturn:
    print(f"error: {message}", file=sys.stderr, flush=True)
    sys.exit(2)


# Editor droppings that are not the file being edited: Vim's write test (4913),
# Emacs autosaves (#name#); watchfiles already skips swap files, backups (~),
# lock files (.#name), __pycache__ and .git.
_EDITOR_FILES = (r"^4913$", r"^#.*#$")


class _SiteEvents:
    """Filesystem events (create, modify, delete, move) under the folders and files
    ``invoke serve`` watches, collected by watchfiles threads.

    Events, not modification times: a file moved or renamed into place with an
    old time is still a change. The output, the cache and the build's staging
    directories are ignored, as are editor swap files.
    """

    def __init__(self, folders: list[Path], files: list[Path], ignored: list[Path]) -> None:
        import threading

        from watchfiles import DefaultFilter

        ignore = [*DefaultFilter.ignore_entity_patterns, *_EDITOR_FILES]
        self.default = DefaultFilter(ignore_entity_patterns=ignore)
        self.folders = folders
        self.files = {str(path) for path in files}
        self.ignored = [str(path) for path in ignored]
        # The build's staging directory sits beside the output: .output.staging-PID.
        self.staging = tuple(str(p.parent / f".{p.name}.staging-") for p in ignored)
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.pending: set[str] = set()
        self.last = 0.0

    def keep(self, change: object, path: str) -> bool:
        if not self.default(change, path) or path.startswith(self.staging):
            return False
        return not any(path == p or path.startswith(p + os.sep) for p in self.ignored)

    def keep_file(self, change: object, path: str) -> bool:
        return path in self.files and self.keep(change, path)

    def start(self) -> None:
        import threading

        # Folders recursively; single files through their folder (not recursively),
        # so a file an editor replaces by renaming a new one over it stays watched.
        watches = [(self.folders, True, self.keep)]
        watches.append(([Path(f).parent for f in sorted(self.files)], False, self.keep_file))
        for paths, recursive, keep in watches:
            existing = sorted({str(p) for p in paths if p.exists()})
            if existing:
                args = (existing, recursive, keep)
                threading.Thread(target=self._watch, args=args, daemon=True).start()

    def _watch(self, paths: list[str], recursive: bool, keep) -> None:
        from watchfiles import watch

        for changes in watch(
            *paths,
            watch_filter=keep,
            recursive=recursive,
            step=100,  # a burst (a checkout, an editor's save dance) is one batch
            stop_event=self.stop_event,
            raise_interrupt=False,
        ):
            with self.lock:
                self.pending.update(path for _change, path in changes)
                self.last = time.monotonic()

    def take(self, quiet: float = 0.2) -> list[str]:
        """The changed paths, once no event came for ``quiet`` seconds; else []."""
        with self.lock:
            if not self.pending or time.monotonic() - self.last < quiet:
                return []
            changed, self.pending = sorted(self.pending), set()
        return changed

    def stop(self) -> None:
        self.stop_event.set()


@task(
    help={
        "port": "port to serve on (default 8000)",
        "host": "address to bind (default 127.0.0.1)",
        "output": "folder to build into and serve (default output/)",
        "cache_dir": "analysis cache folder (default: the site's, .cache/; '' for none)",
    }
)
def serve(c, port="8000", host="127.0.0.1", output="", cache_dir=None):
    """Build and serve output/, rebuilding on every change.

    Any change (save, new file, deletion, move or rename) to a seed, content
    file, theme, template, stylesheet, plugin module or the settings rebuilds
    the site and refreshes the browser; it is seen by filesystem events, not
    by file times."""
    from livereload import Server
    from livereload import server as livereload_server
    from livereload.handlers import LiveReloadHandler
    from livereload.watcher import Watcher
    from tornado.ioloop import PeriodicCallback

    # livereload injects an inline <script>, which the pages' CSP refuses; the
    # dev build links the same client as an external script instead.
    livereload_server.LiveScriptInjector.transform_first_chunk = (
        lambda self, status, headers, chunk, finishing: (status, headers, chunk)
    )
    # livereload skips a reload within 3 s of the last one: a quick second save
    # would rebuild but leave the browser on the old page.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    # Pelican's -e replaces a whole setting: the site's EXPLAINER options plus the port.
    number = _serve_port(port, host)
    options = {**runpy.run_path(str(CONF)).get("EXPLAINER", {}), "livereload_port": number}
    if cache_dir is not None:
        options["cache_dir"] = cache_dir or None
    served = Path(output).resolve() if output else OUTPUT
    cache = options.get("cache_dir", ".cache/explainer")
    ignored = [served, *([(ROOT / cache).resolve()] if cache else [])]
    events = _SiteEvents(
        [ROOT / path for path in WATCHED_FOLDERS] + [_plugin_folder()],
        [ROOT / path for path in SETTINGS],
        ignored,
    )
    builder = _WarmBuilder("-o", str(served), "-e", f"EXPLAINER={json.dumps(options)}")

    class EventWatcher(Watcher):
        """livereload's watcher, fed by filesystem events instead of polled file
        times: every 100 ms, a quiet batch of changes is one rebuild (and one
        browser reload). Plugin modules and settings restart the build process."""

        def start(self, callback):
            events.start()
            PeriodicCallback(callback, 100).start()
            return True

        def examine(self):
            if self._changes:  # livereload's own restart message
                return self._changes.pop()
            changed = events.take()
            if not changed:
                return None, None
            self.filepath = changed[0]
            if any(_is_code(path) for path in changed):
                builder.restart_and_build()
            else:
                builder.build()
            return self.filepath, None

    watcher = EventWatcher()
    watcher.watch("filesystem events")  # a task, so livereload adds no watch of its own
    try:
        if not builder.build():
            sys.exit(1)  # the build already printed one line naming the bad file
        server = _with_desk(Server, watcher, host, number, options)
        print(f"serving http://{host}:{number}/ (Ctrl-C to stop)", flush=True)
        if getattr(server, "desk", None):
            print(f"review desk: http://{host}:{number}/_review/", flush=True)
        server.serve(host=host, port=number, root=str(served), open_url_delay=None)
    except OSError as exc:  # taken by another process since the check above
        builder.stop()
        _fail(f"cannot serve on {host}:{number}: {exc.strerror or exc}")
    except KeyboardInterrupt:
        pass  # livereload stops on Ctrl-C by itself; before it starts, so do we
    finally:
        events.stop()
        builder.stop()
    # serve() returns only when interrupted.
    print("serve: stopped (interrupted)", file=sys.stderr, flush=True)
    sys.exit(130)


def _plugin_folder() -> Path:
    """The plugin package (its templates, static files and modules), wherever it is
    installed: plugins/ in this checkout."""
    import importlib.util

    spec = importlib.util.find_spec("pelican.plugins.explainer")
    if spec and spec.origin:
        return Path(spec.origin).parent
    return ROOT / "plugins"


def _with_desk(server_class, watcher, host: str, port: int, options: dict):
    """The live-reload server, with the review desk at /_review/ when it listens on
    loopback only: the desk writes content files, so no other machine may reach it.
    Served from memory by this process, never written to the output."""
    from pelican.plugins.explainer.desk.server import Settings, handlers, is_loopback

    desk = None
    if is_loopback(host):
        desk = Settings(
            ROOT,
            port,
            livereload_port=port,
            explainer_url=options.get("explainer_url", "explainers/{slug}/"),
        )
    else:
        print(f"review desk: off ({host} is not a loopback address)", flush=True)

    class DeskServer(server_class):
        def get_web_handlers(self, script):
            own = handlers(desk) if desk else []
            return [*own, *super().get_web_handlers(script)]

    server = DeskServer(watcher=watcher)
    server.desk = desk
    return server


@task(help={"siteurl": "absolute site URL, may include a subpath (or set EXPLAINER_SITEURL)"})
def publish(c, siteurl=""):
    """Build for deployment with publishconf.py and an absolute SITEURL."""
    env = dict(os.environ)
    if siteurl:
        env["EXPLAINER_SITEURL"] = siteurl
    if not env.get("EXPLAINER_SITEURL"):
        sys.exit("publish needs a site URL: invoke publish --siteurl=https://example.org/path")
    _build(PUBLISHCONF, env=env)


@task(help={"siteurl": "absolute site URL of the GitHub Pages site"})
def gh_pages(c, siteurl=""):
    """Publish, then push output/ to the gh-pages branch (ghp-import)."""
    publish(c, siteurl=siteurl)
    code = _run([sys.executable, "-m", "ghp_import", "-b", "gh-pages", "-n", "-p", str(OUTPUT)])
    sys.exit(code)


def _npm_ci() -> None:
    """The validators (Nu HTML Checker, axe-core) come from the npm lockfile."""
    marker = ROOT / "node_modules" / ".package-lock.json"
    lock = ROOT / "package-lock.json"
    if marker.exists() and marker.stat().st_mtime >= lock.stat().st_mtime:
        return
    code = _run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"])
    if code:
        sys.exit(code)


@task(help={"args": "extra pytest arguments, e.g. -k glossary"})
def test(c, args=""):
    """Run the whole test suite (installs the npm validators first if needed)."""
    _npm_ci()
    code = _run([sys.executable, "-m", "pytest", *shlex.split(args)])
    if code == 5:
        print("pytest collected no tests: failing on purpose", file=sys.stderr)
        sys.exit(1)
    sys.exit(code)


@task(
    positional=["file"],
    help={
        "file": "a plain-text (.txt) or saved web page (.html) article",
        "explainer": "the slug of the explainer to add it to",
    },
)
def add_source(c, file, explainer, new=False):
    """Copy an article into seeds/, list it in the explainer's content file (--new: create it) and print what was detected."""
    from pelican.plugins.explainer.errors import InputError, one_line
    from pelican.plugins.explainer.parse.add_source import add_source as add

    try:
        added = add(Path(file), explainer, ROOT, new=new)
    except (InputError, OSError) as exc:  # OSError: a read-only folder, a full disk
        print(f"error: {one_line(exc) or exc}", file=sys.stderr)
        sys.exit(getattr(exc, "exitcode", 1))
    print("\n".join(added.report(ROOT)))


@task(positional=["slug"], help={"slug": "the explainer to review"})
def review(c, slug):
    """Print an explainer's open items (confidence, sentences); exit 0 when none is open."""
    from pelican.plugins.explainer.desk.cli import report
    from pelican.plugins.explainer.errors import InputError, one_line

    try:
        lines, open_items = report(ROOT, slug)
    except (InputError, OSError) as exc:
        print(f"error: {one_line(exc) or exc}", file=sys.stderr)
        sys.exit(2)
    print("\n".join(lines), flush=True)
    sys.exit(1 if open_items else 0)


@task(help={"verbose": "also list every missed and every false item (development stories only)"})
def evaluate(c, verbose=False):
    """Score the comparison on the labelled stories in eval/; fails below the targets."""
    sys.exit(
        _run([sys.executable, "-m", "evaluation", "eval", *(["--verbose"] if verbose else [])])
    )


@task(help={"skip_build": "check the existing output/ without rebuilding it first"})
def check(c, skip_build=False):
    """Build, then run every quality gate over output/ (python -m checks output)."""
    _npm_ci()
    if not skip_build:
        _build()
    sys.exit(_run([sys.executable, "-m", "checks", str(OUTPUT.relative_to(ROOT))]))


@task(
    help={
        "out": "folder for the PNG files (default screenshots/)",
        "build_first": "build the site first (default true)",
        "query": "what the search page shows results for (default: the first glossary term)",
    }
)
def screenshots(c, out="screenshots", build_first=True, query=""):
    """Screenshot every page type at 390 and 1280 px, light and dark, in headless Chromium."""
    from urllib.parse import quote

    from bs4 import BeautifulSoup

    from checks.browser import chromium, page_types, serve

    if build_first:
        _build()
    glossary = OUTPUT / "glossary" / "index.html"
    if not query and glossary.is_file():
        first = BeautifulSoup(glossary.read_bytes(), "html.parser").find("dfn")
        query = first.get_text() if first else ""
    query = query or "the"
    folder = ROOT / out
    folder.mkdir(parents=True, exist_ok=True)
    shots = 0
    with serve(OUTPUT) as base, chromium() as browser:
        for scheme in ("light", "dark"):
            for width in (390, 1280):
                context = browser.new_context(
                    viewport={"width": width, "height": 900}, color_scheme=scheme
                )
                page = context.new_page()
                for name, url in page_types(OUTPUT).items():
                    page.goto(base + url + (f"?q={quote(query)}" if name == "search" else ""))
                    page.wait_for_load_state("networkidle")
                    target = folder / f"{name}-{width}-{scheme}.png"
                    page.screenshot(path=str(target), full_page=True)
                    shots += 1
                context.close()
    print(f"{shots} screenshots in {folder.relative_to(ROOT)}/", flush=True)
