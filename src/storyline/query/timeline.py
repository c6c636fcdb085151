"""Timeline selection: filters, date order, and the N most important dates."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..records import Event


def importance(event: Event) -> int:
    """Independent sources reporting the event (copies of one wire story count once)."""
    value = event.attributes.get("independent_sources")
    if isinstance(value, int):
        return value
    return len({s.doc for s in event.sources})


def sort_key(event: Event) -> tuple[str, str, str, str]:
    return (event.start or "9999", event.end or "9999", event.type, event.id)


def select(
    events: Sequence[Event],
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int | None = None,
    types: Sequence[str] = (),
    actor: str | None = None,
    status: str | None = None,
) -> list[Event]:
    """Dated events overlapping [date_from, date_to], filtered, in date order."""
    out = []
    for e in events:
        if e.start is None:
            continue
        end = e.end or e.start
        if date_from and end < date_from:
            continue
        if date_to and e.start > date_to:
            continue
        if types and e.type not in types:
            continue
        if actor and actor not in e.participants:
            continue
        if status and e.status != status:
            continue
        out.append(e)
    out.sort(key=sort_key)
    if limit is not None:
        out = top_dates(out, limit)
    return out


def top_dates(events: Sequence[Event], n: int) -> list[Event]:
    """Keep the events of the ``n`` dates with the most independent sources."""
    by_date: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        by_date[e.start or ""].append(e)
    ranked = sorted(by_date, key=lambda d: (-max(importance(e) for e in by_date[d]), d))
    keep = set(ranked[: max(n, 0)])
    return [e for e in events if (e.start or "") in keep]
