"""Measure what each offline extractor gets from labelled saved pages.

``python -m pelican.plugins.explainer.parse.page_measure tests/fixtures/intake`` reads
``pages.yaml`` there (labels per page) and prints, per extractor, the share
of article passages found, the furniture passages that leaked in, and the
metadata fields right. It is how the extractor in :mod:`.webpage` was chosen.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

FIELDS = ("headline", "dek", "byline", "published", "time", "publisher", "url")


def _paragraphs_baseline(html: str) -> str:
    """Every <p> of the page: what a reader without boilerplate removal gets."""
    from bs4 import BeautifulSoup

    return "\n".join(p.get_text(" ", strip=True) for p in BeautifulSoup(html, "html.parser")("p"))


def _trafilatura(html: str) -> tuple[str, dict[str, Any]]:
    import trafilatura

    found = trafilatura.bare_extraction(html, with_metadata=True)
    info = found.as_dict() if found is not None else {}
    meta = {
        "headline": info.get("title"),
        "dek": info.get("description"),
        "byline": info.get("author"),
        "published": date.fromisoformat(info["date"]) if info.get("date") else None,
        "time": None,
        "publisher": info.get("sitename"),
        "url": info.get("url"),
    }
    return info.get("text") or "", meta


def _htmldate(html: str) -> dict[str, Any]:
    from htmldate import find_date

    found = find_date(html, outputformat="%Y-%m-%d")
    return {"published": date.fromisoformat(found) if found else None}


def _page_markup(html: str) -> dict[str, Any]:
    """JSON-LD and Open Graph only, as read by :mod:`.webpage`."""
    import lxml.html

    from . import webpage

    tree = lxml.html.fromstring(html)
    ld = webpage._json_ld(tree)
    published, time = webpage._when(ld.get("datePublished"))
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    return {
        "headline": ld.get("headline") or webpage._meta(tree, "og:title"),
        "dek": ld.get("alternativeHeadline")
        or ld.get("description")
        or webpage._meta(tree, "og:description"),
        "byline": webpage._names(ld.get("author")),
        "published": published,
        "time": time,
        "publisher": webpage._names(ld.get("publisher")) or webpage._meta(tree, "og:site_name"),
        "url": canonical[0] if canonical else webpage._meta(tree, "og:url"),
    }


def _chosen(html: str) -> tuple[str, dict[str, Any]]:
    from ..model import SourceMeta
    from . import webpage
    from .seed import parse_text

    page = webpage.extract(html, "page")
    doc = parse_text(page.text, SourceMeta(path="page", id="p", label="p"), True, True)
    body = "\n".join(s.text for s in doc.body_sentences)  # after the layout rules
    return body, {f: getattr(page, f) for f in FIELDS}


def measure(folder: Path) -> list[str]:
    import yaml

    gold = yaml.safe_load((folder / "pages.yaml").read_text(encoding="utf-8"))
    bodies: dict[str, Callable[[str], str]] = {
        "all <p> (BeautifulSoup)": _paragraphs_baseline,
        "trafilatura": lambda html: _trafilatura(html)[0],
        "chosen: body sentences": lambda html: _chosen(html)[0],
    }
    metas: dict[str, Callable[[str], dict[str, Any]]] = {
        "trafilatura metadata": lambda html: _trafilatura(html)[1],
        "htmldate (date only)": _htmldate,
        "JSON-LD + Open Graph": _page_markup,
        "chosen (webpage.extract)": lambda html: _chosen(html)[1],
    }
    pages = {name: (folder / name).read_text(encoding="utf-8") for name in sorted(gold)}
    out = [f"{len(pages)} labelled pages", "", f"{'article text':<28} passages  furniture leaked"]
    for label, fn in bodies.items():
        found = leaked = total = furniture = 0
        for name, html in pages.items():
            text = fn(html)
            total += len(gold[name]["body"])
            found += sum(str(p) in text for p in gold[name]["body"])
            furniture += len(gold[name]["furniture"])
            leaked += sum(str(p) in text for p in gold[name]["furniture"])
        out.append(f"{label:<28} {found:>3}/{total:<5} {leaked:>3}/{furniture}")
    out += ["", f"{'metadata':<28} " + " ".join(f"{f:>9}" for f in FIELDS)]
    for label, fn in metas.items():
        right = dict.fromkeys(FIELDS, 0)
        for name, html in pages.items():
            got = fn(html)
            for f in FIELDS:
                right[f] += f in got and got[f] == gold[name][f]
        cells = " ".join(
            f"{right[f]:>7}/{len(pages)}" if f in fn(next(iter(pages.values()))) else f"{'-':>9}"
            for f in FIELDS
        )
        out.append(f"{label:<28} {cells}")
    return out


if __name__ == "__main__":
    print("\n".join(measure(Path(sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/intake"))))
