"""Copy the project with the analysis cache and parallel build wired into the glue.

    python -m bench.wired [TARGET]     # default bench/out/wired

Until ``ExplainerGenerator.generate_context`` calls :func:`explainer.batch.build_all`,
this gives a copy to benchmark with ``python -m bench --project bench/out/wired``.
When the glue already uses ``build_all`` the copy is left as it is.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Replaces the loop that loaded the content files one by one.
BUILD_ALL = """\
        def announce(number: int, total: int, explainer: Explainer, seconds: float | None) -> None:
            progress(
                "explainer %d/%d %s: %d sources, %d sentences (%s)",
                number,
                total,
                explainer.slug,
                len(explainer.documents),
                len(explainer.sentences),
                "cached" if seconds is None else f"{seconds:.2f}s",
            )

        explainers = build_all(
            files,
            root,
            _limits(self.settings),
            cache=Cache.from_setting(self.settings["EXPLAINER_CACHE_DIR"], root),
            workers=self.settings["EXPLAINER_WORKERS"],
            progress=announce,
        )
        # Glossary mentions stay outside the cache: a glossary edit must not
        # re-analyse every explainer.
        glossary = self.context.get("glossary", [])
        for explainer in explainers:
            with _blame(explainer.spec.path):
                explainer.glossary_mentions = find_mentions(glossary, explainer.documents)
"""

SETTINGS = """\
    # Analysis results kept between builds (relative to EXPLAINER_ROOT); None disables.
    "EXPLAINER_CACHE_DIR": ".cache/explainer",
    # Processes analysing explainers: None = every usable CPU, 1 = serial.
    "EXPLAINER_WORKERS": None,
"""

IMPORTS = "from .batch import build_all\nfrom .cache import Cache\n"


def wire(source: str) -> str:
    """The glue's source with ExplainerGenerator's per-file loop replaced by build_all."""
    if "build_all(" in source:
        return source
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    generator = next(
        n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "ExplainerGenerator"
    )
    methods = {n.name: n for n in generator.body if isinstance(n, ast.FunctionDef)}
    context = methods["generate_context"]
    loop = next(
        n for n in context.body if isinstance(n, ast.For) and "files" in ast.unparse(n.iter)
    )
    # (first line index, end line index, replacement), applied bottom-up.
    edits: list[tuple[int, int, list[str]]] = []
    if "_load" in methods:
        load = methods["_load"]
        edits.append((load.lineno - 1, (load.end_lineno or load.lineno) + 1, []))
    edits.append((loop.lineno - 1, loop.end_lineno or loop.lineno, [BUILD_ALL]))
    for node in context.body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(target, ast.Name) and target.id in ("explainers", "slugs"):
            edits.append((node.lineno - 1, node.end_lineno or node.lineno, []))
    for start, end, replacement in sorted(edits, reverse=True):
        lines[start:end] = replacement
    out = "".join(lines)
    feed = '"EXPLAINER_FEED_ATOM": "feeds/explainers.atom.xml",\n'
    out = out.replace(feed, feed + SETTINGS, 1)
    return out.replace("from .errors import", IMPORTS + "from .errors import", 1)


def make_copy(target: Path, project: Path = ROOT) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in ("content", "seeds", "theme", "plugins"):
        shutil.copytree(project / name, target / name, ignore=ignore)
    for name in ("pelicanconf.py", "tasks.py"):
        shutil.copy2(project / name, target / name)
    glue = target / "plugins" / "explainer" / "pelican_glue.py"
    glue.write_text(wire(glue.read_text(encoding="utf-8")), encoding="utf-8")
    # Drop the imports the old loop needed (best effort: ruff may be missing).
    for ruff in (["check", "-q", "--fix", "--select", "F401"], ["format", "-q"]):
        subprocess.run([sys.executable, "-m", "ruff", *ruff, str(glue)], capture_output=True)
    return target


if __name__ == "__main__":
    where = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "out" / "wired"
    print(make_copy(where.resolve()))
