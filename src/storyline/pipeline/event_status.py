"""Event status from tense, modality and the words around the trigger.

planned · threatened · announced · occurred · in_effect · eased · suspended · cancelled · unknown
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from ..records import Timex
from ..summaries import COMMUNICATION
from .event_args import ancestors_upto, first_to, governor, in_temporal_pp
from .event_triggers import COMMIT_VERBS
from .lexicon import load
from .timex import be_to, misread_past

FUTURE_AUX = {"will", "'ll", "shall", "would", "could", "may", "might"}


@cache
def _words(name: str) -> frozenset[str]:
    return frozenset(load("event_triggers")["status"][name])


MEASURES = ("tariff", "export_control", "sanction")


def _conditional(verb: Token) -> bool:
    """The clause carries an 'unless …' / 'if …' condition."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children)
        for c in verb.children
    )


def clause_tense(verb: Token) -> str:
    """past | present | future | none, from the verb and its auxiliaries."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in aux}
    if lowers & FUTURE_AUX or any(a.lower_ == "going" for a in aux):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
        return "past"
    if (verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in aux)) or misread_past(verb):
        return "past"
    if verb.tag_ in ("VBZ", "VBP", "VBG") or any(a.tag_ in ("VBZ", "VBP") for a in aux):
        return "present"
    if verb.tag_ == "VB" and verb.dep_ == "xcomp":
        if be_to(verb):
            return "future"  # 'is to fly to Seoul on Wednesday'
        return clause_tense(verb.head) if verb.head.i != verb.i else "none"
    if verb.tag_ == "VB" and verb.dep_ in ("relcl", "acl") and first_to(verb.head.head):
        return clause_tense(verb.head.head)  # 'became the first leader to set foot in X'
    return "none"


def _context(trigger: Token) -> set[str]:
    """Lower-cased words that govern or modify the trigger, for modality cues."""
    gov = governor(trigger)
    words = {trigger.lower_, trigger.lemma_.lower()}
    finite = gov.pos_ == "VERB" and gov.tag_ in ("VBD", "VBZ", "VBP") and gov.dep_ != "xcomp"
    chain = (trigger, gov) if finite else (trigger, gov, *ancestors_upto(trigger, 3))
    for tok in chain:
        words.add(tok.lower_)
        words.add(tok.lemma_.lower())
        for c in tok.children:
            if c.dep_ in ("aux", "auxpass", "amod", "advmod", "neg", "xcomp", "compound", "prt"):
                words.add(c.lower_)
                words.add(c.lemma_.lower())
            # 'took effect', 'came into force'
            words.update(g.lower_ for g in (c, *c.children) if c.dep_ in ("dobj", "prep") and g.lower_ in _EFFECT)
    return words


_EFFECT = frozenset({"effect", "force"})


def status_of(trigger: Token, event_type: str, when: Timex | None, dct: str | None) -> str:
    """The status of an event from its trigger's clause and its date against the DCT."""
    words = _context(trigger)
    gov = governor(trigger)
    tense = clause_tense(gov)
    if in_temporal_pp(trigger) and trigger.head.lower_ != "before" and trigger.head.head.lower_ not in ("ahead", "prior"):
        tense = "past"  # "after a video call", "following the talks", "since the summit"
        words = {trigger.lower_, trigger.lemma_.lower()}
    narrating = _relative_clause(trigger)
    if narrating is not None:  # 'left before the meeting, which Xi will attend on Friday'
        tense = clause_tense(narrating)
        words = {trigger.lower_, trigger.lemma_.lower(), narrating.lower_, narrating.lemma_.lower(),
                 *(c.lower_ for c in narrating.children if c.dep_ in ("aux", "auxpass", "advmod", "neg"))}
    marked = _threat_or_end(words, gov, tense) if event_type != "statement" else None
    if marked is not None:
        return marked
    own = {trigger.lower_, trigger.lemma_.lower()}  # 'asset freezes' are the measure, not a pause of one
    changed = _own_change(trigger, own, tense) if event_type in MEASURES else None
    if changed is not None:
        return changed
    measure = _measure_status(words - own, tense, gov) if event_type in MEASURES else None
    if measure is not None:
        return measure
    if event_type == "agreement" and tense != "future":  # 'suspended its part in the deal', 'refused to extend it'
        verbs = {w for t in (gov, trigger.head) for w in (t.lower_, t.lemma_.lower())}
        verbs |= own if trigger.pos_ == "VERB" else set()  # a 'truce' is no suspension of itself
        changed = next((st for st in ("cancelled", "suspended") if verbs & _words(st)), None)
        if changed:
            return changed
    cues = words - own  # not the trigger itself: 'set foot in'
    # talks someone agreed or promised to hold are still to come ('agreed to cut a duty' is
    # the measure's own business: a tariff's status comes from its own words)
    committed = event_type in COMMUNICATION and bool(cues & COMMIT_VERBS) and not _setting_of(trigger, gov)
    if tense == "future" or cues & _words("planned") or committed:
        return _planned_unless_past(when, dct)  # 'agreed to revive negotiations'
    if _after(when, dct):  # 'tariffs Trump has promised for April 2'; 'once it enters into
        # force, which officials expect early next year': a day still ahead has not happened
        return "planned"
    if tense == "past" or _before(when, dct):
        return "occurred"
    return "unknown"


# phrasal verbs that end or put off the event that is their object
PHRASAL_ENDS = {("call", "off"): "cancelled", ("break", "off"): "cancelled", ("put", "off"): "suspended"}


def _threat_or_end(words: set[str], verb: Token, tense: str) -> str | None:
    """Threatened; or ended by a phrasal verb ('called off the summit', 'broke off talks',
    'put off the visit') unless that is still ahead."""
    if words & _words("threatened"):
        return "threatened"
    if tense == "future":
        return None
    lemma = verb.lemma_.lower()
    particles = (c.lower_ for c in verb.children if c.dep_ == "prt")
    return next((PHRASAL_ENDS[(lemma, p)] for p in particles if (lemma, p) in PHRASAL_ENDS), None)


SETTING_PREPS = frozenset({"in", "during", "at", "over", "on", "by"})


def _setting_of(trigger: Token, verb: Token) -> bool:
    """'agreed in a telephone call to halt strikes', 'pledged at the summit': the event is
    where the committing happened, not what was committed to."""
    return (trigger.dep_ == "pobj" and trigger.head.lower_ in SETTING_PREPS
            and trigger.head.head.i == verb.i and verb.i != trigger.i)


def _relative_clause(trigger: Token) -> Token | None:
    """The tensed relative clause that narrates a noun trigger itself ('the meeting, which
    Xi will attend on Friday', 'the forum, which he is attending'): its tense, not that of
    the clause the noun stands in ('He left before …'), is the event's."""
    if trigger.pos_ not in ("NOUN", "PROPN") or trigger.dep_ in ("nsubj", "nsubjpass"):
        return None  # 'the levy that he had placed … would be halved': its own verb tells its news
    return next((c for c in trigger.children if c.dep_ == "relcl" and clause_tense(c) != "none"), None)


def still_ahead(trigger: Token) -> bool:
    """'(which officials expect next year) after ratification': an undated event in an
    'after'/'once' phrase of a clause that is still ahead is itself still to come ('was
    arranged following a call' is not ahead)."""
    if not in_temporal_pp(trigger) or trigger.head.lower_ not in ("after", "once", "following"):
        return False
    mark = trigger.head  # 'after'/'once', or 'following' parsed as a verb
    clause = governor(mark.head if mark.head.i != mark.i else mark)
    tense = clause_tense(clause)
    return tense == "future" or (tense != "past" and bool(_context(trigger) & _words("planned")))


def _own_change(trigger: Token, own: set[str], tense: str) -> str | None:
    """A measure's trigger that is itself the change: 'eased the curbs on photoresists',
    'exempted all goods that comply with the pact'."""
    if tense == "future":
        return None
    if own & _words("eased"):
        return "eased"
    if trigger.pos_ != "VERB" or trigger.lemma_.lower() in MEASURE_VERBS:
        return None  # 'the asset freezes' (read as a verb) are the sanction itself
    return "suspended" if own & _words("suspended") else None


MEASURE_VERBS = frozenset({"freeze"})


# statuses that change a measure already in place, in the order their words are tried
CHANGES = ("cancelled", "suspended", "eased")


def _measure_status(words: set[str], tense: str, gov: Token) -> str | None:
    """Tariffs, sanctions and controls: threatened, cancelled, suspended, eased, in effect,
    announced."""
    if tense == "future" and _conditional(gov):
        return "threatened"  # "will raise tariffs to 40% unless the EU agrees"
    for status in CHANGES:
        if words & _words(status):
            return status
    if tense == "future" or words & _words("planned"):
        return None
    if gov.dep_ == "xcomp" and gov.head.lemma_.lower() in COMMIT_VERBS and gov.head.lemma_.lower() != "decide":
        return "announced"  # 'agreed on Tuesday to cut its tariff to 10%': agreed that day, done later
    if words & _words("in_effect"):
        return "in_effect"
    return "announced" if words & _words("announced") else None


def _before(when: Timex | None, dct: str | None) -> bool:
    return bool(when and when.hi and dct and when.hi <= dct)


def _after(when: Timex | None, dct: str | None) -> bool:
    return bool(when and when.lo and dct and when.lo > dct[:10])


def _planned_unless_past(when: Timex | None, dct: str | None) -> str:
    """Planned, unless the date given is already over at the DCT (then it happened)."""
    if when and when.hi and dct and when.hi < dct and (when.lo or "") < dct:
        return "occurred"
    return "planned"
