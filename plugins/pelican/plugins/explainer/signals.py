"""The plugin's own signals, so that other Pelican plugins can extend an explainer.

Connect a receiver in your plugin's ``register()``::

    from pelican.plugins.explainer.signals import explainers_analysed

    def add_note(state, explainers):
        for explainer in explainers:
            ...

    def register():
        explainers_analysed.connect(add_note)

Both are sent with the :class:`~pelican.plugins.explainer.state.BuildState`
as sender.
"""

from __future__ import annotations

from blinker import signal

# After analysis and the glossary stage, before the explainers reach the
# context: ``explainers`` (newest first) may be changed in place.
explainers_analysed = signal("explainer_explainers_analysed")
# Before any explainer page is rendered: ``explainers`` and ``glossary`` are final.
before_rendering = signal("explainer_before_rendering")
