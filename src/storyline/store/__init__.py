"""The SQLite store: schema, named migrations, one write connection, typed reads and writes.

The store knows no NLP: records go in, records come out.  Every document is written with
all its facts in one transaction, so an interrupted ingest never leaves half a document.
Readers open their own connections (WAL), so reads never block on a running ingest.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from ..errors import NotFound, StoreError
from ..records import (
    Article,
    DocumentFacts,
    Event,
    Mention,
    Quantity,
    Quote,
    Removed,
    SourceSpan,
    Timex,
)
from .codec import from_dict, from_json, to_json
from .migrations import MIGRATIONS

T = TypeVar("T")

FACT_KINDS: dict[str, type] = {
    "timex": Timex,
    "mention": Mention,
    "quantity": Quantity,
    "quote": Quote,
    "event": Event,
}

_DOC_COLUMNS = (
    "id, content_hash, source_id, path, url, source, title, author, published, "
    "published_source, published_lo, published_hi, flags, duplicate_of, text, raw_text, removed"
)


class Database:
    """One storyline database file.  Not shared across threads for writing."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        self.readonly = readonly
        self._lock = threading.Lock()
        self.conn = self._connect()
        if not readonly:
            self.migrate()

    # ------------------------------------------------------------------ connection

    def _connect(self) -> sqlite3.Connection:
        try:
            if self.readonly:
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA busy_timeout=10000")
            conn.row_factory = sqlite3.Row
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable SQLite database ({exc})") from exc
        return conn

    def reader(self) -> Database:
        """A separate read-only connection (for web requests while an ingest writes)."""
        return Database(self.path, readonly=True)

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:  # locked by another writer past the timeout
                raise StoreError(f"{self.path}: cannot write ({exc})") from exc
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def migrate(self) -> list[str]:
        """Apply pending named migrations; return the names applied."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL"
            " DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))"
        )
        done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
        known = {name for name, _ in MIGRATIONS}
        if done - known:
            raise StoreError(
                f"{self.path}: written by a newer storyline (unknown migrations "
                f"{', '.join(sorted(done - known))})"
            )
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.transaction() as conn:
                for statement in _statements(sql):
                    conn.execute(statement)
                conn.execute("INSERT INTO migrations(name) VALUES (?)", (name,))
            applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM migrations ORDER BY name")]

    # ------------------------------------------------------------------ documents

    def has_hash(self, content_hash: str) -> str | None:
        row = self.conn.execute(
            "SELECT id FROM documents WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return row[0] if row else None

    def add_document(self, article: Article, facts: DocumentFacts, minhash: bytes | None) -> None:
        """Store one document with all its facts and sentences in one transaction."""
        with self.transaction() as conn:
            conn.execute(
                f"INSERT INTO documents ({_DOC_COLUMNS}, minhash) VALUES "
                f"({', '.join('?' * 18)})",
                (*_article_row(article), minhash),
            )
            _insert_facts(conn, facts)

    def update_document(self, article: Article, facts: DocumentFacts | None = None) -> None:
        """Rewrite a document's metadata (and, if given, its facts) in one transaction."""
        with self.transaction() as conn:
            row = _article_row(article)
            cols = [c.strip() for c in _DOC_COLUMNS.split(",")][1:]
            conn.execute(
                f"UPDATE documents SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?",
                (*row[1:], article.id),
            )
            if facts is not None:
                conn.execute("DELETE FROM facts WHERE doc = ?", (article.id,))
                conn.execute("DELETE FROM sentences WHERE doc = ?", (article.id,))
                _insert_facts(conn, facts)

    def documents(self) -> list[Article]:
        rows = self.conn.execute(f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY id")
        return [_article(r) for r in rows]

    def document(self, doc_id: str) -> Article:
        row = self.conn.execute(
            f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if row is None:
            raise NotFound("document", doc_id)
        return _article(row)

    def minhashes(self) -> list[tuple[str, bytes]]:
        rows = self.conn.execute(
            "SELECT id, minhash FROM documents WHERE minhash IS NOT NULL ORDER BY id"
        )
        return [(r[0], r[1]) for r in rows]

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    # ------------------------------------------------------------------ facts

    def facts(self, kind: str, doc: str | None = None) -> list[Any]:
        cls = FACT_KINDS[kind]
        if doc is None:
            rows = self.conn.execute(
                "SELECT data FROM facts WHERE kind = ? ORDER BY doc, seq", (kind,)
            )
        else:
            rows = self.conn.execute(
                "SELECT data FROM facts WHERE kind = ? AND doc = ? ORDER BY seq", (kind, doc)
            )
        return [from_json(cls, r[0]) for r in rows]

    def document_facts(self, doc: str) -> DocumentFacts:
        sentences = tuple(
            SourceSpan(doc=doc, start=r[1], end=r[2], text=r[0])
            for r in self.conn.execute(
                'SELECT text, start, "end" FROM sentences WHERE doc = ? ORDER BY start', (doc,)
            )
        )
        return DocumentFacts(
            doc=doc,
            timexes=tuple(self.facts("timex", doc)),
            mentions=tuple(self.facts("mention", doc)),
            quantities=tuple(self.facts("quantity", doc)),
            quotes=tuple(self.facts("quote", doc)),
            events=tuple(self.facts("event", doc)),
            sentences=sentences,
        )

    def search(self, query: str, limit: int = 50) -> list[SourceSpan]:
        """Full-text search over sentences (FTS5 syntax; plain words are ANDed)."""
        try:
            rows = self.conn.execute(
                'SELECT doc, start, "end", text FROM sentences WHERE sentences MATCH ? '
                "ORDER BY rank LIMIT ?",
                (_fts_query(query), limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot search for {query!r}: {exc}") from exc
        return [SourceSpan(doc=r[0], start=int(r[1]), end=int(r[2]), text=r[3]) for r in rows]

    # ------------------------------------------------------------------ derived

    def replace_derived(self, items: dict[str, Sequence[tuple[str, str, Any]]]) -> None:
        """Replace whole kinds of derived records (id, sort key, record) in one transaction."""
        with self.transaction() as conn:
            for kind, rows in items.items():
                conn.execute("DELETE FROM derived WHERE kind = ?", (kind,))
                conn.executemany(
                    "INSERT INTO derived(kind, id, sort_key, data) VALUES (?, ?, ?, ?)",
                    [(kind, ident, key, to_json(rec)) for ident, key, rec in rows],
                )

    def derived(self, kind: str, cls: type[T]) -> list[T]:
        rows = self.conn.execute(
            "SELECT data FROM derived WHERE kind = ? ORDER BY sort_key, id", (kind,)
        )
        return [from_json(cls, r[0]) for r in rows]

    def derived_one(self, kind: str, ident: str, cls: type[T]) -> T:
        row = self.conn.execute(
            "SELECT data FROM derived WHERE kind = ? AND id = ?", (kind, ident)
        ).fetchone()
        if row is None:
            raise NotFound(kind, ident)
        return from_json(cls, row[0])

    def set_meta(self, key: str, value: Any) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                "SET value = excluded.value",
                (key, json.dumps(value)),
            )

    def meta(self, key: str, default: Any = None) -> Any:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default


# ---------------------------------------------------------------------- helpers


def _statements(sql: str) -> Iterable[str]:
    return [s.strip() for s in sql.split(";") if s.strip()]


def _fts_query(query: str) -> str:
    """Plain words are ANDed; a "quoted phrase" must match in order (unbalanced quotes are ignored)."""
    parts = query.split('"')
    if len(parts) % 2 == 0:  # an unbalanced quote: treat everything as plain words
        parts = [query.replace('"', " ")]
    terms: list[str] = []
    for i, part in enumerate(parts):
        if i % 2:
            phrase = " ".join(part.split())
            if phrase:
                terms.append(f'"{phrase}"')
        else:
            terms.extend(f'"{w}"' for w in part.split())
    return " ".join(terms) or '""'


def _article_row(a: Article) -> tuple[Any, ...]:
    lo, hi = a.published_range or (None, None)
    return (
        a.id, a.content_hash, a.source_id, a.path, a.url, a.source, a.title, a.author,
        a.published, a.published_source, lo, hi, json.dumps(list(a.flags)), a.duplicate_of,
        a.text, a.raw_text, to_json([r.as_dict() for r in a.removed]),
    )  # fmt: skip


def _article(r: sqlite3.Row) -> Article:
    lo, hi = r["published_lo"], r["published_hi"]
    return Article(
        id=r["id"], content_hash=r["content_hash"], path=r["path"], text=r["text"],
        raw_text=r["raw_text"], source_id=r["source_id"], url=r["url"], source=r["source"],
        title=r["title"], author=r["author"], published=r["published"],
        published_source=r["published_source"],
        published_range=(lo, hi) if lo and hi else None,
        flags=tuple(json.loads(r["flags"])), duplicate_of=r["duplicate_of"],
        removed=tuple(from_dict(Removed, d) for d in json.loads(r["removed"])),
    )  # fmt: skip


def _insert_facts(conn: sqlite3.Connection, facts: DocumentFacts) -> None:
    groups: list[tuple[str, Sequence[Any]]] = [
        ("timex", facts.timexes), ("mention", facts.mentions), ("quantity", facts.quantities),
        ("quote", facts.quotes), ("event", facts.events),
    ]  # fmt: skip
    for kind, items in groups:
        conn.executemany(
            'INSERT INTO facts(doc, kind, seq, start, "end", data) VALUES (?, ?, ?, ?, ?, ?)',
            [
                (facts.doc, kind, i, getattr(x, "start", None), getattr(x, "end", None), to_json(x))
                for i, x in enumerate(items)
            ],
        )
    conn.executemany(
        'INSERT INTO sentences(text, doc, start, "end") VALUES (?, ?, ?, ?)',
        [(s.text, facts.doc, s.start, s.end) for s in facts.sentences],
    )


__all__ = ["FACT_KINDS", "Database"]
