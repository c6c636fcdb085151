"""One-line event summaries built from an event's type, names, place and attributes."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.summaries import render


@pytest.mark.parametrize(
    ("etype", "names", "location", "attrs", "status", "expected"),
    [
        ("meeting", ["Ana Ruiz", "Tom Berg"], "Geneva", {}, "planned", "Talks with Ana Ruiz and Tom Berg in Geneva (planned)"),
        ("tariff", ["Vestland"], None, {"imposer": "VL", "target": "KR", "rate": 30, "previous_rate": 145},
         "in_effect", "Tariff VL→KR at 30% (from 145%) (in effect)"),
        # one rate on two countries' goods names both
        ("tariff", ["Vestland"], None, {"imposer": "EU", "target": "US", "targets": ["US", "CA"], "rate": 6.5},
         "suspended", "Tariff EU→US, CA at 6.5% (suspended)"),
        ("tariff", [], None, {"rate": 10, "target": "CN"}, "occurred", "Tariff at 10% on CN"),
        # a trade probe names who opened it into whose goods
        ("tariff", ["Vestland"], None, {"imposer": "VL", "target": "EU", "measure": "investigation"}, "occurred",
         "Trade investigation VL→EU"),
    ],
)
def test_render(etype: str, names: list[str], location: str | None, attrs: dict[str, Any], status: str,
                expected: str) -> None:  # fmt: skip
    assert render(etype, names, location, attrs, status) == expected
