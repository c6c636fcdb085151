"""The dates an event gets from its time expression: one rule for the events stage and for
re-dating stored events, so an event reads the same however its document got its date."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..records import Timex


def event_span(
    when: Timex | None, etype: str, attrs: Mapping[str, Any], dct: str | None
) -> tuple[str | None, str | None, str, dict[str, Any]]:
    """(start, end, precision, attributes) of an event dated by ``when``.

    A purchase commitment with a deadline runs from the report (it is in force as of then)
    to the deadline; its ``deadline`` attribute follows the expression.
    """
    out = dict(attrs)
    if when is None or when.lo is None:
        return None, None, "unknown", out
    if etype == "purchase_commitment" and "deadline" in out and when.mod in ("END", "BEFORE"):
        out["deadline"] = when.hi
    deadline = out.get("deadline") if etype == "purchase_commitment" else None
    if deadline and dct and dct <= deadline:
        return dct, deadline, "day", out
    return when.lo, when.hi or when.lo, when.precision, out
