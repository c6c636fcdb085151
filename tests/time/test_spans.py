"""One dating rule for events, whether read fresh or re-dated later."""

from __future__ import annotations

import pytest

from storyline.records import Timex
from storyline.time.spans import event_span

DEADLINE = Timex(start=0, end=19, text="the end of February", type="DATE", value="2026-02",
                 lo="2026-02-20", hi="2026-02-28", precision="month", mod="BEFORE")  # fmt: skip
MAY = Timex(start=0, end=8, text="May 9-12", type="DATE", value="2025-05-09",
            lo="2025-05-09", hi="2025-05-12", precision="day")  # fmt: skip


@pytest.mark.parametrize(
    ("when", "etype", "attrs", "dct", "want"),
    [
        (MAY, "meeting", {}, "2025-05-07", ("2025-05-09", "2025-05-12", "day")),
        (DEADLINE, "purchase_commitment", {"deadline": "2026-02-28"}, "2026-01-06",
         ("2026-01-06", "2026-02-28", "day")),  # in force as of the report, due by the deadline
        (DEADLINE, "purchase_commitment", {"deadline": "2026-02-28"}, "2026-03-10",
         ("2026-02-20", "2026-02-28", "month")),  # reported after the deadline passed
        (None, "meeting", {}, "2025-05-07", (None, None, "unknown")),
    ],
)  # fmt: skip
def test_event_span(when: Timex | None, etype: str, attrs: dict, dct: str, want: tuple) -> None:  # type: ignore[type-arg]
    start, end, precision, _ = event_span(when, etype, attrs, dct)
    assert (start, end, precision) == want


def test_deadline_follows_a_redated_expression() -> None:
    later = DEADLINE.replace(lo="2027-02-20", hi="2027-02-28", value="2027-02")
    _, end, _, attrs = event_span(later, "purchase_commitment", {"deadline": "2026-02-28"}, "2027-01-05")
    assert attrs["deadline"] == "2027-02-28" and end == "2027-02-28"
