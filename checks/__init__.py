"""Quality gates over a built site: ``python -m checks output/``.

Each check module has ``check(site: Path) -> CheckResult``. A result counts
what was examined and lists every problem as one line, so the command line
and the test suite report the same thing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"


@dataclass
class CheckResult:
    name: str
    checked: int  # how many things were examined
    unit: str  # what they were: "pages", "links", ...
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # extra figures worth printing
    counts: dict[str, int] = field(default_factory=dict)  # named figures for reports

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        status = "ok  " if self.ok else "FAIL"
        line = f"{status} {self.name:<8} {self.checked} {self.unit}, {len(self.problems)} problems"
        return "; ".join([line, *self.notes])


class ToolMissing(RuntimeError):
    """A validator the checks need is not installed (e.g. ``npm ci`` not run)."""


def html_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site, in a stable order."""
    return sorted(site.rglob("*.html"))


def _registry(site_url: str = "") -> dict[str, Callable[[Path], CheckResult]]:
    from . import a11y, exports, feeds, html, links, reading, sitemap

    # Cheap checks first; the browser last.
    return {
        "links": lambda site: links.check(site, site_url),
        "feeds": feeds.check,
        "exports": exports.check,
        "sitemap": sitemap.check,
        "html": html.check,
        "reading": reading.check,
        "a11y": a11y.check,
    }


CHECK_NAMES = ("links", "feeds", "exports", "sitemap", "html", "reading", "a11y")


def run_checks(
    site: Path, names: tuple[str, ...] | list[str] = CHECK_NAMES, site_url: str = ""
) -> list[CheckResult]:
    """Run the named checks over ``site``; a missing tool is a failed check.

    ``site_url``: a publish build's absolute URL, so its absolute links are checked too.
    """
    registry = _registry(site_url)
    results = []
    for name in names:
        try:
            results.append(registry[name](site))
        except ToolMissing as exc:
            results.append(CheckResult(name, 0, "checked", [f"cannot run: {exc}"]))
    return results
