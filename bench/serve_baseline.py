"""The baseline ``invoke serve`` is compared with: one ``python -m pelican`` per save.

    python bench/serve_baseline.py --root PROJECT [--port 8000]

livereload's defaults (800 ms polling, no reload within 3 s of the last one)
and a fresh process per build. ``invoke serve`` instead keeps a warm build
process, polls every 100 ms and reloads after every rebuild.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

CODE = ["plugins", "pelicanconf.py"]  # edits here need fresh imports
INPUTS = ["content", "seeds", "theme"]  # edits here only need a rebuild


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
        if not target.exists():
            continue
        pattern = str(target / "**" / "*") if target.is_dir() else str(target)
        server.watch(pattern, builder.build)
    print(f"serving http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    server.serve(host=host, port=port, root=str(root / "output"), open_url_delay=None)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--port", type=int, default=8000)
    options = parser.parse_args()
    serve_baseline(options.root.resolve(), options.port)
