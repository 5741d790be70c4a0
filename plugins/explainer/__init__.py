"""Explainer microsites from raw article seeds.

The data path is parse → analyse → one explainer model → render. Only
:mod:`explainer.pelican_glue` knows Pelican; everything else is plain Python.
"""


def register() -> None:
    """Pelican plugin entry point (imported lazily so analysis stays Pelican-free)."""
    from .pelican_glue import register as _register

    _register()
