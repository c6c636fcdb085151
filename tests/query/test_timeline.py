"""Timeline selection: filters, date order, and the N most important dates."""

from __future__ import annotations

import pytest

from storyline.query.report import date_label, text_lines
from storyline.query.timeline import importance, select, top_dates
from storyline.records import Event, SourceSpan


def ev(ident: str, start: str | None, end: str | None = None, *, kind: str = "meeting",
       status: str = "occurred", who: tuple[str, ...] = ("p:ana",), sources: int = 1,
       precision: str = "day") -> Event:  # fmt: skip
    spans = tuple(SourceSpan(doc=f"doc{i}", start=0, end=3, text="abc") for i in range(sources))
    return Event(id=ident, type=kind, summary=f"{kind} {ident}", start=start, end=end or start,
                 date_precision=precision, status=status, participants=who,
                 attributes={"independent_sources": sources}, sources=spans)  # fmt: skip


EVENTS = [
    ev("e5", "2025-05-20", kind="tariff", status="threatened", who=("country:AR",), sources=4),
    ev("e1", "2025-05-01", sources=2),
    ev("e3", "2025-05-10", "2025-05-12", kind="call", who=("p:ana", "p:bo")),
    ev("e0", None, sources=9),
    ev("e2", "2025-05-01", kind="statement", sources=1),
    ev("e4", "2025-05-01", "2025-05-31", precision="month", kind="agreement", sources=3),
    ev("e6", "2025-06-02", kind="call", status="planned", who=("p:bo",), sources=1),
]


def ids(events: list[Event]) -> list[str]:
    return [e.id for e in events]


def test_dated_events_in_date_order() -> None:
    assert ids(select(EVENTS)) == ["e1", "e2", "e4", "e3", "e5", "e6"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"date_from": "2025-05-11"}, ["e4", "e3", "e5", "e6"]),  # overlapping intervals count
        ({"date_to": "2025-05-10"}, ["e1", "e2", "e4", "e3"]),
        ({"date_from": "2025-05-02", "date_to": "2025-05-09"}, ["e4"]),
        ({"types": ["call"]}, ["e3", "e6"]),
        ({"types": ["call", "tariff"]}, ["e3", "e5", "e6"]),
        ({"actor": "p:bo"}, ["e3", "e6"]),
        ({"status": "planned"}, ["e6"]),
        ({"status": "planned", "types": ["tariff"]}, []),
    ],
)
def test_filters(filters: dict, expected: list[str]) -> None:  # type: ignore[type-arg]
    assert ids(select(EVENTS, **filters)) == expected


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        (1, ["e5"]),  # 2025-05-20 has the most sources (4)
        (2, ["e1", "e2", "e4", "e5"]),  # then 2025-05-01 (best: 3), every event of it kept
        (3, ["e1", "e2", "e4", "e3", "e5"]),  # then the tie 05-10 / 06-02 goes to the earlier
        (10, ["e1", "e2", "e4", "e3", "e5", "e6"]),
        (0, []),
    ],
)
def test_limit_keeps_the_most_important_dates_in_date_order(limit: int, expected: list[str]) -> None:
    assert ids(select(EVENTS, limit=limit)) == expected


def test_top_dates_counts_dates_not_events() -> None:
    kept = top_dates(select(EVENTS), 2)
    assert len({e.start for e in kept}) == 2


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (ev("x", "2025-01-01", sources=3), 3),
        (ev("x", "2025-01-01", sources=2).replace(attributes={}), 2),  # falls back to documents
    ],
)
def test_importance(event: Event, expected: int) -> None:
    assert importance(event) == expected


@pytest.mark.parametrize(
    ("event", "label"),
    [
        (ev("x", "2025-05-09"), "2025-05-09"),
        (ev("x", "2025-05-09", "2025-05-12"), "2025-05-09..12"),
        (ev("x", "2025-05-30", "2025-06-02"), "2025-05-30..2025-06-02"),
        (ev("x", "2025-05-01", "2025-05-31", precision="month"), "2025-05"),
        (ev("x", "2025-01-01", "2025-12-31", precision="year"), "2025"),
    ],
)
def test_date_label(event: Event, label: str) -> None:
    assert date_label(event) == label


def test_text_lines_one_per_event() -> None:
    lines = text_lines(select(EVENTS))
    assert len(lines) == 6
    assert lines[0].startswith("2025-05-01")
    assert "[2 src]" in lines[0]
