"""Dating a document from its own time expressions (and anchors from other documents).

Each time expression of an undated document (normalised with ``dct=None``) says something
about when the document was written, through the tense of its clause:

* a future-tense 'May 9 to 12' means the DCT is before May 9 (of some year), a past-tense
  'December call' that it is after a December; a deadline 'by the end of February' still
  ahead that it is before the end of a February;
* an explicit year ('in 2026', 'so far in 2026') that the DCT is in (past: after the start
  of; future: before the end of) that year;
* a weekday ('announced Tuesday') that the DCT is a few days after a Tuesday (0-1 days
  most likely), a future one ('will meet Friday') that it is a few days before one;
* an :class:`Anchor` ('last month' in 'the agreement struck last month in Geneva', whose
  event another document dates to May 2025) that the DCT is a day from which the
  expression resolves onto the anchor's dates (June 2025);
* a duration counted from an event the text dated ('four days after the talks' held on
  December 16) that the DCT is after (or before) that day, as if the text had named it;
* past dates narrated in order that go back in the calendar ('Nov. 17 … In March') that a
  new year began between them; 'July last year' beside 'July 2022' that the DCT is in 2023.

:func:`clues` turns expressions into weighted :class:`Clue` windows; :func:`infer_dct`
scores every candidate day within ``bounds`` and returns the best contiguous range, with
the representative day nearest ``prefer`` (the median date of the story's other documents).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from ..records import Timex, _plain
from ..time import calendar as cal
from ..time import resolve
from ..time.countdown import duration_days
from ..time.lexicon import lexicon

WINDOW = 300  # how far (days) news looks back or ahead at a date named without its year
YEARED_WINDOW = 730  # ... and at one named with its year ('July 2022' in an anniversary story)
NEAR = 75  # ... and how far it most often does
_PROBE = date(2001, 6, 15)  # any day: year-less expressions are resolved here, then shifted
_WEEKDAY = re.compile(r"^XXXX-WXX-([1-7])$")
_YEAR_VALUE = re.compile(r"^(\d{4})(?:$|-)")


@dataclass(frozen=True, slots=True)
class Anchor:
    """``timex`` (relative, in this document) refers to an event independently dated [lo, hi]."""

    timex: Timex
    lo: date
    hi: date

    def as_dict(self) -> dict[str, Any]:
        return {"timex": self.timex.as_dict(), "lo": self.lo.isoformat(), "hi": self.hi.isoformat()}


@dataclass(frozen=True, slots=True)
class Dating:
    """The inferred DCT: a representative day, the consistent range and the clues used."""

    published: date
    lo: date
    hi: date
    evidence: tuple[str, ...] = ()
    # equally good readings from RIVAL_GAP to RIVAL_REACH days away ('Thursday … June 12'
    # with no year fits one year as well as the next): the tie-break chose, the text did not.
    # ('Tuesday, June 12' fits only every few years: the story's own years decide.)
    rivals: int = 0

    def as_dict(self) -> dict[str, Any]:
        out = _plain(self)
        assert isinstance(out, dict)
        return {**out, "published": self.published.isoformat(), "lo": self.lo.isoformat(),
                "hi": self.hi.isoformat()}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Clue:
    """'The DCT lies in [lo, hi]' with a weight.

    ``period`` "year": the window repeats every year (lo/hi are one instance); "week":
    the DCT's ISO weekday must be in ``weekdays``; None: a single window.
    """

    why: str
    weight: float
    lo: date = date.min
    hi: date = date.max
    period: str | None = None
    weekdays: frozenset[int] = frozenset()
    near: bool = False  # a tie-breaking bonus, not a constraint
    # "year" windows only in years whose ``named`` day (given in the probe year) falls on
    # this ISO weekday: 'Tuesday, June 12' is 2018 or 2029, not 2019
    on_weekday: int = 0
    named: date | None = None


def _tense_window(iv_lo: date, iv_hi: date, tense: str, mod: str | None, precise: bool,
                  reach: int = WINDOW) -> tuple[date, date] | None:  # fmt: skip
    """Where the DCT may lie relative to an interval the clause puts in the past or future."""
    if tense == "past":  # a month named by name is over ('a December call' is not this month's)
        return (iv_lo if precise else iv_hi + timedelta(days=1)), iv_hi + timedelta(days=reach)
    if tense == "future" or mod == "BEFORE":
        return iv_lo - timedelta(days=reach), (iv_lo - timedelta(days=1) if precise else iv_hi)
    return None


FRESH = 14  # days: the past day a report names is most often its news of the last fortnight


def _graded(why: str, weight: float, lo: date, hi: date, tense: str, period: str | None = None,
            day: bool = False) -> list[Clue]:  # fmt: skip
    """A window, plus a bonus for its part nearest the expression (news talks of near dates),
    and for a past day, a smaller one for the fortnight after it."""
    out = [Clue(why, weight, lo, hi, period)]
    if tense == "past":
        out.append(Clue(why, weight * 0.25, lo, min(hi, lo + timedelta(days=NEAR)), period, near=True))
        if day:
            out.append(Clue(why, weight * 0.1, lo, min(hi, lo + timedelta(days=FRESH)), period, near=True))
    else:
        out.append(Clue(why, weight * 0.25, max(lo, hi - timedelta(days=NEAR)), hi, period, near=True))
    return out


def _year_clue(t: Timex, year: int) -> list[Clue]:
    lo, hi = date(year, 1, 1), date(year, 12, 31)
    if t.value != str(year):  # a dated day or month of a known year
        if t.lo is None or t.hi is None:
            return []
        lo, hi = date.fromisoformat(t.lo), date.fromisoformat(t.hi)
        window = _tense_window(lo, hi, t.tense, t.mod, t.precision == "day", YEARED_WINDOW)
        return _graded(f"{t.text!r} ({t.tense})", 2.0, *window, t.tense, day=t.precision == "day") if window else []
    if t.tense == "past":
        return [Clue(f"{t.text!r} is past", 1.0, lo, hi + timedelta(days=WINDOW))]
    if t.tense == "future":
        return [Clue(f"{t.text!r} is ahead", 1.0, lo - timedelta(days=WINDOW), hi)]
    return [Clue(f"{t.text!r} is the current year", 1.5, lo, hi)]


FAR_WEEKDAY = (0.3, 0.25, 0.2, 0.15, 0.1)  # 2..6 days from the DCT: the nearer, the likelier


LEDE_WEIGHT = 1.5  # the first weekday an article names is its news peg, most often the latest
SEQUENCE = 120  # characters: two weekdays this close narrate a sequence, neither is the peg


def _lede(weekdays: Sequence[Timex], sentences: Sequence[int]) -> Timex | None:
    """The first weekday, the news peg, when it stands alone ('met on Tuesday … On Friday,
    …'), not when a sequence is narrated: the next weekday follows within SEQUENCE
    characters or in the same sentence ('refused on Monday …, and struck on Tuesday and
    again overnight into Wednesday'); ``sentences`` are the sentence start offsets."""
    if not weekdays:
        return None
    if len(weekdays) == 1:
        return weekdays[0]
    first, second = weekdays[0], weekdays[1]
    same = bool(sentences) and bisect_right(sentences, first.start) == bisect_right(sentences, second.start)
    return None if same or second.start - first.end <= SEQUENCE else first


def _weekday_clue(t: Timex, weekday: int, lede: bool = False) -> list[Clue]:
    """'announced Tuesday': the DCT is 0-1 days after a Tuesday (likeliest), or up to 6 days
    after it, the less likely the further ('will meet Friday': 1-2 days before, or up to 6).
    The lede's weekday weighs more than those of the background further down."""
    if t.tense == "future":
        near = {(weekday - k - 1) % 7 + 1 for k in (1, 2)}
        far = [(weekday - k - 1) % 7 + 1 for k in range(3, 7)]
        rel = "before"
    else:
        near = {(weekday + k - 1) % 7 + 1 for k in (0, 1)}
        far = [(weekday + k - 1) % 7 + 1 for k in range(2, 7)]
        rel = "after"
    why = f"{t.text!r}: DCT a few days {rel} that weekday"
    k = LEDE_WEIGHT if lede else 1.0
    return [Clue(why, k, period="week", weekdays=frozenset(near)),
            *(Clue(why, k * w, period="week", weekdays=frozenset({d})) for d, w in zip(far, FAR_WEEKDAY, strict=False))]  # fmt: skip


_YEAR_WORDS = re.compile(r"(?i:\b(?:last|this|next|past|previous|coming|following)\s+year\b)")


def _yearless_clue(t: Timex) -> list[Clue]:
    probe = resolve(t.replace(tense="none"), _PROBE)
    if probe.lo is None or probe.hi is None or probe.type != "DATE":
        return []
    iv_lo, iv_hi = date.fromisoformat(probe.lo), date.fromisoformat(probe.hi)
    window = _tense_window(iv_lo, iv_hi, t.tense, t.mod, probe.precision == "day")
    if _YEAR_WORDS.search(t.text):  # 'July last year': the DCT's year is the one after that July
        window = _in_probe_year(window or (iv_lo, iv_hi), t.tense)
        return [Clue(f"{t.text!r} ({t.tense})", 1.0, *window, "year")] if window else []
    if window is None:
        return []
    tense = t.tense if t.mod != "BEFORE" else "deadline"
    out = _graded(f"{t.text!r} ({tense})", 1.0, *window, tense, period="year", day=probe.precision == "day")
    weekdays = lexicon().weekdays
    weekday = next((weekdays[w.lower()] for w in re.findall(r"[A-Za-z]+", t.text) if w.lower() in weekdays), 0)
    if weekday and probe.precision == "day":  # 'Tuesday, June 12'
        out = [replace(c, on_weekday=weekday, named=iv_lo) for c in out]
    return out


def _in_probe_year(window: tuple[date, date], tense: str) -> tuple[date, date] | None:
    """The days of the probe's own year (the DCT's year, for an expression that names its
    year relative to the DCT) on the right side of the interval for the clause's tense."""
    lo, hi = date(_PROBE.year, 1, 1), date(_PROBE.year, 12, 31)
    if tense == "past":
        lo = max(lo, window[0])
    elif tense == "future":
        hi = min(hi, window[1])
    return (lo, hi) if lo <= hi else None


def _season_or_part_clue(t: Timex) -> Clue | None:
    """'this spring', 'this year': the DCT is in (or shortly before) that season."""
    if not re.match(r"(?i)this\s+(spring|summer|fall|autumn|winter)$", t.text):
        return None
    probe = resolve(t.replace(tense="none"), _PROBE)
    if probe.lo is None or probe.hi is None:
        return None
    lo, hi = date.fromisoformat(probe.lo), date.fromisoformat(probe.hi)
    return Clue(f"{t.text!r}: DCT in or before that season", 0.5, lo - timedelta(days=90), hi, "year")


def _publication_clue(t: Timex) -> list[Clue]:
    """A dateline's 'Oct 9': the DCT is that day (of the year the other clues pick)."""
    probe = t if t.lo else resolve(t.replace(tense="none"), _PROBE)
    if probe.lo is None or probe.hi is None or probe.precision != "day":
        return []
    day = date.fromisoformat(probe.lo)
    return [Clue(f"dateline {t.text!r}", 6.0, day, day, None if t.lo else "year")]


def clue_of(t: Timex, lede: bool = False) -> list[Clue]:
    """What one time expression (normalised without DCT) says about the DCT; ``lede``: it is
    the first weekday the document names."""
    if t.type not in ("DATE", "TIME"):
        return []
    if t.function == "PUBLICATION_TIME":
        return _publication_clue(t)
    weekday = _WEEKDAY.match(t.value)
    if weekday:
        return _weekday_clue(t, int(weekday.group(1)), lede)
    year = _YEAR_VALUE.match(t.value)
    if year and not t.relative:
        return _year_clue(t, int(year.group(1)))
    if t.value.startswith("XXXX-") and re.search(r"\d|^(SP|SU|FA|WI)$", t.value[5:]):
        season = _season_or_part_clue(t) if t.relative and "this" in t.text.lower() else None
        return [season] if season else _yearless_clue(t)
    return []


def anchor_clue(anchor: Anchor, span: int = 400) -> Clue | None:
    """The days from which ``anchor.timex`` resolves onto the anchor's dates."""
    hits = []
    day = anchor.lo - timedelta(days=span)
    end = anchor.hi + timedelta(days=span)
    while day <= end:
        got = resolve(anchor.timex, day)
        if got.lo and got.hi and date.fromisoformat(got.lo) <= anchor.hi and anchor.lo <= date.fromisoformat(got.hi):
            hits.append(day)
        day += timedelta(days=1)
    if not hits:
        return None
    why = f"{anchor.timex.text!r} refers to {anchor.lo.isoformat()}..{anchor.hi.isoformat()}"
    return Clue(why, 3.0, hits[0], hits[-1])


def countdown_clue(duration: Timex, target: Timex) -> Clue | None:
    """'on May 20, leaving three weeks': the DCT is about the date minus the duration."""
    days = duration_days(duration.value)
    probe = target if target.lo else resolve(target.replace(tense="none"), _PROBE)
    if days is None or probe.lo is None or probe.hi is None:
        return None
    slack = max(1.0, days * 0.15) + (2.0 if duration.mod else 0.0)  # 'three weeks' is rarely 21 days exactly
    lo = date.fromisoformat(probe.lo) - timedelta(days=round(days + slack))
    hi = date.fromisoformat(probe.hi) - timedelta(days=round(max(0.0, days - slack)))
    why = f"{target.text!r} is {duration.text!r} ahead"
    return Clue(why, 2.0, lo, hi, None if target.lo else "year")


def elapsed_clue(duration: Timex, event: Timex) -> list[Clue]:
    """'On Friday, four days after the talks [December 16]': a day the text pins through an
    event it dated, with the tense of its clause, as if the text had named it."""
    days = duration_days(duration.value)
    probe = event if event.lo else resolve(event.replace(tense="none"), _PROBE)
    if days is None or probe.lo is None or probe.precision != "day" or duration.mod:
        return []
    day = date.fromisoformat(probe.lo) + timedelta(days=round(-days if duration.counts_back else days))
    window = _tense_window(day, day, duration.tense, None, True)
    if window is None:
        return []
    why = f"{duration.text!r} {'before' if duration.counts_back else 'after'} {event.text!r} ({duration.tense})"
    return _graded(why, 1.0, *window, duration.tense, period=None if event.lo else "year", day=True)


ROLLOVER_GAP = 400  # characters: two past dates this close are one narration
_MONTH_OR_DAY = re.compile(r"^XXXX-(\d\d)(?:-(\d\d))?$")


def _narrated(timexes: Sequence[Timex]) -> list[tuple[Timex, Timex]]:
    """Consecutive past dates without a year that the narrative tells in order (not 'had
    been held in July', not in a relative clause), in text order."""
    past = [t for t in timexes if t.type == "DATE" and t.tense == "past" and not t.mod and not t.aside
            and _MONTH_OR_DAY.match(t.value) and not _YEAR_WORDS.search(t.text)]  # fmt: skip
    return [(a, b) for a, b in pairwise(past) if b.start - a.end <= ROLLOVER_GAP]


def rollover_clues(pairs: Sequence[tuple[Timex, Timex]]) -> list[Clue]:
    """'… on Nov. 17 the deal was extended … In March, …': narrated dates that go back in
    the calendar have crossed into the next year, so the DCT lies after the later one and
    within reach of the earlier one."""
    out = []
    for a, b in pairs:
        ma, mb = _MONTH_OR_DAY.match(a.value), _MONTH_OR_DAY.match(b.value)
        if ma is None or mb is None or int(mb.group(1)) >= int(ma.group(1)):
            continue
        first = date(_PROBE.year - 1, int(ma.group(1)), int(ma.group(2) or 1))
        then = date(_PROBE.year, int(mb.group(1)), int(mb.group(2) or 1))
        lo = then if mb.group(2) else cal.add_months(then, 1)  # a month named is over
        hi = first + timedelta(days=WINDOW)
        if lo <= hi:
            out.append(Clue(f"{a.text!r} then {b.text!r}: a new year between them", 1.0, lo, hi, "year"))
    return out


_YEAR_STEP = {"last": 1, "past": 1, "previous": 1, "this": 0, "next": -1, "coming": -1, "following": -1}


def named_year_clues(timexes: Sequence[Timex]) -> list[Clue]:
    """'signed in July last year … in July 2022': the month the text also names with its
    year is that one, so the DCT's year follows from 'last year' (or 'this', 'next')."""
    years_of: dict[str, set[int]] = {}  # month -> the years the text names it with
    for t in timexes:
        if t.type == "DATE" and re.match(r"^\d{4}-\d\d", t.value):
            years_of.setdefault(t.value[5:7], set()).add(int(t.value[:4]))
    out = []
    for t in timexes:
        words = _YEAR_WORDS.search(t.text)
        month = re.match(r"^XXXX-(\d\d)", t.value)
        if words is None or month is None or t.type != "DATE":
            continue
        years = years_of.get(month.group(1), set())
        if len(years) == 1:
            year = min(years) + _YEAR_STEP[words.group(0).split()[0].lower()]
            out.append(Clue(f"{t.text!r}: the DCT is in {year}", 1.0, date(year, 1, 1), date(year, 12, 31)))
    return out


def same_weekday_clues(timexes: Sequence[Timex]) -> list[Clue]:
    """'in the early hours of Wednesday, Nov. 22 … Late on Wednesday, Hanegbi said': a bare
    weekday the text also names with its date is most likely that day, so the DCT lies in
    the week after it (before it, for a day ahead)."""
    dated: dict[int, list[Clue]] = {}
    for t in timexes:
        if t.type == "DATE" and _MONTH_OR_DAY.match(t.value) and not _WEEKDAY.match(t.value):
            for c in _yearless_clue(t):
                if c.on_weekday and c.named is not None and not c.near:
                    dated.setdefault(c.on_weekday, []).append(c)
    out = []
    for t in timexes:
        weekday = _WEEKDAY.match(t.value)
        if weekday is None or t.tense not in ("past", "future"):
            continue
        for c in dated.get(int(weekday.group(1)), []):
            named = c.named or _PROBE
            lo, hi = (named, named + timedelta(days=6)) if t.tense == "past" else (named - timedelta(days=6), named)
            out.append(Clue(f"{t.text!r} is {named:%b %d}", 0.5, lo, hi, "year", near=True,
                            on_weekday=c.on_weekday, named=named))  # fmt: skip
    return out


def clues(timexes: Iterable[Timex], anchors: Sequence[Anchor] = (), sentences: Sequence[int] = ()) -> list[Clue]:
    """Every clue the expressions and anchors give (``sentences``: the text's sentence start
    offsets, in order, when known)."""
    timexes = list(timexes)
    weekdays = sorted((t for t in timexes if _WEEKDAY.match(t.value) and t.type in ("DATE", "TIME")),
                      key=lambda t: t.start)  # fmt: skip
    lede = _lede(weekdays, sentences)
    pairs = _narrated(sorted(timexes, key=lambda t: t.start))
    told_before = {a.start for a, _ in pairs}  # a later narrated date is the nearer one
    out = [c for t in timexes for c in clue_of(t, t is lede) if not (c.near and t.start in told_before)]
    by_start = {t.start: t for t in timexes}
    out.extend(c for t in timexes if t.counts_to is not None and t.counts_to in by_start
               and (c := countdown_clue(t, by_start[t.counts_to])) is not None)  # fmt: skip
    out.extend(c for t in timexes if t.counts_from is not None and t.counts_from in by_start
               for c in elapsed_clue(t, by_start[t.counts_from]))  # fmt: skip
    out.extend(rollover_clues(pairs))
    out.extend(named_year_clues(timexes))
    out.extend(same_weekday_clues(timexes))
    out.extend(c for a in anchors if (c := anchor_clue(a)) is not None)
    return out


def _windows(clue: Clue, lo: date, hi: date) -> list[tuple[date, date]]:
    if clue.period is None:
        return [(max(clue.lo, lo), min(clue.hi, hi))]
    out = []
    for shift in range(lo.year - clue.lo.year - 1, hi.year - clue.lo.year + 2):
        if clue.named is not None:
            named = cal.add_years(clue.named, shift)
            if named.isoweekday() != clue.on_weekday or named.day != clue.named.day:  # no Feb 29 that year
                continue
        out.append((max(cal.add_years(clue.lo, shift), lo), min(cal.add_years(clue.hi, shift), hi)))
    return out


def _scores(found: Sequence[Clue], lo: date, hi: date) -> list[float]:
    size = (hi - lo).days + 1
    delta = [0.0] * (size + 1)
    for clue in found:
        if clue.period == "week":
            continue
        for a, b in _windows(clue, lo, hi):
            if a <= b:
                delta[(a - lo).days] += clue.weight
                delta[(b - lo).days + 1] -= clue.weight
    scores, run = [], 0.0
    for k in range(size):
        run += delta[k]
        scores.append(run)
    weekly = [c for c in found if c.period == "week"]
    if weekly:
        first = lo.isoweekday()
        bonus = [sum(c.weight for c in weekly if (first + k - 1) % 7 + 1 in c.weekdays) for k in range(7)]
        scores = [s + bonus[k % 7] for k, s in enumerate(scores)]
    return scores


def _ranges(scores: Sequence[float], best: float) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = None
    for k, s in enumerate([*scores, float("-inf")]):
        if s >= best - 1e-9 and start is None:
            start = k
        elif s < best - 1e-9 and start is not None:
            out.append((start, k - 1))
            start = None
    return out


RIVAL_GAP = 60  # days
RIVAL_REACH = 400  # days


def infer_dct(
    timexes: Sequence[Timex],
    anchors: Sequence[Anchor] = (),
    bounds: tuple[date, date] | None = None,
    prefer: date | None = None,
    sentences: Sequence[int] = (),
) -> Dating:
    """The DCT range most consistent with the document's clues (see the module docstring)."""
    lo, hi = bounds or (date(1990, 1, 1), date.today() + timedelta(days=365))
    found = clues(timexes, anchors, sentences)
    scores = _scores([c for c in found if not c.near], lo, hi)
    bonus = _scores([c for c in found if c.near], lo, hi)
    ranges = _ranges(scores, max(scores))
    today = min(date.today(), hi)

    target = prefer or today

    def rank(r: tuple[int, int]) -> tuple[float, ...]:
        a, b = lo + timedelta(days=r[0]), lo + timedelta(days=r[1])
        gap = 0 if a <= target <= b else min(abs((a - target).days), abs((b - target).days))
        late = 1 if prefer is None and a > today else 0
        return (-round(max(bonus[r[0] : r[1] + 1]), 6), late, gap)

    first, last = min(ranges, key=rank)
    r_lo, r_hi = lo + timedelta(days=first), lo + timedelta(days=last)
    tied = rank((first, last))[0]
    rivals = sum(1 for a, b in ranges if rank((a, b))[0] == tied
                 and RIVAL_GAP < max(a - last, first - b) <= RIVAL_REACH)  # fmt: skip
    top = max(bonus[first : last + 1])
    best_days = [k for k in range(first, last + 1) if bonus[k] >= top - 1e-9]
    published = lo + timedelta(days=min(best_days, key=lambda k: abs((lo + timedelta(days=k) - target).days)))
    evidence = tuple(dict.fromkeys(c.why for c in found if not c.near and _holds(c, published)))
    return Dating(published, r_lo, r_hi, evidence, rivals)


def _holds(clue: Clue, day: date) -> bool:
    if clue.period == "week":
        return day.isoweekday() in clue.weekdays
    return any(a <= day <= b for a, b in _windows(clue, day, day))
