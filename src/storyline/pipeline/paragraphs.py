"""Paragraph boundaries are sentence boundaries.

Scraped articles put headlines, captions and paragraphs on their own lines; the parser
sometimes runs a headline into the first sentence.  This stage (placed before the parser)
marks the first token after a line break as a sentence start, which the parser respects.
A wire dateline opening a paragraph ("BUSAN, South Korea (Reuters) -") is a sentence of its
own, so its place and agency never become actors of the first sentence's events.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..clean.dateline import city_name

_DATELINE = re.compile(
    r"(?P<city>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*)"  # the city in capitals
    r"(?:,\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?"  # ', South Korea', ', Oct 31'
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"  # ' Oct 31'
    r"\s*(?:\([^()\n]{1,40}\))?\s*(?:--|[-–—:])\s+"
)


def find(doc: Doc) -> list[Token]:
    """Tokens that open a new line (after a whitespace token holding a newline), and the
    first token after a dateline that opens one."""
    starts = []
    for tok in doc:
        prev = doc[tok.i - 1] if tok.i else None
        opens = prev is None or (prev.is_space and "\n" in prev.text) or "\n" in prev.whitespace_
        if tok.is_space or not opens:
            continue
        if prev is not None:
            starts.append(tok)
        after = _after_dateline(doc, tok)
        if after is not None:
            starts.append(after)
    return starts


def _after_dateline(doc: Doc, first: Token) -> Token | None:
    m = _DATELINE.match(doc.text, first.idx)
    if m is None or "\n" in m.group(0):
        return None
    return next((t for t in doc[first.i :] if t.idx >= m.end()), None) if m.end() < len(doc.text) else None


def set_annotations(doc: Doc, starts: list[Token]) -> None:
    """Mark the starts; the word after each may not open a sentence of its own (the parser
    once cut 'Israel | and Hamas signed off ...' after a headline)."""
    opening = {t.i for t in starts}
    for tok in starts:
        tok.is_sent_start = True
    for i in sorted(opening):
        nxt = i + 1
        if nxt < len(doc) and nxt not in opening and not doc[nxt].is_space and not doc[nxt].is_punct:
            doc[nxt].is_sent_start = False


def dateline_place(sent: Span) -> str | None:
    """The city of the wire dateline ``sent`` follows ('HANOI -', 'SEOUL, June 30 (Agency) -'),
    in title case; None when the sentence opens no datelined paragraph."""
    text = sent.doc.text
    line_start = text.rfind("\n", 0, sent.start_char) + 1
    m = _DATELINE.match(text, line_start)
    if m is None or m.end() != sent.start_char:
        return None
    return city_name(m.group("city"))
