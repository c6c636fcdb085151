"""From a found expression (``Hit``) to a ``Timex``: dispatch, modifiers, masking without DCT."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from ..records import Timex
from . import absolute, amounts, relative
from .calendar import Interval, day_iv
from .lexicon import parse_number
from .norm import Ctx, Norm, mask
from .patterns import Hit

Rule = Callable[[Any, Ctx], Norm | None]

RULES: dict[str, Rule] = {
    "range_md": absolute.date_range,
    "range_dm": absolute.date_range,
    "date_mdy": absolute.date_mdy,
    "date_dmy": absolute.date_mdy,
    "week_of": absolute.week_of,
    "date_iso": absolute.date_numeric,
    "date_us": absolute.date_numeric,
    "month": absolute.month,
    "year": absolute.year,
    "year_words": absolute.year_words,
    "decade": absolute.decade,
    "decade_words": absolute.decade_words,
    "century": absolute.century,
    "holiday": absolute.holiday,
    "nth_weekday": absolute.nth_weekday,
    "in_the_unit": relative.in_the_unit,
    "the_unit": relative.the_unit,
    "quarter": absolute.quarter,
    "quarter_q": absolute.quarter_q,
    "the_quarter": absolute.the_quarter,
    "half": absolute.half,
    "season": absolute.season,
    "yearend": absolute.year_end,
    "the_year": absolute.the_year,
    "rel_unit": relative.rel_unit,
    "ago": relative.ago,
    "yearago": relative.year_ago,
    "dayref": relative.day_ref,
    "pod": relative.day_ref,
    "mid_pod": relative.mid_pod,
    "day_after": relative.day_after,
    "weekday": relative.weekday,
    "clock": relative.clock,
    "clock_part": relative.clock_part,
    "noon": relative.noon,
    "duration": amounts.duration,
    "plural": amounts.plural,
    "set": amounts.set_every,
    "set_adv": amounts.set_adverb,
    "refs_present": amounts.refs("PRESENT_REF"),  # type: ignore[dict-item]
    "refs_past": amounts.refs("PAST_REF"),  # type: ignore[dict-item]
    "refs_future": amounts.refs("FUTURE_REF"),  # type: ignore[dict-item]
    "weekend": amounts.weekend,
}

_PREFIX_MOD = {"end": "END", "close": "END", "late": "END", "later": "END", "latter part": "END",
               "second half": "END", "beginning": "START", "start": "START", "early": "START",
               "earlier": "START", "early part": "START", "first half": "START", "middle": "MID",
               "mid": "MID", "turn": "END"}


def _part(iv: Interval, mod: str, anchor: date | None, prefix: str) -> Interval:
    """The third of ``iv`` a START/MID/END modifier points at ('earlier this month': up to DCT)."""
    span = (iv.hi - iv.lo).days + 1
    third = max(span // 3, 1)
    if mod == "START":
        lo, hi = iv.lo, iv.lo + timedelta(days=third - 1)
        if prefix == "earlier" and anchor and iv.lo <= anchor <= iv.hi:
            hi = max(anchor - timedelta(days=1), iv.lo)
    elif mod == "END":
        lo, hi = iv.hi - timedelta(days=third - 1), iv.hi
        if prefix == "later" and anchor and iv.lo <= anchor <= iv.hi:
            lo = min(anchor + timedelta(days=1), iv.hi)
    else:
        lo, hi = iv.lo + timedelta(days=third), iv.hi - timedelta(days=third)
    return Interval(iv.value, lo, max(lo, hi), iv.precision)


def _day_offset(norm: Norm, prefix: str) -> Norm | None:
    """'the day before last Tuesday': the named day moved by whole days."""
    word, count = prefix.split()
    iv = norm.iv
    if iv is None or iv.lo != iv.hi or norm.type != "DATE":
        return None
    days = parse_number(count)
    if days is None:
        return None
    day = iv.lo + timedelta(days=int(days) * (-1 if word == "before" else 1))
    return Norm("DATE", day.isoformat(), day_iv(day), None, norm.rel or "full", norm.precision, norm.extra)


def _apply_prefix(norm: Norm, hit: Hit, dct: date | None) -> Norm:
    if hit.prefix and hit.prefix.startswith(("before ", "after ")):
        return _day_offset(norm, hit.prefix) or norm
    mod = norm.mod
    iv = norm.iv
    if hit.prefix:
        mod = _PREFIX_MOD.get(hit.prefix, mod)
        if iv is not None and mod in ("START", "MID", "END"):
            iv = _part(iv, mod, dct, hit.prefix)
    if hit.deadline and norm.type == "DATE":
        mod = "BEFORE"
    if mod == norm.mod and iv is norm.iv:
        return norm
    return Norm(norm.type, norm.value, iv, mod, norm.rel, norm.precision, norm.extra)


def to_timex(hit: Hit, norm: Norm, ctx: Ctx, offset: int = 0) -> Timex:
    """Assemble the record; without DCT, DCT-dependent parts are masked and lo/hi dropped."""
    known = ctx.dct is not None or norm.rel is None
    value = norm.value
    if not known:
        value = mask(value, norm.rel)
        weekday = norm.extra.get("weekday")
        if weekday and norm.type == "DATE":
            value = f"XXXX-WXX-{weekday}"
    iv = norm.iv if known else None
    precision = norm.precision or (iv.precision if iv is not None else "unknown")
    return Timex(
        start=hit.start + offset,
        end=hit.end + offset,
        text=hit.text,
        type=norm.type,
        value=value,
        lo=iv.lo.isoformat() if iv is not None else None,
        hi=iv.hi.isoformat() if iv is not None else None,
        precision=precision,
        mod=norm.mod,
        tense=ctx.tense,
        relative=norm.rel is not None,
    )


def normalise(hit: Hit, ctx: Ctx) -> Norm | None:
    """What ``hit`` means in ``ctx``, or None when the rule rejects the reading."""
    norm = RULES[hit.rule](hit.match, ctx)
    if norm is None:
        return None
    return _apply_prefix(norm, hit, ctx.dct)
