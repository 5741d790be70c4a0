"""Compiled templates are kept on disk per installed version and per the options
they were compiled with: a second build loads them instead of compiling, a damaged
file is compiled afresh, and other syntax options never reuse them."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from pelican.plugins.explainer.render.templating import SharedBytecode

SOURCE = {"page.html": "{% if x %}\n<p>{{ x }}</p>\n{% endif %}\n"}


def environment(store: Path, **options: object) -> tuple[Environment, list[str]]:
    """A fresh environment (a new build) over ``store``, counting what it compiles."""
    env = Environment(
        loader=DictLoader(SOURCE), bytecode_cache=SharedBytecode(store), autoescape=True, **options
    )
    compiled: list[str] = []
    original = env.compile

    def counting(source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[no-untyped-def]
        compiled.append(name)
        return original(source, name, filename, raw, defer_init)

    env.compile = counting  # type: ignore[method-assign]
    return env, compiled


def test_a_second_build_loads_compiled_templates(tmp_path: Path) -> None:
    first, compiled = environment(tmp_path)
    assert first.get_template("page.html").render(x="<b>") == "\n<p>&lt;b&gt;</p>\n"
    assert compiled == ["page.html"]
    second, compiled = environment(tmp_path)
    assert second.get_template("page.html").render(x="<b>") == "\n<p>&lt;b&gt;</p>\n"
    assert compiled == []


def test_other_options_compile_their_own(tmp_path: Path) -> None:
    environment(tmp_path)[0].get_template("page.html")
    trimmed, compiled = environment(tmp_path, trim_blocks=True)
    assert trimmed.get_template("page.html").render(x=1) == "<p>1</p>\n"
    assert compiled == ["page.html"]


@pytest.mark.parametrize("damage", [b"", b"garbage", None])
def test_a_damaged_file_is_compiled_afresh(tmp_path: Path, damage: bytes | None) -> None:
    environment(tmp_path)[0].get_template("page.html")
    (stored,) = tmp_path.iterdir()
    data = stored.read_bytes()
    stored.write_bytes(data[: len(data) // 2] if damage is None else damage)
    again, compiled = environment(tmp_path)
    assert again.get_template("page.html").render(x=2) == "\n<p>2</p>\n"
    assert compiled == ["page.html"]
    assert stored.read_bytes() == data  # rewritten whole


def test_a_read_only_store_keeps_compiled_code_in_memory(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a directory")
    env, _ = environment(tmp_path / "file" / "store")
    assert env.get_template("page.html").render(x=3) == "\n<p>3</p>\n"
    assert env.bytecode_cache.directory is None  # type: ignore[union-attr]
