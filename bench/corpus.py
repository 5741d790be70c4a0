"""Synthetic benchmark projects: explainer corpora and the plain-Pelican twin.

A corpus recombines the sentences of the real seeds into new articles. Each
synthetic explainer gets its own invented names and its own number scale, and
its five sources share most sentences (so the comparison finds agreements)
while some sources shift a number or drop a sentence (so it finds
differences). Everything is drawn from ``random.Random(seed)``: the same
arguments always give byte-identical files.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from pelican.plugins.explainer.model import SourceMeta
from pelican.plugins.explainer.parse.seed import parse_seed

ROOT = Path(__file__).resolve().parents[1]
SOURCES_PER_EXPLAINER = 5
BASE_DATE = date(2025, 4, 14)

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_KEEP = {*_MONTHS, *_DAYS, *(m[:3] for m in _MONTHS)}
_FUNCTION_WORDS = {"A", "An", "The", "There", "This", "That", "It", "He", "She", "They", "We"}
# Syllables for invented names: pronounceable, and no real place or person.
_SYLLABLES = [
    "al",
    "bar",
    "cor",
    "dun",
    "el",
    "fen",
    "gar",
    "hol",
    "is",
    "jor",
    "kel",
    "lun",
    "mar",
    "nor",
    "ol",
    "pel",
    "quin",
    "ros",
    "sar",
    "tal",
    "ul",
    "ven",
    "wes",
    "yor",
    "zan",
    "bri",
    "cal",
    "dra",
    "fal",
    "gil",
]
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w])")
_MONTH_NEAR = re.compile(r"\b(?:" + "|".join(_MONTHS) + r")\b")


@dataclass
class Pool:
    """What the real seeds offer: body sentences, heading lines and names."""

    sentences: list[str]
    headings: list[str]
    names: list[str]
    credits_template: str = "Reporting by {a} and {b}; Editing by {c}"


@dataclass
class Story:
    """One synthetic explainer: its id, date and the text of each source."""

    number: int
    slug: str
    published: date
    title: str
    seeds: list[tuple[str, str]] = field(default_factory=list)  # (source id, text)


def load_pool(seed_paths: list[Path] | None = None) -> Pool:
    paths = seed_paths or sorted((ROOT / "seeds").glob("*.txt"))
    sentences: list[str] = []
    headings: list[str] = []
    for path in paths:
        doc = parse_seed(path, SourceMeta(path=str(path), id="x", label="x"))
        sentences += [s.text for s in doc.body_sentences]
        headings += doc.headings + ([doc.headline.text] if doc.headline else [])
    # Headings are title case, so only body sentences tell names from words.
    return Pool(sentences, headings, _names(sentences))


def _names(texts: list[str]) -> list[str]:
    """Capitalised words used mid-sentence and never in lower case: names, roughly."""
    capitalised: set[str] = set()
    lower: set[str] = set()
    for text in texts:
        for i, match in enumerate(_WORD.finditer(text)):
            word = match.group().rstrip("'’")
            if word.endswith(("'s", "’s")):
                word = word[:-2]
            if word[0].isupper() and i > 0:
                capitalised.add(word)
            elif word[0].islower():
                lower.add(word.lower())
    return sorted(
        w
        for w in capitalised
        if len(w) > 1 and w.lower() not in lower and w not in _KEEP | _FUNCTION_WORDS
    )


def _invented(rng: random.Random, used: set[str]) -> str:
    while True:
        name = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 2, 3)))).capitalize()
        if name not in used:
            used.add(name)
            return name


class Renamer:
    """Swaps every detected name for an invented one, consistently."""

    def __init__(self, names: list[str], rng: random.Random):
        used: set[str] = set()
        self.mapping = {}
        for name in names:
            new = _invented(rng, used)
            self.mapping[name] = new.upper() if name.isupper() and len(name) > 1 else new
        # Longest first, whole words only.
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        self.pattern = re.compile(rf"\b(?:{alternatives})\b") if names else None

    def __call__(self, text: str) -> str:
        if self.pattern is None:
            return text
        return self.pattern.sub(lambda m: self.mapping[m.group()], text)


def scale_numbers(text: str, factor: float, year_shift: int) -> str:
    """Scale quantities, shift years, leave day-of-month numbers next to a month alone."""

    def replace(match: re.Match[str]) -> str:
        whole, decimals = match.group(1), match.group(2) or ""
        value = float(whole.replace(",", "") + decimals)
        near = text[max(0, match.start() - 12) : match.end() + 12]
        if decimals == "" and 1 <= value <= 31 and _MONTH_NEAR.search(near):
            return match.group()
        if decimals == "" and 1900 <= value <= 2100:
            return str(int(value) + year_shift)
        scaled = value * factor
        if decimals:
            return f"{scaled:.{len(decimals) - 1}f}"
        number = max(1, round(scaled))
        return f"{number:,}" if "," in whole else str(number)

    return _NUMBER.sub(replace, text)


def _paragraphs(rng: random.Random, sentences: list[str]) -> list[str]:
    out, i = [], 0
    while i < len(sentences):
        take = rng.choice((1, 1, 2, 2, 3))
        out.append(" ".join(sentences[i : i + take]))
        i += take
    return out


def make_story(pool: Pool, number: int, seed: int, length: int = 1) -> Story:
    """One explainer's five sources; ``length`` multiplies the sentences per source."""
    rng = random.Random(seed * 1_000_003 + number)
    published = BASE_DATE + timedelta(days=number % 365)
    chunks = []
    for _ in range(length):
        # Each chunk of a long source has its own names and scale, so it is new text.
        renamer = Renamer(pool.names, rng)
        factor = rng.choice((0.5, 0.8, 1.0, 1.5, 2.0, 3.0, 7.0))
        shift = rng.randint(-6, 6)
        shared = rng.sample(pool.sentences, k=min(24, len(pool.sentences)))
        rest = [s for s in pool.sentences if s not in shared]
        chunks.append((renamer, factor, shift, shared, rest))
    first = chunks[0][0]
    title = first(rng.choice(pool.headings))
    story = Story(number, f"bench-{number:04d}", published, title)
    for index in range(SOURCES_PER_EXPLAINER):
        lines: list[str] = [first(rng.choice(pool.headings))]
        for renamer, factor, shift, shared, rest in chunks:
            picked = [s for s in shared if rng.random() < 0.7] + rng.sample(
                rest, k=min(2, len(rest))
            )
            body = []
            for sentence in picked:
                # Some sources report a number differently: a discrepancy to find.
                own = factor * rng.choice((1.2, 1.5)) if rng.random() < 0.15 else factor
                body.append(scale_numbers(renamer(sentence), own, shift))
            paragraphs = _paragraphs(rng, body)
            step = rng.choice((3, 4, 5))
            for p, paragraph in enumerate(paragraphs):
                if p and p % step == 0:
                    lines.append(renamer(rng.choice(pool.headings)))
                lines.append(paragraph)
        if index % 2:
            names = list(first.mapping.values())
            people = [f"{rng.choice(names)} {rng.choice(names)}" for _ in range(3)]
            lines.append(pool.credits_template.format(a=people[0], b=people[1], c=people[2]))
        story.seeds.append((chr(ord("a") + index), "\n".join(lines) + "\n"))
    return story


def _content_file(story: Story, seed_dir: str) -> str:
    sources = []
    for index, (source_id, _) in enumerate(story.seeds):
        sources.append(
            f"  - path: {seed_dir}/{story.slug}-{source_id}.txt\n"
            f"    id: {source_id}\n"
            f"    label: {json.dumps(f'Source {source_id.upper()}')}\n"
            f"    published: {story.published.isoformat()}\n"
            f"    kind: {'translation' if index == 1 else 'original'}\n"
        )
    return (
        "---\n"
        f"title: {json.dumps(story.title)}\n"
        f"slug: {story.slug}\n"
        f"published: {story.published.isoformat()}\n"
        f"summary: {json.dumps(f'Synthetic benchmark explainer {story.number}.')}\n"
        "sources:\n" + "".join(sources) + "---\n"
        "Five reports of one synthetic event, recombined for the benchmark.\n"
    )


def write_corpus(
    target: Path, explainers: int, seed: int = 1, length: int = 1, pool: Pool | None = None
) -> list[Story]:
    """A project root with content/explainers, content/glossary and seeds/."""
    pool = pool or load_pool()
    shutil.rmtree(target, ignore_errors=True)
    explainer_dir = target / "content" / "explainers"
    seed_dir = target / "seeds"
    explainer_dir.mkdir(parents=True)
    seed_dir.mkdir(parents=True)
    glossary = ROOT / "content" / "glossary"
    if glossary.is_dir():
        shutil.copytree(glossary, target / "content" / "glossary")
    else:
        (target / "content" / "glossary").mkdir()
    stories = [make_story(pool, n, seed, length) for n in range(1, explainers + 1)]
    for story in stories:
        for source_id, text in story.seeds:
            (seed_dir / f"{story.slug}-{source_id}.txt").write_text(text, encoding="utf-8")
        (explainer_dir / f"{story.slug}.md").write_text(
            _content_file(story, "seeds"), encoding="utf-8"
        )
    return stories


def write_long_seed(target: Path, size: int, seed: int = 1, pool: Pool | None = None) -> int:
    """One explainer of two sources: a seed of about ``size`` bytes in short lines of four
    words, each its own sentence (the shape of a pasted transcript or a feed dump), beside
    an ordinary report.

    Returns the long seed's size in bytes.
    """
    pool = pool or load_pool()
    write_corpus(target, 1, seed=seed, pool=pool)
    short = make_story(pool, 1, seed)
    lines, total, number = [short.title], 0, 2
    while total < size:
        story = make_story(pool, number, seed + number, length=4)
        for text in story.seeds[0][1].splitlines()[1:]:
            words = text.split()
            for i in range(0, len(words), 4):  # four words a line, each a sentence
                line = " ".join(words[i : i + 4]).rstrip(".,;:") + "."
                lines.append(line)
                total += len(line.encode("utf-8")) + 1
        number += 1
    text = "\n".join(lines)
    text = text.encode("utf-8")[:size].decode("utf-8", "ignore").rsplit("\n", 1)[0] + "\n"
    seeds = target / "seeds"
    for old in seeds.glob("*.txt"):
        old.unlink()
    (seeds / "long-a.txt").write_text(text, encoding="utf-8")
    (seeds / "long-b.txt").write_text(short.seeds[1][1], encoding="utf-8")
    content = target / "content" / "explainers"
    for old in content.glob("*.md"):
        old.unlink()
    short.seeds = [("a", ""), ("b", "")]
    spec = _content_file(short, "seeds").replace(f"{short.slug}-a.txt", "long-a.txt")
    (content / "long.md").write_text(spec.replace(f"{short.slug}-b.txt", "long-b.txt"))
    return len(text.encode("utf-8"))


# --- the plain-Pelican twin ---------------------------------------------------------

VANILLA_CONF = """\
AUTHOR = "Bench"
SITENAME = "Plain Pelican"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
PLUGINS = []
"""


def seed_as_markdown(text: str, title_fallback: str, day: date, slug: str) -> str:
    """A seed as an ordinary Pelican Markdown article: first line the title."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines[0] if lines else title_fallback
    body = "\n\n".join(lines[1:])
    return f"Title: {title}\nDate: {day.isoformat()}\nSlug: {slug}\n\n{body}\n"


def write_vanilla(target: Path, seeds: list[tuple[Path, date]]) -> Path:
    """A Pelican project with each seed as a Markdown article, default theme, no plugins."""
    shutil.rmtree(target, ignore_errors=True)
    content = target / "content"
    content.mkdir(parents=True)
    for number, (path, day) in enumerate(seeds, start=1):
        slug = f"{path.stem}-{number}"
        text = path.read_text(encoding="utf-8")
        (content / f"{slug}.md").write_text(
            seed_as_markdown(text, path.stem, day, slug), encoding="utf-8"
        )
    conf = target / "pelicanconf.py"
    conf.write_text(VANILLA_CONF, encoding="utf-8")
    return conf


def real_seeds_with_dates(root: Path = ROOT) -> list[tuple[Path, date]]:
    """The real site's seeds with their explainer's date, as the twin's articles."""
    from pelican.plugins.explainer.parse.content import parse_spec

    out = []
    for content in sorted((root / "content" / "explainers").glob("*.md")):
        spec = parse_spec(content.read_text(encoding="utf-8"), content.name, root)
        out += [(root / meta.path, spec.published) for meta in spec.sources]
    return out


def corpus_seeds_with_dates(target: Path, stories: list[Story]) -> list[tuple[Path, date]]:
    return [
        (target / "seeds" / f"{story.slug}-{source_id}.txt", story.published)
        for story in stories
        for source_id, _ in story.seeds
    ]
