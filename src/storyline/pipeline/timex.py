"""spaCy stage ``storyline_timex``: time expressions normalised against the document date.

The expressions are found by compiled regexes over ``doc.text`` (:mod:`storyline.time`);
spaCy is only asked for the tense of the clause that governs each expression (the
dependency parse: will/shall/'s going to/expected to/scheduled to/plans to → future,
VBD or has+VBN → past), which decides 'met on Tuesday' against 'will meet on Tuesday'.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..records import Timex
from ..time import normalise_hits, parse_dct, scan

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "ll", "must", "should", "would"})
_FUTURE_HEADS = frozenset({"expect", "schedule", "plan", "set", "due", "go", "intend", "aim", "prepare",
                           "hope", "seek", "want", "agree", "promise", "vow", "pledge", "threaten",
                           "need", "have", "try", "wish", "propose", "decide", "slate", "poise"})
_PAST_TAGS = frozenset({"VBD"})
_MAX_CLIMB = 8


def _governor(token: Token) -> Token | None:
    """The verb whose clause contains ``token`` (climbing the dependency tree)."""
    for _ in range(_MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound"):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _own_tense(verb: Token) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if verb.tag_ in _PAST_TAGS or any(a.tag_ in _PAST_TAGS for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and words & {"has", "have", "'ve", "'s"}:
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return None


_FUTURE_ADJ = frozenset({"upcoming", "awaited", "planned", "scheduled", "expected", "forthcoming",
                         "proposed", "anticipated", "coming", "future", "next"})
_FUTURE_NOUNS = frozenset({"plan", "deadline", "target", "schedule", "timeline", "timetable"})


def _phrase_cue(token: Token) -> str | None:
    """Cues inside the noun phrase: 'the upcoming April summit' (future), 'since April' (past)."""
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX"):
            return None
        if token.lower_ == "since" and token.dep_ == "prep":
            return "past"
        if token.lemma_.lower() in _FUTURE_NOUNS or any(
            c.dep_ == "amod" and c.lower_ in _FUTURE_ADJ for c in token.children
        ):
            return "future"
        if token.head is token:
            return None
        token = token.head
    return None


def tense_of(token: Token) -> str:
    """past | present | future | none for the clause governing ``token``."""
    cue = _phrase_cue(token)
    if cue is not None:
        return cue
    verb = _governor(token)
    if verb is None:
        return "none"
    if verb.lower_ in _FUTURE_ADJ and verb.tag_ in ("VBN", "JJ") and not any(
        c.dep_.startswith("aux") for c in verb.children
    ):
        return "future"
    for _ in range(3):
        head = verb.head
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if infinitive or verb.dep_ == "xcomp":
            if head is verb or head.lemma_.lower() not in _FUTURE_HEADS:
                return "none"
            perfect = any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in head.children)
            return "past" if perfect else "future"
        own = _own_tense(verb)
        if own == "present" and token.dep_ == "compound" and token.head.pos_ == "NOUN":
            return "past"  # 'follows a December call': a named event, already held
        if own is not None:
            return own
        if verb.dep_ not in ("xcomp", "ccomp", "conj", "advcl") or head is verb:
            break
        verb = head
    return "none"


def find(doc: Doc) -> list[Timex]:
    """Time expressions of ``doc`` normalised against ``doc._.storyline_dct``."""
    hits = scan(doc.text)
    tenses = []
    for hit in hits:
        span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
        tenses.append(tense_of(span.root) if span is not None and len(span) else "none")
    return normalise_hits(hits, parse_dct(doc._.storyline_dct), tenses)


def set_annotations(doc: Doc, timexes: list[Timex]) -> None:
    doc._.storyline_timexes = timexes
