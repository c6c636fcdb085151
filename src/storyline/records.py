"""Records that cross a boundary between stages.

Every record is a frozen, slotted dataclass with ``as_dict()``.  Stages never pass tuples
or dicts to each other: they pass these.  Character offsets (``start``/``end``) always index
the *cleaned* text of the document named by ``doc``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def _plain(value: Any) -> Any:
    """Convert records, tuples and mappings into JSON-ready builtins."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class _Record:
    """Mixin giving every record the same ``as_dict`` and ``replace``."""

    __slots__ = ()

    def as_dict(self) -> dict[str, Any]:
        out = _plain(self)
        assert isinstance(out, dict)
        return out

    def replace(self, **changes: Any) -> Any:
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]


# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True, slots=True)
class RawArticle(_Record):
    """One article as a source reader found it, before cleaning.

    ``text`` or ``html`` is set (never neither).  ``line`` is the 1-based line of the input
    file the record came from (JSONL, feeds), for error messages.
    """

    path: str
    text: str | None = None
    html: str | None = None
    source_id: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    source: str | None = None
    published: str | None = None  # YYYY-MM-DD given by metadata or a header line
    published_source: str | None = None  # "metadata" | "header"
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Removed(_Record):
    """A stretch of the raw text that cleaning removed, and why."""

    start: int  # offsets into the raw text
    end: int
    reason: str
    text: str


@dataclass(frozen=True, slots=True)
class Cleaned(_Record):
    """Result of cleaning: the body text, what was removed, flags, and an offset map.

    ``offsets[i]`` is the raw-text offset of cleaned character ``i``.
    """

    text: str
    removed: tuple[Removed, ...] = ()
    flags: tuple[str, ...] = ()
    offsets: tuple[int, ...] = ()

    def raw_offset(self, i: int) -> int:
        if not self.offsets:
            return i
        if i >= len(self.offsets):
            return self.offsets[-1] + 1 + (i - len(self.offsets))
        return self.offsets[i]


@dataclass(frozen=True, slots=True)
class Article(_Record):
    """A stored document: metadata, cleaned text and dating evidence."""

    id: str
    content_hash: str
    path: str
    text: str
    raw_text: str = ""
    source_id: str | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    published_source: str | None = None  # metadata|header|url|text|inferred
    published_range: tuple[str, str] | None = None
    flags: tuple[str, ...] = ()
    duplicate_of: str | None = None
    removed: tuple[Removed, ...] = ()


@dataclass(frozen=True, slots=True)
class Rejected(_Record):
    """An input that could not be ingested, with the reason (never a bare None)."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class DateEvidence(_Record):
    """A publication date found in a document's URL or text (not in its metadata).

    ``date`` is YYYY-MM-DD when the year is known; a dateline without a year
    ("25 March (LaPresse)") gives only ``month_day`` (MM-DD) and the caller resolves the
    year.  ``source`` is "url" or "text"; ``start``/``end`` index the string searched (the
    URL or the text given), ``text`` is the matched stretch.  ``kind`` says what the line
    was: published|updated|dateline|url.
    """

    date: str | None
    month_day: str | None
    source: str
    start: int
    end: int
    text: str
    kind: str = "published"


@dataclass(frozen=True, slots=True)
class Dateline(_Record):
    """The city of a wire dateline that cleaning removed ('HANOI -'), and the offset in the
    cleaned text of the sentence it opened: where a reporter filed that sentence from."""

    place: str
    start: int


# --------------------------------------------------------------------------- time


@dataclass(frozen=True, slots=True)
class Timex(_Record):
    """A time expression normalised to TimeML TIMEX3 against the document creation time.

    ``lo``/``hi`` give the interval (inclusive ISO days) the expression denotes, for event
    dating; ``precision`` is day|week|month|quarter|season|year|unknown.  ``tense`` is the
    tense of the governing clause (past|present|future|none), kept so the expression can be
    re-normalised when the document is re-dated.
    """

    start: int
    end: int
    text: str
    type: str  # DATE|TIME|DURATION|SET
    value: str
    lo: str | None = None
    hi: str | None = None
    precision: str = "unknown"
    mod: str | None = None  # TimeML mod: BEFORE, AFTER, START, END, APPROX, ...
    tense: str = "none"
    relative: bool = False  # True when the value depends on the DCT
    counts_to: int | None = None  # a DURATION saying how far ahead the date starting here lies
    counts_from: int | None = None  # a DURATION counted from the (event) date starting here
    counts_back: bool = False  # ... backwards: 'two days before the vote'
    aside: bool = False  # told out of the narrative's order: 'had been held in July', 'a deal signed in May'
    function: str | None = None  # TimeML functionInDocument: PUBLICATION_TIME for a dateline's date


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True, slots=True)
class SourceSpan(_Record):
    """A citation: a character span of a document's cleaned text."""

    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Role(_Record):
    title: str
    org: str | None = None
    since: str | None = None
    until: str | None = None


# Key prefixes of mentions and entities that name places, never parties ('country:' stays a
# party: 'China said').
PLACE_KEYS = ("city:", "gpe:", "loc:", "fac:", "place:")


@dataclass(frozen=True, slots=True)
class Mention(_Record):
    """A mention of an actor in one document (offsets into cleaned text).

    ``key`` is the canonical key the actors component resolved it to within the document
    (dictionary id or normalised full name); cross-document resolution turns keys into
    entity ids.
    """

    doc: str
    start: int
    end: int
    text: str
    label: str  # PERSON|ORG|GPE|NORP|LOC|FAC|...
    key: str
    name: str  # best full name known in the document
    country: str | None = None
    role: Role | None = None
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Entity(_Record):
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    roles: tuple[Role, ...] = ()
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class Quantity(_Record):
    """A number found in text: percentages, amounts, points, money."""

    start: int
    end: int
    text: str
    value: float
    unit: str  # percent|points|t|usd|bushel|...
    kind: str = "amount"  # amount|change|rate
    previous: float | None = None  # "from 145% to 30%": value 30, previous 145
    direction: str | None = None  # up|down when the text says rose/fell/higher/lower
    item: str | None = None  # what is counted: "12 million tons of soybeans" -> "soybeans"


@dataclass(frozen=True, slots=True)
class StatusChange(_Record):
    status: str
    date: str | None  # publication date of the source that reported this status
    doc: str


@dataclass(frozen=True, slots=True)
class Event(_Record):
    id: str
    type: str
    summary: str
    start: str | None
    end: str | None
    date_precision: str
    status: str
    participants: tuple[str, ...] = ()
    location: str | None = None
    attributes: Mapping[str, Any] = field(default_factory=dict)
    sources: tuple[SourceSpan, ...] = ()
    confidence: float = 0.5
    trigger: str = ""
    history: tuple[StatusChange, ...] = ()
    conflicts: tuple[str, ...] = ()
    when: Timex | None = None  # the time expression the date came from (re-dating)
    doc: str | None = None  # the document of a single-document event (before merging)


@dataclass(frozen=True, slots=True)
class Quote(_Record):
    id: str
    speaker: str | None
    speaker_text: str | None
    text: str
    doc: str
    start: int
    end: int
    event: str | None = None


@dataclass(frozen=True, slots=True)
class SeriesPoint(_Record):
    date: str
    value: float
    status: str
    sources: tuple[SourceSpan, ...] = ()


@dataclass(frozen=True, slots=True)
class Series(_Record):
    id: str
    name: str
    imposer: str | None
    target: str | None
    unit: str
    points: tuple[SeriesPoint, ...] = ()


@dataclass(frozen=True, slots=True)
class Story(_Record):
    id: str
    title: str
    documents: tuple[str, ...] = ()
    events: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentFacts(_Record):
    """Everything the pipeline read out of one document, ready to store in one transaction."""

    doc: str
    timexes: tuple[Timex, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    sentences: tuple[SourceSpan, ...] = ()


@dataclass(frozen=True, slots=True)
class IngestReport(_Record):
    """What one ingest run did: documents added, skipped as duplicates, and failures."""

    added: tuple[str, ...] = ()
    duplicates: tuple[str, ...] = ()
    failed: tuple[Rejected, ...] = ()

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.duplicates)} skipped as duplicates, "
            f"{len(self.failed)} failed"
        )
