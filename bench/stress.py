"""Inputs that make an all-pairs comparison show: one sentence repeated, many sources.

* ``write_repeated_seed``: one explainer whose first seed is a single dated sentence
  repeated up to ``size`` bytes, beside an ordinary report. Every sentence names the
  same day, so a timeline that compares the events of one date pairwise is quadratic.
* ``write_many_sources``: one explainer of ``count`` short reports of one event, most
  sentences shared, some figures changed: agreements span hundreds of sources.

Generation is seeded: the same arguments give byte-identical files.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from .corpus import Pool, Renamer, load_pool, make_story, scale_numbers, write_corpus

REPEATED = "The council approved the new river bridge on Tuesday after a long debate."


def _explainer(target: Path, slug: str, title: str, published: str, seeds: list[str]) -> None:
    sources = "".join(
        f"  - path: seeds/{name}\n    id: {name.removesuffix('.txt')}\n"
        f"    label: {json.dumps('Source ' + name.removesuffix('.txt'))}\n"
        f"    published: {published}\n"
        for name in seeds
    )
    text = (
        f"---\ntitle: {json.dumps(title)}\nslug: {slug}\npublished: {published}\n"
        f"summary: {json.dumps('A benchmark of hard inputs.')}\nsources:\n{sources}---\n"
    )
    content = target / "content" / "explainers"
    for old in content.glob("*.md"):
        old.unlink()
    (content / f"{slug}.md").write_text(text, encoding="utf-8")


def _clear_seeds(target: Path) -> Path:
    seeds = target / "seeds"
    for old in seeds.glob("*.txt"):
        old.unlink()
    return seeds


def write_repeated_seed(target: Path, size: int, seed: int = 1, pool: Pool | None = None) -> int:
    """One seed of ``REPEATED`` over and over (about ``size`` bytes) beside a short report.

    Returns the long seed's size in bytes.
    """
    pool = pool or load_pool()
    write_corpus(target, 1, seed=seed, pool=pool)
    short = make_story(pool, 1, seed)
    count = max(1, size // (len(REPEATED) + 1) - 1)
    text = "River bridge approved\n" + "\n".join([REPEATED] * count) + "\n"
    seeds = _clear_seeds(target)
    (seeds / "repeated.txt").write_text(text, encoding="utf-8")
    (seeds / "report.txt").write_text(short.seeds[1][1], encoding="utf-8")
    _explainer(target, "repeated", "River bridge", "2025-04-17", ["repeated.txt", "report.txt"])
    return len(text.encode("utf-8"))


def write_many_sources(target: Path, count: int, seed: int = 1, pool: Pool | None = None) -> int:
    """One explainer of ``count`` short reports (a headline and five or six sentences each)
    of one event. Returns the number of sentences written."""
    pool = pool or load_pool()
    write_corpus(target, 1, seed=seed, pool=pool)
    rng = random.Random(seed * 7_919 + count)
    renamer = Renamer(pool.names, rng)
    shared = rng.sample(pool.sentences, k=min(12, len(pool.sentences)))
    rest = [s for s in pool.sentences if s not in shared]
    headline = renamer(rng.choice(pool.headings))
    seeds, sentences = _clear_seeds(target), 0
    names = []
    for index in range(count):
        picked = rng.sample(shared, k=5) + rng.sample(rest, k=1)
        body = [
            # About one report in ten gives a figure of its own: a difference to find.
            scale_numbers(renamer(s), rng.choice((1.2, 1.5)) if rng.random() < 0.1 else 1, 0)
            for s in picked
        ]
        name = f"r{index:03d}.txt"
        (seeds / name).write_text(headline + "\n" + "\n".join(body) + "\n", encoding="utf-8")
        names.append(name)
        sentences += len(body)
    _explainer(target, "many", headline, "2025-04-17", names)
    return sentences
