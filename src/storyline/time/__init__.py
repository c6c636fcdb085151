"""storyline's temporal engine: find time expressions and normalise them to TIMEX3.

Pure Python over plain text (no spaCy): :func:`extract` finds and normalises every
expression of a text against a document creation time (DCT) and the tense of each clause
(which the spaCy stage :mod:`storyline.pipeline.timex` supplies); :func:`resolve`
re-normalises a stored :class:`~storyline.records.Timex` against another DCT, from its text,
tense and type alone.

Without DCT (``dct=None``) DCT-dependent values keep X placeholders ('XXXX-05-09',
'XXXX-WXX-2', 'XXXX-XX') and ``lo``/``hi`` are None; ``relative`` is True on them.
A range ('May 9 to 12') is one Timex whose value is its first day and whose lo/hi span the
whole range; :func:`split_range` gives the TimeBank-style parts for TimeML output.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache

from ..records import Timex
from .countdown import link_countdowns
from .elapsed import link_elapsed
from .norm import Ctx, Norm
from .normalize import normalise, to_timex
from .patterns import Hit, scan

__all__ = ["Hit", "anaphoric", "extract", "normalise_hits", "parse_dct", "resolve", "resolve_all", "scan", "split_range"]

TenseOf = Callable[[int, int], str]
_ANAPHORA_RULES = frozenset({"quarter", "quarter_q", "year", "year_words", "month", "half"})


def parse_dct(value: str | date | None) -> date | None:
    """An ISO 'YYYY-MM-DD' (or 'YYYYMMDD') string or date as a date; None stays None."""
    if value is None or isinstance(value, date):
        return value
    digits = value.strip()[:10].replace("-", "")
    if len(digits) < 8 or not digits[:8].isdigit():
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def normalise_hits(hits: Sequence[Hit], dct: date | None, tenses: Sequence[str]) -> list[Timex]:
    """Normalise found expressions in document order, carrying anaphora ('the quarter'),
    and link countdowns to their dates ('on May 20, leaving three weeks') and durations to
    the dated events they count from ('four days after the talks')."""
    ctx = Ctx(dct)
    out: list[Timex] = []
    for hit, tense in zip(hits, tenses, strict=True):
        ctx.tense = tense
        ctx.here = hit.start
        norm = normalise(hit, ctx)
        if norm is None:
            continue
        out.append(to_timex(hit, norm, ctx))
        _track(ctx, hit, norm, hit.end)
    if not hits:
        return out
    text = hits[0].match.string
    return link_elapsed(text, link_countdowns(text, out))


def _track(ctx: Ctx, hit: Hit, norm: Norm, end: int) -> None:
    """Remember what later anaphora refer to: the quarter, the last day, the last date."""
    _track_quarter(ctx, hit, norm)
    if norm.iv is not None and norm.type in ("DATE", "TIME") and norm.iv.lo == norm.iv.hi:
        ctx.last_day = norm.iv
        ctx.last_day_at = end
    if norm.iv is not None and norm.mod is None and norm.type == "DATE" \
            and (norm.rel is None or hit.rule in _ANAPHORA_RULES):
        ctx.last = norm.iv
        ctx.last_at = end


_COMPARISONS = frozenset({"ago", "yearago"})
_ENDED = re.compile(r"(?i:\b(?:ended|ending|through)\s+(?:on\s+)?)$")


def _track_quarter(ctx: Ctx, hit: Hit, norm: Norm) -> None:
    """Keep the quarter a results story is about; any other date or span ends it.

    Earnings reports compare a quarter with 'a year earlier' (the same quarter a year
    before); once another period (a year, 'the nine months') is named, the comparison is
    with that period instead.  'the quarter ended Sept. 30' keeps the quarter.
    """
    if hit.rule in _COMPARISONS or norm.type not in ("DATE", "DURATION") or norm.value.endswith("_REF"):
        return
    if hit.rule == "the_quarter" and hit.match.group("y"):  # 'the 1988 period': a comparison too
        return
    iv = norm.iv
    if norm.type == "DATE" and iv is not None and iv.precision == "quarter" and ("-Q" in iv.value or "-H" in iv.value):
        ctx.quarter = iv
        ctx.topic_quarter = ctx.topic_quarter or iv
    elif not (iv is not None and iv.precision == "day" and _ENDED.search(hit.match.string[max(0, hit.start - 12) : hit.start])):
        ctx.quarter = None


def extract(text: str, dct: date | str | None, tense_of: TenseOf | None = None) -> list[Timex]:
    """Every time expression of ``text``; ``tense_of(start, end)`` gives each clause's tense."""
    hits = scan(text)
    tenses = [tense_of(h.start, h.end) if tense_of else "none" for h in hits]
    return normalise_hits(hits, parse_dct(dct), tenses)


@lru_cache(maxsize=4096)
def _whole(text: str) -> Hit | None:
    """The longest expression in ``text`` (cached: re-dating resolves the same texts often)."""
    hits = scan(text)
    if not hits:
        return None
    return max(hits, key=lambda h: (h.end - h.start, -h.start))


def anaphoric(timex: Timex) -> bool:
    """'the next day', 'later that same day': read only from the day the text named before
    it, never alone."""
    hit = _whole(timex.text)
    return hit is not None and hit.rule == "day_after"


def resolve(timex: Timex, dct: date | None) -> Timex:
    """``timex`` re-normalised against ``dct`` (from its text, tense and type; no spaCy)."""
    return _resolve_in(timex, Ctx(dct, timex.tense))


def resolve_all(timexes: Sequence[Timex], dct: date | None) -> list[Timex]:
    """A document's stored expressions re-normalised against ``dct`` in document order.

    Unlike :func:`resolve` one by one, anaphora keep their antecedent: 'the next day' is
    counted from the day the text named before it, as when the document was first read.
    """
    ctx = Ctx(dct)
    out: list[Timex] = []
    for timex in sorted(timexes, key=lambda t: (t.start, t.end)):
        ctx.tense = timex.tense
        ctx.here = timex.start
        out.append(_resolve_in(timex, ctx, track=True))
    return out


def _resolve_in(timex: Timex, ctx: Ctx, track: bool = False) -> Timex:
    hit = _whole(timex.text)
    if hit is None:  # a bare month or weekday was found with the preposition before it
        hit = _whole(f"in {timex.text}")
    if hit is None:
        return timex
    norm = normalise(hit, ctx)
    if norm is None:
        return timex
    if track:
        _track(ctx, hit, norm, timex.end)
    fresh = to_timex(hit, norm, ctx)
    mod = timex.mod if timex.mod == "BEFORE" else fresh.mod
    return timex.replace(
        type=fresh.type, value=fresh.value, lo=fresh.lo, hi=fresh.hi, precision=fresh.precision,
        mod=mod, relative=fresh.relative,
    )


def split_range(timex: Timex, dct: date | None) -> list[Timex]:
    """The parts of a range timex as separate expressions ('May 9 to 12' → 'May 9', '12')."""
    hit = _whole(timex.text)
    if hit is None or not hit.rule.startswith("range"):
        return [timex]
    m = hit.match
    first = timex.replace(end=timex.start + m.end("d1") if hit.rule == "range_md" else timex.start + m.end("m1"))
    parts = [first.replace(text=timex.text[: first.end - timex.start], lo=timex.lo, hi=timex.lo)]
    second_start = m.start("m2") if m.groupdict().get("m2") else m.start("d2")
    parts.append(
        timex.replace(
            start=timex.start + second_start, text=timex.text[second_start:],
            value=timex.hi or timex.value, lo=timex.hi, hi=timex.hi,
        )
    )
    return parts if hit.rule == "range_md" else [timex]
