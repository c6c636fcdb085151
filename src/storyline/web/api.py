"""The JSON API under ``/api``: the knowledge base's records, search, and ingest jobs.

Records have the shapes of the ``storyline/1`` export (``storyline.query.export``).  Errors
are ``{"error": "..."}`` with a 4xx status (unknown id → 404, upload too large → 413).
"""

from __future__ import annotations

import calendar
import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from ..api import Store
from ..errors import NotFound, StoreError
from ..query.export import (
    document_dict,
    entity_dict,
    event_dict,
    quote_dict,
    series_dict,
    story_dict,
)
from . import views
from .state import app_state, read_store
from .uploads import form_articles, rejected_dicts

router = APIRouter(prefix="/api", tags=["api"])
StoreDep = Annotated[Store, Depends(read_store)]
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"multipart/form-data": {"schema": {
            "type": "object",
            "properties": {
                "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                          "description": "article files: .txt, .html, .jsonl, .json, RSS/Atom"},
                "text": {"type": "string", "description": "one pasted article"},
                "title": {"type": "string", "description": "title of the pasted article"},
                "source": {"type": "string", "description": "outlet of the pasted article"},
                "published": {"type": "string", "description": "YYYY-MM-DD, pasted article"},
                "url": {"type": "string", "description": "URL of the pasted article"},
            },
        }}},
    }
}  # fmt: skip


def _date(value: str | None, name: str, last: bool = False) -> str | None:
    """A YYYY, YYYY-MM or YYYY-MM-DD bound as a day (the period's first or last day)."""
    value = (value or "").strip() or None
    if value is None:
        return None
    if not _DATE.match(value):
        raise HTTPException(400, f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    if len(value) == 4:
        return f"{value}-12-31" if last else f"{value}-01-01"
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:])
        if not 1 <= month <= 12:
            raise HTTPException(400, f"{name}: no month {month}")
        days = calendar.monthrange(year, month)[1]
        return f"{value}-{days:02d}" if last else f"{value}-01"
    return value


def timeline_filters(
    story: str | None = None,
    type: Annotated[list[str], Query(description="event type (repeatable)")] = [],  # noqa: B006
    actor: str | None = None,
    status: str | None = None,
    date_from: Annotated[str | None, Query(alias="from", description="first day")] = None,
    date_to: Annotated[str | None, Query(alias="to", description="last day")] = None,
    limit: Annotated[str | None, Query(description="keep the N most important dates")] = None,
) -> views.Filters:
    """Timeline filters from a query string; empty form fields mean 'no filter'."""
    lim = (limit or "").strip()
    if lim and not lim.isdigit():
        raise HTTPException(400, f"limit must be a whole number, not {lim!r}")
    return views.Filters(
        story=story or None, types=views.clean_types(type), actor=actor or None,
        status=status or None, date_from=_date(date_from, "from"), date_to=_date(date_to, "to", last=True),
        limit=int(lim) if lim else None,
    )  # fmt: skip


FiltersDep = Annotated[views.Filters, Depends(timeline_filters)]


@router.get("/documents", summary="Documents (metadata, without text)")
def list_documents(store: StoreDep) -> list[dict[str, Any]]:
    return [{k: v for k, v in document_dict(d).items() if k != "text"} for d in store.documents()]


@router.get("/documents/{doc_id}", summary="One document with its cleaned text and removed parts")
def get_document(doc_id: str, store: StoreDep) -> dict[str, Any]:
    a = store.document(doc_id)
    return document_dict(a) | {"removed": [r.as_dict() for r in a.removed]}


@router.get("/events", summary="Dated events in date order, filtered")
def list_events(store: StoreDep, f: FiltersDep) -> list[dict[str, Any]]:
    events = store.timeline(
        story=f.story, date_from=f.date_from, date_to=f.date_to, limit=f.limit,
        types=f.types, actor=f.actor, status=f.status,
    )  # fmt: skip
    return [event_dict(e) for e in events]


@router.get("/events/{event_id}", summary="One event with its status history and sources")
def get_event(event_id: str, store: StoreDep) -> dict[str, Any]:
    return event_dict(store.event(event_id))


@router.get("/entities", summary="Actors resolved across documents")
def list_entities(store: StoreDep) -> list[dict[str, Any]]:
    return [entity_dict(e) for e in store.entities()]


@router.get("/entities/{entity_id:path}", summary="One actor")
def get_entity(entity_id: str, store: StoreDep) -> dict[str, Any]:
    return entity_dict(store.entity(entity_id))


@router.get("/quotes", summary="Direct quotes with their speakers")
def list_quotes(
    store: StoreDep, speaker: str | None = None, event: str | None = None, doc: str | None = None
) -> list[dict[str, Any]]:
    quotes = store.quotes()
    if speaker:
        quotes = [q for q in quotes if q.speaker == speaker]
    if event:
        quotes = [q for q in quotes if q.event == event]
    if doc:
        quotes = [q for q in quotes if q.doc == doc]
    return [quote_dict(q) for q in quotes]


@router.get("/series", summary="Numbers over time (tariff levels, purchases)")
def list_series(store: StoreDep) -> list[dict[str, Any]]:
    return [series_dict(s) for s in store.series()]


@router.get("/series/{series_id:path}", summary="One series")
def get_series(series_id: str, store: StoreDep) -> dict[str, Any]:
    for s in store.series():
        if s.id == series_id:
            return series_dict(s)
    raise NotFound("series", series_id)


@router.get("/stories", summary="The stories the documents form")
def list_stories(store: StoreDep) -> list[dict[str, Any]]:
    return [story_dict(s) for s in store.stories()]


@router.get("/stories/{story_id}", summary="One story")
def get_story(story_id: str, store: StoreDep) -> dict[str, Any]:
    return story_dict(store.story(story_id))


@router.get("/search", summary="Full-text search over sentences (SQLite FTS5)")
def search(
    store: StoreDep,
    q: Annotated[str, Query(description="words to find (all must occur)")],
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[dict[str, Any]]:
    try:
        return [s.as_dict() for s in store.search(q, limit)]
    except StoreError as exc:
        raise HTTPException(400, str(exc)) from exc


@router.post("/ingest", status_code=202, summary="Upload articles; ingest runs in the background",
             openapi_extra=UPLOAD_BODY)  # fmt: skip
async def ingest(request: Request) -> JSONResponse:
    state = app_state(request)
    items = await form_articles(request, state.settings)
    job = state.jobs.submit(items)
    body = job.as_dict() | {
        "job": job.id, "url": f"/api/jobs/{job.id}", "page": f"/jobs/{job.id}",
        "rejected": rejected_dicts(job.failed),
    }  # fmt: skip
    return JSONResponse(body, status_code=202)


@router.get("/jobs", summary="Recent ingest jobs")
def list_jobs(request: Request) -> list[dict[str, Any]]:
    return app_state(request).jobs.all()


@router.get("/jobs/{job_id}", summary="Progress of one ingest job")
def get_job(job_id: str, request: Request) -> dict[str, Any]:
    return app_state(request).jobs.get(job_id)
