"""Server-side SVG step charts for series (no JavaScript, no CDN).

A level holds from its date until the next level's date: a horizontal step, and a riser
where it changes (``data-from``/``data-to``).  Threatened levels are drawn dashed, planned
ones dotted, and every step links to the row of the table below that lists its sources.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

SIDE_LINES = frozenset({"threatened", "cancelled"})
WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 14, 30
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def fmt_value(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def fmt_grouped(value: float) -> str:
    """12,000,000 and 12.5 for tables."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"


def fmt_compact(value: float) -> str:
    """Short labels for axes and steps: 12M, 2.5k, 145."""
    for threshold, size, suffix in ((1e9, 1e9, "B"), (1e6, 1e6, "M"), (1e4, 1e3, "k")):
        if abs(value) >= threshold:
            return fmt_value(round(value / size, 1)) + suffix
    return fmt_value(round(value, 2))


def point_anchor(series_id: str, index: int) -> str:
    slug = "".join(c if c.isalnum() else "-" for c in series_id)
    return f"p-{slug}-{index}"


@dataclass(frozen=True, slots=True)
class Scale:
    day0: int
    day1: int
    vmax: float

    def x(self, day: int) -> float:
        span = max(1, self.day1 - self.day0)
        return round(LEFT + (day - self.day0) / span * (WIDTH - LEFT - RIGHT), 1)

    def y(self, value: float) -> float:
        return round(TOP + (1 - value / self.vmax) * (HEIGHT - TOP - BOTTOM), 1)


def _day(date: str) -> int:
    return dt.date.fromisoformat(date[:10]).toordinal()


def nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    mag = 10 ** math.floor(math.log10(value))
    for step in (1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10, 12):
        if step * mag >= value * 1.08:
            return step * mag
    return 12 * mag  # pragma: no cover


def _scale(points: Sequence[Mapping[str, Any]]) -> Scale:
    days = [_day(p["date"]) for p in points]
    lo, hi = min(days), max(days)
    pad = max(5, (hi - lo) // 8)
    return Scale(day0=lo - pad, day1=hi + pad, vmax=nice_max(max(p["value"] for p in points)))


def _y_axis(sc: Scale, unit: str) -> list[str]:
    out = []
    for i in range(5):
        v = sc.vmax * i / 4
        y = sc.y(v)
        label = fmt_compact(v) + ("%" if unit == "percent" else "")
        out.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}"/>'
                   f'<text class="tick" x="{LEFT - 6}" y="{y + 4}" text-anchor="end">{label}</text>')  # fmt: skip
    return out


def _x_ticks(sc: Scale) -> list[tuple[int, str]]:
    first = dt.date.fromordinal(sc.day0)
    if sc.day1 - sc.day0 <= 70:  # weekly ticks on Mondays
        day = first + dt.timedelta(days=(7 - first.weekday()) % 7)
        step = 7 if sc.day1 - sc.day0 <= 35 else 14
        ticks = []
        while day.toordinal() <= sc.day1:
            ticks.append((day.toordinal(), f"{MONTHS[day.month - 1]} {day.day}"))
            day += dt.timedelta(days=step)
        return ticks
    ticks = []
    y, m = (first.year, first.month + 1) if first.day > 1 else (first.year, first.month)
    while True:
        y, m = (y + 1, 1) if m > 12 else (y, m)
        day = dt.date(y, m, 1)
        if day.toordinal() > sc.day1:
            return ticks
        ticks.append((day.toordinal(), MONTHS[m - 1] + (f" {y}" if m == 1 or not ticks else "")))
        m += 1


def _x_axis(sc: Scale) -> list[str]:
    base = HEIGHT - BOTTOM
    out = [f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{base}" y2="{base}"/>']
    for day, label in _x_ticks(sc):
        x = sc.x(day)
        out.append(f'<line class="axis" x1="{x}" x2="{x}" y1="{base}" y2="{base + 4}"/>'
                   f'<text class="tick" x="{x}" y="{base + 17}" text-anchor="middle">{escape(label)}</text>')  # fmt: skip
    return out


def _step(sc: Scale, p: Mapping[str, Any], x_end: float, anchor: str, unit: str, label: bool = True) -> str:
    x0, y = sc.x(_day(p["date"])), sc.y(p["value"])
    value = fmt_value(p["value"])
    status = str(p["status"])
    n = len(p.get("sources", ()))
    suffix = "%" if unit == "percent" else f" {unit}" if unit else ""
    shown = fmt_compact(p["value"]) + suffix
    tip = f"{p['date']}: {value}{suffix} ({status.replace('_', ' ')}), {n} source{'s' if n != 1 else ''}"
    return (
        f'<a class="step-link" href="#{escape(anchor)}">'
        f'<g class="step status-{escape(status)}" data-value="{escape(value)}" '
        f'data-date="{escape(p["date"])}" data-status="{escape(status)}">'
        f"<title>{escape(tip)}</title>"
        f'<line class="level" x1="{x0}" x2="{max(x_end, x0 + 3)}" y1="{y}" y2="{y}"/>'
        f'<line class="hit" x1="{x0}" x2="{max(x_end, x0 + 3)}" y1="{y}" y2="{y}"/>'
        f'<circle class="dot" cx="{x0}" cy="{y}" r="4"/>'
        + (f'<text class="label" x="{x0 + 5}" y="{y - 7}">{escape(shown)}</text>' if label else "")
        + "</g></a>"
    )


def _riser(sc: Scale, prev: Mapping[str, Any], p: Mapping[str, Any]) -> str:
    x = sc.x(_day(p["date"]))
    return (
        f'<line class="riser" x1="{x}" x2="{x}" y1="{sc.y(prev["value"])}" y2="{sc.y(p["value"])}" '
        f'data-from="{escape(fmt_value(prev["value"]))}" data-to="{escape(fmt_value(p["value"]))}"/>'
    )


def step_chart(series: Mapping[str, Any]) -> Markup:
    """An SVG step chart of one series (the JSON shape of ``views.series``)."""
    indexed = list(enumerate(series["points"]))
    if not indexed:
        return Markup('<p class="muted">No points.</p>')
    sc = _scale([p for _, p in indexed])
    unit = str(series.get("unit") or "")
    ordered = sorted(indexed, key=lambda ip: (ip[1]["date"], ip[0]))
    main = [ip for ip in ordered if ip[1]["status"] not in SIDE_LINES]
    side = [ip for ip in ordered if ip[1]["status"] in SIDE_LINES]
    x_last = sc.x(sc.day1)
    parts = [*_y_axis(sc, unit), *_x_axis(sc)]
    for k, (i, p) in enumerate(main):
        later = [q for _, q in main[k + 1 :] if q["date"] > p["date"]]
        x_end = sc.x(_day(later[0]["date"])) if later else x_last
        changed = k == 0 or main[k - 1][1]["value"] != p["value"]
        if k > 0 and changed:
            parts.append(_riser(sc, main[k - 1][1], p))
        parts.append(_step(sc, p, x_end, point_anchor(series["id"], i), unit, label=changed))
    for i, p in side:
        later = [q for _, q in ordered if q["date"] > p["date"]]
        x_end = sc.x(_day(later[0]["date"])) if later else x_last
        parts.append(_step(sc, p, x_end, point_anchor(series["id"], i), unit))
    label = escape(str(series.get("name", "")))
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{label}" '
        f'data-series="{escape(series["id"])}" preserveAspectRatio="xMidYMid meet">'
        + "".join(parts) + "</svg>"
    )
