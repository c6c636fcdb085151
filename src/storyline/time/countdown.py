"""Countdowns: a duration that says how far ahead a named date lies from the writing day.

"the summit on May 20, leaving negotiators three weeks", "with ten days to go before the
June 4 vote", "the June 4 vote is now ten days away": the writing day is the date minus the
duration.  :func:`link_countdowns` marks such a DURATION with the start offset of its date
(``Timex.counts_to``), which dating turns into a narrow window for an undated article.

Only wordings that count from the writing day qualify: "three weeks before the vote" may
count from any event and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import Timex

_GAP = 140  # the most characters between the date and its duration
_BREAK = re.compile(r"[.!?][\"'’”]?\s+[A-Z\"“]|\n")

# The duration after the date: 'on May 20, leaving negotiators three weeks', 'June 4 ... is ten days away'.
_LEAVING = re.compile(r"(?i:\bleav(?:ing|es)\s+(?:\w+\s+){0,3}(?:just\s+|only\s+|barely\s+|about\s+)?)$")
_AWAY = re.compile(r"(?i:\s*(?:away|off|from\s+now|from\s+today|hence)\b)")
# The duration before the date: 'with ten days to go before the June 4 vote', 'ten days left until June 4'.
_TO_GO = re.compile(r"(?i:\s*(?:to\s+go|left|remaining|remain)\s+(?:before|until|till|to)\b)")


_UNIT_DAYS = {"D": 1.0, "W": 7.0, "M": 30.44, "Y": 365.25}
_ISO = re.compile(r"^P(?P<n>\d+(?:\.\d+)?)(?P<u>[DWMY])$")


def duration_days(value: str) -> float | None:
    """Days in a calendar DURATION value ('P3W' → 21); None for times, vague or compound ones."""
    m = _ISO.match(value)
    return float(m.group("n")) * _UNIT_DAYS[m.group("u")] if m else None


def _same_sentence(text: str, a: int, b: int) -> bool:
    return 0 <= b - a <= _GAP and not _BREAK.search(text, a, b)


def _countdown_after(text: str, date: Timex, duration: Timex) -> bool:
    """'<date> ..., leaving X <duration>' or '<date> ... is <duration> away'."""
    if not _same_sentence(text, date.end, duration.start):
        return False
    if _LEAVING.search(text[max(date.end, duration.start - 40) : duration.start]):
        return True
    return bool(_AWAY.match(text, duration.end))


def _countdown_before(text: str, duration: Timex, date: Timex) -> bool:
    """'with <duration> to go before <date>', '<duration> left until <date>'."""
    return _same_sentence(text, duration.end, date.start) and bool(_TO_GO.match(text, duration.end))


def _day_or_month(t: Timex) -> bool:
    return t.type == "DATE" and t.tense != "past" and bool(re.search(r"-\d\d$|-\d\d-\d\d$", t.value))


def link_countdowns(text: str, timexes: Sequence[Timex]) -> list[Timex]:
    """``timexes`` (in text order, offsets into ``text``) with each countdown DURATION linked
    to its date."""
    out = list(timexes)
    for k, t in enumerate(out):
        if t.type != "DURATION" or duration_days(t.value) is None:
            continue
        before = next((d for d in reversed(out[:k]) if _day_or_month(d)), None)
        after = next((d for d in out[k + 1 :] if _day_or_month(d)), None)
        if before is not None and _countdown_after(text, before, t):
            out[k] = t.replace(counts_to=before.start)
        elif after is not None and _countdown_before(text, t, after):
            out[k] = t.replace(counts_to=after.start)
    return out
