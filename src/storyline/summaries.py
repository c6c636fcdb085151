"""One-line event summaries written with resolved entity names."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .records import Entity, Event

LABELS = {
    "meeting": "Talks", "call": "Call", "visit": "Visit", "summit": "Summit",
    "statement": "Statement", "agreement": "Agreement", "tariff": "Tariff",
    "export_control": "Export controls", "sanction": "Sanctions",
    "purchase_commitment": "Purchase commitment", "market_move": "Market move",
    "ruling": "Ruling", "attack": "Attack", "other": "Event",
}  # fmt: skip
COMMUNICATION = {"meeting", "call", "visit", "summit"}


def _join(names: Sequence[str]) -> str:
    names = list(names)[:4]
    if len(names) > 1:
        return ", ".join(names[:-1]) + f" and {names[-1]}"
    return names[0] if names else ""


def render(
    etype: str, names: Sequence[str], location: str | None, a: Mapping[str, Any], status: str
) -> str:
    """'Talks with A and B in Geneva (planned)', 'Tariff by C US→CN at 30% (from 145%)'."""
    parts = ["Trade investigation" if a.get("measure") == "investigation" else LABELS.get(etype, "Event")]
    who = _join(names)
    pair_types = ("tariff", "sanction", "export_control")
    if etype in pair_types and a.get("imposer") and (a.get("rate") is not None or a.get("target")):
        who = ""  # the pair says who imposes on whom
    if who:
        parts.append(("with " if etype in COMMUNICATION else "by ") + who)
    if location:
        parts.append(f"in {location}")
    unrated = etype == "tariff" and a.get("rate") is None  # a trade investigation, a duty of no stated level
    if (etype in ("sanction", "export_control") or unrated) and a.get("imposer") and a.get("target"):
        parts.append(f"{a['imposer']}→{a['target']}")
    if etype == "tariff" and a.get("rate") is not None and not a.get("imposer"):
        target = f" on {a['target']}" if a.get("target") else ""
        parts.append(f"at {float(a['rate']):g}%{target}")
    elif etype == "tariff" and a.get("rate") is not None:
        pair = f"{a['imposer']}→{', '.join(a.get('targets') or [a.get('target') or 'all'])}"
        prev = f" (from {float(a['previous_rate']):g}%)" if a.get("previous_rate") is not None else ""
        parts.append(f"{pair} at {float(a['rate']):g}%{prev}")
    if etype == "purchase_commitment" and a.get("quantity") is not None:
        parts.append(f"{float(a['quantity']):,.0f} {a.get('unit', '')} {a.get('commodity', '')}".rstrip())
    text = " ".join(parts)
    return text if status in ("occurred", "unknown") else f"{text} ({status.replace('_', ' ')})"


def summary(e: Event, entities: Mapping[str, Entity]) -> str:
    if e.type == "market_move":
        return e.summary
    names = [entities[i].name if i in entities else i.split(":")[-1] for i in e.participants]
    return render(e.type, names, e.location, e.attributes, e.status)


def resummarise(events: Sequence[Event], entities: Mapping[str, Entity]) -> list[Event]:
    return [e.replace(summary=summary(e, entities)) for e in events]
