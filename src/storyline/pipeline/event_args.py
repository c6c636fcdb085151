"""Arguments of an event trigger from the dependency parse: participants, place, time.

All functions are pure over a parsed Doc and the records earlier stages wrote on it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..dictionary import load_dictionary
from ..records import PLACE_KEYS, Mention, Timex
from ..time.patterns import compiled
from ..time.relative import DAY_STEPS
from ..time.shift import count_from, shift
from . import anaphora

PLACE_LABELS = {"GPE", "LOC", "FAC"}
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
PLACE_PREPS = {"in", "at", "to", "inside", "near", "outside", "on", "through"}
PRONOUNS = {"he", "she", "him", "her", "his"}
SKIP_PREPS = {"according", "after", "ahead", "before", "following", "since", "despite", "amid", "than"}
VISIT_VERBS = {"visit", "travel", "tour", "fly"}
GROUP_PRONOUNS = {"they", "them", "their", "both"}


@dataclass(frozen=True, slots=True)
class DocIndex:
    """Token → mention and token → timex lookups for one Doc."""

    mention_at: tuple[Mention | None, ...]
    timex_at: tuple[Timex | None, ...]
    linked: dict[int, Timex | None] = field(default_factory=dict, compare=False)  # linked_timex, by token

    @classmethod
    def build(cls, doc: Doc) -> DocIndex:
        mentions: list[Mention | None] = [None] * len(doc)
        timexes: list[Timex | None] = [None] * len(doc)
        for m in doc._.storyline_mentions or ():
            for tok in _tokens_in(doc, m.start, m.end):
                mentions[tok.i] = m
        previous: Timex | None = None  # the last date the text named: 'a week later' counts from it
        found = doc._.storyline_timexes or ()
        by_start = {t.start: t for t in found}
        for t in found:
            if t.type == "DURATION":
                t = _shifted(doc, t, previous if t.counts_from is None else by_start.get(t.counts_from))
            elif previous is not None and previous.counts_from is not None:
                t = _same_day(t, previous)
            if t.type not in ("DATE", "TIME"):
                continue
            tokens = _tokens_in(doc, t.start, t.end)
            if t.lo and not (len(tokens) and _background(tokens[0])):
                previous = t
            for tok in tokens:
                timexes[tok.i] = t
        return cls(tuple(mentions), tuple(timexes))


def _same_day(t: Timex, counted: Timex) -> Timex:
    """'On the same day', 'the next day' after 'Five days later': counted from the day the
    events stage counted (the timex stage, which cannot count, read the last day it saw)."""
    m = dict(compiled())["day_after"].fullmatch(t.text)  # the timex stage's own 'the same day', 'the next day'
    if m is None or (m.group("pod1") or m.group("pod2")).lower() != "day" or counted.lo is None \
            or counted.lo != counted.hi:
        return t
    step = DAY_STEPS.get((m.group("dir") or "").lower(), 0)
    day = (dt.date.fromisoformat(counted.lo) + dt.timedelta(days=step)).isoformat()
    return t.replace(value=day, lo=day, hi=day, precision="day", counts_from=counted.counts_from)


def _background(tok: Token) -> bool:
    """A date in a relative clause or a 'since/after' phrase ('a summit that opened on May
    12'): background, not the day the story has reached."""
    return in_temporal_pp(tok) or below_clause(tok, {"relcl", "acl"})


def below_clause(tok: Token, deps: set[str]) -> bool:
    """Some head on the way from ``tok`` to the root is attached by one of ``deps``."""
    cur = tok
    while cur.head.i != cur.i:
        if cur.dep_ in deps:
            return True
        cur = cur.head
    return False


_FROM_NOW = re.compile(r"\s+(?:from now|hence)\b", re.I)
_AGO = re.compile(r"\s+ago\b", re.I)
# not a comparison: 'a day earlier than it had first signalled' moves no date
_LATER = re.compile(r"\s+(?:later|after that|afterwards|thereafter)\b(?!\s+than\b)", re.I)
_EARLIER = re.compile(r"\s+(?:earlier|before that|before then)\b(?!\s+than\b)", re.I)


def _shifted(doc: Doc, t: Timex, previous: Timex | None) -> Timex:
    """A duration counted from a day is a date.  'two days ago', 'a month from now', 'in
    three weeks' count from the DCT: the value becomes '+P3W' / '-P2D' so re-dating can shift
    it again.  'a week later', 'two days earlier' count from the last date the text named
    (none named: no date; the event takes the story's running time instead); 'four days
    after the talks' from the day the text gave the talks (``previous`` is that day).  A
    past 'in three weeks' is a span ('the first summit in 15 months'), not a date."""
    if not re.fullmatch(r"P\d+[DWMY]", t.value) or not doc._.storyline_dct:
        return t
    after = doc.text[t.end : t.end + 16]
    before = doc.text[max(t.start - 4, 0) : t.start].lower()
    dct = dt.date.fromisoformat(doc._.storyline_dct)
    if t.counts_from is None and (_FROM_NOW.match(after) or (before.endswith("in ") and t.mod is None
                                                            and t.tense != "past" and _on_a_verb(doc, t))):
        return shift(t.replace(type="DATE", value="+" + t.value), dct)
    if t.counts_from is None and _AGO.match(after):
        return shift(t.replace(type="DATE", value="-" + t.value), dct)
    sign = _direction(t, after)
    if sign is None or previous is None:
        return t
    return count_from(t, previous, sign == "-", exact=t.counts_from is not None) or t


def _direction(t: Timex, after: str) -> str | None:
    """'+' for a duration counted forward from a day ('four days after the talks', 'a week
    later'), '-' backward ('two days before the vote', 'a day earlier'), None otherwise."""
    if t.counts_from is not None:
        return "-" if t.counts_back else "+"
    return "+" if _LATER.match(after) else "-" if _EARLIER.match(after) else None


def _on_a_verb(doc: Doc, t: Timex) -> bool:
    """'will meet in three weeks' (a date ahead), not 'the first talks in three years' or 'the
    highest level in three weeks' (a span, the 'in' phrase hanging from a noun)."""
    tokens = _tokens_in(doc, t.start, t.end)
    prep = next((tok.head for tok in tokens if tok.dep_ == "pobj" and tok.head.lower_ == "in"), None)
    return prep is None or prep.head.pos_ in ("VERB", "AUX")


def _tokens_in(doc: Doc, start: int, end: int) -> Span | list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None else []


def governor(tok: Token) -> Token:
    """The verb a nominal trigger hangs from (itself for verbs).

    Climbs through prepositions and conjunctions only: a noun that modifies another noun
    ("the stage for the summit") has no governing verb of its own.  A container noun is
    climbed through: 'adopted its 16th package of sanctions' is governed by 'adopted'.
    """
    cur = tok
    nominal = nominal_verb(tok)
    if nominal:
        cur = tok.head  # 'a high-stakes see to Beijing' tagged as a verb on 'stakes': one noun phrase
    for _ in range(5):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            return cur
        inside = cur.i == tok.i or (nominal and cur.i == tok.head.i)
        if not inside and cur.pos_ in ("NOUN", "PROPN") and cur.dep_ not in ("conj", "appos") \
                and not (cur.lemma_.lower() in CONTAINER_NOUNS and any(c.lower_ == "of" for c in cur.children)):
            return tok
        cur = cur.head
    return cur if cur.pos_ in ("VERB", "AUX") else tok


def nominal_verb(tok: Token) -> bool:
    """A word the tagger read as a verb that stands in a noun phrase ('concluded a high-stakes
    see to Beijing'): a determiner before it with only adjectives and nouns between, and no
    subject or auxiliary of its own."""
    if tok.pos_ != "VERB" or tok.tag_ in ("VBN", "VBG") or any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children
    ):
        return False  # 'the agreement reached with Washington' is a participle, not a noun
    for prev in reversed(tok.doc[max(tok.sent.start, tok.i - 5) : tok.i]):
        if prev.pos_ == "DET":
            return prev.lower_ in ("a", "an", "the", "this", "that", "its", "their")
        if prev.pos_ not in ("ADJ", "NOUN", "PROPN", "PUNCT", "NUM"):
            return False
    return False


CONTAINER_NOUNS = {"package", "round", "set", "wave", "series", "batch", "raft", "slew", "list", "tranche", "string"}


def ancestors_upto(tok: Token, n: int) -> list[Token]:
    out = []
    cur = tok
    for _ in range(n):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        out.append(cur)
    return out


# ---------------------------------------------------------------------------- time


TEMPORAL_PREPS = {"after", "before", "following", "since", "until", "ahead", "prior", "despite"}


def in_temporal_pp(tok: Token) -> bool:
    """A noun inside 'after the call', 'ahead of the summit': its time is not the clause's."""
    return temporal_phrase(tok) is not None


def temporal_phrase(tok: Token) -> Token | None:
    """The object of the time preposition a noun stands in ('before Trump's next wave of
    tariffs' → 'wave', 'ahead of the summit' → 'summit'), or None."""
    cur = tok
    for _ in range(3):
        if cur.dep_ == "pobj" and (cur.head.lower_ in TEMPORAL_PREPS or cur.head.head.lower_ in TEMPORAL_PREPS):
            return cur  # 'after X'; 'ahead of X', 'prior to X'
        if cur.dep_ == "dobj" and cur.head.lower_ in ("following", "preceding"):
            return cur  # 'following' parsed as a verb
        if cur.head.i == cur.i or cur.pos_ == "VERB":
            return None
        cur = cur.head
    return None


def since_or_before(tok: Token) -> bool:
    """Inside 'since X' / 'before X' / 'ahead of X': X is only a reference point."""
    cur = tok
    for _ in range(3):
        if cur.dep_ == "pobj" and (cur.head.lower_ in ("since", "before", "until") or cur.head.head.lower_ in ("ahead", "prior")):
            return True
        if cur.head.i == cur.i or cur.pos_ == "VERB":
            return False
        cur = cur.head
    return False


SEQUENCE_VERBS = frozenset({"follow", "precede"})
# what an event does, not a place: 'the summit in Osaka, which ended on Saturday'
EVENT_COURSE_VERBS = frozenset({"end", "begin", "start", "open", "close", "conclude", "finish", "last", "run"})


def _venue_of(clause: Token, heads: set[int]) -> bool:
    """'the summit in Osaka, which ended on Saturday': the parser hangs the clause on the
    place; a place cannot end, the event held there did ('Osaka, which hosted the Expo in
    1970' is the place's own)."""
    place = clause.head
    return (clause.dep_ == "relcl" and clause.lemma_.lower() in EVENT_COURSE_VERBS and place.dep_ == "pobj"
            and place.ent_type_ in ("GPE", "LOC", "FAC") and place.head.lower_ in ("in", "at")
            and place.head.head.i in heads)


def in_sequence_object(tok: Token) -> bool:
    """Inside the object of 'followed'/'preceded' ('the talks followed a decision on Friday'):
    the day is the object's, not the clause's."""
    return any(a.dep_ == "dobj" and a.head.lemma_.lower() in SEQUENCE_VERBS for a in (tok, *tok.ancestors))


# 'a decision by the Commerce Department on Friday to add 20 companies to its blacklist': the
# act decided is the news, dated and done by the decision's
DECISIONS = frozenset({"decision", "order", "vote", "ruling", "move"})
# what something was said in: 'said in a statement on Sunday', 'told reporters in an interview on Monday'
MEDIUM_NOUNS = frozenset({"statement", "interview", "speech", "address", "post", "briefing", "message",
                          "letter", "video", "broadcast", "communique", "conference"})


def linked_timex(trigger: Token, index: DocIndex) -> Timex | None:
    """The date expression attached to the trigger or to the verb it hangs from (see
    :func:`_linked_timex`), worked out once per token."""
    if trigger.i not in index.linked:
        index.linked[trigger.i] = _linked_timex(trigger, index)
    return index.linked[trigger.i]


def _linked_timex(trigger: Token, index: DocIndex) -> Timex | None:
    """The date expression attached to the trigger or to the verb it hangs from.

    A timex is linked when one of its tokens has the trigger (or its governing verb) among
    its first three ancestors; the closest such timex wins.  Nouns inside 'after X' /
    'ahead of X' phrases only take their own dates.
    """
    sent = trigger.sent
    heads = {trigger.i} if in_temporal_pp(trigger) else {trigger.i, governor(trigger).i}
    linked: list[tuple[int, Timex]] = []
    for tok in sent:
        tx = index.timex_at[tok.i]
        if tx is None or tx.value == "PRESENT_REF" or _bound_only(tok):
            continue
        if tx.lo is None and tx.value not in ("PAST_REF", "FUTURE_REF"):
            continue
        chain = [tok, *ancestors_upto(tok, 4)]
        for depth, anc in enumerate(chain):
            if depth and chain[depth - 1].dep_ == "dobj" and anc.lemma_.lower() in SEQUENCE_VERBS:
                break  # 'the talks followed a decision on Friday': Friday is the decision's
            if anc.i in heads or _expected(anc, heads) or _venue_of(anc, heads):
                linked.append((depth * 10 + abs(tok.i - trigger.i), tx))
                break
            participle = anc.head.i in heads and (anc.dep_ in ("acl", "relcl") or (  # "talks, scheduled for"
                anc.dep_ == "advcl" and anc.lemma_.lower() in ("start", "begin")))  # "charge tariffs starting on Thursday"
            if depth > 0 and (anc.pos_ == "VERB" or _own_clause(anc)) and anc.i not in heads and not participle:
                break
            if depth == 3 and anc.lower_ != "during" and chain[2].lemma_.lower() not in MEDIUM_NOUNS:
                break  # but 'said in a statement on Sunday' is said on Sunday
    if not linked:
        return None
    ranked = [tx for _, tx in sorted(linked, key=lambda x: x[0])]
    return next((tx for tx in ranked if _narrows(tx, ranked[0])), None) or _restated(ranked[0], sent, index)


def _own_clause(tok: Token) -> bool:
    """'(intended to meet Xi) and that there had been talks over the weekend': a form of
    'be' or 'have' heading a clause of its own, with its own subject, bounds its dates."""
    return tok.pos_ == "AUX" and tok.dep_ in ("conj", "ccomp", "advcl") and any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)


_RESTATING = re.compile(r"\s*,\s*(?:on\s+|from\s+|between\s+)?")


def _restated(vague: Timex, sent: Span, index: DocIndex) -> Timex:
    """'later this month, on July 23 and 24': the day that restates a vaguer date right
    after it (the parser often hangs it from another verb)."""
    text = sent.doc.text
    for tok in sent:
        tx = index.timex_at[tok.i]
        if tx is not None and tx.start > vague.end and _RESTATING.fullmatch(text, vague.end, tx.start) \
                and _narrows(tx, vague):
            return tx
    return vague


def _narrows(tx: Timex, vague: Timex) -> bool:
    """'last week, on July 13': a day inside the vaguer date on the same verb refines it."""
    return (tx is not vague and tx.precision == "day" and vague.precision != "day"
            and vague.lo is not None and vague.hi is not None and tx.lo is not None
            and vague.lo <= tx.lo <= vague.hi)  # fmt: skip


EXPECT_VERBS = {"expect", "plan", "schedule", "anticipate", "hope", "want", "aim", "project", "forecast"}


def _expected(anc: Token, heads: set[int]) -> bool:
    """'once it enters into force, which officials expect early next year': a relative
    clause of expectation on the trigger's own phrase dates the trigger."""
    if anc.dep_ != "relcl" or anc.lemma_.lower() not in EXPECT_VERBS:
        return False
    return any(a.i in heads for a in [anc.head, *ancestors_upto(anc.head, 2)])


def _bound_only(tok: Token) -> bool:
    """'until July', 'through 2026': the end of a state, not the date of the event; 'the
    first meeting since 2019': the last time before it (but 'have faced a 50% tariff since
    June 4' is a state that began then)."""
    head = tok
    while head.dep_ in ("compound", "nummod", "amod", "det", "pobj") and head.head.i != head.i:
        if head.dep_ == "pobj":
            if head.head.lower_ == "since" and _state_since(head.head.head):
                return False
            return head.head.lower_ in ("until", "till", "through", "throughout", "since")
        head = head.head
    return False


# verbs of a standing state: 'have faced a 50% tariff since', 'has been in force since',
# 'have paid 25% since'
STATE_VERBS = frozenset({"face", "be", "pay", "remain", "stand", "apply"})


def _state_since(verb: Token) -> bool:
    """A present-perfect state verb: what it holds began at the 'since' date."""
    return (verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in STATE_VERBS
            and any(c.dep_ == "aux" and c.lower_ in ("have", "has") for c in verb.children))  # fmt: skip


def subtree_mentions(tok: Token, index: DocIndex, stop: set[int] | None = None) -> list[Mention]:
    """Actor mentions inside the trigger's subtree (not descending into clauses)."""
    out: list[Mention] = []
    stack = [tok]
    while stack:
        cur = stack.pop()
        if stop and cur.i in stop:
            continue
        m = index.mention_at[cur.i]
        if m is not None and is_actor(cur, m):
            out.append(m)
        for child in cur.children:
            if (child.dep_ in ("relcl", "advcl", "ccomp", "parataxis", "acl") or own_clause(child)) and child.i != tok.i:
                continue
            if child.dep_ in ("prep", "advmod") and child.lower_ in SKIP_PREPS | {"prior"}:
                continue
            if child.lower_ in ("following", "preceding"):  # 'following' parsed as a verb
                continue
            stack.append(child)
    return _unique(out)


def regional_actors(trigger: Token, index: DocIndex) -> list[Mention]:
    """'Ontario started charging a 25% surcharge', 'Texas's tariff': a province or state
    that acts (the subject of the measure's verb, or its possessor) is a party to it, though
    its name is a place everywhere else."""
    gov = governor(trigger)
    while gov.dep_ == "xcomp" and gov.head.i != gov.i:
        gov = gov.head
    sides = [c for c in gov.children if c.dep_ == "nsubj"] + [c for c in trigger.children if c.dep_ == "poss"]
    found = (index.mention_at[t.i] for t in sides)
    return [m for m in found if m is not None and m.key.startswith("gpe:")]


def own_clause(tok: Token) -> bool:
    """A clause joined by 'and' with a subject of its own ('Ford suspended the surcharge, and
    Navarro said …'): another event, whose parties and figures are not the first one's."""
    return tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in tok.children
    )


def clause_of(verb: Token) -> set[int]:
    """Token indices of ``verb``'s clause, without the clauses joined to it that have a
    subject of their own."""
    apart = {t.i for c in verb.children if own_clause(c) for t in c.subtree}
    return {t.i for t in verb.subtree} - apart


# Nouns that make a name inside them a place ('the village of Oskem', 'the Meroe crossing').
PLACE_NOUNS = frozenset({
    "capital", "city", "town", "village", "region", "province", "district", "port", "border", "camp",
    "crossing", "coast", "area", "state", "base", "airport", "resort", "hotel", "palace", "island",
    "venue", "suburb", "neighbourhood", "neighborhood", "county", "valley", "building", "peninsula",
})  # fmt: skip


RANKS = frozenset({"first", "last", "only", "second", "third"})


def first_to(verb: Token) -> bool:
    """'became the first sitting president to set foot in X': ``verb`` names a record set, so
    the infinitive after it happened (or will, with the verb's own tense)."""
    return any(c.dep_ == "attr" and any(a.lower_ in RANKS for a in c.subtree if a.i < c.i) for c in verb.children)


def is_actor(tok: Token, m: Mention) -> bool:
    """An actor taking part, not a place, a venue or a source of information."""
    if m.label not in ACTOR_LABELS or m.key.startswith(PLACE_KEYS) or is_place(tok, m):
        return False
    if tok.dep_ in ("amod", "compound") and tok.head.lemma_.lower() in PLACE_NOUNS:
        return False  # 'the French resort of Evian': the place's country, not a party
    head = tok
    while head.dep_ in ("compound", "appos", "conj", "flat") and head.head.i != head.i:
        head = head.head
    return not (head.dep_ == "dobj" and head.head.lemma_.lower() in VISIT_VERBS)


def subject_mentions(verb: Token, index: DocIndex) -> list[Mention]:
    """Mentions in the subject of ``verb`` or, through xcomp/conj, of the verbs above it."""
    cur: Token | None = verb
    for _ in range(4):
        if cur is None:
            break
        subjects = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]
        found: list[Mention] = []
        for s in subjects:
            found.extend(subtree_mentions(s, index))
            if s.lower_ in ("who", "which", "that") and cur.dep_ == "relcl":
                found.extend(subtree_mentions(cur.head, index, stop={t.i for t in cur.subtree}))
            if s.lower_ in PRONOUNS and index.mention_at[s.i] is None:
                ante = anaphora.pronoun_antecedent(s, index)
                found.extend([ante] if ante is not None else [])
            elif s.lower_ == "it" and (ante := anaphora.it_antecedent(s, index)) is not None:
                found.append(ante)
            elif s.lower_ == "they":
                found.extend(anaphora.they_antecedents(s, index))
            elif index.mention_at[s.i] is None and (named := anaphora.definite_antecedent(s, index)) is not None:
                found.append(named)
            elif index.mention_at[s.i] is None:
                found.extend(anaphora.pair_antecedents(s, index))
        if found:
            return _unique(found)
        # 'are due to meet': from the verb to 'due' (acomp) to the clause with the subject
        if cur.dep_ in ("xcomp", "conj", "advcl", "acl", "relcl", "pcomp", "acomp") and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    return []


def is_place(tok: Token, mention: Mention) -> bool:
    """A place mention used as a place ("in Geneva"), not as an actor ("Geneva said")."""
    if mention.label not in PLACE_LABELS:
        return False
    if mention.key.startswith("country:") and tok.dep_ in ("nsubj", "nsubjpass", "poss"):
        return False
    head = tok
    while head.dep_ in ("compound", "appos", "conj", "flat") and head.head.i != head.i:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ == "from" and _people_noun(head.head.head):
        return False  # 'ministers from France and Germany': whom they act for
    return head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS | {"from", "for", "across", "aboard"}


def _people_noun(tok: Token) -> bool:
    """'officials', 'negotiators', 'a delegation': people acting for a government."""
    return tok.pos_ != "PROPN" and tok.lower_ in load_dictionary().government_nouns  # 'envoys' is often tagged VERB


def participants(trigger: Token, index: DocIndex, subject_only: bool = False,
                 speaker_joins: bool = True, own_phrase: bool = False) -> list[Mention]:  # fmt: skip
    """Actors of an event: subject side plus the trigger's own arguments; with
    ``speaker_joins``, the speaker of a report that names no actor ('He confirmed the talks
    would take place'); with ``own_phrase``, a noun in a time phrase keeps to that phrase
    ('talks before Trump's next wave of tariffs': Trump's, not the talks' parties)."""
    gov = governor(trigger)
    if subject_only:
        return subject_mentions(gov, index) + _pronoun_subjects(gov, index, subject_only=True)
    phrase = temporal_phrase(trigger) if own_phrase and trigger.pos_ in ("NOUN", "PROPN") else None
    if phrase is not None:
        named = [m for t in (trigger, phrase) for m in relative_setters(t, index, named_only=True)]
        return _unique(subtree_mentions(phrase, index) + named)
    found = subtree_mentions(trigger, index) if trigger.pos_ != "VERB" else []
    found += subject_mentions(gov, index)
    if trigger.pos_ == "VERB":
        found += subtree_mentions(trigger, index, stop=_subject_tokens(trigger))
    elif trigger.dep_ in ("dobj", "pobj", "attr") and gov is not trigger:
        found += [m for m in subtree_mentions(gov, index) if m not in found]
    found += _pronoun_subjects(gov, index)
    if trigger.pos_ in ("NOUN", "PROPN"):  # 'a 25% tariff that Trump announced last week'
        found += relative_setters(trigger, index)
    if trigger.dep_ == "acl" and trigger.head.lemma_.lower() in DECISIONS:
        found += _deciders(trigger.head, index)
    if not found:  # "a truce saw Washington drop ...": the actors of the clause it governs
        found = [m for c in gov.children if c.dep_ in ("ccomp", "xcomp", "dobj") for m in subtree_mentions(c, index)]
    if not found and trigger.pos_ == "NOUN":
        found = _when_clause_people(trigger, index)
    if not found and gov.dep_ == "ccomp" and gov.head.i != gov.i and (
        speaker_joins or any(t.lower_ in SELF_WORDS for t in gov.subtree)  # 'said its jets had hit a depot'
    ):
        found = subject_mentions(gov.head, index)  # "He confirmed the talks would take place"
    return _unique(found)


SELF_WORDS = frozenset({"its", "their", "our", "we", "us"})
STANCE_VERBS = frozenset({"welcome", "condemn", "criticise", "criticize", "praise", "hail", "deplore", "denounce",
                          "reject", "regret", "applaud", "slam"})  # fmt: skip


def _when_clause_people(noun: Token, index: DocIndex) -> list[Mention]:
    """'a meeting in Doha on Nov. 9, when Burns and Barnea sat down with Sheikh Mohammed': the
    clause right after the noun's phrase tells who took part."""
    phrase = {t.i for t in noun.subtree}
    when = next((t for t in noun.doc[noun.i + 1 : noun.sent.end] if t.lower_ == "when" or not (
        t.i in phrase or t.is_punct)), None)  # fmt: skip
    if when is None or when.lower_ != "when" or when.head.pos_ not in ("VERB", "AUX"):
        return []
    verb = when.head
    return _unique(subject_mentions(verb, index) + subtree_mentions(verb, index, stop=_subject_tokens(verb)))


def _deciders(noun: Token, index: DocIndex) -> list[Mention]:
    """Who made a decision: 'a decision by the Commerce Department', 'Beijing's decision'."""
    sides = [c for c in noun.children if c.dep_ == "poss"]
    sides += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
    return [m for s in sides for m in subtree_mentions(s, index)]


RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})


def relative_object(clause: Token) -> bool:
    """A relative clause that tells what was done to the noun it hangs from: 'the tariff
    that Trump announced', 'the tariff he had imposed', 'a tariff which was announced' (not
    'the rules that took effect', where the noun acts); 'the tariffs Trump imposed' may be
    parsed as a clause with a subject of its own."""
    if clause.dep_ not in ("relcl", "acl"):
        return False
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(c.dep_ == "nsubjpass" and c.lower_ in RELATIVE_PRONOUNS for c in subjects):
        return True
    return bool(subjects) and not any(c.lower_ in RELATIVE_PRONOUNS for c in subjects)


def relative_setters(noun: Token, index: DocIndex, named_only: bool = False) -> list[Mention]:
    """Who did what a relative clause on ``noun`` tells of it: 'the 20% levy that Trump
    imposed', 'a 25% tariff that Trump announced last week', 'the tariff he had imposed'
    (not with ``named_only``: far from its clause, 'he' may be anyone)."""
    unwanted = RELATIVE_PRONOUNS | PRONOUNS if named_only else RELATIVE_PRONOUNS
    return [m for c in noun.children if relative_object(c)
            and not any(s.lower_ in unwanted for s in c.children if s.dep_.startswith("nsubj"))
            for m in subject_mentions(c, index)]  # fmt: skip


def _subject_tokens(verb: Token) -> set[int]:
    return {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}


def _pronoun_subjects(verb: Token, index: DocIndex, subject_only: bool = False) -> list[Mention]:
    out = []
    tokens = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] if subject_only else verb.subtree
    for c in tokens:
        if c.lower_ in PRONOUNS and index.mention_at[c.i] is None and c.dep_ in ("nsubj", "nsubjpass", "poss", "conj"):
            m = anaphora.pronoun_antecedent(c, index)
            if m is not None:
                out.append(m)
    return out


def _unique(items: Sequence[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for m in items:
        if m.key not in seen:
            seen.add(m.key)
            out.append(m)
    return out
