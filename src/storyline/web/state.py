"""What every request handler needs: settings, the ingest jobs, and read connections.

Requests never use the writer: each one opens its own read-only connection (WAL), so a
page loads while an ingest job writes in the background.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from fastapi import Request

from ..api import Store
from ..settings import Settings
from ..store import Database
from .jobs import JobManager


@dataclass(frozen=True, slots=True)
class AppState:
    settings: Settings
    jobs: JobManager

    @contextmanager
    def reader(self) -> Iterator[Store]:
        """A Store over a fresh read-only connection, closed when the block ends."""
        store = Store(Database(self.settings.db, readonly=True), self.settings)
        try:
            yield store
        finally:
            store.close()


def app_state(request: Request) -> AppState:
    state = request.app.state.storyline
    assert isinstance(state, AppState)
    return state


def read_store(request: Request) -> Iterator[Store]:
    """FastAPI dependency: a read-only Store for one request."""
    with app_state(request).reader() as store:
        yield store
