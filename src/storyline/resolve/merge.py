"""Merging event mentions from many documents into one event each.

Blocking keeps this near-linear: events are compared only within one type and only while
their date intervals overlap (a sweep over events sorted by start).  A pair merges when
enough evidence agrees (place, shared actors, same tariff pair and rate, precise dates) and
nothing contradicts it (different places, different rates).  Clusters are the connected
components of the "merges" graph, so the result does not depend on input order.

The merged event keeps: the most precise well-sourced dates (conflicting day-precise claims
are listed in ``conflicts``), the status of the latest source with the history of earlier
ones, every participant and source, and ``independent_sources`` counting documents that are
not copies of each other.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..records import Event, StatusChange

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "year": 4, "unknown": 5}
STATUS_RANK = {"occurred": 5, "in_effect": 5, "cancelled": 4, "suspended": 4, "eased": 4, "announced": 3,
               "threatened": 2, "planned": 2, "unknown": 0}  # fmt: skip
MERGE_SCORE = 3
VETO = -100  # a contradiction (different place, different rate) forbids merging


@dataclass(frozen=True, slots=True)
class Context:
    """What merging needs to know about documents: dates and copies."""

    published: Mapping[str, str | None]
    original: Mapping[str, str]  # duplicate doc id -> the doc it copies
    countries: frozenset[str]  # entity ids that are countries
    within: Mapping[str, str] = field(default_factory=dict)  # place name -> its country's name (casefolded)
    doubtful: frozenset[str] = frozenset()  # machine-paraphrased documents: their word choice is unreliable
    nation: Mapping[str, str] = field(default_factory=dict)  # entity id -> the country code it stands for

    def source_doc(self, doc: str) -> str:
        return self.original.get(doc, doc)


def _places(event: Event) -> set[object]:
    """'Geneva, Switzerland' -> {'geneva', 'switzerland'}: either part may be reported.  A
    place guessed from the dateline neither supports nor forbids a merge."""
    if not event.location or event.attributes.get("location_from") == "dateline":
        return set()
    return {p.strip().casefold() for p in event.location.split(",") if p.strip()}


def pair_score(a: Event, b: Event, ctx: Context) -> int:
    """Evidence that two event mentions report the same real event (higher is surer)."""
    score = 0
    pa, pb = _places(a), _places(b)
    if pa and pb:
        score += 2 if pa & pb or _inside(pa, pb, ctx.within) else VETO
    shared = set(a.participants) & set(b.participants)
    people = shared - ctx.countries
    score += min(2 * len(people), 4) + (1 if shared & ctx.countries or _same_state(a, b, ctx) else 0)
    if _contains(a, b) or _contains(b, a) or _mostly_overlap(a, b) or _article_dated_near(a, b):
        score += 1  # one report's dates lie (mostly) within the other's
    if _completes(a, b, ctx) or _completes(b, a, ctx):
        score += MERGE_SCORE
    if a.type in ("tariff", "purchase_commitment", "market_move", "export_control", "sanction"):
        if (a.attributes.get("rate") is None) != (b.attributes.get("rate") is None) and a.type == "tariff":
            return 0  # "the lower tariff took effect" cannot tell which rate it is about
        if a.attributes.get("measure") != b.attributes.get("measure"):
            return 0  # a trade investigation is not the duty it may lead to
        score += _numbers_agree(a, b)
    return score


STATE_MEASURES = frozenset({"tariff", "sanction", "export_control"})


def _same_state(a: Event, b: Event, ctx: Context) -> bool:
    """A measure of 'the U.S.' and one of 'Trump': the same state acts (a country and its
    leader), though no participant is shared."""
    if a.type not in STATE_MEASURES:
        return False
    nations_a = {ctx.nation[p] for p in a.participants if p in ctx.nation}
    return bool(nations_a & {ctx.nation[p] for p in b.participants if p in ctx.nation})


COMPLETE_CHARS = 400  # how close (characters) a sentence completing another must be


def _completes(a: Event, b: Event, ctx: Context) -> bool:
    """``b`` names who did what ``a`` says happened where, on the same day, in the same
    article right after it: 'An airstrike on Oskem killed six on Saturday.  The defence
    ministry said its jets had hit a depot.'"""
    if not (a.doc and a.doc == b.doc and a.start and a.start == a.end == b.start == b.end):
        return False
    if not (a.location and not b.location and b.participants):
        return False
    if set(a.participants) - ctx.countries:
        return False
    gaps = [sb.start - sa.end for sa in a.sources for sb in b.sources if sa.doc == sb.doc]
    return any(0 <= gap <= COMPLETE_CHARS for gap in gaps)


def _inside(pa: set[object], pb: set[object], within: Mapping[str, str]) -> bool:
    """'Geneva' and 'Switzerland': one place lies in the other (a city in its country)."""
    return any(within.get(str(x)) in pb for x in pa) or any(within.get(str(y)) in pa for y in pb)


def _numbers_agree(a: Event, b: Event) -> int:
    """+1 for each figure or party both reports give alike ('soybean futures' fell '0.8%'),
    a veto for one they give differently."""
    keys = ("imposer", "target", "rate", "commodity", "instrument", "buyer", "change_pct")
    score = 0
    for key in keys:
        va, vb = _folded(a.attributes.get(key)), _folded(b.attributes.get(key))
        if va is None or vb is None:
            continue
        score += 1 if va == vb else VETO
    return score


def _folded(value: object) -> object:
    """'Soybean futures' and 'soybean futures' are one instrument."""
    return value.casefold() if isinstance(value, str) else value


def _mostly_overlap(a: Event, b: Event) -> bool:
    """The two intervals share at least half of the shorter one."""
    if not (a.start and b.start):
        return False
    a0, a1 = dt.date.fromisoformat(a.start), dt.date.fromisoformat(a.end or a.start)
    b0, b1 = dt.date.fromisoformat(b.start), dt.date.fromisoformat(b.end or b.start)
    shared = (min(a1, b1) - max(a0, b0)).days + 1
    return shared > 0 and 2 * shared >= min((a1 - a0).days, (b1 - b0).days) + 1


def _contains(a: Event, b: Event) -> bool:
    return bool(a.start and b.start and a.start <= b.start and (b.end or b.start) <= (a.end or a.start))


TRAIT_KEYS = ("imposer", "target", "rate", "commodity", "instrument")
SEQUENCE_KEYS = frozenset({"planned_day", "occurred_day", "in_effect_day", "added_in"})  # compared by _planned_later,
# _told_apart and _effective_apart


DAY_SLACK = 1  # days: two reports of one event may date it this far apart (time zones)


def _traits(e: Event) -> dict[str, set[object]]:
    out: dict[str, set[object]] = {k: {_folded(e.attributes[k])} for k in TRAIT_KEYS if e.attributes.get(k) is not None}
    if _places(e):
        out["place"] = set(_places(e))
    one_day = bool(e.start) and e.start == e.end and e.date_precision == "day"
    dated_by = e.attributes.get("dated_by")
    if one_day and dated_by == "text" and not _measured(e):
        out["day"] = {dt.date.fromisoformat(str(e.start))}  # a vague report must not chain two dated days
    if _measured(e) and e.doc and e.attributes.get("additional") is not None:
        out["added_in"] = {(e.doc, bool(e.attributes["additional"]))}  # 'an additional 25% … on top of a 25% tariff'
    if one_day and dated_by in ("text", "narrative") and e.status in ("planned", "occurred"):
        out[f"{e.status}_day"] = {e.start}
    if one_day and dated_by == "text" and e.status == "in_effect":
        out["in_effect_day"] = {e.start}  # 'took effect on Tuesday', not 'remain in force'
    return out


def _planned_later(a: dict[str, set[object]], b: dict[str, set[object]]) -> bool:
    """'Trump and Xi met' (Thursday) and 'the leaders' meeting, which Xi will attend on
    Friday': a plan for a day after the day a meeting happened is another meeting.  So is a
    duty due from a day after the day one took effect: a measure takes effect once."""
    done = (*b.get("occurred_day", ()), *b.get("in_effect_day", ()))
    return any(str(p) > str(o) for p in a.get("planned_day", ()) for o in done)


def _effective_apart(a: dict[str, set[object]], b: dict[str, set[object]]) -> bool:
    """Two measures that took effect on days further apart than DAY_SLACK are two measures."""
    days = [dt.date.fromisoformat(str(x)) for x in a.get("in_effect_day", ())]
    theirs = [dt.date.fromisoformat(str(y)) for y in b.get("in_effect_day", ())]
    return bool(days and theirs) and not any(abs((x - y).days) <= DAY_SLACK for x in days for y in theirs)


def _told_apart(a: dict[str, set[object]], b: dict[str, set[object]]) -> bool:
    """One article tells the two apart: one is 'additional' (extra, further …), the other not."""
    theirs = b.get("added_in", set())
    return any(isinstance(x, tuple) and (x[0], not x[1]) in theirs for x in a.get("added_in", set()))


def _conflict(a: dict[str, set[object]], b: dict[str, set[object]], within: Mapping[str, str]) -> bool:
    if _planned_later(a, b) or _planned_later(b, a) or _told_apart(a, b) or _effective_apart(a, b):
        return True

    def differ(key: str, values: set[object]) -> bool:
        if key in SEQUENCE_KEYS or key not in b or values & b[key]:
            return False
        if key == "day":
            return not any(abs((x - y).days) <= DAY_SLACK for x in values for y in b[key])  # type: ignore[operator]
        return not (key == "place" and _inside(values, b[key], within))

    return any(differ(key, values) for key, values in a.items())


MEASURE_DAYS = 45


def _measured(e: Event) -> bool:
    """A tariff with a rate: its numbers identify it even when reports date it differently
    (the day it was threatened, the day it takes effect)."""
    return e.type == "tariff" and e.attributes.get("rate") is not None


def _horizon(e: Event) -> str:
    end = e.end or e.start or ""
    if _measured(e) and end:
        return (dt.date.fromisoformat(end) + dt.timedelta(days=MEASURE_DAYS)).isoformat()
    return end


def _near(a: Event, b: Event) -> bool:
    if _measured(a) and _measured(b):
        return bool(a.start and b.start and a.start <= _horizon(b) and b.start <= _horizon(a))
    return _overlap(a, b) or _article_dated_near(a, b)


def _article_dated_near(a: Event, b: Event) -> bool:
    """Two reports of one market move ('closed 0.7% lower'), one of which the text does not
    date (it is dated by its article, which may run the day after), lie within DAY_SLACK
    days of each other.  Only moves: their instrument and change identify them, whereas a
    deal announced on Monday and taking effect on Tuesday are two events."""
    if not (a.type == b.type == "market_move" and all(
            e.attributes.get(k) is not None for e in (a, b) for k in ("instrument", "change_pct"))):
        return False
    undated = a.attributes.get("dated_by") != "text" or b.attributes.get("dated_by") != "text"
    return undated and _overlap(a, b, DAY_SLACK)


def _overlap(a: Event, b: Event, slack: int = 0) -> bool:
    if not (a.start and b.start):
        return False
    if not slack:  # ISO dates compare as strings (the sweep's hot path)
        return a.start <= (b.end or b.start) and b.start <= (a.end or a.start)
    pad = dt.timedelta(days=slack)
    a0, a1 = dt.date.fromisoformat(a.start), dt.date.fromisoformat(a.end or a.start)
    b0, b1 = dt.date.fromisoformat(b.start), dt.date.fromisoformat(b.end or b.start)
    return a0 - pad <= b1 and b0 - pad <= a1


def block_keys(e: Event, ctx: Context) -> set[str]:
    """What two mentions must share to be compared at all.  Lossless for ``pair_score``: a
    pair sharing none of these (only countries and overlapping dates) scores below
    MERGE_SCORE, so blocking on them keeps merging near-linear without losing a merge."""
    keys = {f"p:{p}" for p in e.participants if p not in ctx.countries}
    if e.doc and bool(e.location) != bool(set(e.participants) - ctx.countries):
        keys.add(f"doc:{e.doc}")  # one half of a report the next sentence completes
    keys |= {f"l:{place}" for place in _places(e)}
    keys |= {f"l:{ctx.within[str(place)]}" for place in _places(e) if str(place) in ctx.within}
    a = e.attributes
    for name in ("imposer", "target", "commodity", "instrument", "buyer"):
        if a.get(name):
            keys.add(f"{name}:{_folded(a[name])}")
    return keys


@dataclass(frozen=True, slots=True)
class Sides:
    """Who took part in a meeting, summit or call, and the countries they speak for."""

    people: frozenset[str] = frozenset()
    nations: frozenset[str] = frozenset()


TWO_SIDED = frozenset({"meeting", "summit", "call"})  # (a visit's host is not its counterpart)


def _sides(e: Event, nation: Mapping[str, str]) -> Sides:
    if e.type not in TWO_SIDED:
        return Sides()
    return Sides(frozenset(p for p in e.participants if p.startswith("person:")),
                 frozenset(nation[p] for p in e.participants if p in nation))  # fmt: skip


def _other_talks(a: Sides, b: Sides) -> bool:
    """'Trump met Kim' and, the same day, 'Trump met Vietnam's president': each names a
    person and a country the other does not, so they are two meetings, however a vaguer
    report ('Trump was in Vietnam that week') links them."""
    return bool(a.people - b.people and b.people - a.people and a.nations - b.nations and b.nations - a.nations)


class Clusters:
    """Union-find whose unions refuse to join clusters that disagree (complete-link on
    conflicts): chains of pairwise matches never put a 40% and a 10% tariff in one event."""

    def __init__(self, events: Sequence[Event], within: Mapping[str, str] | None = None,
                 nation: Mapping[str, str] | None = None) -> None:  # fmt: skip
        self.parent = list(range(len(events)))
        self.traits = [_traits(e) for e in events]
        self.within = within or {}
        self.sides = [_sides(e, nation or {}) for e in events]

    def root(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = sorted((self.root(i), self.root(j)))
        if a == b or _conflict(self.traits[a], self.traits[b], self.within) or _other_talks(self.sides[a], self.sides[b]):
            return
        self.parent[b] = a
        self.sides[a] = Sides(self.sides[a].people | self.sides[b].people, self.sides[a].nations | self.sides[b].nations)
        for key, values in self.traits[b].items():
            self.traits[a].setdefault(key, set()).update(values)


def clusters(events: Sequence[Event], ctx: Context) -> list[list[Event]]:
    """Connected components of the merge graph, blocked by type, shared keys and a date sweep."""
    found = Clusters(events, ctx.within, ctx.nation)
    by_type: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(events):
        if e.start:
            by_type[e.type].append(i)
    for idx in by_type.values():
        idx.sort(key=lambda i: (events[i].start or "", events[i].end or "", events[i].id))
        _sweep(events, idx, ctx, found)
    groups: dict[int, list[Event]] = defaultdict(list)
    for i, e in enumerate(events):
        groups[found.root(i)].append(e)
    return sorted(groups.values(), key=lambda g: min(e.id for e in g))


def _sweep(events: Sequence[Event], idx: Sequence[int], ctx: Context, found: Clusters) -> None:
    """Compare each mention with the still-open mentions sharing one of its block keys."""
    active: dict[str, list[int]] = defaultdict(list)
    for i in idx:
        ev = events[i]
        keys = block_keys(ev, ctx)
        candidates: set[int] = set()
        since = (dt.date.fromisoformat(ev.start) - dt.timedelta(days=DAY_SLACK)).isoformat() if ev.start else ""
        for key in keys:
            alive = [j for j in active[key] if _horizon(events[j]) >= since]
            active[key] = alive
            candidates.update(alive)
        for j in sorted(candidates):
            if _near(ev, events[j]) and pair_score(ev, events[j], ctx) >= MERGE_SCORE:
                found.union(i, j)
        for key in keys:
            active[key].append(i)


def _best_dates(group: Sequence[Event], ctx: Context) -> tuple[Event, tuple[str, ...]]:
    """The member whose dates are most precise and best sourced; conflicting day claims."""
    dated = [e for e in group if e.start]
    claims: dict[tuple[str | None, str | None], set[str]] = defaultdict(set)
    for e in dated:  # a copy of a document adds no support to the claim it copies
        claims[(e.start, e.end)].update(ctx.source_doc(s.doc) for s in e.sources)
    support = {key: len(docs) for key, docs in claims.items()}
    best = min(
        dated,
        key=lambda e: (PRECISION_RANK.get(e.date_precision, 5), -support[(e.start, e.end)],
                       e.attributes.get("dated_by") != "text", e.status == "unknown", e.start or "", e.id),
    )  # fmt: skip
    days = {(e.start, e.end) for e in dated if e.date_precision == "day" and e.attributes.get("dated_by") == "text"}
    conflicts: tuple[str, ...] = ()
    if len({d[0] for d in days}) > 1:
        conflicts = tuple(
            f"{lo}..{hi}: {support[(lo, hi)]} source(s)" if lo != hi else f"{lo}: {support[(lo, hi)]} source(s)"
            for lo, hi in sorted(days, key=lambda d: (d[0] or "", d[1] or ""))
        )
    return best, conflicts


def _history(group: Sequence[Event], ctx: Context) -> tuple[StatusChange, ...]:
    seen = []
    trusted = [e for e in group if (e.doc or e.sources[0].doc) not in ctx.doubtful] or list(group)
    for e in trusted:  # a spun copy's 'stops briefly' does not overrule the reports' 'paused'
        doc = e.doc or e.sources[0].doc
        seen.append(StatusChange(status=e.status, date=ctx.published.get(doc), doc=doc))
    seen.sort(key=lambda h: (h.date or "", -STATUS_RANK.get(h.status, 0), h.status, h.doc))
    out: list[StatusChange] = []
    for h in seen:
        if not out or out[-1].status != h.status:
            out.append(h)
    return tuple(out)


def _latest_status(history: Sequence[StatusChange]) -> str:
    """The status the latest report gives (a report that says nothing about it is skipped)."""
    history = [h for h in history if h.status != "unknown"] or list(history)
    if not history:
        return "unknown"
    last_date = history[-1].date or ""
    latest = [h for h in history if (h.date or "") == last_date]
    return min(latest, key=lambda h: (-STATUS_RANK.get(h.status, 0), h.status)).status


def merge_group(group: Sequence[Event], ctx: Context) -> Event:
    best, conflicts = _best_dates(group, ctx)
    history = _history(group, ctx)
    people: Counter[str] = Counter(p for e in group for p in e.participants)
    places = Counter(e.location for e in group if e.location and _places(e))
    guessed = not places
    places = places or Counter(e.location for e in group if e.location)  # a dateline's guess is the last resort
    sources = sorted({s for e in group for s in e.sources}, key=lambda s: (s.doc, s.start, s.end, s.text))
    attrs: dict[str, object] = {}
    for e in sorted(group, key=lambda e: (len(e.attributes), e.id)):
        attrs.update({k: v for k, v in e.attributes.items() if v is not None})
    attrs.pop("dated_by", None)
    if not (guessed and places):
        attrs.pop("location_from", None)  # the place is one a report names, not the dateline's
    attrs["independent_sources"] = len({ctx.source_doc(s.doc) for s in sources})
    attrs["mentions"] = len(group)
    conf = 1.0
    for e in group:
        conf *= 1.0 - e.confidence
    ident = hashlib.sha1("|".join(sorted(e.id for e in group)).encode()).hexdigest()
    return best.replace(
        id=f"ev{ident[:10]}",
        participants=tuple(p for p, _ in sorted(people.items(), key=lambda kv: (-kv[1], kv[0]))),
        location=min(places.items(), key=lambda kv: (-kv[1], kv[0]))[0] if places else None,
        status=_latest_status(history), history=history, conflicts=conflicts,
        sources=tuple(sources), attributes=attrs, confidence=round(min(1 - conf, 0.99), 2),
        doc=None, when=None,
    )  # fmt: skip


def merge(events: Sequence[Event], ctx: Context) -> list[Event]:
    """One event per real event; undated mentions are left out."""
    return [merge_group(g, ctx) for g in clusters(events, ctx) if any(e.start for e in g)]
