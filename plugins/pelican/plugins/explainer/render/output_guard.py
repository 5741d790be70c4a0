"""What a build may replace: refuse an output folder that holds anything but a site.

The atomic swap (:mod:`.staging`) replaces the whole output folder, so pointing
it at the wrong place would delete the user's work. Before anything is built,
and again just before the swap, the output folder must:

* not be, or contain, the project root, ``content/``, the settings file or a seed
  (``pelican content -o .`` would otherwise replace the project);
* not be a symbolic link (replacing it would empty the folder it points to);
* hold only what earlier builds wrote, as listed in the manifest each build
  leaves in it (:data:`MANIFEST`), plus the top-level names in Pelican's
  ``OUTPUT_RETENTION``, which are carried into the new output as Pelican keeps them.

An empty or missing folder is always fine.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

from .staging import OutputError

# Kept in the output so a copied or moved site is still recognised as one of ours.
MANIFEST = ".explainer-output.json"
_WRITER = "pelican-explainer"
_SHOWN = 3  # foreign files named in the error line


def output_path(given: str | os.PathLike[str]) -> Path:
    """The output folder as an absolute path, its parents resolved but not the folder
    itself: a symlinked output must be seen as a link, never as the folder it points to."""
    path = Path(os.path.abspath(given))
    return path.parent.resolve() / path.name


def settings_file() -> Path | None:
    """The settings file Pelican was started with, or None when it is not known.

    Pelican does not keep this path in the settings; its ``get_instance()`` holds
    it while it creates the Pelican object that sends ``initialized``."""
    frame = sys._getframe()
    while frame is not None:
        if frame.f_code.co_name == "get_instance" and frame.f_globals.get("__name__") == "pelican":
            config = frame.f_locals.get("config_file")
            return Path(config).resolve() if config else None
        frame = frame.f_back  # type: ignore[assignment]
    return None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_location(final: Path, protected: Iterable[tuple[str, Path | None]]) -> None:
    """Refuse an output that is a symlink, or is or contains a ``protected`` path
    (``(what, path)`` pairs: the project root, ``content/``, the settings file, seeds)."""
    if final.is_symlink():
        raise OutputError(
            f"{final}: the output folder is a symbolic link; set OUTPUT_PATH to a real folder"
            " (a link is never followed, so the folder it points to is never replaced)"
        )
    resolved = final.resolve()
    for what, path in protected:
        if path is not None and _inside(path.resolve(), resolved):
            verb = "is" if path.resolve() == resolved else "contains"
            raise OutputError(
                f"{final}: the output folder {verb} {what} ({path}); a build replaces the"
                " whole output folder, so choose another OUTPUT_PATH (e.g. output)"
            )


def retained(retention: Iterable[str] | None) -> set[str]:
    """``OUTPUT_RETENTION``: names directly in the output folder (Pelican compares names)."""
    return {
        name
        for name in retention or ()
        if isinstance(name, str) and name not in ("", ".", "..") and "/" not in name
    }


def _entries(folder: Path) -> list[str]:
    """Every file, folder and link under ``folder``, relative; links are not followed."""
    found = []
    for top, dirs, files in os.walk(folder):
        base = Path(top).relative_to(folder)
        found += [(base / name).as_posix() for name in (*dirs, *files)]
    return found


def _manifest(final: Path) -> set[str]:
    """What earlier builds wrote into ``final``; empty when no valid manifest is there."""
    try:
        data = json.loads((final / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(data, dict) or data.get("written_by") != _WRITER:
        return set()
    paths = data.get("paths")
    return {p for p in paths if isinstance(p, str)} if isinstance(paths, list) else set()


def check_contents(final: Path, retention: set[str]) -> None:
    """Refuse an output folder holding anything a build did not write and may not drop."""
    if not final.is_dir() or final.is_symlink():
        return  # missing (fine) or not a folder (the staging checks say so)
    ours = _manifest(final)
    foreign = sorted(
        path
        for path in _entries(final)
        if path != MANIFEST and path not in ours and path.split("/")[0] not in retention
    )
    if foreign:
        shown = ", ".join(foreign[:_SHOWN]) + (
            f" and {len(foreign) - _SHOWN} more" if len(foreign) > _SHOWN else ""
        )
        raise OutputError(
            f"{final}: the output folder holds files no build of this site wrote ({shown});"
            " a build replaces the whole folder, so move them out, keep them with"
            " OUTPUT_RETENTION, or delete the folder if it is an old build"
        )


def record(staging: Path) -> None:
    """Write the manifest of everything this build wrote (call before carrying retained files)."""
    paths = sorted(p for p in _entries(staging) if p != MANIFEST)
    text = json.dumps({"written_by": _WRITER, "paths": paths}, indent=0)
    (staging / MANIFEST).write_text(text + "\n", encoding="utf-8")


def carry_retained(final: Path, staging: Path, retention: set[str]) -> None:
    """Put the user's ``OUTPUT_RETENTION`` entries into the new output before the swap.

    They are hard-linked (copied across file systems), never moved: until the
    swap succeeds the old output keeps them, so a failure loses nothing."""
    if not retention or not final.is_dir() or final.is_symlink():
        return
    ours = _manifest(final)
    for name in sorted(retention):
        source, target = final / name, staging / name
        if not os.path.lexists(source) or name in ours:
            continue  # absent, or an earlier build wrote it: this build's version stands
        if os.path.lexists(target):
            raise OutputError(
                f"{source}: kept by OUTPUT_RETENTION, but this build writes {name} too;"
                " remove one of them"
            )
        if source.is_dir() and not source.is_symlink():
            shutil.copytree(source, target, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(str(source), str(target))


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
            raise
        shutil.copy2(source, target, follow_symlinks=False)
