"""axe-core on every page, in light and dark colour schemes: 0 violations.

The site is served over HTTP on 127.0.0.1 (file:// URLs behave differently
for fetches and some rules). axe-core comes from the npm lockfile and is
added as an init script, which the page's Content-Security-Policy does not
block, so the page is tested exactly as a reader gets it. The browser is
Debian's Chromium driven by Playwright.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import NODE_MODULES, CheckResult, ToolMissing, html_pages
from .browser import CHROMIUM_ARGS, serve

CHROMIUM = Path(os.environ.get("EXPLAINER_CHROMIUM", "/usr/bin/chromium"))

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = ("light", "dark")

# Runs in the page; returns violations and every rule id axe evaluated.
_RUN_AXE = """async (tags) => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                     resultTypes: ['violations']});
  const ids = new Set();
  for (const kind of ['violations', 'passes', 'incomplete', 'inapplicable'])
    for (const rule of r[kind]) ids.add(rule.id);
  return {
    rules: [...ids].sort(),
    incomplete: r.incomplete.length,
    violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
      nodes: v.nodes.length,
    })),
  };
}"""


def page_type(rel: str) -> str:
    """Which template a page comes from, judged by its URL."""
    parts = rel.split("/")
    if rel == "index.html":
        return "home"
    if rel == "404.html":
        return "404"
    if parts[0] == "glossary":
        return "glossary"
    if parts[0] == "search":
        return "search"
    if parts[0] == "explainers" and len(parts) == 3:
        return "explainer"
    if parts[0] == "explainers" and "sources" in parts:
        return "source"
    if parts[0] == "explainers" and "compare" in parts:
        return "compare"
    return "other"


PAGE_TYPES = ("home", "explainer", "source", "compare", "glossary", "search", "404")


def _url_path(rel: str) -> str:
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def check(site: Path) -> CheckResult:
    if not AXE.is_file():
        raise ToolMissing(f"{AXE} is missing; run `npm ci`")
    if not CHROMIUM.is_file():
        raise ToolMissing(f"{CHROMIUM} is missing; apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise ToolMissing("the playwright package is not installed") from exc

    pages = [p.relative_to(site).as_posix() for p in html_pages(site)]
    result = CheckResult("a11y", 0, "page renders checked by axe-core")
    rules: set[str] = set()
    incomplete = 0
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context()
            context.add_init_script(path=str(AXE))
            page = context.new_page()
            for scheme in SCHEMES:
                page.emulate_media(color_scheme=scheme)
                for rel in pages:
                    response = page.goto(base + _url_path(rel), wait_until="load")
                    if response is None or not response.ok:
                        status = response.status if response else "no response"
                        result.problems.append(f"{rel}: HTTP {status}")
                        continue
                    out = page.evaluate(_RUN_AXE, TAGS)
                    result.checked += 1
                    rules.update(out["rules"])
                    incomplete += out["incomplete"]
                    for v in out["violations"]:
                        result.problems.append(
                            f"{rel} [{scheme}]: {v['id']} ({v['impact']}): {v['help']}"
                            f" — {v['nodes']} nodes, e.g. {', '.join(v['targets'])}"
                        )
        finally:
            browser.close()
    present = sorted({page_type(rel) for rel in pages}, key=_type_order)
    missing = [t for t in PAGE_TYPES if t not in present]
    result.counts.update(rules=len(rules), pages=len(pages), renders=result.checked)
    result.notes.append(
        f"{len(rules)} axe rules run on {len(pages)} pages × {len(SCHEMES)} schemes"
    )
    result.notes.append(f"page types: {', '.join(present)}")
    if missing:
        result.notes.append(f"not in this site: {', '.join(missing)}")
    if incomplete:
        result.notes.append(f"{incomplete} needs-review results")
    result.rules = sorted(rules)  # type: ignore[attr-defined]
    return result


def _type_order(kind: str) -> int:
    return PAGE_TYPES.index(kind) if kind in PAGE_TYPES else len(PAGE_TYPES)
