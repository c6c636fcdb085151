"""The Python API: ``storyline.open(path)`` returns a :class:`Store`.

Every CLI command and every web page is one call on this facade::

    import storyline
    store = storyline.open("trade.db")
    report = store.ingest(["articles/"])
    for event in store.timeline(limit=10):
        print(event.start, event.summary)
    store.export("json", "kb.json")
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any, TextIO

from spacy.language import Language

from .ingest import Ingester
from .query import export as exporters
from .query import timeline as timelines
from .records import (
    Article,
    Entity,
    Event,
    IngestReport,
    Quote,
    RawArticle,
    Rejected,
    Series,
    SourceSpan,
    Story,
)
from .resolve.build import rebuild
from .settings import Settings
from .sources import iter_inputs
from .store import Database

Progress = Callable[[int], None]


class Store:
    """A storyline database with the pipeline that fills it."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings

    @classmethod
    def open(cls, path: str | Path = "storyline.db", **settings: Any) -> Store:
        conf = Settings.from_env(db=str(path), **settings)
        return cls(Database(conf.db), conf)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @cached_property
    def nlp(self) -> Language:
        from .pipeline import build_nlp

        return build_nlp(self.settings.model, actors_path=self.settings.actors)

    # ------------------------------------------------------------------ writing

    def ingest(
        self,
        paths: Sequence[str],
        *,
        stdin: TextIO | None = None,
        progress: Progress | None = None,
    ) -> IngestReport:
        """Read files, folders, globs or '-' (stdin); store new documents; rebuild the story."""
        items = iter_inputs(paths, stdin=stdin or sys.stdin, max_bytes=self.settings.max_file_bytes)
        return self.ingest_articles(items, progress=progress)

    def ingest_articles(
        self, items: Iterable[RawArticle | Rejected], *, progress: Progress | None = None
    ) -> IngestReport:
        """Ingest already-read articles (used by uploads and tests)."""
        report = Ingester(self.db, self.nlp, self.settings).run(items, progress=progress)
        if report.added:
            self.rebuild()
        return report

    def rebuild(self) -> None:
        """Recompute dating, actors, merged events, series and stories from stored facts."""
        rebuild(self.db, self.settings)

    # ------------------------------------------------------------------ reading

    def documents(self) -> list[Article]:
        return self.db.documents()

    def document(self, doc_id: str) -> Article:
        return self.db.document(doc_id)

    def events(self) -> list[Event]:
        return self.db.derived("event", Event)

    def event(self, event_id: str) -> Event:
        return self.db.derived_one("event", event_id, Event)

    def entities(self) -> list[Entity]:
        return self.db.derived("entity", Entity)

    def entity(self, entity_id: str) -> Entity:
        return self.db.derived_one("entity", entity_id, Entity)

    def quotes(self) -> list[Quote]:
        return self.db.derived("quote", Quote)

    def series(self) -> list[Series]:
        return self.db.derived("series", Series)

    def stories(self) -> list[Story]:
        return self.db.derived("story", Story)

    def story(self, story_id: str) -> Story:
        return self.db.derived_one("story", story_id, Story)

    def search(self, query: str, limit: int = 50) -> list[SourceSpan]:
        return self.db.search(query, limit)

    def timeline(
        self,
        *,
        story: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int | None = None,
        types: Sequence[str] = (),
        actor: str | None = None,
        status: str | None = None,
    ) -> list[Event]:
        """Events in date order, filtered; ``limit`` keeps the most important dates."""
        events = self.events()
        if story is not None:
            wanted = set(self.story(story).events)
            events = [e for e in events if e.id in wanted]
        return timelines.select(
            events, date_from=date_from, date_to=date_to, limit=limit,
            types=types, actor=actor, status=status,
        )  # fmt: skip

    def export(self, fmt: str, out: str | Path | None = None) -> str | bytes:
        """Write the whole knowledge base as json|csv|parquet|markdown|timelinejs."""
        return exporters.export(self, fmt, out)
