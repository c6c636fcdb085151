"""Dating undated documents and re-normalising their facts against the new date.

``date_doc`` runs while the parsed Doc is still in memory (during ingest): it infers the
document's date from its own clues, re-normalises its time expressions and re-reads its
events.  ``redate_stored`` is the cross-document pass run after every ingest: it refines
inferred dates with anchors from events other documents date ("the deal struck last month
in Geneva") and re-normalises the stored facts, without re-running the NLP.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence

from spacy.tokens import Doc

from ..records import Article, DocumentFacts, Event, Timex
from ..time import resolve as resolve_timex
from .dating import Anchor, Dating, infer_dct

DCT_DATED = ("dct",)


def dating_of(
    timexes: Sequence[Timex],
    anchors: Sequence[Anchor] = (),
    bounds: tuple[dt.date, dt.date] | None = None,
    prefer: dt.date | None = None,
) -> Dating | None:
    if not timexes and not anchors:
        return None
    return infer_dct(timexes, anchors=anchors, bounds=bounds, prefer=prefer)


def date_doc(
    article: Article, doc: Doc, bounds: tuple[dt.date, dt.date] | None = None,
    prefer: dt.date | None = None,
) -> Article:  # fmt: skip
    """Infer an undated document's date from its own clues and re-read its events."""
    from ..pipeline import events as event_stage

    dating = dating_of(doc._.storyline_timexes or (), bounds=bounds, prefer=prefer)
    if dating is None:
        return article
    dct = dating.published
    doc._.storyline_dct = dct.isoformat()
    doc._.storyline_timexes = [resolve_timex(t, dct) for t in doc._.storyline_timexes or ()]
    event_stage.set_annotations(doc, event_stage.find(doc))
    return with_dating(article, dating)


def with_dating(article: Article, dating: Dating) -> Article:
    return article.replace(
        published=dating.published.isoformat(),
        published_source="inferred",
        published_range=(dating.lo.isoformat(), dating.hi.isoformat()),
    )


def redate_facts(facts: DocumentFacts, dct: dt.date) -> DocumentFacts:
    """Re-normalise stored time expressions and event dates against a new DCT."""
    timexes = tuple(resolve_timex(t, dct) for t in facts.timexes)
    return facts.replace(timexes=timexes, events=tuple(redate_event(e, dct) for e in facts.events))


def redate_event(event: Event, dct: dt.date) -> Event:
    dated_by = event.attributes.get("dated_by")
    if dated_by in DCT_DATED:
        day = dct.isoformat()
        return event.replace(start=day, end=day, date_precision="day")
    if event.when is None:
        return event
    if dated_by == "recent":
        lo = (dct - dt.timedelta(days=30)).isoformat()
        when = event.when.replace(lo=lo, hi=dct.isoformat())
    else:
        when = resolve_timex(event.when, dct)
    if when.lo is None:
        return event.replace(when=when, start=None, end=None, date_precision="unknown")
    return event.replace(when=when, start=when.lo, end=when.hi or when.lo, date_precision=when.precision)


def preferred_day(articles: Sequence[Article]) -> dt.date | None:
    """The median publication day of documents whose date was given, not inferred."""
    days = sorted(
        a.published for a in articles if a.published and a.published_source not in (None, "inferred")
    )
    if not days:
        return None
    return dt.date.fromisoformat(statistics.median_low(days))
