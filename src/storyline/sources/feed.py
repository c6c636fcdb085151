"""RSS 2.0 and Atom feeds (.xml/.rss/.atom) whose items carry the article content.

Content comes from ``content:encoded``, Atom ``content``, ``description`` or Atom
``summary`` (the longest wins); ``link`` becomes ``url``; ``pubDate``/``published``/
``updated``/``dc:date`` becomes ``published``; ``guid``/``id`` becomes ``source_id``.
Broken XML is rejected with the line lxml reports; items without content are rejected with
their own line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storyline.errors import IngestError
from storyline.records import RawArticle, Rejected
from storyline.sources.common import DEFAULT_MAX_BYTES, normalise_date, read_bytes, rejected
from storyline.sources.html import fragment_text

_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC = "{http://purl.org/dc/elements/1.1/}"
_RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(node: Any, *tags: str) -> str | None:
    for tag in tags:
        child = node.find(tag)
        if child is not None:
            value = "".join(child.itertext()).strip()
            if value:
                return value
    return None


def _atom_content(entry: Any) -> str | None:
    """Atom content/summary as HTML (xhtml children are serialised back to markup)."""
    from lxml import etree

    best: str | None = None
    for tag in (f"{_ATOM}content", f"{_ATOM}summary"):
        node = entry.find(tag)
        if node is None:
            continue
        if node.get("type") == "xhtml":
            value = "".join(etree.tostring(c, encoding="unicode") for c in node)
        else:
            value = "".join(node.itertext())
        if value.strip() and (best is None or len(value) > len(best)):
            best = value
    return best


def _atom_link(entry: Any) -> str | None:
    for link in entry.findall(f"{_ATOM}link"):
        if link.get("rel") in (None, "alternate") and link.get("href"):
            return str(link.get("href")).strip()
    return None


def _item_fields(item: Any, atom: bool) -> dict[str, str | None]:
    if atom:
        return {
            "content": _atom_content(item),
            "url": _atom_link(item),
            "published": _child_text(item, f"{_ATOM}published", f"{_ATOM}updated"),
            "source_id": _child_text(item, f"{_ATOM}id"),
            "title": _child_text(item, f"{_ATOM}title"),
            "author": _child_text(item, f"{_ATOM}author/{_ATOM}name"),
        }
    bodies = [_child_text(item, tag) for tag in (_CONTENT, "description", "{*}description")]
    return {
        "content": max((b for b in bodies if b), key=len, default=None),
        "url": _child_text(item, "link", "{*}link"),
        "published": _child_text(item, "pubDate", f"{_DC}date"),
        "source_id": _child_text(item, "guid") or item.get(_RDF_ABOUT),
        "title": _child_text(item, "title", "{*}title"),
        "author": _child_text(item, f"{_DC}creator", "author"),
    }


def _item_article(item: Any, atom: bool, path: str, source: str | None) -> RawArticle:
    fields = _item_fields(item, atom)
    line = item.sourceline
    content = fields.pop("content")
    text = fragment_text(content) if content else ""
    if not text.strip():
        raise IngestError(path, "feed item has no content (description or content)", line)
    published = normalise_date(fields.pop("published"))
    return RawArticle(
        path=path,
        text=text,
        html=content,
        source=source,
        published=published,
        published_source="metadata" if published else None,
        line=line,
        **fields,
    )


def _parse_xml(data: bytes, path: str) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as err:
        line = err.lineno if err.lineno else None
        msg = str(err.msg or err).split(", line")[0]
        raise IngestError(path, f"not well-formed XML: {msg}", line) from None


def parse_feed(data: bytes, path: str) -> Iterator[RawArticle | Rejected]:
    """Articles of one RSS or Atom document."""
    root = _parse_xml(data, path)
    kind = _local(root.tag)
    if kind == "feed":
        items, atom = root.findall(f"{_ATOM}entry"), True
        source = _child_text(root, f"{_ATOM}title")
    elif kind in ("rss", "rdf"):
        items, atom = list(root.iter("{*}item")), False
        source = _child_text(root, "channel/title", "{*}channel/{*}title")
    else:
        raise IngestError(path, f"not an RSS or Atom feed (root element <{kind}>)")
    if not items:
        raise IngestError(path, "no items found in the feed")
    for item in items:
        try:
            yield _item_article(item, atom, path, source)
        except IngestError as err:
            yield rejected(err)


def read(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawArticle | Rejected]:
    """Yield every item of a feed file that carries content; others as Rejected."""
    try:
        data = read_bytes(Path(path), max_bytes)
        if b"\x00" in data[:8192]:
            raise IngestError(str(path), "binary file (NUL bytes)")
        yield from parse_feed(data, str(path))
    except IngestError as err:
        yield rejected(err)
