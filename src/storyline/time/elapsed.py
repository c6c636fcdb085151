"""Durations counted from an event the text has dated: "four days after the talks".

"The talks were held on December 16 … On Friday, four days after the talks, …": the
duration is counted from the day of an event named before, so the text pins a day the
article does not write (December 20).  :func:`link_elapsed` marks such a DURATION with the
start offset of the date of its event (``Timex.counts_from``) and the direction
(``Timex.counts_back`` for "before"), which dating turns into a clue for an undated article.

The event is found by its word: the nearest earlier sentence that uses the same noun
("talks", "summit", "vote") and names one day gives that day.  A noun the text never dated
gives no link.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import Timex
from .countdown import duration_days

_REACH = 2000  # characters back to look for the event's earlier, dated mention
_AFTER = re.compile(
    r"\s+(?P<dir>after|before)\s+(?:the|its|their|that|this|those|these)\s+"
    r"(?P<np>(?:[A-Za-z][\w-]*\s+){0,2}[a-z][\w-]*)"
)
_SENTENCE_END = re.compile(r"[.!?][\"'’”]?\s+(?=[A-Z\"“])|\n")
_DAY_VALUE = re.compile(r"^(?:\d{4}|XXXX)-\d\d-\d\d$|^XXXX-WXX-[1-7]$")


def _sentence_bounds(text: str, at: int) -> tuple[int, int]:
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, at)), default=0)
    end_match = _SENTENCE_END.search(text, at)
    return start, end_match.start() if end_match else len(text)


def _nouns(phrase: str) -> list[str]:
    """The phrase's words, head (last) first: 'Geneva talks' → ['talks', 'geneva']."""
    return [w.lower() for w in reversed(phrase.split())]


def _dated_mention(text: str, noun: str, before: int, days: Sequence[Timex]) -> Timex | None:
    """The day of the nearest earlier sentence that uses ``noun`` and names exactly one day."""
    pattern = re.compile(rf"(?i:\b{re.escape(noun)}\b)")
    hits = [m.start() for m in pattern.finditer(text, max(0, before - _REACH), before)]
    for at in reversed(hits):
        lo, hi = _sentence_bounds(text, at)
        here = [d for d in days if lo <= d.start and d.end <= hi and d.end <= before]
        if len(here) == 1:
            return here[0]
    return None


def link_elapsed(text: str, timexes: Sequence[Timex]) -> list[Timex]:
    """``timexes`` (in text order) with each DURATION counted from a dated event linked to
    that event's date."""
    out = list(timexes)
    days = [t for t in out if t.type == "DATE" and _DAY_VALUE.match(t.value)]
    for k, t in enumerate(out):
        if t.type != "DURATION" or t.counts_to is not None or duration_days(t.value) is None:
            continue
        m = _AFTER.match(text, t.end)
        if m is None:
            continue
        for noun in _nouns(m.group("np")):
            day = _dated_mention(text, noun, t.start, days)
            if day is not None:
                out[k] = t.replace(counts_from=day.start, counts_back=m.group("dir").lower() == "before")
                break
    return out
