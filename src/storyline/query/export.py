"""Exporters: json (the ``storyline/1`` contract), csv, parquet, markdown, timelinejs.

``knowledge_base(store)`` builds the one JSON document every check of this project reads;
the other formats are views of it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from ..records import Article, Entity, Event, Quote, Series, Story
from .timeline import select

if TYPE_CHECKING:
    from ..api import Store

SCHEMA = "storyline/1"
FORMATS = ("json", "csv", "parquet", "markdown", "timelinejs")


def document_dict(a: Article) -> dict[str, Any]:
    return {
        "id": a.id, "source_id": a.source_id, "path": a.path, "url": a.url, "source": a.source,
        "title": a.title, "published": a.published, "published_source": a.published_source,
        "published_range": list(a.published_range) if a.published_range else None,
        "flags": list(a.flags), "duplicate_of": a.duplicate_of, "text": a.text,
    }  # fmt: skip


def entity_dict(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
        "country": e.country, "roles": [r.as_dict() for r in e.roles], "mentions": e.mentions,
    }  # fmt: skip


def event_dict(e: Event) -> dict[str, Any]:
    attributes = dict(e.attributes)
    if e.history:
        attributes["status_history"] = [h.as_dict() for h in e.history]
    if e.conflicts:
        attributes["conflicts"] = list(e.conflicts)
    return {
        "id": e.id, "type": e.type, "summary": e.summary, "start": e.start, "end": e.end,
        "date_precision": e.date_precision, "status": e.status,
        "participants": list(e.participants), "location": e.location, "attributes": attributes,
        "sources": [s.as_dict() for s in e.sources], "confidence": e.confidence,
    }  # fmt: skip


def quote_dict(q: Quote) -> dict[str, Any]:
    return {
        "id": q.id, "speaker": q.speaker, "speaker_text": q.speaker_text, "text": q.text,
        "doc": q.doc, "start": q.start, "end": q.end, "event": q.event,
    }  # fmt: skip


def series_dict(s: Series) -> dict[str, Any]:
    return {
        "id": s.id, "name": s.name, "imposer": s.imposer, "target": s.target, "unit": s.unit,
        "points": [p.as_dict() for p in s.points],
    }  # fmt: skip


def story_dict(s: Story) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "documents": list(s.documents), "events": list(s.events)}


def knowledge_base(store: Store) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "documents": [document_dict(a) for a in store.documents()],
        "entities": [entity_dict(e) for e in store.entities()],
        "events": [event_dict(e) for e in select(store.events())],
        "quotes": [quote_dict(q) for q in store.quotes()],
        "series": [series_dict(s) for s in store.series()],
        "stories": [story_dict(s) for s in store.stories()],
    }


# ---------------------------------------------------------------------------- formats


def to_json(store: Store) -> str:
    return json.dumps(knowledge_base(store), ensure_ascii=False, indent=1)


EVENT_COLUMNS = (
    "id", "start", "end", "date_precision", "type", "status", "summary", "participants",
    "location", "sources", "confidence", "attributes",
)  # fmt: skip


def event_rows(store: Store) -> list[dict[str, Any]]:
    names = {e.id: e.name for e in store.entities()}
    rows = []
    for e in select(store.events()):
        d = event_dict(e)
        d["participants"] = "; ".join(names.get(p, p) for p in e.participants)
        d["sources"] = len({s.doc for s in e.sources})
        d["attributes"] = json.dumps(d["attributes"], ensure_ascii=False, sort_keys=True)
        rows.append({k: d[k] for k in EVENT_COLUMNS})
    return rows


def to_csv(store: Store) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(EVENT_COLUMNS))
    writer.writeheader()
    writer.writerows(event_rows(store))
    return buf.getvalue()


def to_parquet(store: Store) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = event_rows(store)  # undated events are left out: rows can be empty with events
    table = pa.Table.from_pylist(rows) if rows else pa.table(
        {c: pa.array([], pa.string()) for c in EVENT_COLUMNS}
    )
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def to_timelinejs(store: Store) -> str:
    """TimelineJS3 JSON: one slide per event, sources as the text."""
    slides = []
    for e in select(store.events()):
        slides.append({
            "start_date": _tl_date(e.start),
            "end_date": _tl_date(e.end) if e.end and e.end != e.start else None,
            "text": {"headline": e.summary, "text": "<br>".join(s.text for s in e.sources[:5])},
            "group": e.type,
            "unique_id": e.id,
        })  # fmt: skip
    for s in slides:
        if s["end_date"] is None:
            del s["end_date"]
    title = store.stories()[0].title if store.stories() else "storyline"
    return json.dumps({"title": {"text": {"headline": title}}, "events": slides}, indent=1)


def _tl_date(day: str | None) -> dict[str, str]:
    y, m, d = (day or "0000-01-01").split("-")
    return {"year": y, "month": str(int(m)), "day": str(int(d))}


def to_markdown(store: Store) -> str:
    from .report import markdown

    return markdown(store.timeline(), store.entities(), store.documents())


WRITERS: dict[str, Callable[[Store], str | bytes]] = {
    "json": to_json, "csv": to_csv, "parquet": to_parquet,
    "markdown": to_markdown, "timelinejs": to_timelinejs,
}  # fmt: skip


def export(store: Store, fmt: str, out: str | Path | None = None) -> str | bytes:
    writer = WRITERS.get(fmt)
    if writer is None:
        raise ConfigError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    data = writer(store)
    if out is not None:
        path = Path(out)
        tmp = path.with_name(path.name + ".tmp")
        if isinstance(data, bytes):
            tmp.write_bytes(data)
        else:
            tmp.write_text(data, encoding="utf-8")
        tmp.replace(path)
    return data
