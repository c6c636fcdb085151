"""Calendar arithmetic and TIMEX3 value formatting (pure functions over ``datetime.date``)."""

from __future__ import annotations

import calendar as _cal
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

SEASON_MONTHS: dict[str, tuple[int, int]] = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


@dataclass(frozen=True, slots=True)
class Interval:
    """A calendar interval: inclusive days, a TIMEX3 value and its precision."""

    value: str
    lo: date
    hi: date
    precision: str


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` months, clamped to the end of the target month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _cal.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    """``day`` moved by whole years; Feb 29 becomes Feb 28 in common years."""
    return add_months(day, 12 * years)


def valid_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def day_iv(day: date) -> Interval:
    return Interval(day.isoformat(), day, day, "day")


def month_iv(year: int, month: int) -> Interval:
    last = _cal.monthrange(year, month)[1]
    return Interval(f"{year:04d}-{month:02d}", date(year, month, 1), date(year, month, last), "month")


def year_iv(year: int) -> Interval:
    return Interval(f"{year:04d}", date(year, 1, 1), date(year, 12, 31), "year")


def quarter_iv(year: int, quarter: int) -> Interval:
    first = 3 * (quarter - 1) + 1
    lo = date(year, first, 1)
    hi = month_iv(year, first + 2).hi
    return Interval(f"{year:04d}-Q{quarter}", lo, hi, "quarter")


def half_iv(year: int, half: int) -> Interval:
    lo = date(year, 1 if half == 1 else 7, 1)
    hi = date(year, 6, 30) if half == 1 else date(year, 12, 31)
    return Interval(f"{year:04d}-H{half}", lo, hi, "quarter")


def same_period(period: Interval, year: int) -> Interval:
    """``period`` (a quarter 'YYYY-Qn' or a half 'YYYY-Hn') in another year."""
    if "-H" in period.value:
        return half_iv(year, 1 if period.lo.month <= 6 else 2)
    return quarter_iv(year, quarter_of(period.lo))


def season_iv(year: int, season: str) -> Interval:
    """Season of ``year``; winter runs from December of ``year`` into the next February."""
    first, last = SEASON_MONTHS[season]
    lo = date(year, first, 1)
    end_year = year + 1 if last < first else year
    return Interval(f"{year:04d}-{season}", lo, month_iv(end_year, last).hi, "season")


def week_iv(day: date) -> Interval:
    iso = day.isocalendar()
    lo = day - timedelta(days=iso.weekday - 1)
    return Interval(f"{iso.year:04d}-W{iso.week:02d}", lo, lo + timedelta(days=6), "week")


def weekend_iv(day: date) -> Interval:
    week = week_iv(day)
    return Interval(week.value + "-WE", week.lo + timedelta(days=5), week.hi, "day")


def decade_iv(decade: int) -> Interval:
    """``decade`` is the first year divided by ten (199 for the 1990s)."""
    return Interval(f"{decade:03d}", date(decade * 10, 1, 1), date(decade * 10 + 9, 12, 31), "year")


def century_iv(century: int) -> Interval:
    """``century`` as written (20 for the 20th century, value '19')."""
    start = (century - 1) * 100
    return Interval(f"{century - 1:02d}", date(max(start, 1), 1, 1), date(start + 99, 12, 31), "year")


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def season_of(day: date) -> tuple[int, str]:
    """(season year, season code) containing ``day``; Jan/Feb belong to last year's winter."""
    for code, (first, last) in SEASON_MONTHS.items():
        if first <= day.month <= last:
            return day.year, code
    return (day.year if day.month == 12 else day.year - 1), "WI"


def weekday_near(dct: date, weekday: int, tense: str) -> date:
    """The day named ``weekday`` (1=Mon) the clause refers to, written on ``dct``.

    Past or tenseless clauses: the last such day on or before ``dct``; future: the next one
    from ``dct`` on; present: the nearest one (ties go forward).  The DCT's own weekday is
    the DCT whatever the tense ('will resume after talks on Saturday', written on a Saturday).
    """
    back = (dct.isoweekday() - weekday) % 7
    ahead = (weekday - dct.isoweekday()) % 7
    if tense == "future":
        return dct + timedelta(days=ahead)
    if tense == "present" and 0 < ahead < back:
        return dct + timedelta(days=ahead)
    return dct - timedelta(days=back)


def nth_weekday(year: int, month: int, weekday: int, n: int, first: int = 1) -> date:
    """The ``n``-th ``weekday`` of a month counted from day ``first`` (n = -1: the last one)."""
    if n < 0:
        last = date(year, month, _cal.monthrange(year, month)[1])
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    start = date(year, month, first)
    return start + timedelta(days=(weekday - start.isoweekday()) % 7 + 7 * (n - 1))


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def nearest_occurrence(dct: date, found: Callable[[int], date], tense: str) -> date:
    """The occurrence of a yearly day (``found(year)``) that a clause of ``tense`` means."""
    days = [found(year) for year in (dct.year - 1, dct.year, dct.year + 1)]
    past = max(d for d in days if d <= dct)
    future = min(d for d in days if d >= dct)
    if past == future or tense == "future":
        return future
    past_gap, future_gap = (dct - past).days, (future - dct).days
    factor = 4 if tense == "past" else 2
    return future if factor * future_gap < past_gap else past


def year_for(dct: date, month: int, day: int | None, tense: str) -> int:
    """Which year a month (and day) without a year refers to, given the clause tense.

    Past: the latest occurrence on or before ``dct``, unless the next one is more than four
    times closer and (for a bare month) begins within a month (a past clause often carries a deadline: 'declared a
    dividend, payable Dec. 15'); future: the earliest on or after it; otherwise the nearer one ('said he would travel
    to China in April', written in October, is next April: the future of a recent report).
    """
    past_year = future_year = dct.year
    for year in (dct.year + 1, dct.year, dct.year - 1):
        lo, hi = _occurrence(year, month, day)
        if lo <= dct:
            past_year = year
            break
    for year in (dct.year - 1, dct.year, dct.year + 1):
        lo, hi = _occurrence(year, month, day)
        if hi >= dct:
            future_year = year
            break
    if past_year == future_year:
        return past_year
    past_gap = (dct - _occurrence(past_year, month, day)[1]).days
    future_gap = (_occurrence(future_year, month, day)[0] - dct).days
    if tense == "past":  # a bare month in a past clause is behind ('changed its year in December')
        near = day is not None or future_gap <= 31
        return future_year if near and 4 * future_gap < past_gap else past_year
    if tense == "future":
        return future_year
    if tense == "present" and day is not None:  # 'the offer expires Sept. 30': a scheduled day
        return future_year if future_gap < 2 * past_gap else past_year
    return future_year if future_gap < past_gap else past_year


def _occurrence(year: int, month: int, day: int | None) -> tuple[date, date]:
    if day is None:
        iv = month_iv(year, month)
        return iv.lo, iv.hi
    found = valid_day(year, month, day) or date(year, month, 28)
    return found, found


def iso_duration(count: float | None, unit: str) -> str:
    """TIMEX3 duration ``P3Y``, ``PT90M``, ``PXD`` (count None = unknown).

    ``unit`` is a lexicon code: Y, Q, M, W, W2 (fortnight), D, DE, CE, or TH/TM/TS for
    hours, minutes and seconds.
    """
    timed = unit.startswith("T")
    letter = unit[1:] if timed else unit
    if unit == "W2":
        letter = "W"
        count = None if count is None else count * 2
    if count is None:
        amount = "X"
    elif count == int(count):
        amount = str(int(count))
    else:
        amount = f"{count:g}"
    return ("PT" if timed else "P") + amount + letter
