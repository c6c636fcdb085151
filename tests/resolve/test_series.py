"""Series of tariff levels and purchase commitments built from event mentions."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from storyline.records import Event, SeriesPoint, SourceSpan
from storyline.resolve.series import build, purchase_points, tariff_points

PUBLISHED = {"a": "2025-04-02", "b": "2025-04-03", "c": "2025-05-12", "d": "2025-05-13"}


def tariff(doc: str, rate: float | None, *, status: str = "in_effect", start: str | None = None,
           dated_by: str | None = "text", previous: float | None = None, imposer: str = "AR",
           target: str = "BM", offset: int = 0, kind: str = "tariff") -> Event:  # fmt: skip
    attrs: dict[str, Any] = {"imposer": imposer, "target": target}
    if rate is not None:
        attrs["rate"] = rate
    if previous is not None:
        attrs["previous_rate"] = previous
    if dated_by:
        attrs["dated_by"] = dated_by
    return Event(
        id=f"{doc}{offset}", type=kind, summary="levy", start=start, end=start,
        date_precision="day" if start else "unknown", status=status, attributes=attrs,
        sources=(SourceSpan(doc=doc, start=offset, end=offset + 5, text="levy!"),), doc=doc,
    )  # fmt: skip


def test_dated_tariff_gives_a_point_on_its_own_date() -> None:
    [(key, point)] = tariff_points(tariff("a", 25, start="2025-04-09"), PUBLISHED)
    assert key == "tariff:AR-BM"
    assert point == SeriesPoint(date="2025-04-09", value=25.0, status="in_effect",
                                sources=(SourceSpan(doc="a", start=0, end=5, text="levy!"),))  # fmt: skip


@pytest.mark.parametrize(
    ("event", "expected_date"),
    [
        (tariff("b", 25, start=None), "2025-04-03"),  # undated: as of the report
        (tariff("b", 25, start="2025-04-01", dated_by="dct"), "2025-04-03"),
        (tariff("b", 25, start="2025-04-01", dated_by="text"), "2025-04-01"),
    ],
)
def test_point_date(event: Event, expected_date: str) -> None:
    [(_, point)] = tariff_points(event, PUBLISHED)
    assert point.date == expected_date


def test_change_from_one_level_to_another_gives_both_levels() -> None:
    event = tariff("c", 30, previous=145, start="2025-05-14")
    points = sorted((p for _, p in tariff_points(event, PUBLISHED)), key=lambda p: p.date)
    assert [(p.date, p.value, p.status) for p in points] == [
        ("2025-05-13", 145.0, "in_effect"),
        ("2025-05-14", 30.0, "in_effect"),
    ]


def test_change_reported_without_a_date_is_anchored_on_the_report() -> None:
    points = tariff_points(tariff("c", 30, previous=145, dated_by=None), PUBLISHED)
    assert sorted((p.date, p.value) for _, p in points) == [("2025-05-11", 145.0), ("2025-05-12", 30.0)]


@pytest.mark.parametrize(
    ("status", "point_status"),
    [("threatened", "threatened"), ("planned", "planned"), ("occurred", "in_effect"),
     ("in_effect", "in_effect"), ("suspended", "suspended")],
)  # fmt: skip
def test_point_status(status: str, point_status: str) -> None:
    [(_, point)] = tariff_points(tariff("a", 50, status=status, start="2025-04-09"), PUBLISHED)
    assert point.status == point_status


@pytest.mark.parametrize(
    "event",
    [
        tariff("a", None, start="2025-04-09"),  # no rate
        tariff("a", 20, start="2025-04-09", imposer=""),  # no imposer
        tariff("a", 20, start="2025-04-09", kind="sanction"),
        tariff("zzz", 20),  # no date at all: unknown document, no dated text
    ],
)
def test_no_point(event: Event) -> None:
    assert tariff_points(event, PUBLISHED) == []


def test_build_combines_points_per_date_value_and_status() -> None:
    events = [
        tariff("a", 25, start="2025-04-09"),
        tariff("b", 25, start="2025-04-09", offset=7),
        tariff("b", 25, start="2025-04-09", offset=7),  # the same sentence twice: one source
        tariff("a", 50, start="2025-04-09", status="threatened", offset=20),
        tariff("c", 30, previous=145, start="2025-05-14"),
        tariff("d", 30, start="2025-05-14", offset=3),
        tariff("d", 10, start="2025-05-14", imposer="BM", target="AR", offset=40),
    ]
    series = {s.id: s for s in build(events, PUBLISHED)}
    assert set(series) == {"tariff:AR-BM", "tariff:BM-AR"}
    ar = series["tariff:AR-BM"]
    assert (ar.imposer, ar.target, ar.unit) == ("AR", "BM", "percent")
    assert ar.name
    assert [(p.date, p.value, p.status, len(p.sources)) for p in ar.points] == [
        ("2025-04-09", 25.0, "in_effect", 2),
        ("2025-04-09", 50.0, "threatened", 1),
        ("2025-05-13", 145.0, "in_effect", 1),
        ("2025-05-14", 30.0, "in_effect", 2),
    ]
    assert next(p.sources for p in ar.points) == tuple(
        sorted(ar.points[0].sources, key=lambda s: (s.doc, s.start))
    )


def test_build_is_order_independent() -> None:
    events = [tariff("a", 25, start="2025-04-09"), tariff("c", 30, previous=145),
              tariff("b", 25, start="2025-04-09", offset=2)]  # fmt: skip
    assert build(events, PUBLISHED) == build(list(reversed(events)), PUBLISHED)


def test_purchase_commitment_series() -> None:
    event = Event(
        id="p1", type="purchase_commitment", summary="buys", start="2025-06-01", end="2025-12-31",
        date_precision="month", status="planned",
        attributes={"quantity": 12_000_000.0, "unit": "t", "commodity": "barley", "buyer": "BM"},
        sources=(SourceSpan(doc="d", start=0, end=3, text="buy"),), doc="d",
    )  # fmt: skip
    [(key, point)] = purchase_points(event, PUBLISHED)
    assert key == "purchase:BM-barley"
    assert (point.date, point.value, point.status) == ("2025-05-13", 12_000_000.0, "planned")
    [series] = build([event], PUBLISHED)
    assert (series.unit, series.imposer, series.target) == ("t", "BM", "barley")


def test_a_rate_on_several_countries_gives_a_point_in_each_pair() -> None:
    event = tariff("c", 6.5, start="2025-05-14", target="BM")
    event = replace(event, attributes={**event.attributes, "targets": ["BM", "CV"]})
    points = tariff_points(event, PUBLISHED)
    assert [(key, p.value) for key, p in points] == [("tariff:AR-BM", 6.5), ("tariff:AR-CV", 6.5)]


def test_a_rate_per_company_gives_a_point_each() -> None:
    """'17.4% for BYD, 20% for Geely and 38.1% for SAIC': one measure, three levels."""
    event = tariff("d1", 17.4, start="2024-06-12")
    event = event.replace(attributes={**event.attributes, "rates": [17.4, 20.0, 38.1]})
    points = [p for _, p in tariff_points(event, {"d1": "2024-06-12"})]
    assert sorted(p.value for p in points) == [17.4, 20.0, 38.1]
    assert {p.date for p in points} == {"2024-06-12"}
