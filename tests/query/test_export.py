"""Exporters over a hand-filled store (no model): the storyline/1 JSON contract and the views."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.api import Store
from storyline.errors import ConfigError
from storyline.query.export import FORMATS, export, knowledge_base
from storyline.records import (
    Article,
    DocumentFacts,
    Entity,
    Event,
    Quote,
    Role,
    Series,
    SeriesPoint,
    SourceSpan,
    StatusChange,
    Story,
)
from storyline.settings import Settings
from storyline.store import Database

TEXT = "Ministers of Arland and Belmark met in Porto on Friday. The levy falls to 5% in June."
MEETING = SourceSpan(doc="d1", start=0, end=55, text=TEXT[:55])
LEVY = SourceSpan(doc="d1", start=56, end=len(TEXT), text=TEXT[56:])

CONTRACT = {
    "documents": {"id", "source_id", "path", "url", "source", "title", "published",
                  "published_source", "published_range", "flags", "duplicate_of", "text"},
    "entities": {"id", "name", "type", "aliases", "country", "roles", "mentions"},
    "events": {"id", "type", "summary", "start", "end", "date_precision", "status",
               "participants", "location", "attributes", "sources", "confidence"},
    "quotes": {"id", "speaker", "speaker_text", "text", "doc", "start", "end", "event"},
    "series": {"id", "name", "imposer", "target", "unit", "points"},
    "stories": {"id", "title", "documents", "events"},
}  # fmt: skip
NESTED = {
    ("entities", "roles"): {"title", "org", "since", "until"},
    ("events", "sources"): {"doc", "start", "end", "text"},
    ("series", "points"): {"date", "value", "status", "sources"},
}


def fill(db: Database) -> None:
    doc = Article(id="d1", content_hash="h1", path="a.txt", text=TEXT, raw_text=TEXT,
                  source="Harbour Wire", title="Levy cut", published="2025-05-10",
                  published_source="metadata", published_range=("2025-05-10", "2025-05-10"))  # fmt: skip
    db.add_document(doc, DocumentFacts(doc="d1", sentences=(MEETING, LEVY)), None)
    ana = Entity(id="p:ana-ruiz", name="Ana Ruiz", type="PERSON", aliases=("Ruiz",), country="AR",
                 roles=(Role(title="trade minister", org="Arland"),), mentions=3)  # fmt: skip
    arland = Entity(id="country:AR", name="Arland", type="GPE", mentions=5)
    meeting = Event(id="ev1", type="meeting", summary="Talks with Ana Ruiz in Porto",
                    start="2025-05-09", end="2025-05-09", date_precision="day", status="occurred",
                    participants=("p:ana-ruiz", "country:AR"), location="Porto",
                    attributes={"independent_sources": 1}, sources=(MEETING,), confidence=0.7,
                    history=(StatusChange(status="planned", date="2025-05-01", doc="d0"),
                             StatusChange(status="occurred", date="2025-05-10", doc="d1")),
                    conflicts=("2025-05-08: 1 source(s)", "2025-05-09: 2 source(s)"))  # fmt: skip
    levy = Event(id="ev2", type="tariff", summary="Tariff AR→BM at 5%", start="2025-06-01",
                 end="2025-06-30", date_precision="month", status="planned",
                 participants=("country:AR",), attributes={"rate": 5.0, "imposer": "AR"},
                 sources=(LEVY,))  # fmt: skip
    undated = Event(id="ev3", type="statement", summary="x", start=None, end=None,
                    date_precision="unknown", status="unknown")  # fmt: skip
    quote = Quote(id="q1", speaker="p:ana-ruiz", speaker_text="Ruiz", text="We met", doc="d1",
                  start=0, end=7, event="ev1")  # fmt: skip
    series = Series(id="tariff:AR-BM", name="Tariffs AR → BM", imposer="AR", target="BM",
                    unit="percent", points=(SeriesPoint(date="2025-06-01", value=5.0,
                                                        status="planned", sources=(LEVY,)),))  # fmt: skip
    story = Story(id="st1", title="Arland – Belmark: tariff", documents=("d1",), events=("ev1", "ev2"))
    db.replace_derived({
        "entity": [(ana.id, "a", ana), (arland.id, "b", arland)],
        "event": [(e.id, f"{e.start}", e) for e in (meeting, levy, undated)],
        "quote": [(quote.id, "a", quote)], "series": [(series.id, "a", series)],
        "story": [(story.id, "a", story)],
    })  # fmt: skip


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    db = Database(tmp_path / "kb.db")
    fill(db)
    with Store(db, Settings(db=str(tmp_path / "kb.db"))) as s:
        yield s


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    with Store(Database(tmp_path / "empty.db"), Settings()) as s:
        yield s


def test_json_export_has_exactly_the_contract_keys(store: Store) -> None:
    kb = json.loads(store.export("json"))
    assert set(kb) == {"schema", *CONTRACT}
    assert kb["schema"] == "storyline/1"
    for section, keys in CONTRACT.items():
        assert kb[section], section
        for item in kb[section]:
            assert set(item) == keys, section
    for (section, field), keys in NESTED.items():
        for item in kb[section]:
            for sub in item[field]:
                assert set(sub) == keys, (section, field)


def test_json_export_values(store: Store) -> None:
    kb = knowledge_base(store)
    assert [e["id"] for e in kb["events"]] == ["ev1", "ev2"]  # undated left out, date order
    meeting = kb["events"][0]
    assert meeting["sources"] == [MEETING.as_dict()]
    assert [h["status"] for h in meeting["attributes"]["status_history"]] == ["planned", "occurred"]
    assert meeting["attributes"]["conflicts"] == ["2025-05-08: 1 source(s)", "2025-05-09: 2 source(s)"]
    doc = kb["documents"][0]
    assert doc["published_range"] == ["2025-05-10", "2025-05-10"]
    assert doc["text"][MEETING.start : MEETING.end] == MEETING.text
    assert kb["entities"][0]["roles"] == [{"title": "trade minister", "org": "Arland",
                                           "since": None, "until": None}]  # fmt: skip
    assert kb["series"][0]["points"][0]["value"] == 5.0


def test_empty_store_exports_valid_json(empty_store: Store) -> None:
    kb = json.loads(empty_store.export("json"))
    assert kb == {"schema": "storyline/1", **{k: [] for k in CONTRACT}}


def test_csv_export(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(str(store.export("csv")))))
    assert [r["id"] for r in rows] == ["ev1", "ev2"]
    assert rows[0]["participants"] == "Ana Ruiz; Arland"
    assert rows[0]["sources"] == "1"
    assert json.loads(rows[1]["attributes"])["rate"] == 5.0


@pytest.mark.parametrize("fixture", ["store", "empty_store"])
def test_parquet_export_reads_back(fixture: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    s: Store = request.getfixturevalue(fixture)
    out = tmp_path / "events.parquet"
    data = s.export("parquet", out)
    assert isinstance(data, bytes)
    table = pq.read_table(out)
    assert {"id", "start", "summary", "sources"} <= set(table.column_names)
    assert table.num_rows == (2 if fixture == "store" else 0)
    if fixture == "store":
        assert table.column("id").to_pylist() == ["ev1", "ev2"]


def test_parquet_export_with_only_undated_events(empty_store: Store) -> None:
    import pyarrow.parquet as pq

    undated = Event(id="ev9", type="call", summary="x", start=None, end=None,
                    date_precision="unknown", status="unknown")  # fmt: skip
    empty_store.db.replace_derived({"event": [("ev9", "", undated)]})
    table = pq.read_table(io.BytesIO(bytes(empty_store.export("parquet"))))
    assert table.num_rows == 0
    assert "summary" in table.column_names


def test_markdown_export(store: Store) -> None:
    md = str(store.export("markdown"))
    assert md.startswith("# Timeline")
    bullets = [line for line in md.splitlines() if line.startswith("- ")]
    assert len(bullets) == 2
    assert "**2025-05-09**" in bullets[0] and "[^1]" in bullets[0]
    assert "[^1]: Levy cut, 2025-05-10" in md
    assert MEETING.text in md


def test_timelinejs_export(store: Store) -> None:
    tl = json.loads(str(store.export("timelinejs")))
    assert tl["title"]["text"]["headline"] == "Arland – Belmark: tariff"
    first, second = tl["events"]
    assert first["start_date"] == {"year": "2025", "month": "5", "day": "9"}
    assert "end_date" not in first
    assert second["end_date"] == {"year": "2025", "month": "6", "day": "30"}
    assert first["unique_id"] == "ev1"


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_to_file_matches_returned_data(fmt: str, store: Store, tmp_path: Path) -> None:
    out = tmp_path / f"kb.{fmt}"
    data = export(store, fmt, out)
    written = out.read_bytes()
    assert written == (data if isinstance(data, bytes) else data.encode("utf-8"))
    assert not (tmp_path / f"kb.{fmt}.tmp").exists()


def test_unknown_format(store: Store) -> None:
    with pytest.raises(ConfigError, match="unknown export format 'xml'") as info:
        store.export("xml")
    assert "\n" not in str(info.value)
