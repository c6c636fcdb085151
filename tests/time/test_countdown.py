"""storyline.time.countdown: durations that count down from the writing day to a named date."""

from __future__ import annotations

import pytest

from storyline.time import extract
from storyline.time.countdown import duration_days


def linked(text: str, tense: str = "future") -> dict[str, str | None]:
    """Each DURATION's text mapped to the text of the date it counts down to (or None)."""
    found = extract(text, None, lambda start, end: tense)
    by_start = {t.start: t.text for t in found}
    return {t.text: by_start.get(t.counts_to) if t.counts_to is not None else None
            for t in found if t.type == "DURATION"}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The deal is to be signed on May 20, leaving negotiators three weeks to finish it.", {"three weeks": "May 20"}),
        ("With just ten days to go before the June 4 vote, the race is tight.", {"ten days": "June 4"}),
        ("The June 4 vote is now ten days away.", {"ten days": "June 4"}),
        ("The vote on June 4 is less than two weeks off.", {"less than two weeks": "June 4"}),
        ("Two months remain until the March 1 deadline.", {"Two months": "March 1"}),
        # Counted from another event, not from the writing day: no countdown.
        ("Three weeks before the May 20 summit, the talks stalled.", {"Three weeks": None}),
        ("The truce, agreed on May 2, lasted three weeks.", {"three weeks": None}),
        # The date is in another sentence.
        ("The summit opens on May 20. Negotiators have been at it for three weeks away from home.", {"three weeks": None}),
    ],
)
def test_countdowns_link_only_writing_day_wordings(text: str, expected: dict[str, str | None]) -> None:
    assert linked(text) == expected


def test_a_past_date_is_no_countdown() -> None:
    assert linked("The talks ended on May 20, leaving the sides three weeks apart.", "past") == {"three weeks": None}


@pytest.mark.parametrize(
    ("value", "days"),
    [("P3W", 21.0), ("P10D", 10.0), ("P2M", 60.88), ("P1Y", 365.25), ("PT5H", None), ("PXW", None), ("P1Y2M", None)],
)
def test_duration_days(value: str, days: float | None) -> None:
    assert duration_days(value) == days
