"""HTML pages (.html/.htm): main text, title and author via trafilatura, date via htmldate.

Nothing is fetched: both libraries get a parsed tree or a string that is not a URL.
HTML fragments (feed item bodies, JSON ``html`` fields) that trafilatura finds too short
fall back to a plain block-by-block text conversion.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storyline.errors import IngestError
from storyline.records import RawArticle, Rejected
from storyline.sources.common import DEFAULT_MAX_BYTES, read_bytes, rejected, to_text

_BLOCKS = frozenset(
    [
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "br",
        "dd",
        "dt",
    ]
)
_DROP = ("script", "style", "noscript", "nav", "footer", "aside", "form", "button", "iframe")
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_WORDS = re.compile(r"[^\W\d_]{2,}")
_MIN_WORDS = 4


def word_count(text: str) -> int:
    return len(_WORDS.findall(text))


def _parse_tree(html: str) -> Any:
    """An lxml tree of ``html`` (never fetched); None when lxml cannot make one."""
    import lxml.html
    from lxml.etree import ParserError, XMLSyntaxError

    try:
        return lxml.html.document_fromstring(html.encode("utf-8"), parser=_parser())
    except (ParserError, XMLSyntaxError, ValueError):
        return None


def _parser() -> Any:
    import lxml.html

    return lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, no_network=True)


def _published(html: str, url: str | None) -> str | None:
    """Publication date by htmldate, searching the tree (never downloading)."""
    from htmldate import find_date

    tree = _parse_tree(html)
    if tree is None:
        return None
    try:
        found = find_date(
            tree,
            url=url,
            extensive_search=True,
            original_date=True,
            outputformat="%Y-%m-%d",
        )
    except (ValueError, TypeError):
        return None
    return str(found) if found else None


def fragment_text(html: str) -> str:
    """Text of an HTML fragment, one block per paragraph, blank lines between blocks."""
    tree = _parse_tree(f"<html><body><div>{html}</div></body></html>")
    if tree is None:
        return ""
    for bad in tree.xpath("//" + " | //".join(_DROP)):
        bad.drop_tree()
    parts: list[str] = []
    for node in tree.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag in _BLOCKS:
            parts.append("\n\n")
        if node.text:
            parts.append(node.text)
        if node.tail:
            parts.append(node.tail)
    paragraphs = (_SPACES.sub(" ", p).strip() for p in "".join(parts).split("\n\n"))
    return "\n\n".join(p for p in (" ".join(x.split()) for x in paragraphs) if p)


def _extract(html: str, url: str | None) -> tuple[str, str | None, str | None]:
    """(body, title, author) of a page via trafilatura; body is '' when none was found."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, AttributeError):
        return "", None, None
    if doc is None:
        return "", None, None
    if isinstance(doc, dict):  # pragma: no cover - as_dict=False returns a Document
        return str(doc.get("text") or ""), doc.get("title"), doc.get("author")
    body = "\n\n".join(line.strip() for line in (doc.text or "").splitlines() if line.strip())
    return body, doc.title or None, doc.author or None


def from_html(
    html: str,
    path: str,
    *,
    url: str | None = None,
    line: int | None = None,
    fragment: bool = False,
    meta: dict[str, str | None] | None = None,
) -> RawArticle:
    """A RawArticle whose ``text`` is the article body of ``html`` (``html`` is kept).

    ``meta`` (title, author, source, source_id, published, published_source) overrides
    what the page says.  IngestError when no article text is found.
    """
    meta = dict(meta or {})
    if not html.strip():
        raise IngestError(path, "empty HTML", line)
    body, title, author = ("", None, None) if fragment else _extract(html, url)
    if not body:
        body = fragment_text(html)
    if word_count(body) < _MIN_WORDS:
        raise IngestError(path, "no article text found in the HTML", line)
    published = meta.pop("published", None)
    published_source = meta.pop("published_source", None)
    if not published and not fragment:
        published = _published(html, url)
        published_source = "metadata" if published else None
    return RawArticle(
        path=path,
        text=body,
        html=html,
        url=url,
        title=meta.pop("title", None) or title,
        author=meta.pop("author", None) or author,
        published=published,
        published_source=published_source,
        line=line,
        **meta,
    )


def decode_html(data: bytes, path: str) -> str:
    """Decode HTML bytes, honouring a ``<meta charset>`` when it names a known codec."""
    m = _CHARSET.search(data[:4096])
    if m and b"\x00" not in data[:8192]:
        try:
            text = data.decode(m.group(1).decode("ascii"))
            if text.strip():
                return text.lstrip("\ufeff")
        except (LookupError, UnicodeDecodeError):
            pass
    return to_text(data, path)


def read(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawArticle | Rejected]:
    """Yield the article of an HTML page, or why it was rejected."""
    try:
        html = decode_html(read_bytes(Path(path), max_bytes), str(path))
        yield from_html(html, str(path))
    except IngestError as err:
        yield rejected(err)
