"""The benchmark's report: Markdown tables printed and saved under ``bench/out/``."""

from __future__ import annotations

import json
import os
import platform
import time
from typing import Any

from .measure import ROOT

OUT = ROOT / "bench" / "out"


def _load() -> str:
    try:
        one, five, _ = os.getloadavg()
        return f"{one:.2f} / {five:.2f}"
    except OSError:
        return "n/a"


class Report:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.data: dict[str, Any] = {
            "started": time.strftime("%Y-%m-%d %H:%M:%S"),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_before": _load(),
        }

    def say(self, line: str = "") -> None:
        print(line, flush=True)
        self.lines.append(line)

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self.say("| " + " | ".join(header) + " |")
        self.say("|" + "|".join(" --- " for _ in header) + "|")
        for row in rows:
            self.say("| " + " | ".join(row) + " |")
        self.say()

    def save(self) -> None:
        OUT.mkdir(parents=True, exist_ok=True)
        self.data["load_after"] = _load()
        (OUT / "results.json").write_text(json.dumps(self.data, indent=2) + "\n")
        (OUT / "results.md").write_text("\n".join(self.lines) + "\n")
