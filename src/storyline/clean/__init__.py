"""Boilerplate removal with an exact offset map back to the raw text.

``clean(text)`` removes paywall prompts, related-link blocks, photo credits, bylines, wire
tags, copyright lines, newsletter prompts, share widgets, update notes, contributor lines,
author bios (patterns in ``data/boilerplate.yaml``), the outlet's name above the story,
teaser blocks between paragraphs and trailing site furniture, then tidies whitespace
without changing any other character: ``cleaned.text[i] == raw[cleaned.offsets[i]]`` for
every ``i``.
"""

from __future__ import annotations

import re

from storyline.clean.flags import document_flags
from storyline.clean.patterns import Family, rules, sentence_bounds, word_count
from storyline.records import Cleaned, Removed

__all__ = ["clean"]

_FINAL_PUNCT = re.compile(r"[.!?…:;][\"”’)\]]*$")
_HEADLINE_END = re.compile(r"[.!:;][\"”’)\]]*$")
_HSPACE = " \t\u00a0\u3000\r\f\v"


class _Marks:
    """The raw text, which of its characters survive, and the removal log."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.keep = bytearray(b"\x01") * len(raw)
        self.removed: list[Removed] = []
        self.flags: set[str] = set()

    def remove(self, start: int, end: int, reason: str, flag: str | None = None) -> None:
        if start >= end or not any(self.keep[start:end]):
            return
        self.keep[start:end] = bytes(end - start)
        text = self.raw[start:end].strip()
        lead = len(self.raw[start:end]) - len(self.raw[start:end].lstrip())
        self.removed.append(Removed(start + lead, start + lead + len(text), reason, text))
        if flag:
            self.flags.add(flag)

    def hide(self, start: int, end: int) -> None:
        """Drop characters (whitespace, line ends) without logging a removal."""
        self.keep[start:end] = bytes(max(end - start, 0))

    def visible(self, start: int, end: int) -> str:
        return "".join(
            c for c, k in zip(self.raw[start:end], self.keep[start:end], strict=True) if k
        )


def _lines(raw: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the newline."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"\n", raw):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(raw)))
    return out


def _strip_bounds(raw: str, start: int, end: int) -> tuple[int, int]:
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    return start, end


def _whole_line(fam: Family, text: str) -> bool:
    if fam.max_words is not None and word_count(text) > fam.max_words:
        return False
    return any(p.fullmatch(text) for p in fam.line)


def _line_rule(text: str) -> tuple[Family, bool] | None:
    """The family removing this whole line, and whether it was a heading."""
    for fam in rules().families:
        if fam.line and _whole_line(fam, text):
            return fam, False
        if any(p.fullmatch(text) for p in fam.heading):
            return fam, True
    return None


def _headline_like(text: str) -> bool:
    """Short, and not ended like a sentence ('… sells to the U.S.' ends an abbreviation)."""
    return word_count(text) <= 25 and not _HEADLINE_END.search(_ABBREVIATION_END.sub("", text))


_ABBREVIATION_END = re.compile(r"\b(?:[A-Z]\.){2,}$")


def _extend_spaces(raw: str, pos: int, line_end: int) -> int:
    """``pos`` moved past the horizontal spaces that follow it (within the line)."""
    while pos < line_end and raw[pos] in _HSPACE:
        pos += 1
    return pos


def _within_line(marks: _Marks, start: int, end: int) -> None:
    """Prefix, sentence and inline removals inside one line."""
    raw = marks.raw
    text = raw[start:end]
    for fam in rules().families:
        for p in fam.prefix:
            m = p.match(text)
            if m and m.end() > 0:
                marks.remove(start, start + m.end(), fam.reason, fam.flag)
                break
    for s, e in sentence_bounds(text):
        sentence = text[s:e]
        for fam in rules().families:
            if any(p.search(sentence) for p in fam.sentence):
                marks.remove(start + s, _extend_spaces(raw, start + e, end), fam.reason, fam.flag)
                break
    for fam in rules().families:
        for p in fam.inline:
            for m in p.finditer(text):
                stop = _extend_spaces(raw, start + m.end(), end)
                marks.remove(start + m.start(), stop, fam.reason, fam.flag)


def _line_pass(marks: _Marks) -> None:
    """Whole-line removals; after a 'Read more:' heading, the block of headline-like lines
    under it (the first may follow blank lines, the rest follow each other)."""
    raw = marks.raw
    after_heading = False
    links = 0
    for start, end in _lines(raw):
        s, e = _strip_bounds(raw, start, end)
        if s == e:
            after_heading = after_heading and links == 0  # a blank line ends a block of links
            continue
        newline_end = min(end + 1, len(raw))
        rule = _line_rule(raw[s:e])
        if rule is not None:
            fam, heading = rule
            marks.remove(s, e, fam.reason, fam.flag)
            marks.hide(start, newline_end)
            after_heading, links = heading, 0
            continue
        if after_heading and _headline_like(raw[s:e]):
            marks.remove(s, e, "related links")
            marks.hide(start, newline_end)
            links += 1
            continue
        after_heading = False
        _within_line(marks, s, e)
        if not marks.visible(s, e).strip():
            marks.hide(start, newline_end)


def _furniture_pass(marks: _Marks) -> None:
    """Drop short non-sentence lines trailing the last content sentence."""
    rule = rules()
    visible = [(s, e) for s, e in _lines(marks.raw) if marks.visible(s, e).strip()]
    tail = list(reversed(visible[1:]))[: rule.furniture_lines]
    for s, e in tail:
        text = marks.visible(s, e).strip()
        if word_count(text) > rule.furniture_words or _FINAL_PUNCT.search(text):
            break
        if re.search(r"\d", text) or not re.search(r"[^\W\d_]", text):
            break
        a, b = _strip_bounds(marks.raw, s, e)
        marks.remove(a, b, "site furniture")
        marks.hide(s, min(e + 1, len(marks.raw)))


# two to five capitalised words, as an outlet names itself: 'Harbour Daily', 'THE HARBOUR DAILY'
_MASTHEAD = re.compile(r"(?:[Tt]he\s+|THE\s+)?[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){1,4}")


def _named_again(raw: str, start: int, end: int, words: list[str]) -> bool:
    """``words`` recur, capitalised and in order, outside raw[start:end]."""
    pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, words)) + r"\b", re.IGNORECASE)
    return any(
        (m.end() <= start or m.start() >= end) and all(w[:1].isupper() for w in m.group().split())
        for m in pattern.finditer(raw)
    )


def _masthead_pass(marks: _Marks) -> None:
    """Drop the outlet's name standing on its own line above the story ('Harbour Daily')
    when the page names the outlet again (a photo credit, a sign-up prompt, a bio): a line
    of two to five capitalised words before the first paragraph."""
    for block in _blocks(marks):
        if _paragraph(block):
            return
        for s, e, text in block:
            if not _MASTHEAD.fullmatch(text):
                continue
            words = text.split()
            words = words[1:] if words[0].lower() == "the" else words
            a, b = _strip_bounds(marks.raw, s, e)
            if len(words) >= 2 and _named_again(marks.raw, a, b, words):
                marks.remove(a, b, "masthead")
                marks.hide(s, min(e + 1, len(marks.raw)))


_PROMO_START = re.compile(r"^[A-Z0-9\"“‘']")
_PARAGRAPH_WORDS = 20


def _blocks(marks: _Marks) -> list[list[tuple[int, int, str]]]:
    """Runs of adjacent lines that still show text, each line as (start, end, text)."""
    out: list[list[tuple[int, int, str]]] = [[]]
    for s, e in _lines(marks.raw):
        text = marks.visible(s, e).strip()
        if text:
            out[-1].append((s, e, text))
        elif out[-1]:
            out.append([])
    return [b for b in out if b]


def _paragraph(block: list[tuple[int, int, str]]) -> bool:
    text = " ".join(t for _, _, t in block)
    return word_count(text) >= _PARAGRAPH_WORDS and bool(_FINAL_PUNCT.search(text))


def _promo_block(block: list[tuple[int, int, str]], words: int) -> bool:
    return len(block) >= 2 and all(
        word_count(t) <= words and _PROMO_START.match(t) and not _HEADLINE_END.search(t)
        for _, _, t in block
    )


def _promo_pass(marks: _Marks) -> None:
    """Drop a block of two or more headline-like lines standing between two body paragraphs
    ('10 charts every trader should see' over 'Is your supplier exposed?'): teasers for
    other stories.  One line alone may be a subhead and stays."""
    blocks, words = _blocks(marks), rules().promo_words
    for i in range(1, len(blocks) - 1):
        before, block, after = blocks[i - 1], blocks[i], blocks[i + 1]
        if _paragraph(before) and _paragraph(after) and _promo_block(block, words):
            for s, e, _ in block:
                a, b = _strip_bounds(marks.raw, s, e)
                marks.remove(a, b, "promo links")
                marks.hide(s, min(e + 1, len(marks.raw)))


def _assemble(marks: _Marks) -> tuple[str, tuple[int, ...]]:
    """Kept characters with tidy whitespace: no trailing spaces, at most one blank line."""
    raw, keep = marks.raw, marks.keep
    chars: list[str] = []
    offsets: list[int] = []
    pending: list[int] = []  # newline offsets seen since the last kept line
    for start, end in _lines(raw):
        idx = [i for i in range(start, end) if keep[i] and raw[i] != "\r"]
        while idx and raw[idx[0]] in _HSPACE:
            idx.pop(0)
        while idx and raw[idx[-1]] in _HSPACE:
            idx.pop()
        if idx:
            if offsets and pending:
                seps = [pending[0], pending[-1]] if len(pending) > 1 else pending[:1]
                chars.extend("\n" * len(seps))
                offsets.extend(seps)
            prev_space = False
            for i in idx:
                space = raw[i] in _HSPACE
                if not (space and prev_space):
                    chars.append(raw[i])
                    offsets.append(i)
                prev_space = space
            pending = []
        if end < len(raw) and keep[end]:
            pending.append(end)
    return "".join(chars), tuple(offsets)


def clean(text: str) -> Cleaned:
    """Remove boilerplate from ``text``; see the module docstring."""
    marks = _Marks(text)
    _line_pass(marks)
    _masthead_pass(marks)
    _promo_pass(marks)
    _furniture_pass(marks)
    body, offsets = _assemble(marks)
    removed = tuple(sorted(marks.removed, key=lambda r: r.start))
    flags = document_flags(text, marks.flags)
    return Cleaned(text=body, removed=removed, flags=flags, offsets=offsets)
