"""Source readers: turn files, folders, globs and stdin into RawArticle records.

Readers never raise for bad input: every input that cannot be used comes back as a
:class:`~storyline.records.Rejected` with the path, the line when known, and a one-line
reason.

>>> # iter_inputs(["articles/", "feed.xml", "-"])  # doctest: +SKIP
"""

from __future__ import annotations

import glob
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from storyline.errors import IngestError
from storyline.records import RawArticle, Rejected
from storyline.sources import feed, html, jsonl, text
from storyline.sources.common import DEFAULT_MAX_BYTES, read_bytes, rejected, size_reason, to_text

__all__ = ["EXTENSIONS", "iter_inputs", "read", "read_stdin"]

Reader = Callable[[str | Path, int], Iterator[RawArticle | Rejected]]

EXTENSIONS: dict[str, Reader] = {
    ".txt": text.read,
    ".text": text.read,
    ".html": html.read,
    ".htm": html.read,
    ".xhtml": html.read,
    ".jsonl": jsonl.read,
    ".ndjson": jsonl.read,
    ".json": jsonl.read,
    ".xml": feed.read,
    ".rss": feed.read,
    ".atom": feed.read,
}
_GLOB_CHARS = frozenset("*?[")
STDIN_NAME = "<stdin>"


def _sniff(path: Path, max_bytes: int) -> Reader:
    """Pick a reader for a named file whose extension is not a known one."""
    try:
        head = read_bytes(path, max_bytes)[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    except IngestError:
        return text.read  # the text reader reports the problem
    if head.startswith((b"<?xml", b"<rss", b"<feed")) and (b"<rss" in head or b"<feed" in head):
        return feed.read
    if head.startswith((b"<!doctype html", b"<html")):
        return html.read
    if head.startswith((b"{", b"[")):
        return jsonl.read
    return text.read


def read(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawArticle | Rejected]:
    """Read one file with the reader its extension names (sniffing unknown extensions)."""
    p = Path(path)
    reader = EXTENSIONS.get(p.suffix.lower()) or _sniff(p, max_bytes)
    yield from reader(p, max_bytes)


def read_stdin(
    stream: TextIO, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawArticle | Rejected]:
    """Articles from a stream: JSONL when every non-empty line starts with '{', else text."""
    try:
        data = stream.read(max_bytes + 1)
        if isinstance(data, bytes):  # a binary stream passed by mistake
            data = to_text(data, STDIN_NAME)
    except (OSError, UnicodeDecodeError) as err:
        yield Rejected(STDIN_NAME, None, f"cannot read standard input: {err}")
        return
    except IngestError as err:
        yield rejected(err)
        return
    too_big = size_reason(len(data.encode("utf-8", "replace")), max_bytes)
    if too_big:
        yield Rejected(STDIN_NAME, None, too_big)
        return
    if "\x00" in data:
        yield Rejected(STDIN_NAME, None, "binary input (NUL bytes)")
        return
    lines = [ln for ln in data.splitlines() if ln.strip()]
    if not lines:
        yield Rejected(STDIN_NAME, None, "empty input")
    elif all(ln.lstrip().startswith("{") for ln in lines):
        yield from jsonl.parse_lines(data, STDIN_NAME)
    else:
        try:
            yield text.parse_text(data, STDIN_NAME)
        except IngestError as err:
            yield rejected(err)


def _folder_files(folder: Path) -> list[Path]:
    """Files of a folder, recursively and sorted, skipping hidden ones and unknown types."""
    found: list[Path] = []
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if p.is_file() and p.suffix.lower() in EXTENSIONS:
            found.append(p)
    return found


def _expand(arg: str) -> Iterator[Path | Rejected]:
    p = Path(arg)
    if p.is_dir():
        files = _folder_files(p)
        if not files:
            yield Rejected(arg, None, "folder holds no readable files (.txt, .html, .jsonl, ...)")
        yield from files
    elif p.exists():
        yield p
    elif _GLOB_CHARS & set(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        files = [Path(m) for m in matches if Path(m).is_file()]
        if not files:
            yield Rejected(arg, None, "no files match the pattern")
        yield from files
    else:
        yield Rejected(arg, None, "no such file or folder")


def iter_inputs(
    paths: Sequence[str],
    stdin: TextIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[RawArticle | Rejected]:
    """Every article of every input: files, folders (recursive), glob patterns, '-' (stdin).

    Files inside folders with unknown extensions are skipped silently; a file named
    explicitly is read whatever its extension (the format is sniffed).
    """
    for arg in paths:
        if arg == "-":
            yield from read_stdin(stdin if stdin is not None else sys.stdin, max_bytes)
            continue
        for item in _expand(str(arg)):
            if isinstance(item, Rejected):
                yield item
            else:
                yield from read(item, max_bytes)
