"""``python -m evaluation.site OUT STORY...``: build labelled stories into a site, with no
curation, as a reader would see them (for an editor to grade).

Each story becomes one explainer; its sources are copied as seeds into ``OUT/project``
and the site, built with this project's settings and theme, lands in ``OUT/output``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from .gold import load_story

ROOT = Path(__file__).resolve().parent.parent


def _latest(story):
    """The explainer is as recent as its latest report."""
    return max([story.published, *(d.meta.published for d in story.documents if d.meta.published)])


def _content_file(story, seeds: list[str]) -> str:
    lines = [
        "---",
        f"title: {json.dumps(story.title)}",
        f"slug: {story.name}",
        f"published: {_latest(story).isoformat()}",
        "summary: An explainer built from the reports listed below, before any editor’s review.",
        "sources:",
    ]
    for doc, seed in zip(story.documents, seeds, strict=True):
        meta = doc.meta
        lines += [f"  - path: {seed}", f"    id: {meta.id}", f"    label: {json.dumps(meta.label)}"]
        lines += [f"    kind: {meta.kind if meta.kind == 'translation' else 'original'}"]
        if meta.published:
            time = f" {meta.published_time}" if meta.published_time else ""
            lines.append(f"    published: {json.dumps(meta.published.isoformat() + time)}")
    return "\n".join([*lines, "---", ""])


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: python -m evaluation.site OUT STORY...", file=sys.stderr)
        return 2
    out = Path(argv[0]).resolve()
    project = out / "project"
    shutil.rmtree(project, ignore_errors=True)
    (project / "content" / "explainers").mkdir(parents=True)
    (project / "seeds").mkdir()
    for arg in argv[1:]:
        story = load_story(Path(arg))
        seeds = []
        for doc in story.documents:
            name = f"{story.name}-{Path(doc.meta.path).name}"
            shutil.copyfile(doc.meta.path, project / "seeds" / name)
            seeds.append(f"seeds/{name}")
        target = project / "content" / "explainers" / f"{story.name}.md"
        target.write_text(_content_file(story, seeds), encoding="utf-8")
    settings = project / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        f"PATH = {str(project / 'content')!r}\nOUTPUT_PATH = {str(out / 'output')!r}\n"
        f"EXPLAINER = dict(EXPLAINER, root={str(project)!r}, cache_dir=None)\n",
        encoding="utf-8",
    )
    cmd = [sys.executable, "-m", "pelican", str(project / "content"), "-s", str(settings), "-q"]
    return subprocess.call(cmd, cwd=project)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
