"""Durations counted from a day: 'two days ago', 'in a month', 'a week later'.

The events stage turns a DURATION counted from the document date into a dated interval
with the value '+P1W' or '-P2D'; ``shift`` places it against a (new) document date, so
re-dating moves it too.  One counted from a day the text named ('a week later', 'four days
after the talks') is placed by ``count_from``, which keeps the offset of that day's
expression so re-dating can count again from its new date.
"""

from __future__ import annotations

import datetime as dt
import re

from ..records import Timex

_UNIT_DAYS = {"D": 1, "W": 7, "M": 30, "Y": 365}


def shift(t: Timex, dct: dt.date, exact: bool = False) -> Timex:
    """Place a '+P1W' / '-P2D' timex against ``dct`` (an interval with some slack, none for
    an ``exact`` count of days: 'four days after the talks')."""
    m = re.fullmatch(r"([+-])P(\d+)([DWMY])", t.value)
    if m is None:
        return t
    days = int(m.group(2)) * _UNIT_DAYS[m.group(3)]
    day = dct + dt.timedelta(days=days if m.group(1) == "+" else -days)
    exact = exact and m.group(3) == "D"
    slack = dt.timedelta(days=0 if exact or (m.group(3) == "D" and days <= 2) else max(1, days // 4))  # 'a day later' is one day
    precision = "day" if exact or days <= 2 else "week" if days <= 14 else "month"
    return t.replace(lo=(day - slack).isoformat(), hi=(day + slack).isoformat(), precision=precision)


def count_from(duration: Timex, anchor: Timex, back: bool, exact: bool = False) -> Timex | None:
    """``duration`` ('a week', 'four days') counted forward (or ``back``) from ``anchor``'s
    day: a DATE that remembers its anchor (``counts_from``), so re-dating can count again.
    Days counted from a single named day are ``exact`` ('five days later' than May 4 is May 9)."""
    if anchor.lo is None or not re.fullmatch(r"P\d+[DWMY]", duration.value):
        return None
    exact = exact or anchor.lo == anchor.hi
    moved = shift(duration.replace(type="DATE", value=("-" if back else "+") + duration.value),
                  dt.date.fromisoformat(anchor.lo), exact)  # fmt: skip
    if moved.lo is None or moved.hi is None:
        return None
    lo, hi = dt.date.fromisoformat(moved.lo), dt.date.fromisoformat(moved.hi)
    return moved.replace(value=(lo + (hi - lo) / 2).isoformat(), relative=True, counts_from=anchor.start,
                         counts_back=back)  # fmt: skip
