"""Earlier rounds of talks listed by place and month (model-loading: slow)."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.pipeline import DocInput, run

pytestmark = pytest.mark.slow

LEAD = "Negotiators from the United States and China met in Madrid on Sunday. "


def meetings(nlp: Any, text: str, dct: str = "2025-09-15") -> list[tuple[str | None, str | None, str | None, tuple[str, ...]]]:
    (doc,) = list(run(nlp, [DocInput("t1", text, dct)]))
    return [(e.location, e.start, e.end, e.participants) for e in doc._.storyline_events
            if e.type == "meeting" and e.attributes.get("listed")]  # fmt: skip


US_CN = ("country:CN", "country:US")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (LEAD + "It was the fourth round between the two delegations since the spring, after Geneva in May, "
         "London in June and Stockholm in July.",
         [("Geneva", "2025-05-01", "2025-05-31"), ("London", "2025-06-01", "2025-06-30"),
          ("Stockholm", "2025-07-01", "2025-07-31")]),
        (LEAD + "The meeting was their third, following Geneva in May and London on June 9.",
         [("Geneva", "2025-05-01", "2025-05-31"), ("London", "2025-06-09", "2025-06-09")]),
        # no month, no round, or no list: nothing to date
        (LEAD + "It was the third meeting of the two teams, after rounds in Geneva and London.", []),
        (LEAD + "Soybean prices rose after Geneva in May.", []),
        (LEAD + "It was the fourth round of talks since the spring.", []),
    ],
)  # fmt: skip
def test_rounds_listed_by_place_and_month(nlp: Any, text: str, expected: list[tuple[str, str, str]]) -> None:
    found = meetings(nlp, text)
    assert [(place, lo, hi) for place, lo, hi, _ in found] == expected
    assert all(tuple(sorted(parties)) == US_CN for *_, parties in found)
