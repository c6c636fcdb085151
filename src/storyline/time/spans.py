"""The dates an event gets from its time expression: one rule for the events stage and for
re-dating stored events, so an event reads the same however its document got its date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..records import Timex

RECENT_DAYS = 30  # 'recently', an undated past event: within the month before publication


def ref_window(when: Timex, dct: str) -> Timex:
    """'recently' (PAST_REF) is the month before the DCT, 'soon' (FUTURE_REF) the month after."""
    day = dt.date.fromisoformat(dct)
    if when.value == "PAST_REF":
        return when.replace(lo=(day - dt.timedelta(days=RECENT_DAYS)).isoformat(), hi=dct, precision="month")
    if when.value == "FUTURE_REF":
        return when.replace(lo=dct, hi=(day + dt.timedelta(days=RECENT_DAYS)).isoformat(), precision="month")
    return when


def recent_window(dct: str | None) -> Timex | None:
    """An undated past event in a news report: within the month before publication."""
    if not dct:
        return None
    blank = Timex(start=0, end=0, text="", type="DATE", value="PAST_REF", tense="past", relative=True)
    return ref_window(blank, dct)


def event_span(
    when: Timex | None, etype: str, attrs: Mapping[str, Any], dct: str | None
) -> tuple[str | None, str | None, str, dict[str, Any]]:
    """(start, end, precision, attributes) of an event dated by ``when``.

    A purchase commitment with a deadline runs from the report (it is in force as of then)
    to the deadline; its ``deadline`` attribute follows the expression.
    """
    out = dict(attrs)
    if when is not None and when.lo is None and dct:
        when = ref_window(when, dct)
    if when is None or when.lo is None:
        return None, None, "unknown", out
    if etype == "purchase_commitment" and "deadline" in out and when.mod in ("END", "BEFORE"):
        out["deadline"] = when.hi
    deadline = out.get("deadline") if etype == "purchase_commitment" else None
    if deadline and dct and dct <= deadline:
        return dct, deadline, "day", out
    return when.lo, when.hi or when.lo, when.precision, out
