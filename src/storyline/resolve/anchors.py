"""Cross-document dating: anchors from events other documents date.

An undated article saying "the agreement struck last month in Geneva" can be dated once
another document dates the Geneva talks: the relative expression's event is matched to that
event (same kind, same place or actors), which pins the expression to a known interval and
so bounds the article's date.  Inference always restarts from each document's own clues, so
the outcome depends only on the set of stored documents, never on their order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from ..records import Article, DocumentFacts, Event
from ..store import Database
from ..time import resolve as resolve_timex
from .dating import Anchor, Dating
from .merge import Context, pair_score
from .redate import chosen_day, dating_of, preferred_day, redate_facts, role_bounds, with_dating

EventMap = Callable[[Event], Event]
ANCHOR_TYPES = {"meeting", "summit", "visit", "call", "agreement"}
TIGHT_DAYS = 60
ROUNDS = 2


def _family(t: str) -> str:
    return "talks" if t in ANCHOR_TYPES else t


def _tight(a: Article) -> bool:
    if not a.published or not a.published_range:
        return False
    lo, hi = (dt.date.fromisoformat(x) for x in a.published_range)
    return (hi - lo).days <= TIGHT_DAYS


def _known(events: Sequence[Event]) -> list[Event]:
    return [e for e in events if e.start and e.attributes.get("dated_by") == "text"
            and e.date_precision in ("day", "week")]  # fmt: skip


def _same_event(a: Event, b: Event) -> bool:
    """Strict enough to date one article by another: same kind and the same place, or the
    same kind and at least two of the same people.  Statements recur (the same minister in
    the same capital every week), so they date nothing."""
    if _family(a.type) != _family(b.type) or "statement" in (a.type, b.type):
        return False
    places_a = {p.strip().casefold() for p in (a.location or "").split(",") if p.strip()}
    places_b = {p.strip().casefold() for p in (b.location or "").split(",") if p.strip()}
    if places_a or places_b:
        return bool(places_a & places_b)
    people = {p for p in a.participants if p.startswith("person:")} & set(b.participants)
    return a.type == b.type and len(people) >= 2


def _form_fits(value: str, start: str) -> bool:
    """A DCT-free value 'XXXX-05-09' or 'XXXX-05' can only name a day in May (the 9th)."""
    parts = value.split("-")
    if len(parts) >= 2 and parts[1].startswith("W"):  # 'XXXX-WXX-6': a Saturday
        return not (len(parts) >= 3 and parts[2].isdigit() and start
                    and str(dt.date.fromisoformat(start[:10]).isoweekday()) != parts[2])  # fmt: skip
    if len(parts) >= 2 and parts[1].isdigit() and start[5:7] != parts[1]:
        return False
    return not (len(parts) >= 3 and parts[2][:2].isdigit() and start[8:10] != parts[2][:2])


def anchors_for(
    doc: DocumentFacts, known: Sequence[Event], ctx: Context, resolved: EventMap | None = None,
) -> list[Anchor]:  # fmt: skip
    """Anchors for ``doc``'s relative dates from ``known`` events of other documents;
    ``resolved`` puts an event's actors and place in their cross-document form first."""
    out = []
    for e in map(resolved or _same, doc.events):
        w = e.when
        if w is None or not w.relative or not w.text or e.attributes.get("dated_by") != "text":
            continue  # relative: 'last month', and 'June 12' of a year the DCT decides
        free = resolve_timex(w, None)
        fits = [k for k in known if k.doc != doc.doc and _same_event(e, k) and _form_fits(free.value, k.start or "")]
        scored = [(pair_score(e.replace(start=None, date_precision="unknown"), k, ctx), k) for k in fits]
        top = max((score for score, _ in scored), default=0)
        days = {(k.start, k.end or k.start) for score, k in scored if score == top}
        if top >= 2 and len(days) == 1:  # two Doha meetings a fortnight apart fit alike: which one is meant?
            start, end = days.pop()
            out.append(Anchor(timex=w, lo=dt.date.fromisoformat(start or ""), hi=dt.date.fromisoformat(end or "")))
    return out


def _same(e: Event) -> Event:
    return e


def redate_pass(
    db: Database, docs: Sequence[Article], facts: Mapping[str, DocumentFacts],
    originals: Mapping[str, str] | None = None, resolved: EventMap | None = None,
) -> tuple[list[Article], dict[str, DocumentFacts]]:  # fmt: skip
    """Re-date every document whose date was inferred; store what changed.

    A copy of a dated article takes its date; otherwise the date comes from the article's
    own clues, then from anchors, with ties broken towards the dates of related articles
    (those naming the same people or organisations), never towards another story's."""
    docs_by_id = {d.id: d for d in docs}
    out_facts = dict(facts)
    inferred = sorted(d.id for d in docs if d.published_source == "inferred")
    if not inferred:
        return list(docs), out_facts
    copies = _copied_dates(docs, originals or {})
    prefer = _related_days(inferred, docs, facts)
    ctx = Context(published={}, original={}, countries=frozenset())
    rivals: dict[str, int] = {}
    for doc_id in inferred:  # round 0: own clues only
        docs_by_id[doc_id], out_facts[doc_id], dating = _apply(docs_by_id[doc_id], out_facts[doc_id], (), prefer[doc_id])
        rivals[doc_id] = dating.rivals if dating is not None else 0
    # one article at a time, the least certain first (its own clues fit other years as well),
    # each seeing the others' latest dates: two guesses dated at once would swap their years
    order = sorted(inferred, key=lambda d: (-rivals[d], d))

    def known_of(d: Article) -> list[Event]:
        if d.published_source == "inferred" and not _tight(d):
            return []
        return list(map(resolved or _same, _known(out_facts[d.id].events)))

    known_by_doc = {d.id: known_of(d) for d in docs_by_id.values()}
    for _ in range(ROUNDS):
        for doc_id in order:
            known = [e for d, events in known_by_doc.items() if d != doc_id for e in events]
            anchors = anchors_for(out_facts[doc_id], known, ctx, resolved)
            if anchors:
                docs_by_id[doc_id], out_facts[doc_id], _ = _apply(
                    docs_by_id[doc_id], out_facts[doc_id], anchors, prefer[doc_id]
                )
                known_by_doc[doc_id] = known_of(docs_by_id[doc_id])
    for doc_id, day in copies.items():
        if doc_id in docs_by_id and docs_by_id[doc_id].published_source == "inferred":
            docs_by_id[doc_id], out_facts[doc_id] = _near_copy(docs_by_id[doc_id], out_facts[doc_id], day)
    for doc_id in inferred:
        original = next(d for d in docs if d.id == doc_id)
        if docs_by_id[doc_id] != original:
            db.update_document(docs_by_id[doc_id], out_facts[doc_id])
    return [docs_by_id[d.id] for d in docs], out_facts


COPY_REACH = 3  # days: a copy (a wire pick-up, a rewrite) runs within days of its source


def _near_copy(article: Article, facts: DocumentFacts, day: dt.date) -> tuple[Article, DocumentFacts]:
    """A copy of an article dated ``day`` was written within COPY_REACH days of it: the
    article's own clues pick the day there ('came into force on Thursday' in the source of a
    Friday rewrite), nearest ``day`` when they cannot tell."""
    window = (day - dt.timedelta(days=COPY_REACH), day + dt.timedelta(days=COPY_REACH))
    lo, hi = role_bounds(facts.mentions) or window
    bounds = (max(lo, window[0]), min(hi, window[1]))
    if bounds[0] > bounds[1]:
        bounds = (day, day)
    article, facts, dating = _apply(article, facts, (), day, bounds)
    if dating is None:
        dating = Dating(published=day, lo=day, hi=day, evidence=("a copy of a dated article",))
        return with_dating(article, dating), redate_facts(facts, day)
    return article, facts


def _copied_dates(docs: Sequence[Article], originals: Mapping[str, str]) -> dict[str, dt.date]:
    """Undated members of a near-duplicate group take the earliest given date in the group."""
    groups: dict[str, list[Article]] = {}
    for d in docs:
        groups.setdefault(originals.get(d.id, d.id), []).append(d)
    out: dict[str, dt.date] = {}
    for members in groups.values():
        given = sorted(m.published for m in members if m.published and m.published_source != "inferred")
        if not given:
            continue
        for m in members:
            if m.published_source == "inferred":
                out[m.id] = dt.date.fromisoformat(given[0])
    return out


GENERIC_KEYS = ("country:", "bloc:", "city:", "gpe:", "loc:")


def _related_days(
    inferred: Sequence[str], docs: Sequence[Article], facts: Mapping[str, DocumentFacts]
) -> dict[str, dt.date | None]:
    """Per undated article, the median given date of articles naming one of its people or
    organisations (so a tie never leans towards another story's dates)."""
    by_key: dict[str, set[str]] = {}
    for d in docs:
        for m in facts[d.id].mentions:
            if not m.key.startswith(GENERIC_KEYS):
                by_key.setdefault(m.key, set()).add(d.id)
    docs_by_id = {d.id: d for d in docs}
    fallback = preferred_day(docs)
    out: dict[str, dt.date | None] = {}
    for doc_id in inferred:
        related = set().union(*(by_key.get(m.key, set()) for m in facts[doc_id].mentions)) - {doc_id}
        out[doc_id] = preferred_day([docs_by_id[r] for r in sorted(related)]) or fallback
    return out


def _apply(
    article: Article, facts: DocumentFacts, anchors: Sequence[Anchor], prefer: dt.date | None,
    bounds: tuple[dt.date, dt.date] | None = None,
) -> tuple[Article, DocumentFacts, Dating | None]:  # fmt: skip
    own = [resolve_timex(t, None) for t in facts.timexes]  # back to DCT-free values
    anchors = [a.__class__(timex=resolve_timex(a.timex, None), lo=a.lo, hi=a.hi) for a in anchors]
    dating = dating_of(own, anchors=anchors, bounds=bounds or role_bounds(facts.mentions), prefer=prefer,
                       sentences=[s.start for s in facts.sentences])  # fmt: skip
    if dating is None:
        return article, facts, None
    return with_dating(article, dating, own), redate_facts(facts, chosen_day(dating, own)), dating
