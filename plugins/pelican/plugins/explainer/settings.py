"""The plugin's one setting, ``EXPLAINER = {...}``: defaults, types and validation.

As with the sitemap plugin's ``SITEMAP``, a site sets only the keys it changes::

    EXPLAINER = {"workers": 2, "feed_atom": None}

An unknown key, a wrong type, or one of the flat ``EXPLAINER_*`` settings this
replaced stops the build with one line naming the setting.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .guard import Budget
from .output_paths import PatternError, check_pattern, check_settings
from .urls import PATTERNS

NAME = "EXPLAINER"


@dataclass(frozen=True)
class Option:
    default: Any
    kind: type | tuple[type, ...]
    nullable: bool = False  # None is allowed (and means "off" or "unbounded")
    positive: bool = False  # numbers must be > 0
    meaning: str = ""
    fields: tuple[str, ...] | None = None  # a URL or save-as pattern with these fields
    probability: bool = False  # a number from 0 to 1
    # Bounds for a number: beyond them a value is a typo (10**30, inf), or too
    # large for the system call that applies it (setitimer, setrlimit).
    low: float | None = None
    high: float | None = None

    def describe(self) -> str:
        kinds = self.kind if isinstance(self.kind, tuple) else (self.kind,)
        words = {str: "a string", int: "a whole number", float: "a number", bool: "True or False"}
        text = " or ".join(words[k] for k in kinds if k in words)
        if self.positive:
            text = text.replace("a whole number", "a whole number above 0").replace(
                "a number", "a number above 0"
            )
        if self.probability:
            text = "a number from 0 to 1"
        if self.high is not None:
            most = f"{self.high:,}"
            if kinds == (int,) and self.low == 1:
                text += f" and at most {most}"
            else:
                text = text.replace(" above 0", "") + f" from {self.low:g} to {most}"
        return f"{text} or None" if self.nullable else text


OPTIONS: dict[str, Option] = {
    "root": Option(None, str, nullable=True, meaning="where seed paths start; None: PATH's parent"),
    "explainers_dir": Option("explainers", str, meaning="explainer content files, under PATH"),
    "glossary_dir": Option("glossary", str, meaning="glossary entries, under PATH"),
    "max_seed_bytes": Option(
        2_000_000, int, positive=True, low=1, high=10**9, meaning="larger seeds stop the build"
    ),
    "max_line_chars": Option(
        20_000, int, positive=True, low=1, high=10**9, meaning="longer lines stop the build"
    ),
    "feed_atom": Option(
        "feeds/explainers.atom.xml", str, nullable=True, meaning="the explainer feed; None: none"
    ),
    "search": Option(True, bool, meaning="build the Pagefind search index"),
    "cache_dir": Option(
        ".cache/explainer", str, nullable=True, meaning="build cache under root; None disables"
    ),
    "workers": Option(
        None,
        int,
        nullable=True,
        positive=True,
        low=1,
        high=1024,
        meaning="analysing processes; None: every CPU",
    ),
    "max_memory_mb": Option(
        Budget.memory_mb,
        int,
        nullable=True,
        positive=True,
        low=1,
        high=2**20,  # 1 TiB
        meaning="per explainer's analysis",
    ),
    "max_seconds": Option(
        Budget.seconds,
        (int, float),
        nullable=True,
        positive=True,
        low=0.001,  # a shorter timer is below what the system can time
        high=7 * 86_400,
        meaning="per explainer",
    ),
    "publish_threshold": Option(
        None,
        (int, float),
        nullable=True,
        probability=True,
        meaning="the page shows items at least this sure; None: the calibrated default",
    ),
    "livereload_port": Option(
        None, int, nullable=True, positive=True, low=1, high=65_535, meaning="set by `invoke serve`"
    ),
}
for _kind, (_url, _save_as, _fields) in PATTERNS.items():
    OPTIONS[f"{_kind}_url"] = Option(_url, str, meaning=f"each {_kind} page's URL", fields=_fields)
    OPTIONS[f"{_kind}_save_as"] = Option(
        _save_as, str, meaning=f"the file written for each {_kind} page", fields=_fields
    )

# The flat settings ``EXPLAINER`` replaced, and the key each became.
RENAMED: dict[str, str] = {
    "EXPLAINER_ROOT": "root",
    "EXPLAINER_DIR": "explainers_dir",
    "GLOSSARY_DIR": "glossary_dir",
    "EXPLAINER_MAX_SEED_BYTES": "max_seed_bytes",
    "EXPLAINER_MAX_LINE_CHARS": "max_line_chars",
    "EXPLAINER_FEED_ATOM": "feed_atom",
    "EXPLAINER_SEARCH": "search",
    "EXPLAINER_CACHE_DIR": "cache_dir",
    "EXPLAINER_WORKERS": "workers",
    "EXPLAINER_MAX_MEMORY_MB": "max_memory_mb",
    "EXPLAINER_MAX_SECONDS": "max_seconds",
    "EXPLAINER_LIVERELOAD_PORT": "livereload_port",
}


class SettingError(Exception):
    """A bad value in the site's settings; printed as ``error: setting: message``."""

    one_line = True
    exitcode = 2

    def __init__(self, setting: str, message: str):
        super().__init__(f"{setting}: {message}")


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _valid(option: Option, value: Any) -> bool:
    if value is None:
        return option.nullable
    kinds = option.kind if isinstance(option.kind, tuple) else (option.kind,)
    if isinstance(value, bool) and bool not in kinds:
        return False  # True is an int to Python, not a number of workers
    if not isinstance(value, kinds):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    if option.probability and not 0 <= value <= 1:
        return False  # NaN fails this too
    if option.high is not None and not option.low <= value <= option.high:  # type: ignore[operator]
        return False
    return not (option.positive and value <= 0)


def explainer_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """``settings["EXPLAINER"]`` checked and completed with the defaults."""
    for old, key in RENAMED.items():
        if old in settings:
            raise SettingError(old, f'replaced by {NAME}["{key}"]; move the value there')
    given = settings.get(NAME) or {}
    if not isinstance(given, dict):
        raise SettingError(NAME, f"expected a dict of options, got {_shown(given)}")
    values: dict[str, Any] = {}
    for key, value in given.items():
        option = OPTIONS.get(key) if isinstance(key, str) else None
        setting = f'{NAME}["{key}"]' if isinstance(key, str) else f"{NAME}[{_shown(key)}]"
        if option is None:
            raise SettingError(setting, f"unknown option (known: {', '.join(OPTIONS)})")
        if not _valid(option, value):
            raise SettingError(setting, f"expected {option.describe()}, got {_shown(value)}")
        if option.fields is not None or (key == "feed_atom" and value is not None):
            try:
                check_pattern(value, option.fields or (), file=not key.endswith("_url"))
            except PatternError as exc:
                raise SettingError(setting, str(exc)) from None
        values[key] = value
    options = {key: values.get(key, option.default) for key, option in OPTIONS.items()}
    # Patterns that are each fine can still put two pages on one file.
    if clash := check_settings(options, settings.get("THEME_STATIC_DIR") or "theme"):
        key, message = clash
        raise SettingError(f'{NAME}["{key}"]', message)
    return options
