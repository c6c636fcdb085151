"""Query functions shared by the HTML pages and their ``.json`` twins.

Each function takes a read-only :class:`~storyline.api.Store` and returns JSON-ready
builtins; a page renders exactly what its twin returns.  Record shapes are those of
``storyline.query.export`` (``event_dict`` ...), with a few display fields added.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any
from urllib.parse import quote as urlquote

from ..api import Store
from ..errors import NotFound
from ..query.export import document_dict, entity_dict, event_dict, quote_dict, story_dict
from ..query.report import date_label
from ..query.timeline import importance
from ..records import Article, Entity, Event, Quote, SourceSpan
from .highlight import trim

PLANNED = frozenset({"planned", "threatened", "announced"})
CONTEXT_CHARS = 320


def href(kind: str, ident: str, **query: str) -> str:
    url = f"/{kind}/{urlquote(ident, safe=':')}"
    if query:
        url += "?" + "&".join(f"{k}={urlquote(v, safe='')}" for k, v in query.items())
    return url


def span_href(span: SourceSpan) -> str:
    return href("documents", span.doc, hl=f"{span.start}-{span.end}") + "#hl"


@dataclass(frozen=True, slots=True)
class Filters:
    """Timeline filters, as given in the query string (empty means no filter)."""

    story: str | None = None
    types: tuple[str, ...] = ()
    actor: str | None = None
    status: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    limit: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "story": self.story, "types": list(self.types), "actor": self.actor,
            "status": self.status, "from": self.date_from, "to": self.date_to, "limit": self.limit,
        }  # fmt: skip


# ---------------------------------------------------------------------------- helpers


def _names(store: Store) -> dict[str, Entity]:
    return {e.id: e for e in store.entities()}


def _doc_index(store: Store, ids: Iterable[str]) -> dict[str, Article]:
    """The documents named (one query each): pages cite a few, never load them all."""
    out = {}
    for doc_id in set(ids):
        try:
            out[doc_id] = store.document(doc_id)
        except NotFound:
            continue
    return out


def participant_list(ids: Iterable[str], ents: Mapping[str, Entity]) -> list[dict[str, Any]]:
    out = []
    for p in ids:
        e = ents.get(p)
        out.append({"id": p, "name": e.name if e else p, "type": e.type if e else None,
                    "url": href("actors", p) if e else None})  # fmt: skip
    return out


def event_item(e: Event, ents: Mapping[str, Entity]) -> dict[str, Any]:
    """An event as the API shapes it, plus what a page shows."""
    d = event_dict(e)
    d.update(
        date_label=date_label(e), sources_count=importance(e),
        documents_count=len({s.doc for s in e.sources}),
        participant_names=participant_list(e.participants, ents),
        planned=e.status in PLANNED, url=href("events", e.id),
    )  # fmt: skip
    return d


def display_title(a: Article) -> str:
    return a.title or PurePath(a.path).name or a.id


def doc_brief(a: Article | None, doc_id: str) -> dict[str, Any]:
    if a is None:
        return {"id": doc_id, "title": doc_id, "outlet": None, "published": None, "url": None}
    return {
        "id": a.id, "title": display_title(a), "outlet": a.source, "published": a.published,
        "url": href("documents", a.id), "link": a.url,
    }  # fmt: skip


def context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> dict[str, Any]:
    """The cited span with the text around it, cut at word boundaries."""
    start, end = trim(text, start, end)
    lo, hi = max(0, start - width), min(len(text), end + width)
    before, after = text[lo:start], text[end:hi]
    if lo > 0 and " " in before:
        before = before[before.index(" ") + 1 :]
    if hi < len(text) and " " in after:
        after = after[: after.rindex(" ")]
    return {
        "before": before, "cited": text[start:end], "after": after,
        "cut_before": lo > 0, "cut_after": hi < len(text),
    }  # fmt: skip


def source_item(span: SourceSpan, docs: Mapping[str, Article]) -> dict[str, Any]:
    a = docs.get(span.doc)
    item = span.as_dict()
    item["document"] = doc_brief(a, span.doc)
    item["url"] = span_href(span)
    text = a.text if a is not None else ""
    ok = a is not None and 0 <= span.start <= span.end <= len(text)
    item["context"] = context(text, span.start, span.end) if ok else context(span.text, 0, len(span.text))
    return item


def quote_item(q: Quote, ents: Mapping[str, Entity], docs: Mapping[str, Article]) -> dict[str, Any]:
    d = quote_dict(q)
    speaker = ents.get(q.speaker or "")
    d["speaker_name"] = speaker.name if speaker else (q.speaker_text or None)
    d["speaker_url"] = href("actors", speaker.id) if speaker else None
    d["document"] = doc_brief(docs.get(q.doc), q.doc)
    d["url"] = span_href(SourceSpan(q.doc, q.start, q.end, q.text))
    d["event_url"] = href("events", q.event) if q.event else None
    return d


# ---------------------------------------------------------------------------- pages


def overview(store: Store) -> dict[str, Any]:
    stories = sorted(store.stories(), key=lambda s: (-len(s.documents), s.id))
    return {
        "counts": {
            "documents": store.db.count(), "events": len(store.events()),
            "entities": len(store.entities()), "quotes": len(store.quotes()),
            "series": len(store.series()),
        },
        "stories": [story_dict(s) | {"url": "/timeline?story=" + urlquote(s.id)} for s in stories],
    }  # fmt: skip


def timeline(store: Store, f: Filters) -> dict[str, Any]:
    ents = _names(store)
    events = store.timeline(
        story=f.story, date_from=f.date_from, date_to=f.date_to, limit=f.limit,
        types=f.types, actor=f.actor, status=f.status,
    )  # fmt: skip
    every = store.events()
    actors = sorted({p for e in every for p in e.participants if p in ents}, key=lambda p: ents[p].name)
    stories = sorted(store.stories(), key=lambda s: (-len(s.documents), s.id))
    return {
        "filters": f.as_dict(),
        "options": {
            "stories": [{"id": s.id, "title": s.title} for s in stories],
            "types": sorted({e.type for e in every}),
            "statuses": sorted({e.status for e in every}),
            "actors": [{"id": p, "name": ents[p].name} for p in actors],
        },
        "count": len(events),
        "events": [event_item(e, ents) for e in events],
    }  # fmt: skip


def event_page(store: Store, event_id: str) -> dict[str, Any]:
    e = store.event(event_id)
    quotes = [q for q in store.quotes() if q.event == e.id]
    cited = [s.doc for s in e.sources] + [h.doc for h in e.history] + [q.doc for q in quotes]
    ents, docs = _names(store), _doc_index(store, cited)
    item = event_item(e, ents)
    item["history"] = [
        h.as_dict() | {"document": doc_brief(docs.get(h.doc), h.doc)} for h in e.history
    ]
    item["conflicts"] = list(e.conflicts)
    item["trigger"] = e.trigger
    item["sources"] = [source_item(s, docs) for s in e.sources]
    return {"event": item, "quotes": [quote_item(q, ents, docs) for q in quotes]}


def actors(store: Store) -> dict[str, Any]:
    return {"entities": [entity_dict(e) | {"url": href("actors", e.id)} for e in store.entities()]}


def actor_page(store: Store, entity_id: str) -> dict[str, Any]:
    entity = store.entity(entity_id)
    events = store.timeline(actor=entity.id)
    quotes = [q for q in store.quotes() if q.speaker == entity.id]
    ents, docs = _names(store), _doc_index(store, (q.doc for q in quotes))
    roles = sorted(entity.roles, key=lambda r: (r.since or "", r.until or "", r.title))
    return {
        "entity": entity_dict(entity) | {"roles": [r.as_dict() for r in roles]},
        "events": [event_item(e, ents) for e in events],
        "quotes": [quote_item(q, ents, docs) for q in quotes],
    }


def documents(store: Store) -> dict[str, Any]:
    docs = sorted(store.documents(), key=lambda d: (d.published or "9999", d.id))
    out = []
    for d in docs:
        item = {k: v for k, v in document_dict(d).items() if k != "text"}
        item.update(url=href("documents", d.id), words=len(d.text.split()), display_title=display_title(d))
        out.append(item)
    return {"documents": out}


def highlights(store: Store, doc_id: str, ents: Mapping[str, Entity]) -> list[dict[str, Any]]:
    """The spans of a document that facts cite: event sources and quotes."""
    out: list[dict[str, Any]] = []
    for e in store.events():
        for s in e.sources:
            if s.doc == doc_id:
                out.append({"kind": "event", "start": s.start, "end": s.end, "id": e.id,
                            "label": f"{e.type.replace('_', ' ')} · {date_label(e) if e.start else 'undated'}",
                            "title": e.summary, "url": href("events", e.id)})  # fmt: skip
    for q in store.quotes():
        if q.doc == doc_id:
            who = ents.get(q.speaker or "")
            name = who.name if who else (q.speaker_text or "unattributed")
            out.append({"kind": "quote", "start": q.start, "end": q.end, "id": q.id,
                        "label": f"quote · {name}", "title": f"quote by {name}",
                        "url": href("actors", who.id) if who else None})  # fmt: skip
    out.sort(key=lambda h: (h["start"], -h["end"], h["kind"]))
    return out


def document_page(store: Store, doc_id: str, hl: tuple[int, int] | None = None) -> dict[str, Any]:
    a = store.document(doc_id)
    ents = _names(store)
    d = document_dict(a)
    d.update(
        words=len(a.text.split()), author=a.author, display_title=display_title(a),
        removed=[r.as_dict() for r in a.removed],
        duplicate_url=href("documents", a.duplicate_of) if a.duplicate_of else None,
    )  # fmt: skip
    marks = highlights(store, a.id, ents)
    if hl is not None and 0 <= hl[0] < hl[1] <= len(a.text):
        marks.append({"kind": "hit", "start": hl[0], "end": hl[1], "id": "hl", "label": "",
                      "title": "linked passage", "url": None})  # fmt: skip
    return {"document": d, "highlights": marks}


def search(store: Store, query: str, limit: int = 50) -> dict[str, Any]:
    if not query.strip():
        return {"query": query, "hits": []}
    spans = store.search(query, limit)
    docs = _doc_index(store, (s.doc for s in spans))
    hits = []
    for span in spans:
        hits.append(span.as_dict() | {"document": doc_brief(docs.get(span.doc), span.doc),
                                      "url": span_href(span)})  # fmt: skip
    return {"query": query, "hits": hits}


def series(store: Store) -> dict[str, Any]:
    every = store.series()
    docs = _doc_index(store, (x.doc for s in every for p in s.points for x in p.sources))
    out = []
    for s in every:
        points = []
        for p in s.points:
            points.append({"date": p.date, "value": p.value, "status": p.status,
                           "sources": [source_brief(x, docs) for x in p.sources]})  # fmt: skip
        out.append({"id": s.id, "name": s.name, "imposer": s.imposer, "target": s.target,
                    "unit": s.unit, "points": points})  # fmt: skip
    return {"series": out}


def source_brief(span: SourceSpan, docs: Mapping[str, Article]) -> dict[str, Any]:
    return span.as_dict() | {"document": doc_brief(docs.get(span.doc), span.doc), "url": span_href(span)}


def parse_hl(value: str | None) -> tuple[int, int] | None:
    """'120-260' → (120, 260); anything else → None."""
    if not value:
        return None
    lo, _, hi = value.partition("-")
    if lo.isdigit() and hi.isdigit() and int(lo) < int(hi):
        return int(lo), int(hi)
    return None


def clean_types(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(v for v in values if v)
