"""Event triggers: which words of a sentence report an event, and which belong together.

A trigger is a content word whose lemma ``data/event_triggers.yaml`` lists, kept only when
its context says it reports an event: not negated or averted, not inside a quote, not a
mere modifier ("export control list"), purpose ("efforts to strike deals"), description
("the tariffs were not sustainable") or generic series ("previous rounds of talks").
Triggers of one type that govern each other form one event.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from . import event_args as args
from .lexicon import load
from .timex import be_to


@dataclass(frozen=True, slots=True)
class Trigger:
    token: Token
    type: str
    anaphoric: bool = False
    needs_place: bool = False  # no event unless the trigger names where ('returned to Pyongyang')


def _lexicon() -> dict[str, Any]:
    return load("event_triggers")


def _context_words(tok: Token) -> set[str]:
    """Words near a trigger: its children to depth 3, its head and siblings, the 3 before."""
    words: set[str] = set()
    near = [tok.head, *tok.head.children]
    frontier = list(tok.children)
    for _ in range(3):
        near.extend(frontier)
        frontier = [g for c in frontier for g in c.children]
    near.extend(tok.doc[max(tok.i - 3, tok.sent.start) : tok.i])
    for t in near:
        words.add(t.lower_)
        words.add(t.lemma_.lower())
    return words


def _object_words(tok: Token) -> set[str]:
    """The verb's object (and its particle): 'handed 11 hostages to', 'released 90 prisoners';
    not 'handed over its list of prisoners'."""
    words: set[str] = set()
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "prt"):
            for t in (c, *(g for g in c.children if g.dep_ in ("conj", "compound", "nummod", "amod"))):
                words.update((t.lower_, t.lemma_.lower()))
    return words


def _quoted(doc: Doc) -> list[tuple[int, int]]:
    return [(q.start, q.end) for q in doc._.storyline_quotes or ()]


# Verbs that bring an event about: in an 'if'/'unless' clause, the event is only a condition.
REALISING = {"reach", "strike", "sign", "agree", "conclude", "finalize", "finalise", "seal", "hold", "happen",
             "impose", "raise", "go", "take", "break", "collapse", "fail", "resume", "come"}
AVERT = {"avert", "avoid", "prevent", "forestall", "stave", "head", "ward"}


NONE_DETS = {"no", "any"}


def _none(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def _negated(tok: Token) -> bool:
    """'not expect a deal', 'to head off an increase in tariffs', '(tariffs rise) unless a
    deal is reached', 'no talks were held', 'any reason to meet': no event is reported."""
    for t in (tok, *args.ancestors_upto(tok, 3)):
        if any(c.dep_ == "neg" for c in t.children):
            return True
        if t.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in NONE_DETS for c in t.children):
            return True  # 'no talks', 'whether there was any reason to meet Xi'
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("unless", "if", "lest") for c in t.children) \
                and (t.i == tok.i or t.lemma_.lower() in REALISING):
            return True  # 'unless a deal is reached' (not 'if the talks, set for May 9, make progress')
        lemma = t.lemma_.lower()
        if t.i != tok.i and lemma in AVERT and (lemma not in ("stave", "head", "ward") or any(c.dep_ == "prt" for c in t.children)):
            return True
    # 'no talks were held', 'held no talks'
    return tok.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and _none(c) for c in tok.children)


EVENT_HEADS = {"measure", "hike", "increase", "threat", "cut", "rate", "action", "war", "truce", "deal",
               "plan", "schedule", "itinerary"}


def _modifier_only(tok: Token) -> bool:
    """'export control list', 'summit venue': the trigger only modifies another noun."""
    return tok.dep_ == "compound" and tok.head.lemma_.lower() not in EVENT_HEADS


# verbs of committing to a future act ('agreed to revive talks', 'pledged to buy')
COMMIT_VERBS = frozenset({"agree", "agreed", "decide", "vow", "pledge", "pledged", "commit", "committed",
                          "promise", "promised", "undertake"})  # fmt: skip
COMMIT_WORDS = COMMIT_VERBS | {"commitment", "commitments", "target", "targets", "deal", "track"}
COPULAS = {"be", "remain", "seem", "appear", "look", "stay", "become"}


def _described(tok: Token) -> bool:
    """'the tariffs were not sustainable', 'tariffs remain high': a description, no event."""
    head = tok.head
    return (
        tok.dep_ in ("nsubj", "nsubjpass")
        and head.lemma_.lower() in COPULAS
        and any(c.dep_ in ("acomp", "attr", "oprd") for c in head.children)
    )


REFUSALS = frozenset({"refuse", "decline"})
PAST_SERIES = {"previous", "past", "earlier", "prior", "former", "many", "several", "numerous"}


def _generic_past(tok: Token) -> bool:
    """'previous rounds of talks', 'several deals': a series, not one event."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in PAST_SERIES for c in tok.children)


def _purpose_only(tok: Token) -> bool:
    """'efforts to strike deals': an infinitive of purpose is no event (unless planned)."""
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        return _purpose_only(tok.head)
    if tok.pos_ != "VERB" or tok.tag_ != "VB" or tok.dep_ not in ("advcl", "acl", "xcomp"):
        return False
    if not any(c.lower_ == "to" for c in tok.children):
        return False
    planners = _planners() | REFUSALS | args.DECISIONS  # 'refused to extend the deal' ends it: an event
    if tok.head.lemma_.lower() in planners or tok.head.lower_ in planners or (tok.dep_ == "xcomp" and be_to(tok)):
        return False
    return not args.first_to(tok.head)


@cache
def _planners() -> frozenset[str]:
    return frozenset(_lexicon()["status"]["planned"]) | COMMIT_WORDS


def triggers(sent: Span) -> list[Trigger]:
    lex = _lexicon()
    quoted = _quoted(sent.doc)
    out = []
    for tok in sent:
        entries = _entry(tok, lex)
        if not entries or any(lo <= tok.idx < hi for lo, hi in quoted) or _negated(tok):
            continue
        if _modifier_only(tok) or _purpose_only(tok) or _described(tok) or _generic_past(tok):
            continue
        entry = next((e for e in (entries if isinstance(entries, list) else [entries]) if _needs_met(tok, e)), None)
        if entry is None:
            continue
        etype = next((t for w, t in (entry.get("variants") or {}).items()
                      if any(c.lower_ == w for c in tok.children)), entry["type"])  # fmt: skip
        out.append(Trigger(tok, etype, bool(entry.get("anaphoric")), bool(entry.get("needs_place"))))
    return out


def _needs_met(tok: Token, entry: dict[str, Any]) -> bool:
    """The words an entry needs near the trigger (or as its object) are there."""
    needs = entry.get("needs")
    if entry.get("clause_only") and tok.dep_ in ("acl", "amod") and tok.tag_ == "VBN":
        return False  # 'the tariff cut agreed in Tokyo': a reference to the deal
    refused = entry.get("subject_not")
    if refused and _subjects(tok) & set(refused):
        return False
    unmet = entry.get("object_not")  # 'vehicles that meet the rules': no meeting
    if unmet and any(c.dep_ == "dobj" and c.lemma_.lower() in unmet for c in tok.children):
        return False
    wanted = entry.get("subject_any")
    if wanted and not _subjects(tok) & set(wanted):
        return False
    if entry.get("object_person") and not _calls_person(tok):
        return False
    return not needs or bool(set(needs) & (_object_words(tok) if entry.get("needs_object") else _context_words(tok)))


# what turns 'call X' into naming ('called the tariffs unfair', 'called him a liar')
NOT_PHONING = frozenset({"oprd", "xcomp", "ccomp", "acomp", "dative"})
PHONE_OBJECTS = frozenset({"him", "her"})


def _calls_person(verb: Token) -> bool:
    """'Trump called Xi on Friday', 'would call Moon and Abe': an active verb whose object is
    a person and that names nobody anything ('called for talks', 'called on Beijing to' have
    no person as object; 'called off the summit' none at all)."""
    if verb.dep_ in ("acl", "amod") or any(c.dep_ == "auxpass" for c in verb.children):
        return False
    if any(c.dep_ in NOT_PHONING or (c.dep_ == "prt" and c.lower_ == "off") for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(o.ent_type_ == "PERSON" or o.lower_ in PHONE_OBJECTS for o in objects)


def _subjects(verb: Token) -> set[str]:
    """Lemmas (and forms) of the verb's subjects; a relative pronoun stands for the noun its
    clause hangs from ('rules that took effect')."""
    out: set[str] = set()
    for c in verb.children:
        if not c.dep_.startswith("nsubj"):
            continue
        noun = verb.head if c.lower_ in ("that", "which") and verb.dep_ == "relcl" else c
        out.update((noun.lower_, noun.lemma_.lower()))
    return out


def _entry(tok: Token, lex: dict[str, Any]) -> Any:
    """The lexicon entry (or list of senses) a token triggers, by part of speech."""
    lemma = tok.lemma_.lower()
    if args.nominal_verb(tok):
        return lex["noun"].get(tok.lower_)  # 'concluded a high-stakes see to Beijing' (a spun 'visit')
    if tok.pos_ == "VERB":
        entry = lex["verb"].get(lemma)
        return entry if entry is not None or lemma not in lex["speech"] else {"type": "statement"}
    if tok.pos_ in ("NOUN", "PROPN"):
        entry = lex["noun"].get(lemma)
        if isinstance(entry, dict) and entry.get("plural_only") and tok.tag_ != "NNS":
            return None
        return entry
    return None


def group_triggers(found: list[Trigger]) -> list[list[Trigger]]:
    """Triggers of one type where one governs the other form one event."""
    groups: list[list[Trigger]] = []
    for trig in found:
        for group in groups:
            if group[0].type == trig.type and _related(group[0].token, trig.token):
                group.append(trig)
                break
        else:
            groups.append([trig])
    return groups


def without_reporting(groups: list[list[Trigger]]) -> list[list[Trigger]]:
    """Drop a statement whose verb reports another event of the same sentence
    ("Beijing announced new export controls" is the export controls, not a statement)."""
    others = [g for g in groups if g[0].type != "statement"]
    kept = []
    for g in groups:
        objects = [c for c in g[0].token.children if c.dep_ in ("dobj", "attr", "oprd")]
        if g[0].type == "statement" and any(o[0].token in obj.subtree for o in others for obj in objects):
            continue  # "announced new export controls" (but not "said that talks will be held")
        verb = g[0].token
        if g[0].type == "statement" and args.relative_object(verb) and any(o[0].token.i == verb.head.i for o in others):
            continue  # "a tariff that Trump announced last week" is the tariff
        kept.append(g)
    return kept


ACTOR_PRONOUNS = {"he", "she", "it", "they", "we", "i"}


def _subject_of(verb: Token) -> bool:
    """The verb has an actor of its own as subject ('Beijing retaliated'; not 'the asset
    freezes and transaction bans would take effect', one measure the tagger split in two)."""
    return verb.pos_ in ("VERB", "AUX") and any(
        t.ent_type_ in args.ACTOR_LABELS or t.lower_ in ACTOR_PRONOUNS
        for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree
    )  # fmt: skip


TIME_MARKS = {"since", "after", "before", "until", "when", "while", "once"}


def _clause_of(tok: Token) -> Token | None:
    """The nearest verb above (or at) ``tok`` that opens a 'since/after/before…' clause."""
    for t in (tok, *args.ancestors_upto(tok, 5)):
        if any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in t.children):
            return t
    return None


def _related(a: Token, b: Token) -> bool:
    ca, cb = _clause_of(a), _clause_of(b)
    if (ca.i if ca is not None else None) != (cb.i if cb is not None else None):
        return False  # "the meetings will be the first since X met Y": two events
    va, vb = args.governor(a), args.governor(b)
    coordinated = (va.dep_ == "conj" and va.head.i == vb.i) or (vb.dep_ == "conj" and vb.head.i == va.i)
    if coordinated and _subject_of(va) and _subject_of(vb):
        return False  # "Washington imposed tariffs of 145%, and Beijing retaliated with duties": two
    if a.head == b or b.head == a or a.head == b.head:
        return True
    return b in args.ancestors_upto(a, 4) or a in args.ancestors_upto(b, 4)
