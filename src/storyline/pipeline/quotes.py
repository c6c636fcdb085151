"""Quotes stage: direct quotations and who said them.

1. ``quote_spans`` finds quoted stretches in ``doc.text`` (curly, straight and single curly
   marks, nested quotes, quotes running to the end of a paragraph).
2. A pass over the parse records every *speech act* ("X said", "according to X", "the
   spokesperson reiterated") and every named sentence subject, so pronouns ("he said") and
   nominal references ("the spokesperson", "the ministry") can be resolved to what came before.
3. Each quote is attributed, in order of preference, by the words after it ("..., X said"),
   the words before it in its sentence ("X said: ..."), the quote before it in the same
   paragraph ("..., he said. ..."), or the speech act of the previous paragraph when the
   quote is a paragraph on its own.  When none applies, the speaker stays None.

Quotes of fewer than three words are kept only when their own sentence attributes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Span, Token

from ..records import Mention, Quote
from . import extensions as _extensions  # noqa: F401  (registers Doc attributes)

_PRONOUNS = {"he": ("PERSON",), "she": ("PERSON",), "it": ("ORG", "GPE", "NORP")}
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_LABEL_RANK = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3}
_SHORT = 3  # quotes with fewer words need their own sentence to attribute them
_PARAGRAPHS_BACK = 2


@dataclass(frozen=True, slots=True)
class _Lexicon:
    verbs: frozenset[str]
    document_verbs: frozenset[str]
    document_nouns: frozenset[str]
    role_nouns: frozenset[str]
    organisation_nouns: frozenset[str]
    prepositions: tuple[tuple[str, ...], ...]


@cache
def lexicon() -> _Lexicon:
    """Load ``data/quote_verbs.yaml`` once."""
    raw = resources.files("storyline.data").joinpath("quote_verbs.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(raw)
    return _Lexicon(
        verbs=frozenset(data["verbs"]),
        document_verbs=frozenset(data["document_verbs"]),
        document_nouns=frozenset(data["document_nouns"]),
        role_nouns=frozenset(data["role_nouns"]),
        organisation_nouns=frozenset(data["organisation_nouns"]),
        prepositions=tuple(tuple(p) for p in data["prepositions"]),
    )


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said something: a mention key, the words naming them, and the mention's label."""

    key: str
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class _Act:
    """Something earlier in the text a later pronoun or quote may refer back to."""

    pos: int
    para: int
    speaker: Speaker | None
    speech: bool  # a speech act (X said) rather than a plain sentence subject


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


# --------------------------------------------------------------------------- mentions


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def fallback_mentions(doc: Doc) -> list[Mention]:
    """Mentions from ``doc.ents`` when the actors stage has not run.

    A one-word ORG/GPE entity equal to the last word of a PERSON named earlier ("Bessent"
    after "Scott Bessent") is taken as that person.
    """
    doc_id = str(doc._.storyline_doc_id or "")
    people: dict[str, str] = {}
    out: list[Mention] = []
    for ent in doc.ents:
        label = ent.label_
        if label not in _SPEAKER_LABELS:
            continue
        text = ent.text
        key = f"{label.lower()}:{_slug(text)}"
        if label == "PERSON":
            people.setdefault(ent[-1].lower_, key)
            key = people.get(ent[-1].lower_, key) if len(ent) == 1 else key
        elif len(ent) == 1 and ent[0].lower_ in people:
            label, key = "PERSON", people[ent[0].lower_]
        out.append(Mention(doc=doc_id, start=ent.start_char, end=ent.end_char, text=text,
                           label=label, key=key, name=text))
    return out


class _Index:
    """Token -> mention lookups and quote membership for one document."""

    def __init__(self, doc: Doc, mentions: list[Mention], spans: list[QuoteSpan]) -> None:
        self.doc = doc
        self.by_token: dict[int, Mention] = {}
        for m in mentions:
            if m.label not in _SPEAKER_LABELS:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            for t in span if span is not None else ():
                self.by_token.setdefault(t.i, m)
        self.quoted: set[int] = set()
        for q in spans:
            span = doc.char_span(q.open, q.close, alignment_mode="expand")
            self.quoted.update(t.i for t in span if span is not None) if span else None
        self.para_of = _paragraph_starts(doc.text)

    def para(self, char: int) -> int:
        lo, hi = 0, len(self.para_of) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.para_of[mid] <= char:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def by_surname(self, token: Token) -> Mention | None:
        """A name the NER missed ("Bessent") that ends a PERSON named elsewhere in the text."""
        if token.pos_ != "PROPN" or not token.text[:1].isupper():
            return None
        found = {m.key: m for m in self.by_token.values()
                 if m.label == "PERSON" and token.text in (m.text.split()[0], m.text.split()[-1])}
        return next(iter(found.values())) if len(found) == 1 else None

    def mentions_in(self, tokens: Span | list[Token]) -> list[Mention]:
        seen: list[Mention] = []
        for t in tokens:
            m = self.by_token.get(t.i)
            if m is not None and m not in seen:
                seen.append(m)
        return seen


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n+", text)]


# --------------------------------------------------------------------------- speakers


class _Resolver:
    """Resolves noun phrases to speakers, keeping the acts seen so far."""

    def __init__(self, index: _Index) -> None:
        self.index = index
        self.acts: list[_Act] = []
        self.lex = lexicon()

    def add(self, pos: int, speaker: Speaker | None, speech: bool) -> None:
        self.acts.append(_Act(pos, self.index.para(pos), speaker, speech))
        self.acts.sort(key=lambda a: a.pos)

    def recent(self, pos: int) -> list[_Act]:
        """Acts before ``pos`` in its paragraph and the few before it, latest first."""
        para = self.index.para(pos)
        return [a for a in reversed(self.acts) if a.pos < pos and a.para >= para - _PARAGRAPHS_BACK]

    def last_speech(self, para: int) -> Speaker | None:
        acts = [a for a in self.acts if a.para == para and a.speech]
        return acts[-1].speaker if acts else None

    def phrase(self, tokens: list[Token]) -> Speaker | None:
        """The speaker a noun phrase names, or None when unclear."""
        tokens = _trim(tokens)
        if not tokens or len(tokens) > 16 or any(t.pos_ == "VERB" and t.dep_ != "amod" for t in tokens):
            return None
        if len(tokens) == 1 and tokens[0].lower_ in _PRONOUNS and tokens[0].i not in self.index.by_token:
            return self.pronoun(tokens[0])
        root = _root(tokens)
        lemma = root.lemma_.lower()
        if lemma in self.lex.document_nouns or lemma in self.lex.role_nouns:
            return self._issuer(tokens, root, lemma in self.lex.role_nouns)
        mention = self.index.by_token.get(root.i) or self.index.by_surname(root)
        if mention is not None and mention.label in _SPEAKER_LABELS:
            text = mention.text if root.i in self.index.by_token else root.text
            return Speaker(mention.key, text, mention.label)
        if self.index.mentions_in(tokens):
            return None  # names inside, but not as the head: "allies of X", "X's critics"
        if tokens[0].lower_ in ("the", "this", "that"):
            return self._nominal(root, tokens[0].idx)
        return None

    def _issuer(self, tokens: list[Token], root: Token, role: bool) -> Speaker | None:
        """"a statement from X" / "X's spokesperson" -> X."""
        mentions = [m for m in self.index.mentions_in(tokens) if m.label in _SPEAKER_LABELS]
        text = _text(tokens) if role else None
        if not mentions:
            return self._nominal(root, tokens[0].idx)
        best = min(mentions, key=lambda m: (_LABEL_RANK[m.label], m.start))
        if text is None:
            after = [t for t in tokens if t.i > root.i]
            text = _text(_trim(after[1:])) if after and after[0].pos_ == "ADP" else best.text
        return Speaker(best.key, text, best.label)

    def _nominal(self, root: Token, pos: int) -> Speaker | None:
        """"the spokesperson" / "the ministry": a recent speaker or name containing the noun."""
        word = root.lower_
        for act in self.recent(pos):
            if act.speaker is not None and word in act.speaker.text.lower():
                return act.speaker
        if root.lemma_.lower() not in self.lex.organisation_nouns:
            return None
        para = self.index.para(pos)
        keys = {m.key: m for m in self.index.by_token.values()
                if m.start < pos and m.label == "ORG" and word in m.text.lower()
                and self.index.para(m.start) >= para - _PARAGRAPHS_BACK}
        if len(keys) != 1:
            return None
        m = next(iter(keys.values()))
        return Speaker(m.key, m.text, m.label)

    def pronoun(self, token: Token) -> Speaker | None:
        """The latest fitting subject or speaker before a pronoun; None when it is unclear."""
        labels = _PRONOUNS[token.lower_]
        for act in self.recent(token.idx):
            if act.speaker is None:
                if act.speech:
                    return None  # the latest speech act had an unclear subject
                continue
            if act.speaker.label in labels:
                return act.speaker
        return None


def _trim(tokens: list[Token]) -> list[Token]:
    """Strip punctuation, conjunctions and adverbs ("also", "later") from both ends."""
    drop = ("PUNCT", "CCONJ", "ADV", "SPACE", "PART")
    lo, hi = 0, len(tokens)
    while lo < hi and (tokens[lo].pos_ in drop or tokens[lo].is_quote):
        lo += 1
    while hi > lo and (tokens[hi - 1].pos_ in drop or tokens[hi - 1].is_quote):
        hi -= 1
    return tokens[lo:hi]


def _root(tokens: list[Token]) -> Token:
    ids = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    return heads[0] if heads else tokens[-1]


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc.text[tokens[0].idx:tokens[-1].idx + len(tokens[-1])]


# --------------------------------------------------------------------------- speech acts


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, borrowed from the governing verb for "..., adding that ...")."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if verb.dep_ not in ("advcl", "xcomp", "conj", "pcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _is_speech_verb(token: Token, lex: _Lexicon) -> bool:
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("amod", "compound"):
        return False
    lemma = token.lemma_.lower()
    if lemma in lex.verbs:
        return True
    if lemma in lex.document_verbs or token.lower_ in lex.document_verbs:
        subj = _subject(token)
        return subj is not None and subj.lemma_.lower() in lex.document_nouns
    return False


def _preposition_object(token: Token, lex: _Lexicon) -> list[Token] | None:
    """"according to X" starting at ``token`` -> X's tokens."""
    doc = token.doc
    for words in lex.prepositions:
        end = token.i + len(words)
        if end <= len(doc) and tuple(t.lower_ for t in doc[token.i:end]) == words:
            obj: list[Token] = []
            for t in doc[end:min(len(doc), end + 12)]:
                if t.is_punct or t.is_quote or (t.pos_ == "VERB" and t.dep_ != "amod"):
                    break
                obj.append(t)
            return obj
    return None


def _record_acts(doc: Doc, res: _Resolver) -> dict[int, Speaker | None]:
    """Walk the text once, recording speech acts and named subjects; returns verb -> speaker."""
    lex = res.lex
    by_verb: dict[int, Speaker | None] = {}
    for token in doc:
        if token.i in res.index.quoted:
            continue
        obj = _preposition_object(token, lex) if token.lower_ in ("according", "in") else None
        if obj:
            res.add(token.idx, res.phrase(obj), True)
        elif _is_speech_verb(token, lex):
            subj = _subject(token)
            speaker = None
            if subj is not None and not _coordinated(subj):
                speaker = res.phrase(list(doc[subj.left_edge.i:subj.right_edge.i + 1]))
            by_verb[token.i] = speaker
            if speaker is not None or _blocks(token, subj, res.index):
                res.add(subj.idx if subj is not None else token.idx, speaker, True)
        elif token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT":
            mention = res.index.by_token.get(token.i)
            if mention is not None:
                speaker = None if _coordinated(token) else Speaker(mention.key, mention.text, mention.label)
                res.add(token.idx, speaker, False)
    return by_verb


def _blocks(verb: Token, subj: Token | None, index: _Index) -> bool:
    """Whether an unresolved speech act hides earlier speakers from later pronouns."""
    if verb.lemma_.lower() in _CORE_VERBS:
        return True
    if subj is None:
        return False
    tokens = subj.doc[subj.left_edge.i:subj.right_edge.i + 1]
    return subj.pos_ in ("PRON", "PROPN") or bool(index.mentions_in(tokens))


_CORE_VERBS = frozenset({"say", "tell", "add", "write"})


def _coordinated(token: Token) -> bool:
    return token.dep_ == "conj" or any(c.dep_ == "conj" for c in token.children)


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
    def __init__(self, doc: Doc, res: _Resolver, by_verb: dict[int, Speaker | None]) -> None:
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
            obj = _preposition_object(token, lex) if token.lower_ in ("according", "in") and k == 0 else None
            if obj:
                return True, self.res.phrase(obj)
            if _is_speech_verb(token, lex):
                before = tokens[:k]
                if _trim(before):
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
        for k in range(len(tokens) - 1, -1, -1):
            token = tokens[k]
            if token.i in self.by_verb:
                return True, self.by_verb[token.i]
            if _is_speech_verb(token, lex):
                subj = _subject(token)
                if subj is None:
                    return True, None
                return True, self.res.phrase(list(self.doc[subj.left_edge.i:subj.right_edge.i + 1]))
        if tokens and tokens[0].lower_ in ("according", "in"):
            obj = _preposition_object(tokens[0], lex)
            if obj:
                return True, self.res.phrase(obj)
        return False, None


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
    if prev is not None and prev[1] is not None and _clause_start(text, q.open) == q.open:
        prev_q, speaker = prev
        if res.index.para(prev_q.open) == para and len(text[prev_q.close:q.open]) <= 80:
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
    index = _Index(doc, list(mentions) if mentions is not None else fallback_mentions(doc), spans)
    res = _Resolver(index)
    att = _Attributor(doc, res, _record_acts(doc, res))
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
    inner = text[q.open + 1:q.close - 1].rstrip()
    after = text[q.close:q.close + 2].lstrip(" ")
    return bool(inner) and (inner[-1] in ",.?!\u2014\u2013-…" or after.startswith(","))


def set_annotations(doc: Doc, quotes: list[Quote]) -> None:
    doc._.storyline_quotes = list(quotes)
