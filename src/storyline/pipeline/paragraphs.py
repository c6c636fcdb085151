"""Paragraph boundaries are sentence boundaries.

Scraped articles put headlines, captions and paragraphs on their own lines; the parser
sometimes runs a headline into the first sentence.  This stage (placed before the parser)
marks the first token after a line break as a sentence start, which the parser respects.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token


def find(doc: Doc) -> list[Token]:
    """Tokens that open a new line (after a whitespace token holding a newline)."""
    starts = []
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if not tok.is_space and ((prev.is_space and "\n" in prev.text) or "\n" in prev.whitespace_):
            starts.append(tok)
    return starts


def set_annotations(doc: Doc, starts: list[Token]) -> None:
    for tok in starts:
        tok.is_sent_start = True
