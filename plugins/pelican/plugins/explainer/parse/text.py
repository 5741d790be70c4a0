"""Bytes to clean text: encodings, BOMs, line endings and size limits."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from ..errors import InputError

# A news article is a few KB; these limits stop a mistaken file (a dump, a
# binary) from stalling the build. Both can be raised in settings.
MAX_BYTES = 2_000_000
MAX_LINE_CHARS = 20_000

# More control characters than this share of the text means it is not article text.
CONTROL_SHARE = 0.1
_LAYOUT = frozenset("\t\n\r\f\v")
# C0/C1 controls and DEL (JSON-LD escapes such as \u001b or \u0000 decode to
# them), bidi embeddings, overrides, isolates and marks (they reorder what a
# reader or a terminal shows), and a stray BOM. Zero-width joiners stay: some
# scripts need them.
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def visible(text: str) -> str:
    """``text`` as one line of what it shows: hidden characters dropped, white space collapsed."""
    return " ".join(_HIDDEN.sub(" ", text).split())


# Each BOM with the codec for the bytes after it: decoding those alone keeps an
# error's offset a plain count from the BOM's end (utf-8-sig's is not).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _undecodable(
    data: bytes, exc: UnicodeDecodeError, path: str | Path, encoding: str, skip: int = 0
) -> InputError:
    """The error for bytes that do not decode: the line, the offending bytes and
    their place in the file (counted from 1, a BOM included), so any editor can find them."""
    start = skip + exc.start
    before = data[skip:start].decode(encoding, errors="replace")
    bad = " ".join(f"0x{b:02x}" for b in data[start : skip + max(exc.end, exc.start + 1)][:4])
    name = encoding.upper()[:6]  # "UTF-16", without the byte order
    return InputError(
        path,
        f"not valid {name} ({'byte' if ' ' not in bad else 'bytes'} {bad}) at byte {start + 1:,};"
        " re-save the file as UTF-8",
        line=before.count("\n") + 1,
    )


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 saved without a BOM (some Windows tools do this): mostly-Latin text
    then has a NUL in every other byte, on the high side of each code unit."""
    sample = data[:4096]
    if len(data) % 2 or len(sample) < 4:
        return None
    low, high = (sample[0::2], sample[1::2])
    half = len(sample) // 2
    if high.count(0) >= 0.6 * half and low.count(0) == 0:
        return "utf-16-le"
    if low.count(0) >= 0.6 * half and high.count(0) == 0:
        return "utf-16-be"
    return None


def decode(data: bytes, path: str | Path) -> str:
    """Decode seed bytes as UTF-8 or UTF-16 (any BOM honoured), or raise InputError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise _undecodable(data, exc, path, encoding, len(bom)) from None
    if encoding := _bomless_utf16(data):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: report it as binary below
    if b"\x00" in data[:4096]:
        raise InputError(path, "looks like a binary file (NUL bytes), not article text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _undecodable(data, exc, path, "utf-8") from None
    # A stray control character is tolerated (normalise() blanks it), but text
    # made of them is a binary file or another encoding read as UTF-8.
    sample = text[:4096]
    controls = sum(1 for ch in sample if ch not in _LAYOUT and unicodedata.category(ch) == "Cc")
    if controls > CONTROL_SHARE * len(sample):
        raise InputError(path, "looks like a binary file (control characters), not article text")
    return text


def normalise(text: str) -> str:
    """NFC, LF line endings, no stray control characters."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    keep = {"\n", "\t"}
    return "".join(ch if ch in keep or unicodedata.category(ch) != "Cc" else " " for ch in text)


def read_text(
    path: Path,
    display: str | None = None,
    max_bytes: int = MAX_BYTES,
    max_line: int = MAX_LINE_CHARS,
) -> str:
    """Read, decode and normalise one text file, checking it is article-sized."""
    shown = display or str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(shown, "file not found") from None
    except OSError as exc:
        raise InputError(shown, f"cannot read: {exc.strerror}") from None
    if not path.is_file():
        raise InputError(shown, "not a regular file")
    if size > max_bytes:
        raise InputError(shown, f"is {size:,} bytes; the limit for one article is {max_bytes:,}")
    text = normalise(decode(path.read_bytes(), shown))
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > max_line:
            raise InputError(
                shown, f"line is {len(line):,} characters long (limit {max_line:,})", line=number
            )
    return text
