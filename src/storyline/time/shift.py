"""Durations counted from the document date: 'a week later', 'two days ago', 'in a month'.

The events stage turns such a DURATION into a dated interval with the value '+P1W' or
'-P2D'; ``shift`` places it against a (new) document date, so re-dating moves it too.
"""

from __future__ import annotations

import datetime as dt
import re

from ..records import Timex

_UNIT_DAYS = {"D": 1, "W": 7, "M": 30, "Y": 365}


def shift(t: Timex, dct: dt.date) -> Timex:
    """Place a '+P1W' / '-P2D' timex against ``dct`` (an interval with some slack)."""
    m = re.fullmatch(r"([+-])P(\d+)([DWMY])", t.value)
    if m is None:
        return t
    days = int(m.group(2)) * _UNIT_DAYS[m.group(3)]
    day = dct + dt.timedelta(days=days if m.group(1) == "+" else -days)
    slack = dt.timedelta(days=0 if m.group(3) == "D" and days <= 2 else max(1, days // 4))  # 'a day later' is one day
    precision = "day" if days <= 2 else "week" if days <= 14 else "month"
    return t.replace(lo=(day - slack).isoformat(), hi=(day + slack).isoformat(), precision=precision)
