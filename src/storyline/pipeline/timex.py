"""spaCy stage ``storyline_timex``: time expressions normalised against the document date.

The expressions are found by compiled regexes over ``doc.text`` (:mod:`storyline.time`);
spaCy is only asked for the tense of the clause that governs each expression (the
dependency parse: will/shall/'s going to/expected to/scheduled to/plans to → future,
VBD or has+VBN → past), which decides 'met on Tuesday' against 'will meet on Tuesday'.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..clean.dateline import text_dates
from ..records import Timex
from ..time import Hit, normalise_hits, parse_dct, scan
from ..time.lexicon import lexicon

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "ll", "must", "should", "would"})
_FUTURE_HEADS = frozenset({"expect", "schedule", "plan", "set", "due", "go", "intend", "aim", "prepare",
                           "hope", "seek", "want", "agree", "promise", "vow", "pledge", "threaten",
                           "need", "have", "try", "wish", "propose", "decide", "slate", "poise",
                           "likely", "unlikely", "certain", "sure", "bound", "poised"})
# Verbs whose object or time is still ahead whatever their tense: 'has scheduled a news
# conference Thursday', 'planned a rally on Saturday'.
_PLAN_VERBS = frozenset({"schedule", "reschedule", "plan", "slate"})
# Verbs that fix a day for something: 'set sentencing for Sept. 18', 'called an election for May 3'
_FIXING_VERBS = frozenset({"set", "reset", "call", "fix", "book", "move", "bring", "push", "reschedule"})
# Nouns whose to-infinitive is still ahead: 'a commitment to hold the first meeting in November'.
_FUTURE_HEAD_NOUNS = frozenset({"commitment", "plan", "pledge", "promise", "intention", "proposal", "offer",
                                "invitation", "bid", "vow", "undertaking"})
# Verbs that push something to a later time: 'postponed until Tuesday'.
_PUSH_VERBS = frozenset({"postpone", "delay", "defer", "adjourn", "extend", "suspend", "recess", "give", "grant"})
# Words just before the expression that fix its direction whatever the verb says.
_FUTURE_CUE = re.compile(r"(?i:\b(?:as\s+(?:soon|early)\s+as|effective|starting|beginning\s+on)\s+)$")
_THROUGH = re.compile(r"(?i:\bthrough\s+)$")
_PAST_TAGS = frozenset({"VBD"})
# 'could impose a duty from July 1', 'may meet on Friday': a possibility still open.  Not
# 'could not be reached Tuesday', 'could be located Wednesday' (an attempt, done or failed)
# or 'may have met Friday' (a past guess).
_MODALS = frozenset({"could", "may", "might", "can", "ca"})


def _open_possibility(verb: Token, auxes: set[str], token: Token | None = None) -> bool:
    """A modal possibility governs ``token`` only when the expression follows the verb ('on
    Thursday that strikes could ...' is the day of the warning, not of the strikes)."""
    if not auxes & _MODALS or auxes & {"have", "'ve", "be", "been"} or (token is not None and token.i < verb.i):
        return False
    return not any(c.dep_ == "neg" for c in verb.children)


_MAX_CLIMB = 8


def _governor(token: Token) -> Token | None:
    """The verb whose clause contains ``token`` (climbing the dependency tree)."""
    start = token
    for _ in range(_MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound"):
            return _reporting_verb(start, token)
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _reporting_verb(token: Token, verb: Token) -> Token:
    """``verb``, or the verb reporting its clause when ``token`` stands between the two, before
    the clause's subject: 'said on Thursday he would travel' (the parser may hang 'on
    Thursday' from 'travel'; it is when he said it)."""
    report = verb.head
    if verb.dep_ != "ccomp" or not report.i < token.i < verb.i:
        return verb
    opening = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "mark")]  # 'that', 'he'
    return report if opening and token.i < min(opening) else verb


def misread_past(verb: Token) -> bool:
    """A simple past the tagger read as a participle ('Trump announced on Feb. 5', 'a levy
    that Trump imposed'): a participle without an auxiliary has no subject of its own."""
    return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children) \
        and any(c.dep_ == "nsubj" for c in verb.children)


def be_to(verb: Token) -> bool:
    """'is to resume trading Tuesday', 'Pompeo is to fly to Seoul': be + to-infinitive is a
    plan (not a purpose)."""
    head = verb.head
    return (head.lemma_.lower() == "be" and head.i < verb.i and head.dep_ in ("ROOT", "ccomp", "conj")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))  # fmt: skip


def _reduced_relative(verb: Token) -> str | None:
    """'the decision, announced Wednesday': a bare participle tells of a done deed."""
    if verb.tag_ != "VBN" or verb.dep_ not in ("acl", "advcl") or any(c.dep_.startswith("aux") for c in verb.children):
        return None
    planned = verb.lemma_.lower() in _PLAN_VERBS or (
        verb.lemma_.lower() in _FIXING_VERBS and any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children)
    )  # 'the meeting, set for June 12'
    return "future" if planned else "past"


def _own_tense(verb: Token, token: Token | None = None) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    auxes += [g for a in auxes for g in a.children if g.dep_ == "aux"]  # 'will be closed': will → be
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX or _open_possibility(verb, words, token):
        return "future"
    if verb.tag_ in _PAST_TAGS or any(a.tag_ in _PAST_TAGS for a in auxes):
        return "past"
    if (verb.tag_ == "VBN" or "been" in words) and words & {"has", "have", "'ve", "'s"}:
        return "past"  # 'has met', 'have been searching since Oct. 23'
    if misread_past(verb):
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
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _stated_tense(verb: Token) -> str | None:
    """The first tense a verb states, climbing from participles ('with holders tendering')."""
    for _ in range(3):
        own = _own_tense(verb)
        if own is not None or verb.head.i == verb.i:
            return own
        governor = _governor(verb.head)
        if governor is None:
            return None
        verb = governor
    return None


def _noun_cue_only(token: Token) -> bool:
    """The expression modifies a plan noun ('the Tuesday deadline') with no future adjective."""
    head = token.head
    return head.lemma_.lower() in _FUTURE_NOUNS and not any(
        c.dep_ == "amod" and c.lower_ in _FUTURE_ADJ for c in head.children
    )


def tense_of(token: Token) -> str:
    """past | present | future | none for the clause governing ``token``."""
    cue = _phrase_cue(token)
    verb = _governor(token)
    if cue == "future" and verb is not None and _noun_cue_only(token) and _stated_tense(verb) == "past":
        return "past"  # 'shares tendered by the Tuesday deadline': a deadline already met
    if cue is not None:
        return cue
    if verb is None:
        return "none"
    if verb.lower_ in _FUTURE_ADJ and verb.tag_ in ("VBN", "JJ") and not any(
        c.dep_.startswith("aux") for c in verb.children
    ):
        return "future"
    return _clause_tense(token, verb)


def _had(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in verb.children)


def _clause_tense(token: Token, verb: Token) -> str:
    """The tense of ``verb``'s clause, climbing through infinitives and complements."""
    for _ in range(3):
        head = verb.head
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if infinitive or verb.dep_ == "xcomp":
            if head.i == verb.i or (not _stems(head) & (_FUTURE_HEADS | _FUTURE_HEAD_NOUNS) and not be_to(verb)):
                return "none"
            perfect = _had(head) or (head.dep_ == "acomp" and _had(head.head))  # "had been due to"
            return "past" if perfect else "future"
        if (verb.lemma_.lower() in _PLAN_VERBS and token.i > verb.i) or _set_for(token, verb) \
                or _forecast(token, verb):
            return "future"
        own = _own_tense(verb, token) or _reduced_relative(verb)
        if own == "future" and future_in_past(verb) and token.lower_ not in lexicon().weekdays:
            return "none"  # 'announced on Feb. 5 that they would meet on Feb. 27': ahead of then, not of now
        if own == "present" and token.dep_ == "compound" and token.head.pos_ == "NOUN":
            return "past"  # 'follows a December call': a named event, already held
        if own is not None:
            return own
        if verb.dep_ not in ("xcomp", "ccomp", "conj", "advcl") or head.i == verb.i:
            break
        verb = head
    return "none"


def _stems(tok: Token) -> set[str]:
    """The lemma and the plain stems of a verb form: the lemmatizer reads 'hopes' as 'hop'."""
    low = tok.lower_
    return {tok.lemma_.lower(), low, low[:-1], low[:-2], low[:-3] + "e"}


def _set_for(token: Token, verb: Token) -> bool:
    """The expression is what a fixing verb set something for: a day still ahead of it."""
    return token.head.lower_ == "for" and token.head.head.i == verb.i and verb.lemma_.lower() in _FIXING_VERBS


_FORECAST_VERBS = frozenset({"expect", "forecast", "predict", "anticipate", "project"})


def _forecast(token: Token, verb: Token) -> bool:
    """'more rain was expected over the weekend': what was forecast lies ahead of the forecast."""
    return (verb.lemma_.lower() in _FORECAST_VERBS and token.i > verb.i
            and any(c.dep_ == "auxpass" for c in verb.children))  # fmt: skip


def future_in_past(verb: Token) -> bool:
    """'would meet' in what a past verb reported: the future of the report, which may be
    over by now."""
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if "would" not in auxes or verb.dep_ != "ccomp" or verb.head.i == verb.i:
        return False
    head = verb.head
    bare_participle = head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in head.children)
    return bare_participle or _own_tense(head) == "past"  # 'Trump, who ..., announced ... that'


def _after_event(token: Token) -> bool:
    """'after a call between officials on Saturday': the day of an event already over."""
    passed_noun = False
    for _ in range(6):
        if token.head.i == token.i or token.pos_ in ("VERB", "AUX"):
            return False
        token = token.head
        if token.pos_ in ("NOUN", "PROPN"):
            passed_noun = True
        elif token.lower_ in ("after", "following") and token.dep_ == "prep":
            return passed_noun
    return False


def _pushed_until(text: str, hit: Hit, token: Token) -> bool:
    """'postponed until Tuesday', 'extended its deadline until 9 a.m. Tuesday'."""
    if not re.search(r"(?i:\b(?:until|till)\s+(?:\S+\s+){0,3})$", text[max(0, hit.start - 30) : hit.start]):
        return False
    verb = _governor(token)
    return verb is not None and verb.lemma_.lower() in _PUSH_VERBS


def hit_tense(doc: Doc, hit: Hit) -> str:
    """The tense that decides ``hit``: cue words first, then the parse."""
    if _FUTURE_CUE.search(doc.text[max(0, hit.start - 24) : hit.start]):
        return "future"
    span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
    if span is None or not len(span):
        return "none"
    if hit.rule in ("weekday", "clock", "clock_part", "noon") and _pushed_until(doc.text, hit, span.root):
        return "future"
    if hit.rule == "weekday" and _after_event(span.root):
        return "past"
    tense = tense_of(span.root)
    if tense == "present" and hit.rule == "weekday" and re.match(r"['’]s\b", doc.text[hit.end : hit.end + 3]):
        return "past"  # "over Thursday's closing price": a day whose results are in
    if (hit.deadline or _THROUGH.search(doc.text[max(0, hit.start - 12) : hit.start])) and tense == "present":
        return "future"  # "bids are due by March 31", "the ban runs until June 30", "gives room through the first quarter"
    return tense


def _aside(doc: Doc, t: Timex) -> bool:
    """A date told out of the narrative's order: in a past-perfect clause ('a meeting in
    July had been held …') or a relative or participial one ('a complaint it filed on
    September 11', 'the deal, signed in July')."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    verb = _governor(span.root)
    if verb is None:
        return False
    return _had(verb) or verb.dep_ in ("relcl", "acl")


def find(doc: Doc) -> list[Timex]:
    """Time expressions of ``doc`` normalised against ``doc._.storyline_dct``; the date of a
    dateline or publication line is marked PUBLICATION_TIME (it dates an undated article)."""
    hits = scan(doc.text)
    tenses = [hit_tense(doc, hit) for hit in hits]
    found = [t.replace(aside=True) if _aside(doc, t) else t
             for t in normalise_hits(hits, parse_dct(doc._.storyline_dct), tenses)]  # fmt: skip
    lines = [(e.start, e.end) for e in text_dates(doc.text) if e.kind in ("dateline", "published")]
    return [t.replace(function="PUBLICATION_TIME") if any(s < t.end and t.start < e for s, e in lines) else t
            for t in found]  # fmt: skip


def set_annotations(doc: Doc, timexes: list[Timex]) -> None:
    doc._.storyline_timexes = timexes
