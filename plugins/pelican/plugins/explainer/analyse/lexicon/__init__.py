"""Language word lists, one module per language.

Analyses ask :func:`lexicon` for the lists of a document's language; adding a
language is adding a module with the same names as :mod:`.en`.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from types import ModuleType


@cache
def lexicon(language: str = "en") -> ModuleType:
    return import_module(f"{__name__}.{language}")
