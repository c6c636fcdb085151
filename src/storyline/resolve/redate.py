"""Dating undated documents and re-normalising their facts against the new date.

``date_doc`` runs while the parsed Doc is still in memory (during ingest): it infers the
document's date from its own clues, re-normalises its time expressions and re-reads its
events.  ``redate_stored`` is the cross-document pass run after every ingest: it refines
inferred dates with anchors from events other documents date ("the deal struck last month
in Geneva") and re-normalises the stored facts, without re-running the NLP.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Mapping, Sequence

from spacy.tokens import Doc

from ..records import Article, DocumentFacts, Event, Mention, Timex
from ..time import anaphoric, resolve_all
from ..time import resolve as resolve_timex
from ..time.shift import count_from, shift
from ..time.spans import event_span, recent_window
from .dating import Anchor, Dating, infer_dct

DCT_DATED = ("dct",)


def role_bounds(mentions: Sequence[Mention]) -> tuple[dt.date, dt.date] | None:
    """The days on which every titled person mentioned held the title the article gives them.

    "Treasury Secretary Scott Bessent" cannot be written before he took office: each titled
    mention of a dictionary person bounds the article's date by the role's since/until.
    Mentions whose title the dictionary does not know for that person are ignored.
    """
    from ..dictionary import load_dictionary

    book = load_dictionary()
    lo, hi = dt.date(1900, 1, 1), dt.date.today() + dt.timedelta(days=366)
    used = False
    for m in mentions:
        if m.role is None or not m.key.startswith("person:"):
            continue
        roles = book.role_dates(m.key, m.role.title)
        spans = [(_day(r.since, lo), _day(r.until, hi)) for r in roles]
        if not spans:
            continue
        # a title held more than once (two terms) bounds by the hull of its terms
        lo = max(lo, min(a for a, _ in spans))
        hi = min(hi, max(b for _, b in spans))
        used = True
    if not used or lo > hi:
        return None
    return lo, hi


def _day(value: str | None, default: dt.date) -> dt.date:
    if not value:
        return default
    parts = [int(p) for p in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return dt.date(*parts[:3])


def dating_of(
    timexes: Sequence[Timex],
    anchors: Sequence[Anchor] = (),
    bounds: tuple[dt.date, dt.date] | None = None,
    prefer: dt.date | None = None,
    sentences: Sequence[int] = (),
) -> Dating | None:
    if not timexes and not anchors:
        return None
    return infer_dct(timexes, anchors=anchors, bounds=bounds, prefer=prefer, sentences=sentences)


def publication_timex(text: str, month_day: str) -> Timex:
    """A year-less dateline date found before cleaning removed its line ('CAIRO, Oct 9
    (Reuters) -'): kept with the document's expressions (at offset 0) so every re-dating
    still knows the article's day."""
    return Timex(start=0, end=0, text=text, type="DATE", value=f"XXXX-{month_day}", precision="day",
                 relative=True, function="PUBLICATION_TIME")  # fmt: skip


def date_doc(
    article: Article, doc: Doc, bounds: tuple[dt.date, dt.date] | None = None,
    prefer: dt.date | None = None, dateline: Timex | None = None,
) -> Article:  # fmt: skip
    """Infer an undated document's date from its own clues (and its year-less dateline) and
    re-read its expressions and events against it."""
    from ..pipeline import events as event_stage
    from ..pipeline import timex as timex_stage

    bounds = bounds or role_bounds(doc._.storyline_mentions or ())
    extra = [dateline] if dateline is not None else []
    dating = dating_of([*extra, *(doc._.storyline_timexes or ())], bounds=bounds, prefer=prefer,
                       sentences=[s.start_char for s in doc.sents])  # fmt: skip
    if dating is None:
        return article
    dct = chosen_day(dating, doc._.storyline_timexes or ())
    doc._.storyline_dct = dct.isoformat()
    found = timex_stage.find(doc)  # read again as if dated from the start
    timex_stage.set_annotations(doc, [*(resolve_timex(t, dct) for t in extra), *found])
    event_stage.set_annotations(doc, event_stage.find(doc))
    return with_dating(article, dating, doc._.storyline_timexes)


MIDPOINT_DAYS = 45


RECENCY_DAYS = 14.0


def chosen_day(dating: Dating, timexes: Sequence[Timex] = ()) -> dt.date:
    """The day to date an article by, within its consistent range.

    News reports what is about to happen and what just happened: when the article names
    calendar days ("will meet on May 9", "unveiled on April 2"), the day closest before the
    future ones and after the past ones wins.  Without such days, the middle of a short
    range (a guess at an edge would push every relative date of the article to that edge).
    """
    span = (dating.hi - dating.lo).days
    if span > MIDPOINT_DAYS:
        return dating.published
    days = [dating.lo + dt.timedelta(days=k) for k in range(span + 1)]
    named = [(t.value, t.tense) for t in (resolve_timex(t, None) for t in timexes)
             if t.tense in ("past", "future") and _month_day(t.value)]  # fmt: skip
    if not named:
        return dating.lo + dt.timedelta(days=span // 2)

    def score(day: dt.date) -> float:
        total = 0.0
        for value, tense in named:
            when = _on_or_near(value, day)
            gap = (when - day).days if tense == "future" else (day - when).days
            total += math.exp(-gap / RECENCY_DAYS) if gap >= 0 else 0.0
        return total

    return max(days, key=lambda d: (round(score(d), 9), -abs((d - dating.published).days)))


def _month_day(value: str) -> bool:
    parts = value.split("-")
    return len(parts) >= 3 and parts[0] == "XXXX" and parts[1].isdigit() and parts[2][:2].isdigit()


def _on_or_near(value: str, day: dt.date) -> dt.date:
    """'XXXX-05-09' in the year of ``day`` (or the next/previous, whichever is nearer)."""
    month, dom = int(value.split("-")[1]), int(value.split("-")[2][:2])
    options = []
    for year in (day.year - 1, day.year, day.year + 1):
        try:
            options.append(dt.date(year, month, dom))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - day).days))


def with_dating(article: Article, dating: Dating, timexes: Sequence[Timex] = ()) -> Article:
    return article.replace(
        published=chosen_day(dating, timexes).isoformat(),
        published_source="inferred",
        published_range=(dating.lo.isoformat(), dating.hi.isoformat()),
    )


def redate_facts(facts: DocumentFacts, dct: dt.date) -> DocumentFacts:
    """Re-normalise stored time expressions and event dates against a new DCT."""
    timexes = tuple(resolve_all(facts.timexes, dct))
    read = {(t.start, t.end, t.tense): t for t in timexes}
    before = {t.start: t for t in facts.timexes}
    return facts.replace(timexes=timexes, events=tuple(redate_event(e, dct, read, before) for e in facts.events))


def redate_event(event: Event, dct: dt.date, read: Mapping[tuple[int, int, str], Timex] | None = None,
                 before: Mapping[int, Timex] | None = None) -> Event:  # fmt: skip
    """``event`` dated against ``dct``; ``read`` holds its document's expressions already
    re-normalised in order (so 'the next day' keeps the day it follows), ``before`` the
    same expressions as they were read until now, by start offset.  What the new DCT puts
    ahead of it has not happened yet ('the tariffs Trump has promised for April 2')."""
    dated_by = event.attributes.get("dated_by")
    if dated_by in DCT_DATED:
        day = dct.isoformat()
        return event.replace(start=day, end=day, date_precision="day")
    if event.when is None:  # undated in an undated article: a past report is of the month before
        if dated_by != "none" or event.status not in ("occurred", "announced", "in_effect") or event.type == "statement":
            return event
        when: Timex | None = recent_window(dct.isoformat())
        start, end, precision, attrs = event_span(when, event.type, {**event.attributes, "dated_by": "recent"},
                                                  dct.isoformat())  # fmt: skip
        return event.replace(when=when, start=start, end=end, date_precision=precision, attributes=attrs)
    if dated_by == "recent":
        lo = (dct - dt.timedelta(days=30)).isoformat()
        when = event.when.replace(lo=lo, hi=dct.isoformat())
    elif event.when.value[:1] in "+-":  # "a week later": counted from the DCT
        when = shift(event.when, dct)
    else:
        w = event.when
        when = _reread(w, read or {}, dct)
        if when.type not in ("DATE", "TIME"):  # 'a week later', counted from a date the text named
            recounted = _recounted(w, when, read or {})
            if recounted is None:
                return event
            when = recounted
        elif w.counts_from is not None:  # 'the same day' after 'five days later'
            when = _moved_with_anchor(w, read or {}, before or {}) or when
    start, end, precision, attrs = event_span(when, event.type, event.attributes, dct.isoformat())
    status = "planned" if event.status == "occurred" and start is not None and start > dct.isoformat() else event.status
    return event.replace(when=when, start=start, end=end, date_precision=precision, attributes=attrs, status=status)


def _reread(w: Timex, read: Mapping[tuple[int, int, str], Timex], dct: dt.date) -> Timex:
    """``w`` as its document was re-read in order.  The events stage may read an expression
    under its own clause's tense; an anaphoric day ('an attack early the same day') does not
    resolve alone, so it takes the re-read of the same span whatever its tense."""
    got = read.get((w.start, w.end, w.tense))
    if got is None and anaphoric(w):
        got = _read_at(read, w.start)
    return got if got is not None else resolve_timex(w, dct)


def _recounted(was: Timex, duration: Timex, read: Mapping[tuple[int, int, str], Timex]) -> Timex | None:
    """'four days after the talks', 'a week later': counted again from the new date of the
    day it was counted from."""
    if was.counts_from is None:
        return None
    anchor = _read_at(read, was.counts_from)
    return count_from(duration, anchor, was.counts_back, exact=duration.counts_from is not None) if anchor else None


def _read_at(read: Mapping[tuple[int, int, str], Timex], start: int | None) -> Timex | None:
    """The re-read expression starting at ``start``."""
    return next((t for (at, _, _), t in read.items() if at == start), None)


def _moved_with_anchor(was: Timex, read: Mapping[tuple[int, int, str], Timex],
                       before: Mapping[int, Timex]) -> Timex | None:  # fmt: skip
    """A day the events stage counted from another ('On the same day', after 'Five days
    later' than May 4), moved as far as that day's anchor moved."""
    old = before.get(was.counts_from or -1)
    new = _read_at(read, was.counts_from)
    if old is None or new is None or not (old.lo and new.lo and was.lo and was.hi):
        return None
    moved = dt.date.fromisoformat(new.lo) - dt.date.fromisoformat(old.lo)
    lo, hi = dt.date.fromisoformat(was.lo) + moved, dt.date.fromisoformat(was.hi[:10]) + moved
    return was.replace(value=lo.isoformat() if lo == hi else was.value, lo=lo.isoformat(), hi=hi.isoformat())


def preferred_day(articles: Sequence[Article]) -> dt.date | None:
    """The median publication day of documents whose date was given, not inferred."""
    days = sorted(
        a.published for a in articles if a.published and a.published_source not in (None, "inferred")
    )
    if not days:
        return None
    return dt.date.fromisoformat(statistics.median_low(days))
