"""The FastAPI application: JSON API, HTML pages, static assets, background ingest.

Everything is served by the app itself from the installed package: no CDN, no network.
FastAPI's Swagger page loads from a CDN, so ``/docs`` is our own page built from the
OpenAPI document (``/openapi.json``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import NotFound, StorylineError
from ..settings import Settings
from ..store import Database
from .api import router as api_router
from .jobs import JobManager, Runner, StoreRunner
from .pages import TEMPLATES
from .pages import router as pages_router
from .state import AppState
from .uploads import UploadError, UploadLimit, rejected_dicts

DESCRIPTION = (
    "A sourced, dated account of a developing story: events, actors, quotes and numbers "
    "over time, each cited to character spans of the cleaned article text. Every HTML page "
    "has a `.json` twin; `/api/*` returns records in the `storyline/1` export shapes."
)


def create_app(db_path: str, settings: Settings | None = None, *, runner: Runner | None = None) -> FastAPI:
    """The web app over the database at ``db_path`` (created and migrated if needed).

    ``runner`` replaces the real ingest (spaCy pipeline) in tests.
    """
    conf = (settings or Settings.from_env()).replace(db=str(db_path))
    Database(conf.db).close()  # create or migrate before any read-only connection opens
    jobs = JobManager(runner if runner is not None else StoreRunner(conf))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.shutdown()

    app = FastAPI(title="storyline", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None, lifespan=lifespan)  # fmt: skip
    app.state.storyline = AppState(settings=conf, jobs=jobs)
    app.add_middleware(UploadLimit, limit=conf.upload_limit)
    static = resources.files("storyline") / "web" / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(api_router)
    app.include_router(pages_router)
    _add_docs(app)
    _add_error_handlers(app)
    return app


def _add_docs(app: FastAPI) -> None:
    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        spec = app.openapi()
        routes = []
        for path, methods in spec.get("paths", {}).items():
            for method, op in methods.items():
                params = [p for p in op.get("parameters", []) if isinstance(p, dict)]
                routes.append({"path": path, "method": method.upper(), "summary": op.get("summary", ""),
                               "params": params, "body": "requestBody" in op})  # fmt: skip
        data = {"title": spec["info"]["title"], "version": spec["info"]["version"],
                "description": spec["info"].get("description", ""), "routes": routes}  # fmt: skip
        return TEMPLATES.TemplateResponse(request, "docs.html", {"data": data, "json_url": "/openapi.json"})


def wants_json(request: Request) -> bool:
    path = request.url.path
    accept = request.headers.get("accept", "")
    return path.startswith("/api/") or path.endswith(".json") or "text/html" not in accept


def _error(request: Request, status: int, message: str, **extra: Any) -> Response:
    if wants_json(request):
        return JSONResponse({"error": message, **extra}, status_code=status)
    data = {"status": status, "message": message, **extra}
    return TEMPLATES.TemplateResponse(request, "error.html", {"data": data, "json_url": None},
                                      status_code=status)  # fmt: skip


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return _error(request, 404, str(exc))

    @app.exception_handler(UploadError)
    async def bad_upload(request: Request, exc: UploadError) -> Response:
        return _error(request, 400, str(exc), failed=rejected_dicts(exc.failed))

    @app.exception_handler(StorylineError)
    async def storyline_error(request: Request, exc: StorylineError) -> Response:
        return _error(request, 500, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path}"
        return _error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}" for e in exc.errors()
        )
        return _error(request, 422, f"invalid request: {problems}")
