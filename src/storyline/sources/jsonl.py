"""JSON Lines (.jsonl) and JSON (.json) article records.

One object per line, or a JSON list of objects, or a single object.  Fields: ``text`` or
``html`` (one is required); optional ``id`` (becomes ``source_id``), ``url``, ``title``,
``author``, ``published``, ``source``.  A bad line is rejected with its 1-based line
number and the other lines are still read.  An unparseable ``published`` is dropped, the
record is kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storyline.errors import IngestError
from storyline.records import RawArticle, Rejected
from storyline.sources.common import DEFAULT_MAX_BYTES, load_text, normalise_date, rejected
from storyline.sources.html import from_html

_ID_FIELDS = ("id", "source_id", "guid")
_DATE_FIELDS = ("published", "date", "published_at", "pubDate")


def _field(obj: dict[str, Any], *names: str) -> str | None:
    for name in names:
        value = obj.get(name)
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def record_to_article(obj: object, path: str, line: int | None) -> RawArticle:
    """A RawArticle from one decoded JSON record; IngestError when it has no usable body."""
    if not isinstance(obj, dict):
        raise IngestError(path, f"record is a JSON {type(obj).__name__}, not an object", line)
    text, html = obj.get("text"), obj.get("html")
    if text is None and html is None:
        raise IngestError(path, "record has neither 'text' nor 'html'", line)
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            raise IngestError(path, f"record field '{name}' is not a string", line)
    published = normalise_date(_field(obj, *_DATE_FIELDS))
    meta: dict[str, str | None] = {
        "source_id": _field(obj, *_ID_FIELDS),
        "title": _field(obj, "title", "headline"),
        "author": _field(obj, "author", "byline"),
        "source": _field(obj, "source", "outlet", "site"),
        "published": published,
        "published_source": "metadata" if published else None,
    }
    url = _field(obj, "url", "link")
    if isinstance(text, str) and text.strip():
        return RawArticle(path=path, text=text, url=url, line=line, **meta)
    if isinstance(html, str) and html.strip():
        return from_html(html, path, url=url, line=line, meta=meta)
    raise IngestError(path, "record has an empty 'text'", line)


def _decode_error(err: json.JSONDecodeError) -> str:
    return f"not valid JSON: {err.msg} (column {err.colno})"


def parse_lines(text: str, path: str) -> Iterator[RawArticle | Rejected]:
    """Records of JSON Lines text, one per non-empty line."""
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
            yield record_to_article(obj, path, number)
        except json.JSONDecodeError as err:
            yield Rejected(path, number, _decode_error(err))
        except IngestError as err:
            yield rejected(err)


def parse_array(text: str, path: str) -> Iterator[RawArticle | Rejected]:
    """Records of a JSON list; each record knows the line it starts on."""
    decoder = json.JSONDecoder()
    try:
        json.loads(text)  # whole-file validation gives the exact error position
    except json.JSONDecodeError as err:
        yield Rejected(path, err.lineno, _decode_error(err))
        return
    pos = text.index("[") + 1
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            return
        obj, end = decoder.raw_decode(text, pos)
        yield from _safe(obj, path, text.count("\n", 0, pos) + 1)
        pos = end


def _safe(obj: object, path: str, line: int) -> Iterator[RawArticle | Rejected]:
    try:
        yield record_to_article(obj, path, line)
    except IngestError as err:
        yield rejected(err)


def parse(text: str, path: str, json_lines: bool = True) -> Iterator[RawArticle | Rejected]:
    """Records of JSON Lines text, or (``json_lines=False``) of a JSON document.

    A JSON document that is a list gives one record per element; a single object gives
    one record; anything else is read line by line.
    """
    text = text.lstrip("\ufeff")
    if json_lines:
        yield from parse_lines(text, path)
        return
    stripped = text.lstrip()
    if stripped.startswith("["):
        yield from parse_array(text, path)
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        yield from parse_lines(text, path)
        return
    yield from _safe(obj, path, text.count("\n", 0, len(text) - len(stripped)) + 1)


def read(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawArticle | Rejected]:
    """Yield every record of a .jsonl/.json file; bad records come as Rejected with a line."""
    try:
        text = load_text(Path(path), max_bytes)
    except IngestError as err:
        yield rejected(err)
        return
    found = False
    json_lines = Path(path).suffix.lower() != ".json"
    for item in parse(text, str(path), json_lines):
        found = True
        yield item
    if not found:
        yield Rejected(str(path), None, "no records found")
