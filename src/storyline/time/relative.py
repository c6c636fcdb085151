"""Rules for expressions read against the DCT: 'last week', 'Tuesday', 'two years ago', durations."""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import calendar as cal
from .lexicon import lexicon, parse_number
from .norm import Ctx, Norm, date_norm

_SHIFT = {"this": 0, "current": 0, "this past": -1, "this coming": 1, "last": -1, "past": -1, "previous": -1, "preceding": -1, "next": 1, "coming": 1,
          "following": 1}
_POD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
_APPROX = {"about": "APPROX", "some": "APPROX", "roughly": "APPROX", "around": "APPROX",
           "approximately": "APPROX", "nearly": "EQUAL_OR_LESS", "almost": "EQUAL_OR_LESS",
           "less than": "LESS_THAN", "under": "LESS_THAN", "within": "EQUAL_OR_LESS",
           "up to": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
           "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN", "well over": "MORE_THAN",
           "just under": "LESS_THAN", "well under": "LESS_THAN",
           "at least": "EQUAL_OR_MORE"}


def _approx(m: re.Match[str]) -> str | None:
    word = m.groupdict().get("approx")
    return _APPROX.get(re.sub(r"\s+", " ", word.lower())) if word else None


def shift(day: date, code: str, n: int) -> date:
    """``day`` moved by ``n`` units of a duration code (D, W, M, Q, Y, DE, CE)."""
    if code == "D":
        return day + timedelta(days=n)
    if code in ("W", "W2"):
        return day + timedelta(weeks=n * (2 if code == "W2" else 1))
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}.get(code, 0)
    return cal.add_months(day, n * months)


def at_precision(day: date, code: str) -> cal.Interval:
    """The calendar unit of kind ``code`` containing ``day``."""
    if code in ("Y", "DE", "CE"):
        return cal.year_iv(day.year)
    if code == "Q":
        return cal.quarter_iv(day.year, cal.quarter_of(day))
    if code == "M":
        return cal.month_iv(day.year, day.month)
    if code in ("W", "W2"):
        return cal.week_iv(day)
    return cal.day_iv(day)


def _unit_iv(anchor: date, unit: str, n: int, ctx: Ctx) -> cal.Interval | None:
    if unit in ("same", "that"):
        return None
    if unit == "weekend":
        return cal.weekend_iv(anchor + timedelta(weeks=n))
    code = {"week": "W", "month": "M", "year": "Y", "quarter": "Q", "decade": "DE", "century": "CE"}[unit]
    day = shift(anchor, code, n)
    if code == "DE":
        return cal.decade_iv(day.year // 10)
    if code == "CE":
        return cal.century_iv(day.year // 100 + 1)
    return at_precision(day, code)


def _season_rel(anchor: date, code: str, n: int, tense: str = "none") -> cal.Interval:
    """'last/next/this summer'; 'this summer' in a past clause, written in the fall, is behind;
    with no tense, 'this' is the season of the DCT's year (winter, which spans two years,
    leans to the past)."""
    years = [cal.season_iv(y, code) for y in range(anchor.year - 2, anchor.year + 2)]
    if n < 0:
        return [s for s in years if s.hi < anchor][-1]
    if n > 0:
        return next(s for s in years if s.lo > anchor)
    current = [s for s in years if s.lo <= anchor <= s.hi]
    if current:
        return current[0]
    if tense == "none" and code != "WI":  # 'hopes to finish this summer', written in April
        return cal.season_iv(anchor.year, code)
    if tense in ("past", "none"):  # news leans to the past when the clause does not say
        return [s for s in years if s.hi < anchor][-1]
    return next(s for s in years if s.lo > anchor)


def _narrow(iv: cal.Interval, pre: str, anchor: date) -> tuple[cal.Interval, str | None]:
    """'earlier this month': up to the DCT; 'early next year': the first third of it."""
    third = timedelta(days=max(((iv.hi - iv.lo).days + 1) // 3, 1) - 1)
    if pre in ("earlier", "early"):
        hi = min(iv.hi, iv.lo + third) if pre == "early" else iv.hi
        if pre == "earlier" and iv.lo <= anchor <= iv.hi:
            hi = min(iv.hi, anchor - timedelta(days=1))
        return cal.Interval(iv.value, iv.lo, max(hi, iv.lo), iv.precision), "START"
    if pre in ("later", "late"):
        lo = max(iv.lo, iv.hi - third) if pre == "late" else iv.lo
        if pre == "later" and iv.lo <= anchor <= iv.hi:
            lo = max(iv.lo, anchor + timedelta(days=1))
        return cal.Interval(iv.value, min(lo, iv.hi), iv.hi, iv.precision), "END"
    return iv, None


def rel_unit(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'this week', 'last month', 'next year', 'earlier this month', 'last Friday', 'next April'."""
    lex = lexicon()
    direction = m.group("dir").lower()
    unit = m.group("unit")
    anchor = ctx.anchor
    n = _SHIFT.get(direction)
    key = unit.lower().rstrip(".")
    if direction in ("past", "last") and key in ("decade", "century") and m.group(0).lower().startswith("the"):
        return Norm("DURATION", "P10Y" if key == "decade" else "P100Y")
    if n is None or direction == "following":  # the unit last mentioned, or the one after
        follow = _follow(ctx, unit.lower(), 1 if direction == "following" else 0)
        if follow is not None:
            return date_norm(follow, "full")
        n = n or 0
    if key in lex.weekdays:
        if direction in ("previous", "preceding") and ctx.last_day is not None:
            anchor = ctx.last_day.lo  # 'down from the previous Friday': before the day just named
        return _weekday_rel(anchor, lex.weekdays[key], n)
    if key in lex.months:
        return _month_rel(anchor, lex.months[key], n)
    if key in lex.seasons:
        iv = _season_rel(anchor, lex.seasons[key], n, ctx.tense)
    else:
        found = _unit_iv(anchor, key, n, ctx)
        if found is None:
            return None
        iv = found
    iv, mod = _narrow(iv, (m.group("pre") or "").lower(), anchor)
    return date_norm(iv, "full", mod)


def in_the_unit(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'earlier in the week', 'later in the month': part of the DCT's week or month."""
    iv = _unit_iv(ctx.anchor, m.group("unit").lower(), 0, ctx)
    if iv is None:
        return None
    iv, mod = _narrow(iv, m.group("pre").lower(), ctx.anchor)
    return date_norm(iv, "full", mod)


def the_unit(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'by the end of the month', 'for the week': the DCT's week or month.  'the week' is
    written 'YYYY-WXX' as TimeBank writes it (which week is implied, not stated); its interval
    is still the DCT's week, for dating events."""
    unit = m.group("unit").lower()
    iv = _unit_iv(ctx.anchor, unit, 0, ctx)
    if iv is None:
        return None
    if unit == "week":
        return Norm("DATE", f"{iv.value[:4]}-WXX", iv, rel="full")
    return date_norm(iv, "full")


def _follow(ctx: Ctx, unit: str, n: int) -> cal.Interval | None:
    """'the following year', 'that month': relative to the last date mentioned."""
    last = ctx.last
    code = {"year": "Y", "month": "M", "quarter": "Q"}.get(unit)
    if last is None or code is None or last.precision not in ("year", "quarter", "month", "day"):
        return None
    return at_precision(shift(last.lo, code, n), code)


def _weekday_rel(anchor: date, weekday: int, n: int) -> Norm:
    if n < 0:
        day = anchor - timedelta(days=(anchor.isoweekday() - weekday) % 7 or 7)
    elif n > 0:
        day = anchor + timedelta(days=(weekday - anchor.isoweekday()) % 7 or 7)
    else:
        day = cal.week_iv(anchor).lo + timedelta(days=weekday - 1)
    return date_norm(cal.day_iv(day), "full")


def _month_rel(anchor: date, month: int, n: int) -> Norm:
    if n < 0:
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif n > 0:
        year = anchor.year if month > anchor.month else anchor.year + 1
    else:
        year = anchor.year
    return date_norm(cal.month_iv(year, month), "year")


def ago(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'two years ago', 'a year earlier', 'three weeks from now'."""
    code, _ = lexicon().unit(m.group("unit"))
    count = parse_number(m.group("num"))
    back = m.group("dir").lower() in ("ago", "back", "earlier")
    if count is None:
        return _vague_ago(m.group("num"), code, back, ctx)
    if code.startswith("T"):
        code = "D"
        count = max(round(count / 24), 0) if m.group("unit").lower().startswith("hour") else 0
    n = int(count) * (-1 if back else 1)
    if code == "Y" and count == 1 and back and ctx.quarter is not None:
        return _year_before(ctx.quarter)
    iv = at_precision(shift(ctx.anchor, code, n), code)
    if code == "DE":
        iv = cal.Interval(iv.value, shift(ctx.anchor, code, n), shift(ctx.anchor, code, n), "year")
    return date_norm(iv, "full", _approx(m))


def year_ago(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'the year-ago quarter', 'year-earlier', 'the year-earlier nine months'."""
    what = re.sub(r"\s+", " ", (m.group("what") or "").lower())
    if what in ("nine months", "six months"):
        return Norm("DURATION", f"P{9 if what.startswith('nine') else 6}M")
    last = ctx.last
    if what in ("quarter", "period"):
        ref = ctx.topic_quarter or (last if last is not None and last.precision == "quarter" else None)
        if ref is None:
            day = ctx.anchor - timedelta(days=40)
            ref = cal.quarter_iv(day.year, cal.quarter_of(day))
        return date_norm(cal.quarter_iv(ref.lo.year - 1, cal.quarter_of(ref.lo)), "full")
    ordinal = re.match(r"(first|second|third|fourth) quarter", what)
    if ordinal:
        number = ("first", "second", "third", "fourth").index(ordinal.group(1)) + 1
        return date_norm(cal.quarter_iv(ctx.anchor.year - 1, number), "full")
    if what == "month":
        return date_norm(at_precision(shift(ctx.anchor, "Y", -1), "M"), "full")
    if not what and ctx.quarter is not None:  # 'compared with year-earlier profit' in a results story
        return _year_before(ctx.quarter)
    return date_norm(cal.year_iv(ctx.anchor.year - 1), "full")


def day_ref(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'today', 'yesterday morning', 'tonight', 'this morning', 'last night'."""
    word = re.sub(r"\s+", " ", m.group("w").lower())
    offsets = {"today": 0, "this": 0, "tonight": 0, "yesterday": -1, "last": -1, "tomorrow": 1,
               "the day before yesterday": -2, "the day after tomorrow": 2}
    day = ctx.anchor + timedelta(days=offsets[word])
    pod = (m.group("pod") or ("tonight" if word == "tonight" else "")).lower()
    if word == "last" and pod != "night":
        return None
    if pod:
        return Norm("TIME", f"{day.isoformat()}T{_POD[pod]}", cal.day_iv(day), rel="full")
    return date_norm(cal.day_iv(day), "full")


DAY_STEPS = {"next": 1, "following": 1, "previous": -1, "preceding": -1}  # 'the next day' is the day after


def day_after(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'the next day', 'later that day', 'the previous evening': counted from the last day the
    text named (no such day, no reading: 'that day' alone could be any day)."""
    step = DAY_STEPS.get((m.group("dir") or "").lower(), 0)
    later = ctx.last
    if later is not None and later.lo != later.hi and ctx.last_at > ctx.last_day_at:  # a wider time came since
        if later.precision == "month" and not step:
            return Norm("DATE", f"{later.value}-XX", later, rel="full")  # 'last October ... that same day'
        return None
    if ctx.last_day is None:
        return None
    day = ctx.last_day.lo + timedelta(days=step)
    pod = (m.group("pod1") or m.group("pod2")).lower()
    if pod != "day" and pod not in lexicon().day_only_parts:
        return Norm("TIME", f"{day.isoformat()}T{_POD[pod]}", cal.day_iv(day), rel="full")
    return date_norm(cal.day_iv(day), "full")


def mid_pod(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'mid-afternoon', 'at mid-morning yesterday': that part of the day (the DCT's by default)."""
    word = (m.group("w") or "today").lower()
    day = ctx.anchor + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[word])
    return Norm("TIME", f"{day.isoformat()}T{_POD[m.group('pod').lower()]}", cal.day_iv(day), rel="full")


def weekday(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'Tuesday' resolved by the tense of its clause, 'last Friday', 'Friday morning'."""
    number = lexicon().weekday(m.group("wd"))
    direction = (m.group("dir") or "").lower()
    if direction:
        norm = _weekday_rel(ctx.anchor, number, _SHIFT.get(direction, 0))
        day = norm.iv.lo if norm.iv else ctx.anchor
    else:
        day = cal.weekday_near(ctx.anchor, number, ctx.tense)
    extra = {"weekday": str(number)}
    pod = (m.group("pod") or "").lower()
    if pod and pod not in lexicon().day_only_parts:  # 'Friday night' is that Friday's date
        return Norm("TIME", f"{day.isoformat()}T{_POD[pod]}", cal.day_iv(day), rel="full", extra=extra)
    return Norm("DATE", day.isoformat(), cal.day_iv(day), rel="full", extra=extra)


# '10:35 a.m. (0735 GMT) Friday': the day named after a bracketed other clock
# The day written after a clock time and a zone: '10:35 a.m. (0735 GMT) Friday', '3:45 p.m.
# local time on Friday', 'midnight on Saturday', '9 p.m. EST yesterday'.
_LATER_DAY = re.compile(
    r"\s*(?:\([^()\n]{1,24}\)\s*|\((?=[^()\n]{1,24}\))[^()\n]*?(?=[A-Z][a-z]+day\))|(?i:local\s+time|(?:eastern|pacific|central)\s+time)\s*|[A-Z]{2,4}\s+)?,?\s*"
    r"(?:(?i:on)\s+)?(?:(?P<day>[A-Z][a-z]+day|(?i:today|yesterday|tomorrow))\b"
    r"|(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<md>[0-3]?\d)(?!\d)(?:,\s+(?P<yr>(?:19|20)\d\d))?)"
)


_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}


def _clock_day(m: re.Match[str], ctx: Ctx) -> tuple[date, str | None]:
    lex = lexicon()
    anchor = ctx.anchor
    if m.groupdict().get("wd"):
        return cal.weekday_near(anchor, lex.weekday(m.group("wd")), ctx.tense), "full"
    later = _LATER_DAY.match(m.string, m.end())
    if later and later.group("mon") and later.group("mon").lower().rstrip(".") in lex.months:
        from .absolute import month_day

        year = int(later.group("yr")) if later.group("yr") else None
        found = month_day(ctx, lex.month(later.group("mon")), int(later.group("md")), year)
        if found:
            return found[0], "year" if year is None else None
    word = (m.groupdict().get("dw") or (later.group("day") if later and later.group("day") else "")).lower()
    if word in lex.weekdays:
        return cal.weekday_near(anchor, lex.weekday(word), ctx.tense), "full"
    if word in _DAY_WORDS:
        return anchor + timedelta(days=_DAY_WORDS[word]), "full"
    if m.groupdict().get("m"):
        from .absolute import month_day

        found = month_day(ctx, lex.month(m.group("m")), int(re.sub(r"\D", "", m.group("d"))), None)
        if found:
            return found[0], "year"
    return anchor, "full"


def clock(m: re.Match[str], ctx: Ctx) -> Norm | None:
    hour = int(m.group("h"))
    minute = int(m.group("mi") or 0)
    if not 1 <= hour <= 12:
        return None
    if m.group("ap").lower().startswith("p") and hour != 12:
        hour += 12
    elif m.group("ap").lower().startswith("a") and hour == 12:
        hour = 0
    day, rel = _clock_day(m, ctx)
    return Norm("TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}", cal.day_iv(day), rel=rel)


def clock_part(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'at 4 in the morning', 'by 10 at night': an hour placed by the part of the day."""
    hour = int(m.group("h"))
    part = (m.group("part") or "night").lower()
    if part == "night" and hour == 12:
        hour = 24
    elif part != "morning" and hour != 12 and not (part == "night" and hour < 5):
        hour += 12
    elif part == "morning" and hour == 12:
        hour = 0
    day, rel = _clock_day(m, ctx)
    return Norm("TIME", f"{day.isoformat()}T{hour:02d}:00", cal.day_iv(day), rel=rel)


def noon(m: re.Match[str], ctx: Ctx) -> Norm | None:
    day, rel = _clock_day(m, ctx)
    clock_time = "24:00" if m.group("w").lower() == "midnight" else "12:00"
    return Norm("TIME", f"{day.isoformat()}T{clock_time}", cal.day_iv(day), rel=rel)


def _year_before(period: cal.Interval) -> Norm:
    """The same quarter (or half) a year before."""
    return date_norm(cal.same_period(period, period.lo.year - 1), "full")


def _vague_ago(num: str, code: str, back: bool, ctx: Ctx) -> Norm:
    """'a few weeks ago', 'several days back': a DATE somewhere in a window before the DCT."""
    value = "PAST_REF" if back else "FUTURE_REF"
    low, high = lexicon().vague_ranges.get(re.sub(r"\s+", " ", num.lower()), (2, 10))
    if code.startswith("T"):
        day = ctx.anchor
        return Norm("DATE", value, cal.Interval(value, day, day, "day"), rel="full")
    sign = -1 if back else 1
    near, far = shift(ctx.anchor, code, sign * low), shift(ctx.anchor, code, sign * high)
    lo, hi = sorted((near, far))
    return Norm("DATE", value, cal.Interval(value, lo, hi, at_precision(lo, code).precision), rel="full")
