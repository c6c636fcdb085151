"""storyline.time.elapsed: durations counted from an event the text dated earlier."""

from __future__ import annotations

import pytest

from storyline.time import extract


def counted(text: str) -> dict[str, tuple[str, bool] | None]:
    """Each DURATION's text mapped to (the date it counts from, counted backwards) or None."""
    found = extract(text, None, lambda start, end: "past")
    by_start = {t.start: t.text for t in found}
    return {t.text: (by_start[t.counts_from], t.counts_back) if t.counts_from is not None else None
            for t in found if t.type == "DURATION"}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Those talks were held on December 16. On Friday, four days after the talks, it eased the rules.",
         {"four days": ("December 16", False)}),
        ("The vote took place on March 3. Two days after the vote, the army seized power.",
         {"Two days": ("March 3", False)}),
        ("The Geneva summit opens on June 9. Three days before the summit, envoys met in Bern.",
         {"Three days": ("June 9", True)}),
        # the head noun decides: 'the Geneva talks' is found as 'talks'
        ("The talks were held on May 2. A week after the Geneva talks, tariffs were cut.",
         {"A week": ("May 2", False)}),
        # the event was never dated: no link
        ("The summit was a success. Four days after the summit, the deal was signed.", {"Four days": None}),
        # the event's sentence names two days: which one is unknown
        ("The talks, first set for May 2, were held on May 5. Two days after the talks, tariffs fell.",
         {"Two days": None}),
        # a duration that is not counted from an event
        ("The talks were held on May 2 and lasted three days.", {"three days": None}),
    ],
)
def test_durations_link_to_the_dated_event(text: str, expected: dict[str, tuple[str, bool] | None]) -> None:
    assert counted(text) == expected
