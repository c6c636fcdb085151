"""Web test fixtures: a hand-made knowledge base (no spaCy model), a fake ingest runner,
and the system Chromium for Playwright (skipped when absent)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.ingest import prepare
from storyline.records import (
    Article,
    DocumentFacts,
    Entity,
    Event,
    IngestReport,
    Quote,
    Rejected,
    Removed,
    Role,
    Series,
    SeriesPoint,
    SourceSpan,
    StatusChange,
    Story,
)
from storyline.settings import Settings
from storyline.store import Database

# Invented articles (our own writing) about fictional Canada–Japan auto-tariff talks.
DOC1_ID, DOC2_ID = "dtest000001", "dtest000002"
DOC1 = (
    "Trade ministers from Canada and Japan will meet in Oslo on March 12 to discuss auto tariffs.\n\n"
    "Canada raised its levy on Japanese cars to 40% on February 20, up from 10%.\n\n"
    "\u201cWe want a fair deal for our workers,\u201d said Canadian trade minister Anne Fulton.\n\n"
    "Ottawa also warned it could lift the rate to 60% if the talks fail. <b>Bold</b> claims & more."
)
DOC1_BOILER = "Subscribe to the Harbor Ledger newsletter for daily trade news."
DOC2 = (
    "Canadian and Japanese negotiators met in Oslo on March 12 and agreed to cut auto tariffs.\n\n"
    "Canada will lower its levy on Japanese cars from 40% to 15% on April 1, officials said.\n\n"
    "\u201cThis is a good day for both countries,\u201d Fulton told reporters."
)


def span(doc: str, text: str, piece: str) -> SourceSpan:
    start = text.index(piece)
    return SourceSpan(doc=doc, start=start, end=start + len(piece), text=piece)


def sentences(doc: str, text: str) -> tuple[SourceSpan, ...]:
    return tuple(span(doc, text, p) for p in text.split("\n\n"))


def sent(doc: str, text: str, i: int) -> SourceSpan:
    return sentences(doc, text)[i]


def articles() -> list[Article]:
    a1 = Article(
        id=DOC1_ID, content_hash="h1", path="harbor/oslo.txt", text=DOC1,
        raw_text=DOC1 + "\n\n" + DOC1_BOILER, source="Harbor Ledger",
        title="Canada and Japan to meet in Oslo", published="2024-03-04",
        published_source="metadata", published_range=("2024-03-04", "2024-03-04"),
        removed=(Removed(start=len(DOC1) + 2, end=len(DOC1) + 2 + len(DOC1_BOILER),
                         reason="newsletter", text=DOC1_BOILER),),
    )  # fmt: skip
    a2 = Article(
        id=DOC2_ID, content_hash="h2", path="pacific/deal.txt", text=DOC2, raw_text=DOC2,
        source="Pacific Wire", title="Oslo talks end with tariff cut", published="2024-03-14",
        published_source="header", flags=("paywall",),
    )  # fmt: skip
    return [a1, a2]


def events() -> list[Event]:
    meet_sources = (sent(DOC1_ID, DOC1, 0), sent(DOC2_ID, DOC2, 0))
    return [
        Event(id="evmeet", type="meeting", summary="Canada–Japan auto tariff talks in Oslo",
              start="2024-03-12", end="2024-03-12", date_precision="day", status="occurred",
              participants=("person:anne-fulton", "country:CA", "country:JP"), location="Oslo",
              sources=meet_sources, confidence=0.8, trigger="meet",
              attributes={"independent_sources": 2, "mentions": 2},
              history=(StatusChange("planned", "2024-03-04", DOC1_ID),
                       StatusChange("occurred", "2024-03-14", DOC2_ID))),
        Event(id="evhike", type="tariff", summary="Canada raises car tariff on Japan to 40%",
              start="2024-02-20", end="2024-02-20", date_precision="day", status="in_effect",
              participants=("country:CA", "country:JP"), sources=(sent(DOC1_ID, DOC1, 1),),
              attributes={"rate": 40, "previous_rate": 10, "imposer": "CA", "target": "JP"}),
        Event(id="evcut", type="tariff", summary="Canada to cut car tariff on Japan to 15%",
              start="2024-04-01", end="2024-04-01", date_precision="day", status="planned",
              participants=("country:CA",), sources=(sent(DOC2_ID, DOC2, 1),),
              attributes={"rate": 15, "previous_rate": 40}),
        Event(id="evundated", type="statement", summary="Ottawa warns of higher rate",
              start=None, end=None, date_precision="unknown", status="threatened",
              sources=(sent(DOC1_ID, DOC1, 3),)),
    ]  # fmt: skip


def quotes() -> list[Quote]:
    q1 = "We want a fair deal for our workers,"
    q2 = "This is a good day for both countries,"
    s1, s2 = span(DOC1_ID, DOC1, q1), span(DOC2_ID, DOC2, q2)
    return [
        Quote(id=f"{DOC1_ID}:q1", speaker="person:anne-fulton", speaker_text="Anne Fulton",
              text=q1, doc=DOC1_ID, start=s1.start, end=s1.end),
        Quote(id=f"{DOC2_ID}:q1", speaker="person:anne-fulton", speaker_text="Fulton",
              text=q2, doc=DOC2_ID, start=s2.start, end=s2.end, event="evmeet"),
    ]  # fmt: skip


def series() -> list[Series]:
    hike, cut = (sent(DOC1_ID, DOC1, 1),), (sent(DOC2_ID, DOC2, 1),)
    threat = (sent(DOC1_ID, DOC1, 3),)
    points = (
        SeriesPoint("2024-02-19", 10.0, "in_effect", hike),
        SeriesPoint("2024-02-20", 40.0, "in_effect", hike),
        SeriesPoint("2024-03-04", 60.0, "threatened", threat),
        SeriesPoint("2024-04-01", 15.0, "planned", cut),
    )
    return [Series(id="tariff:CA-JP", name="Tariffs CA → JP", imposer="CA", target="JP",
                   unit="percent", points=points)]  # fmt: skip


def entities() -> list[Entity]:
    return [
        Entity(id="person:anne-fulton", name="Anne Fulton", type="PERSON", aliases=("Fulton",),
               country="CA", roles=(Role("Trade Minister", "Canada", "2023-07-01"),), mentions=3),
        Entity(id="country:CA", name="Canada", type="GPE", country="CA", mentions=5),
        Entity(id="country:JP", name="Japan", type="GPE", country="JP", mentions=4),
    ]  # fmt: skip


def build_kb(path: Path) -> Path:
    """A small database written with the store's own write methods (no NLP)."""
    db = Database(path)
    texts = {DOC1_ID: DOC1, DOC2_ID: DOC2}
    for a in articles():
        facts = DocumentFacts(doc=a.id, sentences=sentences(a.id, texts[a.id]))
        db.add_document(a, facts, None)
    db.replace_derived({
        "entity": [(e.id, f"{1_000_000 - e.mentions:07d}|{e.name}", e) for e in entities()],
        "event": [(e.id, f"{e.start}|{e.end}", e) for e in events()],
        "quote": [(q.id, f"{q.doc}|{q.start:08d}", q) for q in quotes()],
        "series": [(s.id, s.id, s) for s in series()],
        "story": [("stcajp", "000002", Story(id="stcajp", title="Canada – Japan: auto tariffs",
                                              documents=(DOC1_ID, DOC2_ID),
                                              events=("evmeet", "evhike", "evcut")))],
    })  # fmt: skip
    db.close()
    return path


class FakeRunner:
    """Stores uploaded articles like ingest does (cleaning, hashing) but without the model."""

    def __init__(self, settings: Settings, gate: threading.Event | None = None) -> None:
        self.settings = settings
        self.gate = gate
        self.closed = False

    def __call__(
        self, items: Any, progress: Callable[[int], None], phase: Callable[[str], None]
    ) -> IngestReport:
        db = Database(self.settings.db)
        added, failed, dups = [], [], []
        try:
            for item in items:
                if isinstance(item, Rejected):
                    failed.append(item)
                    continue
                got = prepare(item, self.settings)
                if isinstance(got, Rejected):
                    failed.append(got)
                    continue
                if db.has_hash(got.article.content_hash):
                    dups.append(item.path)
                    continue
                self._store(db, got.article)
                added.append(got.article.id)
                progress(1)
        finally:
            db.close()
        return IngestReport(added=tuple(added), duplicates=tuple(dups), failed=tuple(failed))

    def _store(self, db: Database, a: Article) -> None:
        facts = DocumentFacts(doc=a.id, sentences=(SourceSpan(a.id, 0, len(a.text), a.text),))
        if self.gate is None:
            db.add_document(a, facts, None)
            return
        with db.transaction():  # hold the write lock until the test opens the gate
            self.gate.wait(timeout=20)
        db.add_document(a, facts, None)

    def close(self) -> None:
        self.closed = True


@pytest.fixture()
def kb_path(tmp_path: Path) -> Path:
    return build_kb(tmp_path / "kb.db")


@pytest.fixture()
def make_client(kb_path: Path) -> Iterator[Callable[..., Any]]:
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    clients: list[Any] = []

    def make(**settings: Any) -> Any:
        gate = settings.pop("gate", None)
        conf = Settings.from_env(db=str(kb_path), **settings)
        app = create_app(str(kb_path), conf, runner=FakeRunner(conf, gate))
        client = TestClient(app)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for c in clients:
        c.__exit__(None, None, None)


@pytest.fixture()
def client(make_client: Callable[..., Any]) -> Any:
    return make_client()


# ---------------------------------------------------------------------------- browser

BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"]  # fmt: skip


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("no chromium on this machine (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": exe, "args": BROWSER_ARGS}
