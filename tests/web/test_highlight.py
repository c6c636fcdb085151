"""Marking cited spans in a document's text: escaping, overlaps, anchors, tags."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.web.highlight import marked_text


def mark(kind: str, start: int, end: int, url: str | None = "/x", label: str = "L") -> dict[str, Any]:
    return {"kind": kind, "start": start, "end": end, "url": url, "label": label, "title": kind}


def test_overlapping_spans_share_one_mark_with_both_classes() -> None:
    text = "The minister said: fine words. Then left."
    html = marked_text(text, [mark("event", 0, 30), mark("quote", 19, 29)])
    assert '<mark class="hl-event" title="event">The minister said: </mark>' in html
    assert '<mark class="hl-event hl-quote" title="event; quote">fine words</mark>' in html
    assert html.count('class="anchor"') == 2
    assert html.endswith(" Then left.")


@pytest.mark.parametrize(
    ("text", "marks", "expected"),
    [("a <b> & c", [mark("event", 2, 5)], 'a <span class="anchor" id="s-2"></span><mark class="hl-event" title="event">&lt;b&gt;</mark><a class="tag tag-event" href="/x" title="event">L</a> &amp; c'),
     ("plain text", [], "plain text"),
     ("short", [mark("event", 3, 99)], "short"),  # out of range: ignored
     ("linked here", [mark("hit", 7, 11, url=None)], 'linked <span class="anchor" id="hl"></span><mark class="hl-hit" title="hit">here</mark>')],
)  # fmt: skip
def test_marked_text_escapes_and_ignores_bad_spans(text: str, marks: list[dict[str, Any]], expected: str) -> None:
    assert str(marked_text(text, marks)) == expected


def test_labels_and_urls_are_escaped() -> None:
    html = marked_text("abc", [mark("quote", 0, 3, url='/a"b', label="<i>")])
    assert 'href="/a&#34;b"' in html and "&lt;i&gt;" in html


def test_whitespace_at_span_edges_stays_outside_the_mark() -> None:
    text = "First sentence.\n\nSecond one."
    html = marked_text(text, [mark("event", 0, 17), mark("event", 15, 17)])
    assert '<mark class="hl-event" title="event">First sentence.</mark><a class="tag' in html
    assert html.count("<mark") == 1  # a span of only whitespace is dropped
    assert html.endswith("</a>\n\nSecond one.")
