"""Which files a build may read: content under ``content/``, seeds inside the
project, never in a dot-folder (``.git``, ``.cache``), never through a link
that leads elsewhere, never a device or pipe. Checked before a byte is read."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import InputError, shown_path


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts[:-1])


def content_files(directory: Path, content: Path, root: Path) -> list[Path]:
    """The ``*.md`` files of ``directory``, each one resolving inside ``content``."""
    if not directory.is_dir():
        return []
    inside = content.resolve()
    files = []
    for path in sorted(directory.glob("*.md")):
        target = path.resolve()
        if not target.is_relative_to(inside) or _hidden(target.relative_to(inside)):
            raise InputError(
                shown_path(path, root), f"links to {target}, outside {shown_path(content, root)}/"
            )
        if path.is_file():
            files.append(path)
    return files


def seed_problem(root: Path, name: str) -> str | None:
    """Why the seed ``name`` (relative to ``root``) may not be read; None if it may."""
    given = Path(name)
    target = (root / given).resolve()
    if given.is_absolute() or not target.is_relative_to(root.resolve()):
        return f"seed path {name!r} points outside the project"
    if _hidden(given) or _hidden(target.relative_to(root.resolve())):
        return f"seed path {name!r} is inside a hidden folder"
    return None


def read_seed(root: Path, name: str, max_bytes: int) -> bytes | None:
    """The seed's bytes if it is a confined regular file of at most ``max_bytes``.

    Opened without blocking and checked on the open file, so a pipe or a
    device put in its place is never read from."""
    if seed_problem(root, name):
        return None
    try:
        fd = os.open(root / name, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return None
        data = handle.read(max_bytes + 1)
    return data if len(data) <= max_bytes else None
