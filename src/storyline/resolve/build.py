"""Rebuild everything derived from the stored per-document facts.

Run after each ingest.  It reads facts, never re-runs the NLP, and computes from the whole
set of stored documents, so the result does not depend on the order they came in:

1. near-duplicates (MinHash) → ``duplicate_of``;
2. dating of undated documents with anchors from other documents → re-normalised facts;
3. actors resolved across documents → entities;
4. event mentions merged across documents → events;
5. quotes with speaker entities, tariff/purchase series, stories.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..dedupe import duplicates_of, reworded_copies
from ..dictionary import load_dictionary
from ..records import PLACE_KEYS, Article, DocumentFacts, Entity, Event, Quote
from ..settings import Settings
from ..store import Database
from ..summaries import resummarise
from . import series as series_mod
from . import stories as stories_mod
from .actors import resolve as resolve_actors
from .anchors import redate_pass
from .merge import Context, merge

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


def rebuild(db: Database, settings: Settings) -> None:
    docs = db.documents()
    facts = {d.id: db.document_facts(d.id) for d in docs}
    originals = duplicates_of(db.minhashes(), settings.dup_threshold)
    pairs = reworded_copies([(d.id, d.text) for d in sorted(docs, key=lambda d: d.path) if d.id not in originals],
                            copy_threshold=settings.dup_threshold)  # fmt: skip
    resolution = resolve_actors([m for f in facts.values() for m in f.mentions],  # dates play no part
                                load_dictionary(settings.actors))  # fmt: skip
    entity_of = resolution.entity_of
    entities = list(resolution.entities)
    places = {e.id: e.name for e in entities if e.id.startswith(PLACE_KEYS) and e.type in PLACE_TYPES}
    docs, facts = redate_pass(db, docs, facts, {**originals, **pairs}, lambda e: _with_entities(e, entity_of, places))
    reworded = _later_of(pairs, docs)
    originals = {**originals, **reworded}
    docs = _mark_duplicates(db, docs, originals, reworded)
    mentions_by_doc = {
        doc: [entity_of.get(m.key, m.key) for m in f.mentions] for doc, f in facts.items()
    }
    published = {d.id: d.published for d in docs}
    doc_events = [_with_entities(e, entity_of, places) for f in facts.values() for e in f.events]
    countries = frozenset(e.id for e in entities if e.type == "GPE" and e.id.startswith("country:"))
    doubtful = frozenset(d.id for d in docs if "paraphrased" in d.flags)
    ctx = Context(published=published, original=originals, countries=countries, within=_within(entities),
                  doubtful=doubtful, nation=_nations(entities, countries))  # fmt: skip
    events = resummarise(merge(doc_events, ctx), {e.id: e for e in entities})
    quotes = _quotes(facts, entity_of, events)
    series = series_mod.build(doc_events, published)
    stories = stories_mod.build(docs, mentions_by_doc, entities, events)
    db.replace_derived({
        "entity": [(e.id, _entity_key(e), e) for e in entities],
        "event": [(e.id, f"{e.start}|{e.end}", e) for e in events],
        "quote": [(q.id, f"{published.get(q.doc) or ''}|{q.doc}|{q.start:08d}", q) for q in quotes],
        "series": [(s.id, s.id, s) for s in series],
        "story": [(s.id, f"{len(s.documents):06d}", s) for s in stories],
    })  # fmt: skip


def _nations(entities: Sequence[Entity], countries: frozenset[str]) -> dict[str, str]:
    """Entity id -> the country code it stands for: a country itself, or the country of a
    person or organisation (not of a place: a city is no side in a meeting)."""
    out = {e.id: e.id.removeprefix("country:") for e in entities if e.id in countries}
    out.update({e.id: e.country for e in entities if e.country and e.id not in countries
                and not e.id.startswith(PLACE_KEYS)})  # fmt: skip
    return out


def _within(entities: Sequence[Entity]) -> dict[str, str]:
    """Place name -> the name of the country it lies in (casefolded), for merging 'Geneva'
    with 'Switzerland'."""
    country_names = {e.id.removeprefix("country:"): e.name for e in entities if e.id.startswith("country:")}
    out: dict[str, str] = {}
    for e in entities:
        name = country_names.get(e.country or "")
        if e.id.startswith(PLACE_KEYS) and name:
            for alias in (e.name, *e.aliases):
                out[alias.casefold()] = name.casefold()
    return out


def _entity_key(e: Entity) -> str:
    return f"{1_000_000 - e.mentions:07d}|{e.name}"


def _later_of(pairs: Mapping[str, str], docs: Sequence[Article]) -> dict[str, str]:
    """Each reworded pair as copy -> original, once dated: the later article is the copy."""
    key = {d.id: (d.published or "9999", d.path) for d in docs}
    return {max(a, b, key=key.__getitem__): min(a, b, key=key.__getitem__) for a, b in pairs.items()}


def _mark_duplicates(db: Database, docs: Sequence[Article], originals: Mapping[str, str],
                     reworded: Mapping[str, str]) -> list[Article]:  # fmt: skip
    """Record which document each copy copies; a reworded copy is also flagged 'paraphrased'."""
    out = []
    for d in docs:
        want = originals.get(d.id)
        flags = tuple(sorted({*d.flags, "paraphrased"})) if d.id in reworded else d.flags
        if d.duplicate_of != want or flags != d.flags:
            d = d.replace(duplicate_of=want, flags=flags)
            db.update_document(d)
        out.append(d)
    return out


def _with_entities(event: Event, entity_of: Mapping[str, str], places: Mapping[str, str]) -> Event:
    """Participants as resolved entities; a 'participant' that resolves to a place (a name the
    tagger took for a person in one article and the store mostly reads as a town) is where it
    happened.  ``places`` names the entities read as places; a name mostly read as an actor
    ('Velmora's defence ministry') stays a party."""
    seen: list[str] = []
    location = event.location
    for key in event.participants:
        ident = entity_of.get(key, key)
        if ident in places and not key.startswith(PLACE_KEYS):
            location = location or places[ident]
            continue
        if ident not in seen:
            seen.append(ident)
    return event.replace(participants=tuple(seen), location=location)


def _quotes(facts: Mapping[str, DocumentFacts], entity_of: Mapping[str, str], events: Sequence[Event]) -> list[Quote]:
    by_sentence: dict[tuple[str, int], str] = {}
    for e in events:
        for s in e.sources:
            by_sentence.setdefault((s.doc, s.start), e.id)
    out = []
    for f in facts.values():
        starts = sorted(s.start for s in f.sentences)
        for q in f.quotes:
            speaker = entity_of.get(q.speaker, q.speaker) if q.speaker else None
            sent = max((s for s in starts if s <= q.start), default=None)
            event = by_sentence.get((q.doc, sent)) if sent is not None else None
            out.append(q.replace(speaker=speaker, event=event))
    return out
