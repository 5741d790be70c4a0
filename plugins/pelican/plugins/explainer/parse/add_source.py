"""``invoke add-source FILE --explainer SLUG``: copy a seed in and list it.

The content file gets one more item at the end of its top-level ``sources:``
list and is otherwise left byte for byte (``front_edit``). Every check runs
before anything is written. A lock file beside the content file serialises
runs, so two at once both land; the new content file replaces the old in one
rename, so a crash leaves the old file or the new one, never half of each.
"""

from __future__ import annotations

import codecs
import fcntl
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, safe_text, shown_path
from ..model import Document, SourceMeta
from .content import load_front_matter, parse_spec
from .front_edit import append_source
from .seed import parse_seed, slugify
from .text import normalise, read_text, visible
from .webpage import HTML_SUFFIXES

SEED_SUFFIXES = (".txt", *HTML_SUFFIXES)
LOCK_WAIT = 30.0  # seconds to wait for another add-source on the same file


@dataclass
class Added:
    content: Path
    seed: Path
    document: Document
    created: bool = False  # the content file was written by --new
    dated: bool = True  # --new found a date in the seed (else today stands in)

    def report(self, root: Path) -> list[str]:
        doc, meta = self.document, self.document.meta
        verb = "created" if self.created else "added"
        rows = [
            (verb, f"{shown_path(self.seed, root)} to {shown_path(self.content, root)}"),
            *([("title", doc.headline.text if doc.headline else None)] if self.created else []),
            ("label", meta.label if meta.label != self.seed.stem else None),
            ("headline", doc.headline.text if doc.headline else None),
            ("dek", doc.dek.text if doc.dek else None),
            ("dateline", doc.dateline),
            ("byline", meta.byline),
            (
                "date",
                " ".join(
                    filter(
                        None, [meta.published and meta.published.isoformat(), meta.published_time]
                    )
                ),
            ),
            ("publisher", meta.publisher),
            ("url", meta.link),
            ("sentences", str(len(doc.sentences))),
        ]
        # Seed text is the author's, not ours: escape what a terminal would act on.
        lines = [f"{name:<10} {safe_text(value or 'not detected', 300)}" for name, value in rows]
        if not self.dated:
            lines.append("note       no date detected: published is today's; correct it")
        return lines


def _content_file(folder: Path, slug: str) -> Path:
    """The explainer's content file, read as the build reads it (a BOM, CRLF)."""
    for path in sorted(folder.glob("*.md")):
        try:
            data, _, _ = load_front_matter(read_text(path), str(path))
        except (InputError, OSError):
            continue
        if str(data.get("slug", "")).strip() == slug:
            return path
    raise InputError(f"{folder.parent.name}/{folder.name}", f"no explainer with slug {slug!r}")


@contextmanager
def _locked(target: Path, shown: str) -> Iterator[None]:
    """Hold an exclusive lock on a file beside ``target`` (never deleted: a waiter
    could otherwise lock a file that a third run has already replaced)."""
    fd = os.open(target.with_name(f".{target.name}.lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise InputError(
                        shown, "another add-source is still editing this file; try again"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # releases the lock


def _decode(data: bytes, shown: str) -> tuple[str, bool, str]:
    """The file as text with LF line endings, whether it had a UTF-8 BOM, and its line ending."""
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        text = data[len(codecs.BOM_UTF8) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(shown, "add-source edits UTF-8 files only; re-save it as UTF-8") from None
    if "\r" not in text:
        return text, bom, "\n"
    lf = text.replace("\r\n", "\n")
    if "\r" in lf or lf.count("\n") != text.count("\r\n"):
        # Writing it back with one kind would change every other line.
        raise InputError(shown, "mixed line endings; save it with one kind first")
    return lf, bom, "\r\n"


def _write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one rename, keeping its permissions."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _copy_new(file: Path, seed: Path, rel: str) -> None:
    """Copy ``file`` to ``seed``, which must not exist: written aside, then linked
    into place, so a seed of that name that appeared meanwhile is never overwritten."""
    fd, tmp = tempfile.mkstemp(dir=seed.parent, prefix=f".{seed.name}.", suffix=".tmp")
    os.close(fd)
    try:
        shutil.copyfile(file, tmp)
        os.link(tmp, seed)
    except FileExistsError:
        raise InputError(rel, "a different seed of that name exists; rename the file") from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def _check_seed_file(file: Path) -> None:
    if not file.is_file():
        raise InputError(str(file), "file not found")
    if file.suffix.lower() not in SEED_SUFFIXES:
        raise InputError(
            str(file), f"unknown file type {file.suffix or '(none)'!r}: use .txt or .html"
        )


def _parse_new(file: Path) -> tuple[Document, str | None]:
    """The seed parsed as the build will, and the label its outlet gives it (or None)."""
    meta = SourceMeta(path=str(file), id=slugify(file.stem), label=file.stem, label_given=False)
    document = parse_seed(file, meta)
    label = document.meta.label if document.meta.label != file.stem else None
    return document, label


def add_source(file: Path, slug: str, root: Path, new: bool = False) -> Added:
    """Copy ``file`` into ``seeds/`` and list it in the explainer ``slug``; or InputError.

    ``new``: start the explainer, writing its content file (see :mod:`.new_explainer`)."""
    if new:
        from .new_explainer import create

        _check_seed_file(file)
        return create(file, slug, root)
    found = _content_file(root / "content" / "explainers", slug)
    shown = shown_path(found, root)
    _check_seed_file(file)
    content = found.resolve()  # a content file may be a link: edit what it points to
    with _locked(content, shown):
        return _add_locked(file, content, shown, root)


def _add_locked(file: Path, content: Path, shown: str, root: Path) -> Added:
    seed = root / "seeds" / file.name
    rel = seed.relative_to(root).as_posix()
    raw = content.read_bytes()
    text, bom, newline = _decode(raw, shown)
    spec = parse_spec(normalise(text), shown, root)
    source_id = slugify(file.stem)
    if any(s.path == rel or s.id == source_id for s in spec.sources):
        raise InputError(shown, f"already lists a source {rel!r} (id {source_id!r})")
    if seed.exists() and seed.resolve() != file.resolve():
        raise InputError(rel, "a different seed of that name exists; rename the file")
    document, label = _parse_new(file)
    # The label is the outlet and kind ("Example Agency wire"), never the headline; without an
    # outlet the build names the source by its file until the author writes a label.
    item = {"path": rel, **({"label": visible(label)} if label else {})}
    updated = append_source(text, item, shown)
    data = (codecs.BOM_UTF8 if bom else b"") + updated.replace("\n", newline).encode("utf-8")

    copied = not seed.exists()
    if copied:
        seed.parent.mkdir(parents=True, exist_ok=True)
        _copy_new(file, seed, rel)
    try:
        parse_spec(normalise(updated), shown, root)  # the edit must still be a valid content file
        if content.read_bytes() != raw:  # an editor saved it meanwhile: keep their version
            raise InputError(shown, "changed while the source was being added; run again")
        _write_atomically(content, data)
    except BaseException:
        if copied:
            seed.unlink(missing_ok=True)
        raise
    return Added(content, seed, document)
