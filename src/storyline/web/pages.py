"""HTML pages and their ``.json`` twins, both built by the query functions in ``views``.

``/timeline`` renders what ``/timeline.json`` returns, ``/events/{id}`` what
``/events/{id}.json`` returns, and so on.  A twin route is declared before its page so
``/events/x.json`` is never read as the id ``x.json``.
"""

from __future__ import annotations

from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote as urlquote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from .. import __version__
from ..api import Store
from ..errors import StoreError
from . import views
from .api import FiltersDep
from .charts import fmt_grouped, point_anchor, step_chart
from .highlight import marked_text
from .state import app_state, read_store
from .uploads import form_articles

router = APIRouter(include_in_schema=True, tags=["pages"])
StoreDep = Annotated[Store, Depends(read_store)]
NAV = (("/timeline", "Timeline"), ("/series", "Series"), ("/actors", "Actors"),
       ("/documents", "Documents"), ("/search", "Search"), ("/add", "Add articles"))  # fmt: skip


def _templates() -> Jinja2Templates:
    folder = resources.files("storyline") / "web" / "templates"
    templates = Jinja2Templates(directory=str(folder))
    env = templates.env
    env.filters["urlq"] = lambda v: urlquote(str(v), safe="")
    env.filters["human"] = lambda v: str(v or "").replace("_", " ")
    env.filters["num"] = fmt_grouped
    env.globals.update(nav=NAV, version=__version__, step_chart=step_chart,
                       marked_text=marked_text, point_anchor=point_anchor)  # fmt: skip
    return templates


TEMPLATES = _templates()


def render(request: Request, name: str, data: dict[str, Any], status: int = 200, **extra: Any) -> HTMLResponse:
    context = {"data": data, "json_url": extra.pop("json_url", None), **extra}
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status)


def _json_twin(request: Request) -> str:
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{request.url.path}.json{query}"


# ---------------------------------------------------------------------------- overview


@router.get("/index.json", summary="Counts and stories (twin of /)")
def overview_json(store: StoreDep) -> dict[str, Any]:
    return views.overview(store)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def overview_page(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "home.html", views.overview(store), json_url="/index.json")


@router.get("/timeline.json", summary="Timeline events with display fields (twin of /timeline)")
def timeline_json(store: StoreDep, f: FiltersDep) -> dict[str, Any]:
    return views.timeline(store, f)


@router.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
def timeline_page(request: Request, store: StoreDep, f: FiltersDep) -> HTMLResponse:
    return render(request, "timeline.html", views.timeline(store, f), json_url=_json_twin(request))


@router.get("/events/{event_id}.json", summary="An event with sources in context (twin of /events/{id})")
def event_json(event_id: str, store: StoreDep) -> dict[str, Any]:
    return views.event_page(store, event_id)


@router.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
def event_page(event_id: str, request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "event.html", views.event_page(store, event_id), json_url=_json_twin(request))


@router.get("/actors.json", summary="All actors (twin of /actors)")
def actors_json(store: StoreDep) -> dict[str, Any]:
    return views.actors(store)


@router.get("/actors", response_class=HTMLResponse, include_in_schema=False)
def actors_page(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "actors.html", views.actors(store), json_url="/actors.json")


@router.get("/actors/{entity_id:path}.json", summary="An actor's roles, events and quotes (twin of /actors/{id})")
def actor_json(entity_id: str, store: StoreDep) -> dict[str, Any]:
    return views.actor_page(store, entity_id)


@router.get("/actors/{entity_id:path}", response_class=HTMLResponse, include_in_schema=False)
def actor_page(entity_id: str, request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "actor.html", views.actor_page(store, entity_id), json_url=_json_twin(request))


@router.get("/documents.json", summary="All documents (twin of /documents)")
def documents_json(store: StoreDep) -> dict[str, Any]:
    return views.documents(store)


@router.get("/documents", response_class=HTMLResponse, include_in_schema=False)
def documents_page(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "documents.html", views.documents(store), json_url="/documents.json")


@router.get("/documents/{doc_id}.json", summary="A document with its highlighted facts (twin of /documents/{id})")
def document_json(doc_id: str, store: StoreDep, hl: str | None = None) -> dict[str, Any]:
    return views.document_page(store, doc_id, views.parse_hl(hl))


@router.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
def document_page(doc_id: str, request: Request, store: StoreDep, hl: str | None = None) -> HTMLResponse:
    data = views.document_page(store, doc_id, views.parse_hl(hl))
    return render(request, "document.html", data, json_url=_json_twin(request))


@router.get("/series.json", summary="Series with sources (twin of /series)")
def series_json(store: StoreDep) -> dict[str, Any]:
    return views.series(store)


@router.get("/series", response_class=HTMLResponse, include_in_schema=False)
def series_page(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "series.html", views.series(store), json_url="/series.json")


@router.get("/search.json", summary="Sentences matching a query (twin of /search)")
def search_json(store: StoreDep, q: str = "", limit: int = 50) -> dict[str, Any]:
    return views.search(store, q, limit)


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, store: StoreDep, q: str = "", limit: int = 50) -> HTMLResponse:
    try:
        data = views.search(store, q, limit)
    except StoreError as exc:
        data = {"query": q, "hits": [], "error": str(exc)}
    return render(request, "search.html", data, json_url=_json_twin(request))


# ---------------------------------------------------------------------------- adding


@router.get("/add", response_class=HTMLResponse, include_in_schema=False)
def add_page(request: Request) -> HTMLResponse:
    state = app_state(request)
    data = {"upload_limit": state.settings.upload_limit, "jobs": state.jobs.all()[:10]}
    return render(request, "add.html", data)


@router.post("/add", include_in_schema=False)
async def add_submit(request: Request) -> RedirectResponse:
    """The form without JavaScript: start the job and show its page."""
    state = app_state(request)
    job = state.jobs.submit(await form_articles(request, state.settings))
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}.json", summary="Progress of an ingest job (twin of /jobs/{id})")
def job_json(job_id: str, request: Request) -> dict[str, Any]:
    return app_state(request).jobs.get(job_id)


@router.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
def job_page(job_id: str, request: Request) -> HTMLResponse:
    data = app_state(request).jobs.get(job_id)
    return render(request, "job.html", data, json_url=f"/jobs/{job_id}.json")
