"""The SQLite store: migrations, atomic document writes, derived records, FTS, WAL reads."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.errors import NotFound, StoreError
from storyline.records import (
    Article,
    Cleaned,
    DateEvidence,
    Dateline,
    DocumentFacts,
    Entity,
    Event,
    IngestReport,
    Mention,
    Quantity,
    Quote,
    RawArticle,
    Rejected,
    Removed,
    Role,
    Series,
    SeriesPoint,
    SourceSpan,
    StatusChange,
    Story,
    Timex,
)
from storyline.store import Database
from storyline.store.codec import from_json, to_json
from storyline.store.migrations import MIGRATIONS

TEXT = (
    "Negotiators from Arland and Belmark met in Porto on Tuesday. "
    "They agreed to cut the levy on olive oil from 20% to 5%. "
    "A second round of talks is planned for next month."
)
SENTENCES = ((0, 60), (61, 117), (118, len(TEXT)))


def article(doc_id: str = "d1", text: str = TEXT, **kw: Any) -> Article:
    return Article(id=doc_id, content_hash=f"hash-{doc_id}", path=f"{doc_id}.txt", text=text,
                   raw_text=text, **kw)  # fmt: skip


def span(doc: str, start: int, end: int, text: str = TEXT) -> SourceSpan:
    return SourceSpan(doc=doc, start=start, end=end, text=text[start:end])


def facts(doc_id: str = "d1", text: str = TEXT) -> DocumentFacts:
    when = Timex(start=52, end=59, text="Tuesday", type="DATE", value="2025-06-03",
                 lo="2025-06-03", hi="2025-06-03", precision="day", tense="past", relative=True)  # fmt: skip
    role = Role(title="trade minister", org="Arland government", since="2024-01-01")
    mention = Mention(doc=doc_id, start=17, end=23, text="Arland", label="GPE", key="arland",
                      name="Arland", country="AR", role=role)  # fmt: skip
    quantity = Quantity(start=104, end=107, text="5%", value=5.0, unit="percent", kind="rate",
                        previous=20.0, direction="down", item="olive oil")  # fmt: skip
    quote = Quote(id=f"q-{doc_id}", speaker="arland", speaker_text="Arland", text="We agreed",
                  doc=doc_id, start=70, end=80)  # fmt: skip
    event = Event(id=f"e-{doc_id}", type="meeting", summary="Talks in Porto", start="2025-06-03",
                  end="2025-06-03", date_precision="day", status="occurred",
                  participants=("arland", "belmark"), location="Porto",
                  attributes={"dated_by": "text", "rounds": [1, 2], "pair": {"a": "x"}},
                  sources=(span(doc_id, 0, 60, text),), when=when, doc=doc_id,
                  history=(StatusChange(status="planned", date="2025-05-30", doc=doc_id),))  # fmt: skip
    return DocumentFacts(
        doc=doc_id, timexes=(when,), mentions=(mention,), quantities=(quantity,),
        quotes=(quote,), events=(event,),
        sentences=tuple(span(doc_id, s, e, text) for s, e in SENTENCES),
    )  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(tmp_path / "s.db")
    yield database
    database.close()


# ------------------------------------------------------------------ migrations / opening


def test_migrations_recorded_by_name(db: Database) -> None:
    assert db.migrations() == sorted(name for name, _ in MIGRATIONS)


def test_migrate_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    first = Database(path)
    first.add_document(article(), facts(), None)
    assert first.migrate() == []
    first.close()
    again = Database(path)
    assert again.migrate() == []
    assert again.count() == 1
    assert len(again.migrations()) == len(MIGRATIONS)
    again.close()


def test_unknown_migration_means_newer_storyline(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO migrations(name) VALUES ('9999_future')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer storyline"):
        Database(path)


@pytest.mark.parametrize(
    "content", [b"this is a plain text file, not a database\n" * 40, bytes(range(256)) * 16]
)
def test_non_sqlite_file_gives_one_line_store_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        Database(path)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message


# ------------------------------------------------------------------ documents


def test_add_document_round_trip(db: Database) -> None:
    a = article(published="2025-06-04", published_source="metadata",
                published_range=("2025-06-04", "2025-06-04"), flags=("wire",),
                removed=(Removed(start=0, end=4, reason="byline", text="By X"),))  # fmt: skip
    f = facts()
    db.add_document(a, f, b"\x01\x02")
    assert db.document("d1") == a
    assert db.documents() == [a]
    assert db.document_facts("d1") == f
    assert db.minhashes() == [("d1", b"\x01\x02")]
    assert db.facts("event") == list(f.events)


class Boom(Quantity):
    """A fact that cannot be serialised (simulates a crash half way through a write)."""

    __slots__ = ()

    def as_dict(self) -> dict[str, Any]:
        raise RuntimeError("disk on fire")


def test_failed_write_leaves_nothing_of_that_document(db: Database) -> None:
    db.add_document(article("d1"), facts("d1"), b"m1")
    good = facts("d2")
    broken = good.replace(quantities=(*good.quantities, Boom(start=0, end=1, text="x", value=1.0,
                                                              unit="percent")))  # fmt: skip
    with pytest.raises(RuntimeError, match="disk on fire"):
        db.add_document(article("d2"), broken, b"m2")
    assert db.count() == 1
    assert db.has_hash("hash-d2") is None
    with pytest.raises(NotFound):
        db.document("d2")
    assert db.document_facts("d2") == DocumentFacts(doc="d2")
    assert {s.doc for s in db.search("Porto")} == {"d1"}
    assert db.document_facts("d1") == facts("d1")
    # the connection is usable again and the document can be written after the failure
    db.add_document(article("d2"), good, b"m2")
    assert db.count() == 2


def test_duplicate_hash_rolls_back(db: Database) -> None:
    db.add_document(article("d1"), facts("d1"), None)
    clash = dataclasses.replace(article("d9"), content_hash="hash-d1")
    with pytest.raises(sqlite3.IntegrityError):
        db.add_document(clash, facts("d9"), None)
    assert [a.id for a in db.documents()] == ["d1"]
    assert db.facts("timex", "d9") == []


def test_has_hash(db: Database) -> None:
    assert db.has_hash("hash-d1") is None
    db.add_document(article("d1"), facts("d1"), None)
    assert db.has_hash("hash-d1") == "d1"
    assert db.has_hash("hash-other") is None


def test_update_document_metadata_only_keeps_facts(db: Database) -> None:
    db.add_document(article("d1"), facts("d1"), None)
    changed = article("d1", published="2025-06-05", published_source="inferred",
                      published_range=("2025-06-01", "2025-06-09"), duplicate_of="d0")  # fmt: skip
    db.update_document(changed)
    assert db.document("d1") == changed
    assert db.document_facts("d1") == facts("d1")


def test_update_document_replaces_facts_and_sentences(db: Database) -> None:
    db.add_document(article("d1"), facts("d1"), None)
    fewer = facts("d1").replace(events=(), sentences=(span("d1", 0, 60),))
    db.update_document(article("d1"), fewer)
    assert db.facts("event", "d1") == []
    assert db.document_facts("d1").sentences == (span("d1", 0, 60),)
    assert db.search("levy") == []


def test_unknown_document_is_not_found(db: Database) -> None:
    with pytest.raises(NotFound, match="d404"):
        db.document("d404")


# ------------------------------------------------------------------ derived / meta


def test_replace_derived_and_read_back(db: Database) -> None:
    s1 = Story(id="s1", title="Olive oil levy", documents=("d1",), events=("e1",))
    s2 = Story(id="s2", title="Port strike", documents=("d2", "d3"))
    db.replace_derived({"story": [("s2", "b", s2), ("s1", "a", s1)]})
    assert db.derived("story", Story) == [s1, s2]
    assert db.derived_one("story", "s2", Story) == s2
    db.replace_derived({"story": [("s2", "a", s2)]})
    assert db.derived("story", Story) == [s2]
    with pytest.raises(NotFound):
        db.derived_one("story", "s1", Story)


def test_replace_derived_leaves_other_kinds(db: Database) -> None:
    ent = Entity(id="country:AR", name="Arland", type="GPE", aliases=("Arlandia",), mentions=3)
    db.replace_derived({"entity": [(ent.id, "x", ent)], "story": []})
    db.replace_derived({"story": [("s1", "a", Story(id="s1", title="t"))]})
    assert db.derived("entity", Entity) == [ent]


def test_meta(db: Database) -> None:
    assert db.meta("last_run", "never") == "never"
    db.set_meta("last_run", {"docs": 3})
    db.set_meta("last_run", {"docs": 4})
    assert db.meta("last_run") == {"docs": 4}


# ------------------------------------------------------------------ search


@pytest.fixture
def searchable(db: Database) -> Database:
    other = "Dockworkers in Porto went on strike over olive harvest pay. The levy stays."
    db.add_document(article("d1"), facts("d1"), None)
    db.add_document(article("d2", text=other),
                    DocumentFacts(doc="d2", sentences=(span("d2", 0, 57, other),
                                                      span("d2", 58, len(other), other))), None)  # fmt: skip
    return db


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Porto", {("d1", 0), ("d2", 0)}),
        ("olive levy", {("d1", 61)}),  # plain words are ANDed within a sentence
        ('"olive oil"', {("d1", 61)}),  # a phrase
        ('"oil olive"', set()),  # the phrase in the wrong order does not match
        ("negotiator", {("d1", 0)}),  # porter stemming
        ("zeppelin", set()),
        ('"', set()),
        ('olive "oil', {("d1", 61)}),  # an unbalanced quote: plain words
        ("NEAR AND", set()),  # FTS operators are searched as words, not a syntax error
    ],
)
def test_search(searchable: Database, query: str, expected: set[tuple[str, int]]) -> None:
    hits = searchable.search(query)
    assert {(h.doc, h.start) for h in hits} == expected
    for h in hits:
        assert h.text == searchable.document(h.doc).text[h.start : h.end]


def test_search_limit(searchable: Database) -> None:
    assert len(searchable.search("Porto", limit=1)) == 1


# ------------------------------------------------------------------ WAL reader


def test_reader_sees_committed_data_while_a_write_is_open(db: Database) -> None:
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.add_document(article("d1"), facts("d1"), None)
    reader = db.reader()
    try:
        with db.transaction() as conn:
            conn.execute(
                "UPDATE documents SET title = 'uncommitted' WHERE id = 'd1'"
            )
            # the reader is not blocked and sees the last committed state
            assert reader.count() == 1
            assert reader.document("d1").title is None
        assert reader.document("d1").title == "uncommitted"
        db.add_document(article("d2"), facts("d2"), None)
        assert reader.count() == 2
        assert {h.doc for h in reader.search("Porto")} == {"d1", "d2"}
    finally:
        reader.close()


def test_reader_is_read_only(db: Database) -> None:
    reader = db.reader()
    try:
        with pytest.raises(sqlite3.OperationalError):
            reader.conn.execute("DELETE FROM documents")
    finally:
        reader.close()


# ------------------------------------------------------------------ codec


_F = facts()
RECORDS: list[Any] = [
    RawArticle(path="a.jsonl", text="Body", title="T", published="2025-01-02",
               published_source="metadata", line=3),
    Removed(start=1, end=5, reason="boilerplate", text="Subscribe"),
    Cleaned(text="abc", removed=(Removed(start=0, end=1, reason="x", text="y"),),
            flags=("paywall",), offsets=(0, 2, 3)),
    article(published_range=("2025-01-01", "2025-01-31"), flags=("a", "b"),
            removed=(Removed(start=0, end=2, reason="byline", text="By"),)),
    Rejected(path="x.bin", line=None, reason="binary file"),
    DateEvidence(date=None, month_day="03-25", source="text", start=0, end=8, text="25 March",
                 kind="dateline"),
    Dateline(place="Hanoi", start=12),
    _F.timexes[0],
    _F.sentences[0],
    Role(title="president"),
    _F.mentions[0],
    Entity(id="p:1", name="Ana Ruiz", type="PERSON", aliases=("Ruiz", "A. Ruiz"), country="AR",
           roles=(Role(title="minister", since="2024"), Role(title="envoy")), mentions=7),
    _F.quantities[0],
    StatusChange(status="planned", date=None, doc="d1"),
    _F.events[0],
    _F.events[0].replace(when=None, location=None, attributes={}),
    _F.quotes[0],
    SeriesPoint(date="2025-04-09", value=145.0, status="in_effect", sources=_F.sentences),
    Series(id="tariff:A-B", name="Tariffs A → B", imposer="A", target="B", unit="percent",
           points=(SeriesPoint(date="2025-05-14", value=30.0, status="in_effect"),)),
    Story(id="st1", title="Olive oil", documents=("d1", "d2"), events=("e1",)),
    _F,
    IngestReport(added=("d1",), duplicates=("b.txt",),
                 failed=(Rejected(path="c.html", line=2, reason="broken"),)),
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_codec_round_trip(record: Any) -> None:
    back = from_json(type(record), to_json(record))
    assert back == record
    assert back.as_dict() == record.as_dict()


def test_every_record_type_is_covered() -> None:
    from storyline import records

    declared = {
        obj for obj in vars(records).values()
        if isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == records.__name__
    }  # fmt: skip
    assert declared <= {type(r) for r in RECORDS}


def test_codec_nested_types_come_back_as_records() -> None:
    ev = from_json(Event, to_json(_F.events[0]))
    assert isinstance(ev.sources, tuple)
    assert isinstance(ev.sources[0], SourceSpan)
    assert isinstance(ev.when, Timex)
    assert isinstance(ev.history[0], StatusChange)
    assert ev.attributes == {"dated_by": "text", "rounds": [1, 2], "pair": {"a": "x"}}
    art = from_json(Article, to_json(article(published_range=("2025-01-01", "2025-01-31"))))
    assert art.published_range == ("2025-01-01", "2025-01-31")
    mention = from_json(Mention, to_json(_F.mentions[0]))
    assert isinstance(mention.role, Role)


def test_database_locked_by_another_writer_is_a_store_error(db: Database) -> None:
    other = sqlite3.connect(db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        db.conn.execute("PRAGMA busy_timeout=50")
        with pytest.raises(StoreError, match="locked") as info:
            db.add_document(article("d1"), facts("d1"), None)
        assert "\n" not in str(info.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    db.add_document(article("d1"), facts("d1"), None)  # usable once the lock is gone
    assert db.count() == 1
