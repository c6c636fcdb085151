"""Ingest: read inputs, clean, run the pipeline in batches, store each document atomically.

Flow for one batch: RawArticle → clean → dedupe by content hash → date evidence →
``nlp.pipe`` (with doc id and DCT set on each Doc) → DocumentFacts → one transaction per
document.  Undated documents get a first inferred date from their own clues here; the
cross-document dating pass in ``resolve`` refines it after the run.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .clean import clean
from .clean.dateline import find_published, wire_place
from .dedupe import minhash_bytes
from .errors import StorylineError
from .pipeline import DocInput, run
from .records import (
    Article,
    Dateline,
    DocumentFacts,
    IngestReport,
    RawArticle,
    Rejected,
    SourceSpan,
    Timex,
)
from .resolve.redate import date_doc, publication_timex
from .settings import Settings
from .sources.html import from_html
from .store import Database

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article cleaned, hashed and dated, waiting for the pipeline."""

    article: Article
    words: int
    dateline: Timex | None = None  # a year-less dateline date ('CAIRO, Oct 9 (Reuters) -')
    place: Dateline | None = None  # the dateline's city, where the first sentence was filed


def content_hash(text: str) -> str:
    """Hash of the cleaned text, insensitive to case and whitespace (idempotent ingest)."""
    norm = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def prepare(raw: RawArticle, settings: Settings) -> Prepared | Rejected:
    """Clean and date one raw article; a reason instead when nothing usable is left."""
    text = raw.text
    if text is None and raw.html is not None:  # readers normally extract; API callers may not
        got = from_html(raw.html, raw.path, url=raw.url, line=raw.line)
        raw = got.replace(
            source_id=raw.source_id, source=raw.source, title=raw.title or got.title,
            published=raw.published or got.published,
            published_source=raw.published_source if raw.published else got.published_source,
        )  # fmt: skip
        text = raw.text
    if not text or not text.strip():
        return Rejected(path=raw.path, line=raw.line, reason="no article text")
    cleaned = clean(text)
    body = cleaned.text[: settings.max_chars]
    if len(body.split()) < 5:
        return Rejected(path=raw.path, line=raw.line, reason="no article text left after cleaning")
    digest = content_hash(body)
    published, source = raw.published, raw.published_source
    dateline = None
    if published is None:
        evidence = find_published(text, raw.url)
        if evidence is not None and evidence.date:
            published, source = evidence.date, evidence.source
        elif evidence is not None and evidence.month_day:
            dateline = publication_timex(evidence.text, evidence.month_day)
    article = Article(
        id="d" + digest[:12], content_hash=digest, path=raw.path, text=body, raw_text=text,
        source_id=raw.source_id, url=raw.url, source=raw.source, title=raw.title,
        author=raw.author, published=published, published_source=source if published else None,
        published_range=(published, published) if published else None,
        flags=cleaned.flags, removed=cleaned.removed,
    )  # fmt: skip
    return Prepared(article=article, words=len(body.split()), dateline=dateline, place=wire_place(cleaned))


def facts_of(doc: Doc) -> DocumentFacts:
    doc_id = doc._.storyline_doc_id
    sentences = tuple(
        SourceSpan(doc=doc_id, start=s.start_char, end=s.end_char, text=s.text)
        for s in doc.sents
        if s.text.strip()
    )
    return DocumentFacts(
        doc=doc_id,
        timexes=tuple(doc._.storyline_timexes or ()),
        mentions=tuple(doc._.storyline_mentions or ()),
        quantities=tuple(doc._.storyline_quantities or ()),
        quotes=tuple(doc._.storyline_quotes or ()),
        events=tuple(doc._.storyline_events or ()),
        sentences=sentences,
    )


def batches(items: Iterable[Prepared], max_words: int) -> Iterator[list[Prepared]]:
    """Group by total words (not document count): long articles make small batches."""
    batch: list[Prepared] = []
    words = 0
    for item in items:
        if batch and words + item.words > max_words:
            yield batch
            batch, words = [], 0
        batch.append(item)
        words += item.words
    if batch:
        yield batch


class Ingester:
    """One ingest run against one database."""

    def __init__(self, db: Database, nlp: Language, settings: Settings) -> None:
        self.db = db
        self.nlp = nlp
        self.settings = settings
        self.added: list[str] = []
        self.duplicates: list[str] = []
        self.failed: list[Rejected] = []
        self._seen: set[str] = set()

    def run(self, items: Iterable[RawArticle | Rejected], progress: Progress | None = None) -> IngestReport:
        for batch in batches(self._prepared(items), self.settings.batch_words):
            self._process(batch)
            if progress is not None:
                progress(len(batch))
        return IngestReport(
            added=tuple(self.added), duplicates=tuple(self.duplicates), failed=tuple(self.failed)
        )

    def _prepared(self, items: Iterable[RawArticle | Rejected]) -> Iterator[Prepared]:
        for item in items:
            if isinstance(item, Rejected):
                self.failed.append(item)
                continue
            try:
                prepared = prepare(item, self.settings)
            except StorylineError as exc:
                prepared = Rejected(path=item.path, line=item.line, reason=str(exc))
            if isinstance(prepared, Rejected):
                self.failed.append(prepared)
                continue
            digest = prepared.article.content_hash
            if digest in self._seen or self.db.has_hash(digest):
                self.duplicates.append(item.path)
                continue
            self._seen.add(digest)
            yield prepared

    def _process(self, batch: list[Prepared]) -> None:
        inputs = [DocInput(p.article.id, p.article.text, p.article.published, p.place) for p in batch]
        by_id = {p.article.id: p for p in batch}
        for doc in run(self.nlp, inputs):
            prepared = by_id[doc._.storyline_doc_id]
            article = prepared.article
            if article.published is None:
                article = date_doc(article, doc, dateline=prepared.dateline)
            facts = facts_of(doc)
            self.db.add_document(article, facts, minhash_bytes(article.text))
            self.added.append(article.id)
