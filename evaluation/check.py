"""``python -m evaluation.check eval/<story> ...``: load each story's gold and list its sentences."""

from __future__ import annotations

import sys
from pathlib import Path

from pelican.plugins.explainer.errors import InputError

from .gold import load_story


def main(argv: list[str]) -> int:
    status = 0
    for arg in [a for a in argv if a != "-v"]:
        try:
            story = load_story(Path(arg))
        except InputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = 2
            continue
        if "-v" in argv:
            for s in story.sentences.values():
                print(f"  {s.id:12} {s.role:8} {s.text}")
        print(
            f"ok: {story.name}: {len(story.documents)} sources, {len(story.same_claim)} same-claim "
            f"pairs, {len(story.discrepancies)} discrepancies, {len(story.traps)} traps, "
            f"{len(story.facts)} facts, {len(story.open_questions)} open questions, "
            f"{len(story.timeline)} timeline dates"
        )
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
