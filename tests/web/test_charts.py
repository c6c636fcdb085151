"""SVG step charts: steps, risers, side lines for threats, scales and ticks."""

from __future__ import annotations

import re
from typing import Any

import pytest

from storyline.web.charts import (
    fmt_compact,
    fmt_grouped,
    fmt_value,
    nice_max,
    point_anchor,
    step_chart,
)


def point(date: str, value: float, status: str = "in_effect") -> dict[str, Any]:
    return {"date": date, "value": value, "status": status, "sources": [{"doc": "d1"}]}


def series(*points: dict[str, Any], unit: str = "percent") -> dict[str, Any]:
    return {"id": "tariff:AA-BB", "name": "Tariffs AA → BB <x>", "unit": unit, "points": list(points)}


def test_a_cut_draws_two_levels_and_one_riser() -> None:
    svg = step_chart(series(point("2024-01-10", 145), point("2024-03-01", 30)))
    assert re.findall(r'data-value="(\d+)"', svg) == ["145", "30"]
    assert re.findall(r'data-from="(\d+)" data-to="(\d+)"', svg) == [("145", "30")]
    assert 'aria-label="Tariffs AA → BB &lt;x&gt;"' in svg
    assert "2024-03-01: 30% (in effect), 1 source" in svg
    # the first level ends where the second begins
    x_riser = re.search(r'class="riser" x1="([\d.]+)"', svg)
    first_end = re.search(r'class="level" x1="[\d.]+" x2="([\d.]+)"', svg)
    assert x_riser and first_end and x_riser.group(1) == first_end.group(1)


def test_threatened_levels_are_side_lines_without_risers() -> None:
    svg = step_chart(series(point("2024-01-10", 10), point("2024-02-01", 50, "threatened"),
                            point("2024-03-01", 20)))  # fmt: skip
    assert re.findall(r'data-from="(\d+)" data-to="(\d+)"', svg) == [("10", "20")]
    assert 'class="step status-threatened" data-value="50"' in svg
    assert f'href="#{point_anchor("tariff:AA-BB", 1)}"' in svg


def test_empty_and_single_point_series() -> None:
    assert "No points" in step_chart(series())
    svg = step_chart(series(point("2024-05-05", 12.5, "planned"), unit="t"))
    assert 'data-value="12.5"' in svg and "12.5 t" in svg


@pytest.mark.parametrize(("days", "label"), [(20, "Jan 15"), (300, "Feb")])
def test_ticks_are_weeks_for_short_spans_and_months_for_long(days: int, label: str) -> None:
    import datetime as dt

    end = (dt.date(2024, 1, 10) + dt.timedelta(days=days)).isoformat()
    svg = step_chart(series(point("2024-01-10", 1), point(end, 2)))
    assert f">{label}</text>" in svg


@pytest.mark.parametrize(("value", "expected"), [(145, 160), (30, 40), (0, 1), (9.5, 12), (100, 120)])
def test_nice_max(value: float, expected: float) -> None:
    assert nice_max(value) == expected


@pytest.mark.parametrize(("value", "text"), [(145.0, "145"), (12.5, "12.5"), (0.25, "0.25")])
def test_fmt_value(value: float, text: str) -> None:
    assert fmt_value(value) == text


@pytest.mark.parametrize(("value", "compact", "grouped"),
                         [(12_000_000.0, "12M", "12,000,000"), (25_000.0, "25k", "25,000"),
                          (145.0, "145", "145"), (2.5, "2.5", "2.5")])  # fmt: skip
def test_large_numbers_are_short_on_the_chart_and_grouped_in_tables(value: float, compact: str, grouped: str) -> None:
    assert fmt_compact(value) == compact
    assert fmt_grouped(value) == grouped


def test_a_level_repeated_by_a_later_report_is_not_labelled_twice() -> None:
    svg = step_chart(series(point("2024-01-10", 145), point("2024-02-10", 145), point("2024-03-01", 30)))
    assert re.findall(r'class="label"[^>]*>([^<]+)<', svg) == ["145%", "30%"]
    assert len(re.findall(r'data-value="145"', svg)) == 2
    assert re.findall(r'data-from="(\d+)" data-to="(\d+)"', svg) == [("145", "30")]
