"""Series: measured quantities over time, as step series of points.

Tariff levels per imposer → target pair come from tariff event mentions with a rate: a
point is dated by the event's own date when the text gives one, else "as of" the reporting
document's date.  A change "from 145% to 30%" also records the earlier level just before
the change.  Threatened levels stay marked as threatened.  Purchase commitments give a
series per buyer and commodity.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence

from ..records import Event, Series, SeriesPoint, SourceSpan

POINT_STATUS = {
    "threatened": "threatened", "planned": "planned", "suspended": "suspended",
    "cancelled": "cancelled", "announced": "announced",
}  # fmt: skip


def _point_date(event: Event, published: Mapping[str, str | None]) -> str | None:
    if event.attributes.get("dated_by") == "text" and event.start and event.date_precision == "day":
        return event.start
    doc = event.doc or (event.sources[0].doc if event.sources else None)
    return published.get(doc) if doc else None


def _day_before(day: str) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


def tariff_points(event: Event, published: Mapping[str, str | None]) -> list[tuple[str, SeriesPoint]]:
    a = event.attributes
    if event.type != "tariff" or a.get("rate") is None or not a.get("imposer") or not a.get("target"):
        return []
    day = _point_date(event, published)
    if day is None:
        return []
    status = POINT_STATUS.get(event.status, "in_effect")
    out = []
    for target in a.get("targets") or [a["target"]]:  # one series per target of a shared rate
        key = f"tariff:{a['imposer']}-{target}"
        for rate in a.get("rates") or [a["rate"]]:  # '17.4% for BYD, 20% for Geely': a level each
            out.append((key, SeriesPoint(date=day, value=float(rate), status=status, sources=event.sources)))
        if a.get("previous_rate") is not None:
            anchor = event.start if event.start and event.attributes.get("dated_by") == "text" else day
            out.append((key, SeriesPoint(date=_day_before(anchor), value=float(a["previous_rate"]),
                                         status="in_effect", sources=event.sources)))  # fmt: skip
    return out


def purchase_points(event: Event, published: Mapping[str, str | None]) -> list[tuple[str, SeriesPoint]]:
    a = event.attributes
    if event.type != "purchase_commitment" or a.get("quantity") is None:
        return []
    day = _point_date(event, published) or event.start
    if day is None:
        return []
    key = f"purchase:{a.get('buyer', 'XX')}-{a.get('commodity', 'goods')}"
    return [(key, SeriesPoint(date=day, value=float(a["quantity"]), status="planned", sources=event.sources))]


def _combine(points: Sequence[SeriesPoint]) -> list[SeriesPoint]:
    """One point per (date, value, status), with all sources."""
    merged: dict[tuple[str, float, str], list[SourceSpan]] = defaultdict(list)
    for p in points:
        bucket = merged[(p.date, p.value, p.status)]
        bucket.extend(s for s in p.sources if s not in bucket)
    return [
        SeriesPoint(date=d, value=v, status=s, sources=tuple(sorted(src, key=lambda x: (x.doc, x.start))))
        for (d, v, s), src in sorted(merged.items())
    ]


def build(events: Sequence[Event], published: Mapping[str, str | None], units: Mapping[str, str] | None = None) -> list[Series]:
    """Series from single-document event mentions (before merging)."""
    found: dict[str, list[SeriesPoint]] = defaultdict(list)
    meta: dict[str, Event] = {}
    for e in events:
        for key, point in tariff_points(e, published) + purchase_points(e, published):
            found[key].append(point)
            meta.setdefault(key, e)
    out = []
    for key in sorted(found):
        kind, pair = key.split(":", 1)
        first, second = pair.split("-", 1)
        e = meta[key]
        if kind == "tariff":
            name, unit = f"Tariffs {first} → {second}", "percent"
        else:
            name, unit = f"Purchases by {first}: {second}", str(e.attributes.get("unit", ""))
        out.append(Series(id=key, name=name, imposer=first, target=second, unit=unit,
                          points=tuple(_combine(found[key]))))  # fmt: skip
    return out
