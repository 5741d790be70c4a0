"""Other plugins extend an explainer through the plugin's own signals, and their
``finalized`` handlers still write into the output the plugin swaps into place."""

from __future__ import annotations

import json
from pathlib import Path

from tinysite import build, write_project

EXTENDER = """
import json
from pathlib import Path

from pelican import signals
from pelican.plugins.explainer.signals import before_rendering, explainers_analysed

seen = {}


def analysed(state, explainers):
    seen["analysed"] = [ex.slug for ex in explainers]


def rendering(state, explainers, glossary):
    seen["rendering"] = [len(explainers), len(glossary)]


def finalized(pelican_object):
    # Connected after the explainer plugin's own handlers: must still land in the output.
    out = Path(pelican_object.output_path)
    (out / "extender.json").write_text(json.dumps(seen), encoding="utf-8")


def register():
    explainers_analysed.connect(analysed)
    before_rendering.connect(rendering)
    signals.finalized.connect(finalized)
"""


def test_another_plugin_hears_the_signals_and_writes_into_the_swapped_output(
    tmp_path: Path,
) -> None:
    write_project(tmp_path / "site")
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "extender.py").write_text(EXTENDER, encoding="utf-8")
    result = build(
        tmp_path / "site",
        PLUGIN_PATHS=[str(tmp_path / "plugins")],
        PLUGINS=["pelican.plugins.explainer", "pelican.plugins.sitemap", "extender"],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = tmp_path / "site" / "output"
    assert json.loads((out / "extender.json").read_text(encoding="utf-8")) == {
        "analysed": ["tiny"],
        "rendering": [1, 0],
    }
    assert (out / "sitemap.xml").is_file() and (
        out / "explainers" / "tiny" / "index.html"
    ).is_file()
    assert list((tmp_path / "site").glob(".output.*")) == []


def test_the_build_ends_with_the_plugins_own_summary_line(tmp_path: Path) -> None:
    write_project(tmp_path)
    result = build(tmp_path, EXPLAINER={"workers": 1})
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith(
        "Done: 1 explainer from 2 sources, 8 pages (8 rendered, 0 unchanged) in "
    )
    assert "Processed 0 articles" not in result.stdout + result.stderr
