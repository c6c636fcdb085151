"""Human-readable renderings of a timeline: plain text lines and a Markdown report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..records import Article, Entity, Event
from .timeline import importance

PRECISION_WIDTH = {"day": 10, "month": 7, "year": 4}


def date_label(e: Event) -> str:
    """'2025-05-09', '2025-05-09..12', '2025-05', 'week of 2025-05-12', with precision."""
    start, end = e.start or "?", e.end or e.start or "?"
    p = e.date_precision
    if p == "month":
        return start[:7] if start[:7] == end[:7] else f"{start[:7]}..{end[:7]}"
    if p == "year":
        return start[:4]
    if start == end:
        return start
    if start[:7] == end[:7]:
        return f"{start}..{end[8:]}"
    return f"{start}..{end}"


def names_of(e: Event, entities: dict[str, Entity]) -> str:
    return ", ".join(entities[p].name if p in entities else p for p in e.participants)


def text_lines(events: Sequence[Event]) -> list[str]:
    """One line per event: date, status, type, summary (it names actors and place), sources."""
    return [
        f"{date_label(e):<22} {e.status:<10} {e.type:<19} {e.summary}  [{importance(e)} src]"
        for e in events
    ]


def markdown(events: Sequence[Event], entities: Sequence[Entity], docs: Sequence[Article]) -> str:
    """A readable report: one bullet per event, sources as numbered footnotes."""
    ents = {e.id: e for e in entities}
    titles = {d.id: (d.title or d.source or Path(d.path).name) for d in docs}
    dates = {d.id: d.published for d in docs}
    lines = ["# Timeline", ""]
    notes: list[str] = []
    note_of: dict[tuple[str, int, int], int] = {}
    for e in events:
        refs = []
        for s in e.sources:
            key = (s.doc, s.start, s.end)
            if key not in note_of:
                note_of[key] = len(notes) + 1
                when = f", {dates.get(s.doc)}" if dates.get(s.doc) else ""
                notes.append(f"[^{note_of[key]}]: {titles.get(s.doc, s.doc)}{when} — “{s.text.strip()}”")
            refs.append(f"[^{note_of[key]}]")
        who = names_of(e, ents)
        detail = f" — {who}" if who else ""
        where = f", {e.location}" if e.location else ""
        lines.append(
            f"- **{date_label(e)}** · {e.type.replace('_', ' ')} · *{e.status.replace('_', ' ')}* — "
            f"{e.summary}{detail}{where} {''.join(refs)}"
        )
    return "\n".join([*lines, "", *notes, ""])
