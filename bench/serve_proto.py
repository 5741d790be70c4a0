"""A faster ``invoke serve``: the code proposed for ``tasks.py``, runnable on its own.

    python bench/serve_proto.py --root PROJECT [--port 8000] [--baseline]

Three changes against serving with one ``python -m pelican`` per save:

* a warm builder: one child process keeps Pelican, the plugin and the theme
  imported and runs ``Pelican.run()`` on every save (the analysis cache makes
  the unchanged explainers cheap); it is restarted when plugin code or
  ``pelicanconf.py`` changes, since imported modules cannot be trusted to reload;
* livereload checks for changes every 100 ms instead of every 800 ms;
* every rebuild reloads the browser (livereload skips reloads within 3 s of
  the previous one, so a second quick save showed stale output).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

CODE = ["plugins", "pelicanconf.py"]  # edits here need fresh imports
INPUTS = ["content", "seeds", "theme"]  # edits here only need a rebuild
POLL_MS = 100


def warm_loop(root: str, settings: str) -> None:
    """Child side: build once per line on stdin, answer 'ok' or 'fail' on stdout."""
    import logging
    import shutil

    from pelican import get_instance, parse_arguments
    from pelican.log import init as init_logging

    answers = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # Pelican's own messages go to stderr; stdout carries answers only
    args = parse_arguments([str(Path(root) / "content"), "-s", settings, "-q"])
    init_logging(level=args.verbosity, name="pelican")
    log = logging.getLogger("pelican")  # where the plugin prints one-line input errors
    pelican = None
    for _ in sys.stdin:
        try:
            if pelican is None:
                pelican, _settings = get_instance(args)
            else:
                # A failed build leaves a half-written staging directory: start clean.
                shutil.rmtree(pelican.output_path, ignore_errors=True)
                os.makedirs(pelican.output_path)
            pelican.run()
            answers.write("ok\n")
        except Exception as exc:
            log.critical("%s: %s", exc.__class__.__name__, exc, exc_info=True)
            answers.write("fail\n")


class WarmBuilder:
    """Parent side: a long-lived build process, restarted when code changes."""

    def __init__(self, root: Path, settings: Path, quiet: bool = False):
        self.root, self.settings, self.quiet = root, settings, quiet
        self.proc: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        code = f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
        code += "import serve_proto; serve_proto.warm_loop(sys.argv[1], sys.argv[2])"
        return subprocess.Popen(
            [sys.executable, "-c", code, str(self.root), str(self.settings)],
            cwd=self.root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL if self.quiet else None,
            text=True,
        )

    def restart(self) -> None:
        self.stop()
        self.proc = self._start()

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None

    def build(self) -> bool:
        started = time.perf_counter()
        if self.proc is None or self.proc.poll() is not None:
            self.proc = self._start()
        assert self.proc.stdin and self.proc.stdout
        try:
            self.proc.stdin.write("build\n")
            self.proc.stdin.flush()
            ok = self.proc.stdout.readline().strip() == "ok"
        except BrokenPipeError:
            ok = False
        if ok and not self.quiet:
            print(f"rebuilt in {time.perf_counter() - started:.2f}s", flush=True)
        return ok


class SubprocessBuilder:
    """The baseline: one ``python -m pelican`` per save, as ``invoke serve`` first did."""

    def __init__(self, root: Path, settings: Path):
        self.cmd = [sys.executable, "-m", "pelican", str(root / "content"), "-s", str(settings)]
        self.root = root

    def build(self) -> bool:
        started = time.perf_counter()
        ok = subprocess.call([*self.cmd, "-q"], cwd=self.root) == 0
        if ok:
            print(f"rebuilt in {time.perf_counter() - started:.2f}s", flush=True)
        return ok

    def restart(self) -> None:
        pass

    def stop(self) -> None:
        pass


def serve_baseline(root: Path, port: int = 8000, host: str = "127.0.0.1") -> None:
    """livereload's defaults (800 ms polling, 3 s reload guard) and a process per build."""
    from livereload import Server

    builder = SubprocessBuilder(root, root / "pelicanconf.py")
    if not builder.build():
        sys.exit(1)
    server = Server()
    for name in (*INPUTS, *CODE):
        target = root / name
        pattern = str(target / "**" / "*") if target.is_dir() else str(target)
        server.watch(pattern, builder.build)
    print(f"serving http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    server.serve(host=host, port=port, root=str(root / "output"), open_url_delay=None)


def serve(root: Path, port: int = 8000, host: str = "127.0.0.1") -> None:
    from livereload import Server
    from livereload.handlers import LiveReloadHandler
    from livereload.watcher import Watcher
    from tornado import ioloop

    class QuickWatcher(Watcher):
        """livereload polls every 800 ms unless its watcher schedules itself."""

        def start(self, callback):  # type: ignore[no-untyped-def]
            ioloop.PeriodicCallback(callback, POLL_MS).start()
            return True

    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0  # reload after every rebuild
    builder = WarmBuilder(root, root / "pelicanconf.py")
    if not builder.build():
        sys.exit(1)

    def code_changed() -> None:
        builder.restart()
        builder.build()

    server = Server(watcher=QuickWatcher())
    for names, callback in ((INPUTS, builder.build), (CODE, code_changed)):
        for name in names:
            target = root / name
            pattern = str(target / "**" / "*") if target.is_dir() else str(target)
            server.watch(pattern, callback)
    print(f"serving http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve(host=host, port=port, root=str(root / "output"), open_url_delay=None)
    finally:
        builder.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--baseline", action="store_true", help="one pelican process per save, default polling"
    )
    options = parser.parse_args()
    (serve_baseline if options.baseline else serve)(options.root.resolve(), options.port)
