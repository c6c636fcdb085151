"""Plain-text articles (.txt).

The file is UTF-8 (with or without a BOM), UTF-16 with a BOM, or a single-byte Western
encoding (cp1252, then Latin-1).  A first line of the form `` date YYYY-MM-DD`` (leading
space and a colon optional) gives the publication date; body text may follow on the same
line and is kept, the header itself is not body text.  A first line that is only a web
address (as scrapers save a page: ``https://outlet.example/2025/03/05/slug``) is the
article's URL, not body text; a date in its path dates the article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from storyline.errors import IngestError
from storyline.records import RawArticle, Rejected
from storyline.sources.common import DEFAULT_MAX_BYTES, load_text, rejected

_HEADER = re.compile(r"\A[ \t]*date:?[ \t]+(\d{4})-(\d{2})-(\d{2})(?![\d-])[ \t]*(?:\r?\n)?", re.I)
_URL_LINE = re.compile(r"\A\s*(https?://[^\s<>\"]+)[ \t]*(?:\r?\n|\Z)", re.I)


def split_url(text: str) -> tuple[str | None, str]:
    """(url, body): the web address standing alone on the first line, and the rest."""
    m = _URL_LINE.match(text)
    return (m.group(1), text[m.end() :]) if m else (None, text)


def split_header(text: str) -> tuple[str | None, str]:
    """(date, body): the `` date YYYY-MM-DD`` header line's date and the rest of the text."""
    m = _HEADER.match(text)
    if not m:
        return None, text
    try:
        day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None, text
    return day.isoformat(), text[m.end() :]


def parse_text(text: str, path: str) -> RawArticle:
    """A RawArticle from already-decoded text; IngestError when there is no body."""
    text = text.lstrip("\ufeff")
    published, body = split_header(text)
    url, body = split_url(body)
    if not body.strip():
        lead = "the date line" if published else "the address line" if url else None
        raise IngestError(path, f"no body text after {lead}" if lead else "empty file")
    return RawArticle(
        path=path,
        text=body,
        url=url,
        published=published,
        published_source="header" if published else None,
    )


def read(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawArticle | Rejected]:
    """Yield the one article of a text file, or why it was rejected."""
    try:
        yield parse_text(load_text(Path(path), max_bytes), str(path))
    except IngestError as err:
        yield rejected(err)
