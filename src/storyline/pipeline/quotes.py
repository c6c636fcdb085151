"""Quotes stage: direct quotations and who said them.

1. ``quote_spans`` finds quoted stretches in ``doc.text`` (curly, straight and single curly
   marks, nested quotes, quotes running to the end of a paragraph).
2. ``quote_speakers.record_acts`` records every speech act and named sentence subject, so
   pronouns ("he said") and nominal references ("the spokesperson") resolve to what came before.
3. Each quote is attributed, in order of preference, by the words after it ("..., X said"),
   the words before it in its sentence ("X said: ..."), the quote before it in the same
   paragraph ("..., he said. ..."), or the speech act of the previous paragraph when the
   quote is a paragraph on its own.  When none applies, the speaker stays None.

Quotes of fewer than three words are kept only when their own sentence attributes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..records import Quote
from . import extensions as _extensions  # noqa: F401  (registers Doc attributes)
from .quote_speakers import (
    Index,
    Resolver,
    Speaker,
    fallback_mentions,
    is_speech_verb,
    preposition_object,
    record_acts,
    subject,
    trim,
)

_SHORT = 3  # quotes with fewer words need their own sentence to attribute them

# --------------------------------------------------------------------------- spans


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quoted stretch: marks at ``open``/``close`` (close is exclusive), text in start:end."""

    open: int
    close: int
    start: int
    end: int
    closed: bool  # False when the quote runs to the end of its paragraph


_OPENERS = {"\u201c": "\u201d", '"': '"', "\u2018": "\u2019"}
_BEFORE_OPEN = frozenset(" \t\n([{\u2014\u2013-:/")


def _opens(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if text[i] == "\u201c":
        return not nxt.isspace()
    return prev in _BEFORE_OPEN and not nxt.isspace()


def _closes(text: str, i: int, mark: str) -> bool:
    if text[i] != mark:
        return False
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if mark == "\u2019":
        return not nxt.isalnum() and not text[i - 1].isspace()
    return True


def _paragraph_quotes(text: str, lo: int, hi: int) -> list[tuple[int, int, bool]]:
    """(open, close, closed) for the top-level quotes of one paragraph text[lo:hi]."""
    out: list[tuple[int, int, bool]] = []
    i = lo
    while i < hi:
        ch = text[i]
        if ch in _OPENERS and _opens(text, i):
            mark = _OPENERS[ch]
            j = i + 1
            while j < hi and not _closes(text, j, mark):
                j += 1
            if j < hi:
                out.append((i, j + 1, True))
                i = j + 1
                continue
            if ch != "\u2018":
                out.append((i, hi, False))
                break
        i += 1
    return out


def quote_spans(text: str) -> list[QuoteSpan]:
    """Every top-level quotation in ``text``, in order."""
    out: list[QuoteSpan] = []
    for para in re.finditer(r"[^\n]+", text):
        for open_, close, closed in _paragraph_quotes(text, para.start(), para.end()):
            start = open_ + 1
            end = close - 1 if closed else close
            while start < end and text[start].isspace():
                start += 1
            while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
                end -= 1
            if end > start:
                out.append(QuoteSpan(open_, close, start, end, closed))
    return out


# --------------------------------------------------------------------------- attribution


_SENT_END = re.compile(r"[.!?…][\u201d\"’)]?\s+(?=[\u201c\"‘(]?[A-Z0-9])|\n")


def _clause_start(text: str, pos: int) -> int:
    """Start of the sentence containing ``pos`` (a sentence end or paragraph start before it)."""
    start = text.rfind("\n", 0, pos) + 1
    for m in _SENT_END.finditer(text, start, pos):
        if not _abbreviation(text, m.start()):
            start = m.end()
    return start


def _abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"(\S+)$", text[:dot + 1])
    return bool(word and re.fullmatch(r"(?:[A-Z]\.)+|Mr\.|Mrs\.|Ms\.|Dr\.|St\.|Gen\.|Sen\.|Rep\.|Gov\.|Lt\.|Col\.|No\.", word.group(1)))


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="contract")
    return list(span) if span is not None else []


class _Attributor:
    def __init__(self, doc: Doc, res: Resolver, by_verb: dict[int, Speaker | None]) -> None:
        self.doc = doc
        self.res = res
        self.by_verb = by_verb
        self.text = doc.text

    def after(self, q: QuoteSpan, nxt: int) -> tuple[bool, Speaker | None]:
        """"..., X said." -> (True, X).  (False, None) when no attribution follows."""
        text = self.text
        stop = min(nxt, _sentence_end(text, q.close))
        tokens = [t for t in _tokens(self.doc, q.close, stop) if t.i not in self.res.index.quoted]
        inner_end = text[q.close - 2] if q.closed and q.close >= 2 else ""
        if inner_end == "." and len(tokens) > 10:
            return False, None
        lex = self.res.lex
        for k, token in enumerate(tokens[:14]):
            obj = preposition_object(token, lex) if token.lower_ in ("according", "in") and k == 0 else None
            if obj:
                return True, self.res.phrase(obj)
            if is_speech_verb(token, lex):
                before = tokens[:k]
                if inner_end == "." and any(not t.is_punct for t in tokens[k + 1 :]) and trim(before):
                    return False, None  # '..."  Lavrov called the meeting "...': a new sentence
                if trim(before):
                    return True, self.res.phrase(before)
                if any(not (t.is_punct or t.is_quote) for t in before) \
                        or token.lemma_.lower() not in _INVERTING:
                    return False, None
                return True, self.res.phrase(_inverted(tokens[k + 1:]))
            if token.is_sent_start and k > 0 and token.pos_ != "PRON" and token.ent_type_ == "":
                break
        return False, None

    def before(self, q: QuoteSpan) -> tuple[bool, Speaker | None]:
        """"X said: ..." / "X said the plan was "..." " -> (True, X)."""
        start = _clause_start(self.text, q.open)
        tokens = [t for t in _tokens(self.doc, start, q.open) if t.i not in self.res.index.quoted]
        lex = self.res.lex
        governing = self._governing(q, start)  # 'X said the tariff Y had threatened was "…"': X
        for token in [governing] if governing is not None else reversed(tokens):
            if token.i in self.by_verb:
                return True, self.by_verb[token.i]
            if is_speech_verb(token, lex):
                subj = subject(token)
                if subj is None:
                    return True, None
                return True, self.res.phrase(list(self.doc[subj.left_edge.i:subj.right_edge.i + 1]))
        if tokens and tokens[0].lower_ in ("according", "in"):
            obj = preposition_object(tokens[0], lex)
            if obj:
                return True, self.res.phrase(obj)
        return False, None


    def _governing(self, q: QuoteSpan, start: int) -> Token | None:
        """The verb of saying the quoted words hang from, when the parse puts one between the
        clause start and the quote (not the nearest one: 'threatened' in a clause inside)."""
        inside = _tokens(self.doc, q.start, q.end)
        if not inside:
            return None
        root = next((t for t in inside if not (q.start <= t.head.idx < q.end) or t.head.i == t.i), inside[0])
        for anc in root.ancestors:
            if start <= anc.idx < q.open and (anc.i in self.by_verb or is_speech_verb(anc, self.res.lex)):
                return anc
        return None


_INVERTING = frozenset({"say", "add", "write", "ask", "note", "explain", "continue", "reply", "tell"})


def _inverted(tokens: list[Token]) -> list[Token]:
    """"said Treasury Secretary Jane Roe, adding ..." -> the speaker after the verb."""
    out: list[Token] = []
    for t in tokens:
        if t.is_punct or t.is_quote or (t.pos_ == "ADP" and not out) or t.pos_ == "VERB":
            break
        if t.pos_ == "ADP" and t.lower_ not in ("for", "of", "from", "at"):
            break
        out.append(t)
    return out


def _sentence_end(text: str, pos: int) -> int:
    for m in _SENT_END.finditer(text, pos):
        if not _abbreviation(text, m.start()):
            return m.start() + 1
    return len(text)


# --------------------------------------------------------------------------- find


def _whole_paragraph(text: str, q: QuoteSpan) -> bool:
    lo = text.rfind("\n", 0, q.open) + 1
    hi = text.find("\n", q.close)
    hi = len(text) if hi < 0 else hi
    return not text[lo:q.open].strip() and not text[q.close:hi].strip(" \t.,;:!?\u201d\"’")


def _continuation(att: _Attributor, q: QuoteSpan, prev: tuple[QuoteSpan, Speaker | None] | None) -> Speaker | None:
    """Speaker of an unattributed quote carried over from what came just before it."""
    text, res = att.text, att.res
    para = res.index.para(q.open)
    if prev is not None and _clause_start(text, q.open) == q.open:
        prev_q, speaker = prev
        if speaker is not None and res.index.para(prev_q.open) == para \
                and len(text[prev_q.close:q.open]) <= 80:
            gap = res.index.mentions_in(_tokens(att.doc, prev_q.close, q.open))
            if all(m.key == speaker.key for m in gap):
                return speaker
    if not _whole_paragraph(text, q) or para == 0:
        return None
    if prev is not None and not prev[0].closed and res.index.para(prev[0].open) == para - 1:
        return prev[1]
    return res.last_speech(para - 1)


def find(doc: Doc) -> list[Quote]:
    """Every quotation in ``doc`` with its speaker when the text makes it clear."""
    text = doc.text
    spans = quote_spans(text)
    mentions = doc._.storyline_mentions
    found_mentions = list(mentions) if mentions is not None else fallback_mentions(doc)
    index = Index(doc, found_mentions, [(q.open, q.close) for q in spans])
    res = Resolver(index)
    att = _Attributor(doc, res, record_acts(doc, res))
    doc_id = str(doc._.storyline_doc_id or "")
    out: list[Quote] = []
    prev: tuple[QuoteSpan, Speaker | None] | None = None
    for n, q in enumerate(spans):
        nxt = spans[n + 1].open if n + 1 < len(spans) else len(text)
        found, speaker = att.after(q, nxt) if _ends_clause(text, q) else (False, None)
        if not found:
            found, speaker = att.before(q)
        short = len(text[q.start:q.end].split()) < _SHORT
        if short and speaker is None:
            continue
        if not found:
            speaker = _continuation(att, q, prev)
        if speaker is not None:
            res.add(q.open, speaker, True)
        out.append(Quote(
            id=f"{doc_id}:q{q.start}", speaker=speaker.key if speaker else None,
            speaker_text=speaker.text if speaker else None, text=text[q.start:q.end],
            doc=doc_id, start=q.start, end=q.end,
        ))
        prev = (q, speaker)
    return out


def _ends_clause(text: str, q: QuoteSpan) -> bool:
    """Whether a quote ends with the punctuation that precedes an attribution ("...," he said)."""
    if not q.closed:
        return False
    inner = text[q.open + 1:q.close - 1].rstrip(" \t\n'\u2019\u201d\"")
    after = text[q.close:q.close + 2].lstrip(" ")
    return bool(inner) and (inner[-1] in ",.?!\u2014\u2013-…" or after.startswith(","))


def set_annotations(doc: Doc, quotes: list[Quote]) -> None:
    doc._.storyline_quotes = list(quotes)
