"""Explainer microsites from raw article seeds: a Pelican plugin.

Install the distribution and add ``"pelican.plugins.explainer"`` to ``PLUGINS``.
The data path is parse → analyse → one explainer model → render. Only
:mod:`pelican.plugins.explainer.pelican_glue` knows Pelican; everything else is plain Python.
"""

from pathlib import Path

# Shipped with the package: every template is named ``explainer/...`` so that a
# theme overrides one by providing ``templates/explainer/<same name>``.
TEMPLATES = Path(__file__).resolve().parent / "templates"
# Copied into the output's THEME_STATIC_DIR before the theme's own static files
# (generators.StaticFilesGenerator).
STATIC = Path(__file__).resolve().parent / "static"


def register() -> None:
    """Pelican plugin entry point (imported lazily so analysis stays Pelican-free)."""
    from .pelican_glue import register as _register

    _register()
