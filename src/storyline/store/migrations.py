"""Named schema migrations, applied in order and recorded in the ``migrations`` table.

Never edit a migration that has shipped: add a new one.  Each runs in its own transaction.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_documents",
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            source_id TEXT, path TEXT NOT NULL, url TEXT, source TEXT, title TEXT, author TEXT,
            published TEXT, published_source TEXT, published_lo TEXT, published_hi TEXT,
            flags TEXT NOT NULL DEFAULT '[]',
            duplicate_of TEXT,
            text TEXT NOT NULL,
            raw_text TEXT NOT NULL,
            removed TEXT NOT NULL DEFAULT '[]',
            minhash BLOB,
            ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE INDEX documents_published ON documents(published);
        """,
    ),
    (
        "0002_facts",
        """
        CREATE TABLE facts (
            doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            seq INTEGER NOT NULL,
            start INTEGER, "end" INTEGER,
            data TEXT NOT NULL,
            PRIMARY KEY (doc, kind, seq)
        );
        CREATE INDEX facts_kind ON facts(kind);
        """,
    ),
    (
        "0003_sentences_fts",
        """
        CREATE VIRTUAL TABLE sentences USING fts5(
            text, doc UNINDEXED, start UNINDEXED, "end" UNINDEXED, tokenize = 'porter unicode61'
        );
        """,
    ),
    (
        "0004_derived",
        """
        CREATE TABLE derived (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            sort_key TEXT,
            data TEXT NOT NULL,
            PRIMARY KEY (kind, id)
        );
        CREATE INDEX derived_sort ON derived(kind, sort_key);
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ),
)
