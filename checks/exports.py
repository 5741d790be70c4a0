"""Every JSON export validates against the schema, and its cites resolve.

Beyond the schema: every ``cites``/``mentions`` id is a sentence of the same
export, sentence ids are unique, and every ``url`` leads to an existing page
and anchor of the site.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from . import ROOT, CheckResult
from .links import site_url_problem

SCHEMA = ROOT / "schema" / "explainer.schema.json"
ID_LISTS = ("cites", "mentions")


def validator(schema_path: Path = SCHEMA) -> Draft202012Validator:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _walk(value: Any, where: str = "") -> Iterator[tuple[str, str, Any]]:
    """(json path, key, value) for every key in nested objects and lists."""
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{where}/{key}"
            yield path, key, item
            yield from _walk(item, path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{where}/{index}")


def export_problems(data: Any, site: Path | None = None) -> list[str]:
    """What is wrong with one export beyond (and including) its schema."""
    problems = [
        f"{'/' + '/'.join(map(str, err.absolute_path))}: {err.message}"
        for err in sorted(validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    ]
    if not isinstance(data, dict):
        return problems or ["not a JSON object"]
    sentence_ids: list[str] = [
        str(s.get("id"))
        for src in data.get("sources") or []
        if isinstance(src, dict)
        for s in src.get("sentences") or []
        if isinstance(s, dict)
    ]
    known = set(sentence_ids)
    if len(known) != len(sentence_ids):
        problems.append("/sources: sentence ids are not unique")
    cache: dict[Path, set[str]] = {}
    for path, key, value in _walk(data):
        if key in ID_LISTS and isinstance(value, list):
            for cid in value:
                if cid not in known:
                    problems.append(f"{path}: cites {cid!r}, which is no sentence of this export")
        elif site is not None and key.endswith("url") and isinstance(value, str):
            why = site_url_problem(site, value, cache)
            if why:
                problems.append(f"{path}: {value!r} ({why})")
    return problems


def check(site: Path) -> CheckResult:
    files = sorted((site / "data").glob("*.json"))
    result = CheckResult("exports", len(files), "JSON exports")
    cites = 0
    for path in files:
        shown = path.relative_to(site).as_posix()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            result.problems.append(f"{shown}: not valid JSON ({exc})")
            continue
        cites += sum(len(v) for _, k, v in _walk(data) if k in ID_LISTS and isinstance(v, list))
        result.problems += [f"{shown}{p}" for p in export_problems(data, site)]
    result.counts["cites"] = cites
    result.notes.append(f"{cites} cites resolved")
    return result
