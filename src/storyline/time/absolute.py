"""Rules for expressions that name calendar units: dates, ranges, months, years, quarters."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from . import calendar as cal
from .lexicon import lexicon
from .norm import Ctx, Norm, date_norm

_DECADE_WORDS = {"ten": 1, "twenty": 2, "thirty": 3, "forty": 4, "fifty": 5, "sixty": 6,
                 "seventy": 7, "eighty": 8, "ninety": 9}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10}


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _year(text: str | None) -> int | None:
    if not text:
        return None
    digits = re.sub(r"\D", "", text)
    if not digits:  # 'nineteen ninety-four'
        words = re.split(r"[\s-]+", text.lower())
        return 1900 + 10 * _DECADE_WORDS.get(words[1], 0) + (_ONES.get(words[2], 0) if len(words) > 2 else 0)
    year = int(digits)
    if len(digits) == 2:
        year += 1900 if year >= 50 else 2000
    return year


def month_day(ctx: Ctx, month: int, day: int, year: int | None) -> tuple[date, str | None] | None:
    """The date of a month-day, picking the year by tense when none is written."""
    if year is not None:
        found = cal.valid_day(year, month, day)
        return (found, None) if found else None
    if not 1 <= day <= 31 or cal.valid_day(2000, month, day) is None:
        return None
    chosen = cal.year_for(ctx.anchor, month, day, ctx.tense)
    step = 1 if ctx.tense == "future" else -1
    for k in range(8):
        found = cal.valid_day(chosen + step * k, month, day)
        if found:
            return found, "year"
    return None


def date_mdy(m: re.Match[str], ctx: Ctx) -> Norm | None:
    lex = lexicon()
    month = lex.month(m.group("m"))
    day, year = _day(m.group("d")), _year(m.group("y"))
    if year is None and m.group("wd"):  # 'Monday, Oct. 26': the year where the weekday fits
        weekday = lex.weekday(m.group("wd"))
        fits = [y for y in (ctx.anchor.year, ctx.anchor.year + 1, ctx.anchor.year - 1)
                if (d := cal.valid_day(y, month, day)) is not None and d.isoweekday() == weekday]
        if fits:
            return date_norm(cal.day_iv(date(fits[0], month, day)), "year")
    found = month_day(ctx, month, day, year)
    if found is None:
        return None
    return date_norm(cal.day_iv(found[0]), found[1])


def week_of(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'the week of March 6': the ISO week holding that day; 'the weekend of May 3' its weekend."""
    found = month_day(ctx, lexicon().month(m.group("m")), _day(m.group("d")), _year(m.group("y")))
    if not found:
        return None
    weekend = m.group("wk").lower() == "weekend"
    return date_norm(cal.weekend_iv(found[0]) if weekend else cal.week_iv(found[0]), found[1] and "full")


def date_numeric(m: re.Match[str], ctx: Ctx) -> Norm | None:
    found = cal.valid_day(_year(m.group("y")) or 0, int(m.group("m")), int(m.group("d")))
    return date_norm(cal.day_iv(found)) if found else None


def date_range(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'May 9 to 12', 'October 31 to November 1': value of the start, interval of the whole."""
    lex = lexicon()
    m1 = lex.month(m.group("m1"))
    m2 = lex.month(m.group("m2")) if m.groupdict().get("m2") else m1
    d1, d2 = _day(m.group("d1")), _day(m.group("d2"))
    if m2 == m1 and d2 <= d1:
        return None
    first = month_day(ctx, m1, d1, _year(m.group("y")))
    if first is None:
        return None
    start, rel = first
    end = cal.valid_day(start.year + (1 if m2 < m1 else 0), m2, d2)
    if end is None or end < start or (end - start).days > 62:
        return None
    iv = cal.Interval(start.isoformat(), start, end, "day")
    return Norm("DATE", iv.value, iv, None, rel)


def month(m: re.Match[str], ctx: Ctx) -> Norm | None:
    mon = lexicon().month(m.group("m"))
    year = _year(m.group("y"))
    anchor = ctx.anchor
    if year is not None:
        return date_norm(cal.month_iv(year, mon))
    rel = (m.group("rel") or "").lower()
    direction = (m.group("dir") or "").lower()
    if rel:
        return date_norm(cal.month_iv(anchor.year + {"this": 0, "last": -1, "next": 1}[rel], mon), "year")
    if direction in ("last", "past"):
        year = anchor.year if mon < anchor.month else anchor.year - 1
    elif direction in ("next", "coming"):
        year = anchor.year if mon > anchor.month else anchor.year + 1
    elif direction == "this":
        year = anchor.year
    else:
        year = cal.year_for(anchor, mon, None, ctx.tense)
    return date_norm(cal.month_iv(year, mon), "year")


def year(m: re.Match[str], ctx: Ctx) -> Norm | None:
    value = _year(m.group("y"))
    if value is None or not 1600 <= value <= 2100:
        return None
    return date_norm(cal.year_iv(value))


def year_words(m: re.Match[str], ctx: Ctx) -> Norm | None:
    if m.group("t"):
        value = 1900 + 10 * _DECADE_WORDS[m.group("t").lower()] + _ONES.get((m.group("u") or "").lower(), 0)
    else:
        value = 2000 + _ONES.get((m.group("u2") or "").lower(), 0)
    return date_norm(cal.year_iv(value))


def decade(m: re.Match[str], ctx: Ctx) -> Norm | None:
    raw = m.group("dec")
    if raw.startswith("'"):
        tens = int(raw[1])
        base = 190 if tens >= 3 or ctx.anchor.year < 2000 else 200
        dec = base + tens
    else:
        dec = int(raw) // 10
    return date_norm(cal.decade_iv(dec), None, _decade_part(m))  # '199', as the TIMEX guidelines write it


def _decade_part(m: re.Match[str]) -> str | None:
    """'early/mid/late' before a decade as a TimeML mod."""
    return {"early": "START", "mid": "MID", "late": "END"}.get((m.group("pm") or "").lower())


def decade_words(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'the nineties', 'the early nineteen-eighties': the latest such decade not after the DCT's."""
    words = re.split(r"[-\s]+", m.group("w").lower())
    tens = _DECADE_WORDS[words[-1].removesuffix("ies") + "y"]  # 'nineties' -> 'ninety' -> 9
    if len(words) > 1:
        dec = 190 + tens
    else:
        dec = ctx.anchor.year // 100 * 10 + tens
        if dec > ctx.anchor.year // 10:
            dec -= 10
    return date_norm(cal.decade_iv(dec), None, _decade_part(m))


def century(m: re.Match[str], ctx: Ctx) -> Norm | None:
    n = int(m.group("n"))
    return date_norm(cal.century_iv(n)) if 1 <= n <= 21 else None


def holiday(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'Christmas', 'Thanksgiving Day 1999', 'Easter': fixed, n-th weekday or Easter-based.
    'Easter week' is the week of the holiday, 'Christmas weekend' the weekend nearest it."""
    found = _holiday_day(m, ctx)
    if found is None:
        return None
    day, rel = found
    wk = (m.group("wk") or "").strip().lower()
    if wk:
        if wk == "weekend":  # the nearest: a Monday or Tuesday holiday follows its weekend
            return date_norm(cal.weekend_iv(day - timedelta(days=2 if day.weekday() < 2 else 0)), rel)
        return date_norm(cal.week_iv(day), rel)
    return date_norm(cal.day_iv(day), rel)


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}


def nth_weekday(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'the first Sunday in April', 'the last Friday of June 2026': that day of that month."""
    lex = lexicon()
    month, weekday, n = lex.month(m.group("m")), lex.weekday(m.group("wd")), _ORDINALS[m.group("ord").lower()]
    explicit = _year(m.group("y"))
    if explicit is not None:
        return date_norm(cal.day_iv(cal.nth_weekday(explicit, month, weekday, n)))
    day = cal.nearest_occurrence(ctx.anchor, lambda year: cal.nth_weekday(year, month, weekday, n), ctx.tense)
    return date_norm(cal.day_iv(day), "year")


def _holiday_day(m: re.Match[str], ctx: Ctx) -> tuple[date, str | None] | None:
    lex = lexicon()
    key = re.sub(r"\s+", " ", m.group("h")).lower()
    fixed = {k.lower(): v for k, v in lex.holidays.items()}
    if key in fixed:
        mon, day = fixed[key]
        return month_day(ctx, mon, day, _year(m.group("y")))
    when = _moving_holiday(key)
    explicit = _year(m.group("y"))
    if explicit is not None:
        return when(explicit), None
    return cal.nearest_occurrence(ctx.anchor, when, ctx.tense), "year"


def _moving_holiday(key: str) -> Callable[[int], date]:
    lex = lexicon()
    moving = {k.lower(): v for k, v in lex.moving_holidays.items()}
    if key in moving:
        mon, weekday, n, first = moving[key]
        return lambda year: cal.nth_weekday(year, mon, weekday, n, first)
    shift = {k.lower(): v for k, v in lex.easter_holidays.items()}[key]
    return lambda year: cal.easter(year) + timedelta(days=shift)


def _quarter_year(ctx: Ctx, quarter: int) -> int:
    """Year of a quarter named without one: the latest begun (past) or next unfinished one."""
    anchor = ctx.anchor
    if ctx.tense == "future":  # results of a quarter just ended are still ahead
        recent = anchor - timedelta(days=92)
        year = anchor.year if cal.quarter_iv(anchor.year, quarter).hi >= recent else anchor.year + 1
    else:
        year = anchor.year if cal.quarter_iv(anchor.year, quarter).lo <= anchor else anchor.year - 1
    return year


def latest_quarter(ctx: Ctx) -> cal.Interval:
    """The last quarter mentioned, or else the quarter most recently reported on."""
    if ctx.topic_quarter is not None:
        return ctx.topic_quarter
    if ctx.last is not None and ctx.last.precision == "quarter" and "-Q" in ctx.last.value:
        return ctx.last
    ref = ctx.anchor - timedelta(days=40)
    return cal.quarter_iv(ref.year, cal.quarter_of(ref))


def quarter(m: re.Match[str], ctx: Ctx) -> Norm | None:
    word = m.group("ord").lower()
    number = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
              "4th": 4, "final": 4}.get(word)
    the = (m.group("the") or "").lower()
    explicit = _year(m.group("y1") or m.group("y2"))
    if number is None:
        if word == "current":
            anchor = ctx.anchor
            return date_norm(cal.quarter_iv(anchor.year, cal.quarter_of(anchor)), "full")
        return date_norm(latest_quarter(ctx), "full")
    if explicit is not None:
        return date_norm(cal.quarter_iv(explicit, number))
    if the.startswith(("this year", "last year", "next year")):
        shift = {"this": 0, "last": -1, "next": 1}[the.split()[0]]
        return date_norm(cal.quarter_iv(ctx.anchor.year + shift, number), "year")
    return date_norm(cal.quarter_iv(_quarter_year(ctx, number), number), "year")


def quarter_q(m: re.Match[str], ctx: Ctx) -> Norm | None:
    number = int(m.group("q"))
    explicit = _year(m.group("y") or m.group("yy"))
    if explicit is not None:
        return date_norm(cal.quarter_iv(explicit, number))
    return date_norm(cal.quarter_iv(_quarter_year(ctx, number), number), "year")


_ENDED = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends)\s+(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<d>[0-3]?\d)(?!\d)(?:,\s+(?P<y>(?:19|20)\d\d))?")


def _ended_quarter(m: re.Match[str], ctx: Ctx) -> cal.Interval | None:
    """'the quarter ended Sept. 30': the calendar quarter its last day falls in."""
    ended = _ENDED.match(m.string, m.end())
    if not ended or ended.group("mon").lower() not in lexicon().months:
        return None
    year = int(ended.group("y")) if ended.group("y") else None
    found = month_day(ctx, lexicon().month(ended.group("mon")), int(ended.group("d")), year)
    return cal.quarter_iv(found[0].year, cal.quarter_of(found[0])) if found else None


def the_quarter(m: re.Match[str], ctx: Ctx) -> Norm | None:
    adj = (m.group("adj") or "").lower()
    unit = m.group("unit").lower()
    # A results story's quarter is named by its own label first ('the fiscal first quarter').
    ended = _ended_quarter(m, ctx) if unit == "quarter" and not adj and ctx.topic_quarter is None else None
    if ended is not None:
        return date_norm(ended, "full")
    latest = latest_quarter(ctx)
    if m.group("y"):  # 'the 1988 period': that year's version of the quarter under discussion
        return date_norm(cal.quarter_iv(int(m.group("y")), cal.quarter_of(latest.lo)), "full")
    if unit == "period" and not adj:
        return None
    if unit == "period" and ctx.quarter is not None:
        latest = ctx.quarter  # 'the first half of 2013 ... the same period': the half
    if adj in ("year-ago", "year-earlier"):
        return date_norm(cal.same_period(latest, latest.lo.year - 1), "full")
    if adj == "current":
        anchor = ctx.anchor
        return date_norm(cal.quarter_iv(anchor.year, cal.quarter_of(anchor)), "full")
    return date_norm(latest, "full")


def half(m: re.Match[str], ctx: Ctx) -> Norm | None:
    which = 1 if m.group("which").lower() == "first" else 2
    explicit = _year(m.group("y"))
    if explicit is not None:
        return date_norm(cal.half_iv(explicit, which))
    rel = (m.group("rel") or "").lower()
    anchor = ctx.anchor
    if rel:
        return date_norm(cal.half_iv(anchor.year + {"this": 0, "last": -1, "next": 1}[rel], which), "year")
    iv = cal.half_iv(anchor.year, which)
    if ctx.tense != "future" and iv.lo > anchor:
        iv = cal.half_iv(anchor.year - 1, which)
    return date_norm(iv, "year")


def season(m: re.Match[str], ctx: Ctx) -> Norm | None:
    code = lexicon().seasons[m.group("s").lower()]
    explicit = _year(m.group("y"))
    if explicit is not None:
        return date_norm(cal.season_iv(explicit, code))
    direction = (m.group("dir") or "").lower()
    anchor = ctx.anchor
    years = [cal.season_iv(y, code) for y in (anchor.year - 2, anchor.year - 1, anchor.year, anchor.year + 1)]
    mod = {"early": "START", "late": "END"}.get(direction)
    if direction in ("last", "past") or (direction != "next" and ctx.tense == "past"):
        strict = direction in ("last", "past")
        iv = [s for s in years if (s.hi < anchor if strict else s.lo <= anchor)][-1]
    elif direction in ("next", "coming") or ctx.tense == "future":
        strict = direction in ("next", "coming")
        iv = next(s for s in years if (s.lo > anchor if strict else s.hi >= anchor))
    else:
        iv = min(years, key=lambda s: max((s.lo - anchor).days, (anchor - s.hi).days, 0) * (2 if s.lo > anchor else 1))
    return date_norm(iv, "full", mod)


def the_year(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'the year', 'the full year', 'the fiscal year': the DCT's year; '... ended June 30': P1Y."""
    if re.match(r"\s+(?:ended|ending|to|through)\b", m.string[m.end() : m.end() + 12]):
        return Norm("DURATION", "P1Y")
    anchor = ctx.anchor
    year_of = anchor.year - 1 if ctx.tense == "past" and anchor.month <= 2 else anchor.year
    return date_norm(cal.year_iv(year_of), "full")


def year_end(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'the end of the year', 'year-end': a present clause ('the contract expires at the end
    of the year') speaks of this year's end, as a future one does."""
    year_of = cal.year_for(ctx.anchor, 12, 31, "future" if ctx.tense == "present" else ctx.tense)
    iv = cal.year_iv(year_of)
    return Norm("DATE", iv.value, cal.Interval(iv.value, date(year_of, 12, 1), iv.hi, "month"), "END", "full")
