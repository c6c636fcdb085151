"""HTML for a document's text with cited spans marked (escaped, overlap-safe).

Spans may overlap (a quote inside an event's source sentence): the text is cut at every
span boundary and each piece is wrapped in one ``<mark>`` whose classes name every span
covering it.  An anchor opens each span (``#s-START``, ``#hl`` for a linked passage) and a
small link after it leads to the event or speaker.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape


def _attr(value: object) -> str:
    return str(escape(str(value)))


def _opening(marks: Sequence[Mapping[str, Any]], at: int) -> str:
    out = []
    for m in marks:
        if m["start"] == at:
            ident = "hl" if m["kind"] == "hit" else f"s-{m['start']}"
            out.append(f'<span class="anchor" id="{_attr(ident)}"></span>')
    return "".join(dict.fromkeys(out))


def _closing(marks: Sequence[Mapping[str, Any]], at: int) -> str:
    out = []
    for m in marks:
        if m["end"] == at and m.get("url") and m["kind"] != "hit":
            out.append(
                f'<a class="tag tag-{_attr(m["kind"])}" href="{_attr(m["url"])}" '
                f'title="{_attr(m.get("title", ""))}">{escape(m["label"])}</a>'
            )
    return "".join(out)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the whitespace (newlines) at its edges."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _trimmed(text: str, marks: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for m in marks:
        if 0 <= m["start"] < m["end"] <= len(text):
            start, end = trim(text, m["start"], m["end"])
            if start < end:
                out.append({**m, "start": start, "end": end})
    return out


def marked_text(text: str, marks: Sequence[Mapping[str, Any]]) -> Markup:
    """``text`` as HTML with every mark (kind, start, end, label, title, url) highlighted."""
    valid = _trimmed(text, marks)
    cuts = sorted({0, len(text), *(m["start"] for m in valid), *(m["end"] for m in valid)})
    parts: list[str] = []
    for lo, hi in itertools.pairwise(cuts):
        parts.append(_opening(valid, lo))
        piece = str(escape(text[lo:hi]))
        covering = [m for m in valid if m["start"] <= lo and hi <= m["end"]]
        if covering:
            kinds = " ".join(sorted({f"hl-{m['kind']}" for m in covering}))
            title = "; ".join(dict.fromkeys(str(m.get("title", "")) for m in covering))
            piece = f'<mark class="{_attr(kinds)}" title="{_attr(title)}">{piece}</mark>'
        parts.append(piece)
        parts.append(_closing(valid, hi))
    return Markup("".join(parts))
