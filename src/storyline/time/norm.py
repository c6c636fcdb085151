"""Shared types of the normaliser: the context a rule is read in and what a rule returns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .calendar import Interval

# Anchor used to compute shapes when the document date is unknown; values are masked after.
NO_DCT_ANCHOR = date(2001, 6, 15)


@dataclass(slots=True)
class Ctx:
    """How one expression is read: the DCT, the clause tense and the last date mentioned."""

    dct: date | None
    tense: str = "none"
    last: Interval | None = None  # last DATE interval of the document, for anaphora
    last_at: int = -10**9  # where it ended (character offset)
    here: int = 0  # where the expression being read starts
    quarter: Interval | None = None  # the fiscal quarter under discussion ('a year earlier')
    last_day: Interval | None = None  # the last single day named ('the previous Friday')
    last_day_at: int = -10**9  # where it ended
    topic_quarter: Interval | None = None  # the first quarter the document names (its results)

    @property
    def anchor(self) -> date:
        return self.dct or NO_DCT_ANCHOR


@dataclass(frozen=True, slots=True)
class Norm:
    """What a rule makes of a match.

    ``rel`` says which part of the value depends on the DCT: None (absolute), "year" (only
    the year: 'XXXX-05-09' without DCT) or "full" (all of it: 'XXXX-WXX').
    """

    type: str
    value: str
    iv: Interval | None = None
    mod: str | None = None
    rel: str | None = None
    precision: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def date_norm(iv: Interval, rel: str | None = None, mod: str | None = None) -> Norm:
    return Norm("DATE", iv.value, iv, mod, rel)


def mask(value: str, rel: str | None) -> str:
    """The value as written when the DCT is unknown."""
    if rel == "year":
        return re.sub(r"^\d{4}", "XXXX", value)
    if rel == "full":
        head, sep, tail = value.partition("T")
        masked = re.sub(r"\d", "X", head)
        masked = re.sub(r"^XXXX-WXX-WE$", "XXXX-WXX-WE", masked)
        return masked + sep + tail
    return value
