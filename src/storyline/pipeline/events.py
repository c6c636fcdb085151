"""The events stage: typed events from triggers and the dependency parse.

For each sentence: find trigger words (``data/event_triggers.yaml``), group triggers of one
type that belong together (a verb and its noun object, "meet ... for talks"), then read each
group's participants, place, date (from the temporal stage), status, numbers and summary.
Dates come from the time expression attached to the trigger; failing that, from the verb it
depends on, from the narrative time of the previous sentences, and for past events with no
time at all a "recent" window before the DCT.  Every event cites its sentence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..records import Event, Mention, SourceSpan, Timex
from ..summaries import COMMUNICATION, render
from ..time import resolve as resolve_timex
from ..time.spans import event_span, recent_window, ref_window
from . import event_args as args
from .event_attrs import market_moves, purchase_attributes, tariff_attributes
from .event_places import location_of
from .event_status import MEASURES, clause_tense, status_of, still_ahead
from .event_triggers import (
    COMMIT_WORDS,
    Trigger,
    group_triggers,
    triggers,
    without_reporting,
)
from .lexicon import load
from .paragraphs import dateline_place
from .timex import future_in_past

# ---------------------------------------------------------------------------- dating


@dataclass
class Narrative:
    """The running time of the text: the last dated event per status class."""

    last: dict[str, tuple[int, Timex]]
    deal_parties: list[Mention] = field(default_factory=list)  # of the last agreement named

    def remember(self, status: str, sent_i: int, when: Timex) -> None:
        self.last[_status_class(status)] = (sent_i, when)

    def recall(self, status: str, sent_i: int) -> Timex | None:
        got = self.last.get(_status_class(status))
        if got and sent_i - got[0] <= 2:
            return got[1]
        return None


def _scene_time(sent: Span, sent_i: int, index: args.DocIndex, narrative: Narrative, dct: str | None) -> None:
    """'In a televised address on Monday evening, the president said …': a past main clause
    set on one day sets the scene for the sentences after it ('The government also
    announced …'), whether or not it reports an event of its own."""
    root = sent.root
    if clause_tense(root) != "past":
        return
    days = {tx for tok in sent if (tx := index.timex_at[tok.i]) is not None and _main_clause(tok)}
    if len(days) != 1:
        return
    when = days.pop()
    if when.function is None and when.lo and when.hi and when.lo == when.hi[:10] and (not dct or when.hi[:10] <= dct[:10]):
        narrative.remember("occurred", sent_i, when)


SUBORDINATE = {"ccomp", "advcl", "relcl", "acl", "xcomp", "parataxis", "conj"}


def _main_clause(tok: Token) -> bool:
    """The token hangs from the sentence's root verb, not from a clause below it."""
    return not (args.in_temporal_pp(tok) or args.below_clause(tok, SUBORDINATE))


def _status_class(status: str) -> str:
    return "future" if status == "planned" else "past"


def date_for(trig: Token, index: args.DocIndex) -> Timex | None:
    when = args.linked_timex(trig, index)
    if when is not None or args.in_temporal_pp(trig):
        return when
    cur = trig
    for _ in range(5):
        if not _climbable(cur):
            break
        cur = cur.head
        when = args.linked_timex(cur, index)
        if when is not None:
            return when
    return None


SAME_TIME_PREPS = {"of", "during", "at", "in"}


def _climbable(tok: Token) -> bool:
    """May a trigger take the date of its head? Through verb chains ('to attend'), objects,
    'where' clauses and 'of/during/at' phrases; not through other nouns' modifiers."""
    if tok.head.i == tok.i or tok.dep_ in ("acl", "agent", "ROOT", "appos"):
        return False
    if tok.dep_ == "relcl":
        return any(c.lower_ in ("where", "when") for c in tok.children)
    if tok.dep_ == "prep":
        return tok.lower_ in SAME_TIME_PREPS
    if tok.dep_ == "pobj":
        return tok.head.lower_ in SAME_TIME_PREPS
    return tok.dep_ in ("xcomp", "advcl", "conj", "ccomp", "dobj", "nsubj", "nsubjpass")


def directed(when: Timex | None, status: str, dct: str | None, said: bool = False) -> Timex | None:
    """Let the event's modality decide which way a relative date points: 'the April trip'
    of a planned visit is next April, of a past one last April.  Vague 'recently' and
    'in the coming weeks' become windows before or after the DCT."""
    if when is None or not dct:
        return when
    day = dt.date.fromisoformat(dct)
    if when.value in ("PAST_REF", "FUTURE_REF") and when.lo is None:
        return ref_window(when, dct)
    want = {"planned": "future", "occurred": "past"}.get(status)
    if status == "threatened" and when.tense != "past":
        want = "future"  # "could impose a duty from July 1" (but "threatened on Sunday" is past)
    if when.mod == "BEFORE":
        want = "future"  # a deadline ("pledged to buy ... by the end of June") lies ahead
    if said and want == "future":
        want = None  # 'Japan on Monday said it would restrict exports': the day of saying, gone by
    if want and when.relative and when.tense != want and when.lo and _undirected(when):
        turned = resolve_timex(when.replace(tense=want), day)
        return turned if turned.lo else when
    return when


def _day_of_saying(verb: Token | None) -> bool:
    """The date hangs from a past verb of saying ('on Monday said it would …'), or from a
    'would' clause such a verb reports ('announced on Feb. 5 that they would meet on
    Feb. 27'): its tense was fixed against the report, not against today."""
    return verb is not None and (_speaking(verb) or future_in_past(verb))


def _verb_of(doc: Doc, when: Timex | None) -> Token | None:
    """The verb a date expression hangs from."""
    span = doc.char_span(when.start, when.end, alignment_mode="expand") if when is not None else None
    return next((a for a in span.root.ancestors if a.pos_ in ("VERB", "AUX")), None) if span is not None else None


def _speaking(verb: Token | None) -> bool:
    """A past verb of saying: its date is the day something was said ('said on Monday that
    …'), not a date inside what was said ('said they would meet on Friday')."""
    return verb is not None and verb.tag_ == "VBD" and verb.lemma_.lower() in SPEECH_VERBS


SPEECH_VERBS = frozenset(load("event_triggers")["speech"])


def _undirected(when: Timex) -> bool:
    """Month names, weekdays and month-days: expressions whose year or week the tense picks."""
    return not any(w in when.text.lower() for w in ("last", "next", "this", "ago", "later", "earlier", "coming", "past"))


# ---------------------------------------------------------------------------- assembly


def find(doc: Doc) -> list[Event]:
    index = args.DocIndex.build(doc)
    dct = doc._.storyline_dct
    quantities = list(doc._.storyline_quantities or ())
    narrative = Narrative({})
    events: list[Event] = []
    for sent_i, sent in enumerate(doc.sents):
        _scene_time(sent, sent_i, index, narrative, dct)
        for found in without_reporting(group_triggers(triggers(sent))):
            group, like = _measure_typed(found, events)
            if not group:
                continue
            event = _event(doc, sent, sent_i, group, index, quantities, narrative, dct, like)
            if event is None:
                continue
            prior = _antecedent(events, event, group)
            if prior is not None:
                events[events.index(prior)] = _absorb(prior, event)
            elif not (_definite(group[0].token) and event.attributes.get("dated_by") != "text"
                      and "rate" not in event.attributes):  # fmt: skip
                # an undated "these talks" with nothing before it is no new event; "the 20%
                # tariff … would be halved to 10%" is news of its own
                events.append(event)
        events.extend(_market_events(doc, sent, quantities, index, dct))
        _attach_delegation(sent, index, events)
    return events


CONTROL_WORDS = frozenset({"control", "controls", "curb", "curbs", "restriction", "restrictions"})


def _measure_typed(group: list[Trigger], events: list[Event]) -> tuple[list[Trigger], Event | None]:
    """A trigger of type 'measure' ('eased the rules', 'rules that took effect') is the
    measure the text reported last (returned too: the new event may borrow its parties);
    with none before, controls and curbs are export controls and anything else is left out."""
    if group[0].type != "measure":
        return group, None
    like = next((e for e in reversed(events) if e.type in MEASURES), None)
    etype = like.type if like is not None else None
    if etype is None:
        near = {w.lower_ for t in group for w in (*t.token.children, t.token.head, *t.token.subtree)}
        etype = "export_control" if near & CONTROL_WORDS else None
    return ([replace(t, type=etype) for t in group] if etype else []), like


def _timing(
    head: Token, group: list[Trigger], etype: str, index: args.DocIndex, sent_i: int,
    narrative: Narrative, dct: str | None,
) -> tuple[Timex | None, str, str]:  # fmt: skip
    """(date expression, status, how it was dated: text|narrative|recent|none)."""
    when = next((w for t in group if (w := date_for(t.token, index)) is not None), None)
    if etype == "statement":  # what was said is past; its content's modality is not its own
        status = "occurred" if clause_tense(head) in ("past", "present") else "unknown"
        when = directed(when, status, dct)
    else:
        verb = _verb_of(head.doc, when)
        said = _day_of_saying(verb)
        when = directed(when, status_of(head, etype, None, dct), dct, said)  # modality first
        status = status_of(head, etype, None if said else when, dct)  # said on Monday: still ahead then
        if said and status == "unknown":  # '(would take it to the council) when it meets on July 23'
            status = status_of(head, etype, when, dct)
        if said and status == "planned" and etype in COMMUNICATION and _speaking(verb):
            when = None  # 'said on Monday that Trump still intended to meet Xi': not a Monday meeting
    if when is not None:
        if not _reference_clause(head):
            narrative.remember(status, sent_i, when)
        return when, status, "text"
    if status == "occurred" and etype != "statement" and still_ahead(head):
        status = "planned"
    when = narrative.recall(status, sent_i)
    if when is not None:
        return when, status, "narrative"
    if status in ("occurred", "announced", "in_effect") and etype != "statement":
        when = recent_window(dct)
    return when, status, "recent" if when is not None else "none"


_REFERENCE_MARKS = {"since", "before", "until", "till", "after", "once"}


def _reference_clause(head: Token) -> bool:
    """'... since the truce took effect last Tuesday': a point the story counts from, not the
    time the story has reached, so the next sentences do not take its date."""
    verb = args.governor(head)
    return args.in_temporal_pp(head) or (
        verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _REFERENCE_MARKS for c in verb.children)
    )


_DEAL_NOUNS = {"deal", "agreement", "accord", "pact", "treaty", "truce", "ceasefire", "it"}


def _refers_back(head: Token) -> bool:
    """'once it enters into force', 'the pact comes into force': the deal named before."""
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")] if head.pos_ == "VERB" else [head]
    return any(s.lower_ in _DEAL_NOUNS and (s.lower_ == "it" or _definite(s)) for s in subjects)


# 'He confirmed the talks would take place', 'she said the freezes would take effect': who
# reports talks, a deal or a measure is usually a party; who reports a missile launch or a
# price move ('…, the military said') is only the source
SPEAKER_APART = frozenset({"attack", "market_move"})


def _people(group: list[Trigger], index: args.DocIndex, etype: str) -> list[Mention]:
    people: list[Mention] = []
    for t in group:
        found = args.participants(t.token, index, subject_only=etype == "statement",
                                  speaker_joins=etype not in SPEAKER_APART)
        people += [m for m in found if m.key not in {p.key for p in people}]
    return people


def _unanchored(etype: str, dated_by: str, people: list[Mention], location: str | None,
                attrs: dict[str, Any]) -> bool:  # fmt: skip
    """Too vague to list: nothing a reader could place in time, space or among actors."""
    if etype == "tariff" and dated_by != "text" and "rate" not in attrs:
        return True  # "proceed with the reduced tariff rates": no level, no date
    if not people and not location and "rate" not in attrs:
        return True  # "an important step in negotiations"
    measures = ("tariff", "sanction", "export_control", "purchase_commitment")
    return (dated_by != "text" and not location and etype not in measures
            and all(_is_country(m) for m in people))  # fmt: skip  # "China agreed to talks"


def _reference_only(head: Token, etype: str, when: Timex | None, dated_by: str,
                    people: list[Mention]) -> bool:  # fmt: skip
    """Mentions that point at an event rather than report one."""
    if etype in ("tariff", "sanction", "export_control") and not people:
        return True  # "the steep tariffs were not sustainable"
    if etype == "purchase_commitment" and not (_committed(head) or (when is not None and when.mod == "BEFORE")):
        return True  # "the EU imported 4.5 million tonnes last year": trade data, no commitment
    if etype == "statement" and (dated_by != "text" or not people or all(_is_country(m) for m in people)):
        return True  # "Washington said on Monday that …": the news is what it said
    # "since the tariffs announcement": a reference point, reported elsewhere
    return args.in_temporal_pp(head) and dated_by != "text" and (not people or args.since_or_before(head))


def _event(
    doc: Doc, sent: Span, sent_i: int, group: list[Trigger], index: args.DocIndex,
    quantities: list[Any], narrative: Narrative, dct: str | None, like: Event | None = None,
) -> Event | None:  # fmt: skip
    """The event a group of triggers reports; ``like``: the measure an anaphoric trigger
    ('the rules') refers to, whose parties it takes when it names none."""
    head = min(group, key=lambda t: (t.token.pos_ != "VERB", t.token.i)).token
    etype = group[0].type
    when, status, dated_by = _timing(head, group, etype, index, sent_i, narrative, dct)
    people = _people(group, index, etype)
    if etype == "agreement":  # 'once it enters into force': the parties of the deal named before
        people = people or (narrative.deal_parties if _refers_back(head) else [])
        narrative.deal_parties = people or narrative.deal_parties
    borrowed = like.participants if like is not None and not people else ()
    if not borrowed and _reference_only(head, etype, when, dated_by, people):
        return None
    if etype == "purchase_commitment":
        status = "planned" if status == "planned" else "in_effect"  # a standing commitment
    location = None
    if etype not in NO_PLACE:  # a tariff has no venue ("shipments clearing customs in Houston")
        location = next((loc for t in group if (loc := location_of(t.token, index))), None)
    if location is None and all(t.needs_place for t in group):
        return None  # 'returned to the negotiating table'
    attrs = _attributes(etype, group, index, quantities, when)
    if location is None and etype in ("summit", "meeting") and status == "occurred" \
            and (location := _filed_from(sent)) is not None:
        attrs["location_from"] = "dateline"  # 'HANOI - Trump and Kim cut short their summit': a weak guess
    if borrowed and like is not None:
        attrs = {**{k: v for k, v in like.attributes.items() if k in ("imposer", "target")}, **attrs}
    if not borrowed and _unanchored(etype, dated_by, people, location, attrs):
        return None
    attrs["dated_by"] = dated_by
    start, end, precision, attrs = event_span(when, etype, attrs, dct)
    doc_id = doc._.storyline_doc_id
    return Event(
        id=f"{doc_id}:e{head.idx}", type=etype,
        summary=render(etype, [m.name or m.text for m in people], location, attrs, status),
        start=start, end=end, date_precision=precision, status=status,
        participants=tuple(m.key for m in people) or borrowed, location=location, attributes=attrs,
        sources=(SourceSpan(doc_id, sent.start_char, sent.end_char, sent.text),),
        confidence=_confidence(dated_by, people, location), trigger=head.text, when=when,
        doc=doc_id,
    )  # fmt: skip


def _filed_from(sent: Span) -> str | None:
    """The dateline city of the sentence a wire dateline opened (removed by cleaning, or
    still in the text)."""
    dateline = sent.doc._.storyline_dateline
    if dateline is not None and sent.start_char <= dateline.start < sent.end_char:
        return str(dateline.place)
    return dateline_place(sent)


def _attributes(
    etype: str, group: list[Trigger], index: args.DocIndex, quantities: list[Any], when: Timex | None
) -> dict[str, Any]:
    nouns = [t.token for t in group if t.token.pos_ != "VERB"]
    head = nouns[0] if nouns else group[0].token
    if etype in ("tariff", "sanction", "export_control"):
        attrs = tariff_attributes(head, index, quantities)
        return attrs if etype == "tariff" else {k: v for k, v in attrs.items() if k in ("imposer", "target", "scope")}
    if etype == "purchase_commitment":
        deadline = when if when is not None and when.mod in ("END", "BEFORE") else None
        return purchase_attributes(head, index, quantities, deadline)
    return {}


def _confidence(dated_by: str, people: list[Mention], location: str | None) -> float:
    score = {"text": 0.7, "narrative": 0.55, "recent": 0.4}.get(dated_by, 0.4)
    score += 0.1 if people else -0.1
    score += 0.05 if location else 0.0
    return round(min(max(score, 0.05), 0.95), 2)


NO_PLACE = {"tariff", "sanction", "export_control", "purchase_commitment", "market_move"}
NEW_EVENT = {"next", "new", "another", "further", "upcoming", "second", "third", "fresh", "latest"}
GENERIC_NOUNS = {"discussion", "conversation", "talk", "talks", "consultation", "negotiation", "engagement", "meeting"}


def _committed(tok: Token) -> bool:
    """A purchase that someone commits to: 'pledged to buy', 'will purchase', 'purchase targets'."""
    words = {t.lemma_.lower() for t in (tok, *args.ancestors_upto(tok, 6))}
    words |= {c.lemma_.lower() for t in (tok, tok.head) for c in t.children}
    return bool(words & COMMIT_WORDS) or clause_tense(args.governor(tok)) == "future"


def _is_country(m: Mention) -> bool:
    return m.key.startswith(("country:", "bloc:")) or m.label in ("GPE", "NORP")


def _definite(tok: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "these", "that", "those") for c in tok.children)


def _antecedent(events: list[Event], new: Event, group: list[Trigger]) -> Event | None:
    """A generic, undated mention ("the talks", "held discussions") of a reported event."""
    if new.attributes.get("dated_by") == "text" or new.type not in COMMUNICATION:
        return None
    if any(c.lower_ in NEW_EVENT for t in group for c in t.token.children):
        return None  # "the next round", "another meeting": a new event, not a reference
    definite = any(_definite(t.token) for t in group)
    generic = any(t.token.lemma_.lower() in GENERIC_NOUNS for t in group)
    for prior in reversed(events[-4:]):
        if prior.type not in COMMUNICATION or prior.attributes.get("dated_by") != "text":
            continue
        same_time = _status_class(prior.status) == _status_class(new.status)
        if prior.type != new.type and not (generic and same_time):
            continue
        if definite:
            return prior
        if same_time and (generic or not new.participants or set(new.participants) & set(prior.participants)):
            return prior  # not 'Trump is expected to meet Putin' after the EU ministers' meeting
    return None


def _absorb(prior: Event, new: Event) -> Event:
    people = prior.participants + tuple(p for p in new.participants if p not in prior.participants)
    return prior.replace(
        participants=people,
        location=prior.location or new.location,
        sources=prior.sources + tuple(s for s in new.sources if s not in prior.sources),
    )


def _headline(sent: Span) -> bool:
    """A title line: no closing punctuation and mostly capitalised words."""
    text = sent.text.strip()
    words = [w for w in text.split() if w[:1].isalpha()]
    caps = sum(w[:1].isupper() for w in words)
    return bool(words) and text[-1:] not in ".!?\"”’" and caps >= 0.6 * len(words)


def _market_events(doc: Doc, sent: Span, quantities: list[Any], index: args.DocIndex,
                   dct: str | None) -> Iterator[Event]:  # fmt: skip
    if _headline(sent):
        return
    for instrument, attrs, at in market_moves(sent, quantities):
        when = _market_day(sent, at, index, dct)
        day = when.lo if when is not None else dct
        attrs = {**attrs, "dated_by": "text" if when is not None else "dct"}
        pct = attrs.get("change_pct")
        pts = attrs.get("change_points")
        change = ", ".join(x for x in (f"{pct:+g}%" if pct is not None else "", f"{pts:+g} points" if pts is not None else "") if x)
        yield Event(
            id=f"{doc._.storyline_doc_id}:m{at}", type="market_move",
            summary=f"Market move: {instrument} {change}", start=day, end=day,
            date_precision="day" if day else "unknown", status="occurred",
            attributes=attrs,
            sources=(SourceSpan(doc._.storyline_doc_id, sent.start_char, sent.end_char, sent.text),),
            confidence=0.6, trigger=instrument, when=when, doc=doc._.storyline_doc_id,
        )  # fmt: skip


def _market_day(sent: Span, at: int, index: args.DocIndex, dct: str | None) -> Timex | None:
    """The day a move is dated to in the text ('fell 1.2% on Monday'); None: the DCT's."""
    tok = next((t for t in sent if t.idx <= at < t.idx + len(t.text)), None)
    verb = next((a for a in (tok, *tok.ancestors) if a.pos_ in ("VERB", "AUX")), None) if tok is not None else None
    when = date_for(verb, index) if verb is not None else None
    if when is None or when.type not in ("DATE", "TIME") or not when.lo or when.lo != when.hi:
        return None
    return when if not dct or when.lo <= dct else None


DELEGATION = {"represent", "lead", "delegation", "include", "accompany", "join", "head"}


def _attach_delegation(sent: Span, index: args.DocIndex, events: list[Event]) -> None:
    """ "Representing the US will be A, B and C": people join the last planned meeting."""
    if not events or not any(t.lemma_.lower() in DELEGATION for t in sent):
        return
    people = list({m.key: m for t in sent if (m := index.mention_at[t.i]) is not None and m.label == "PERSON"}.values())
    if not people:
        return
    for k in range(len(events) - 1, max(len(events) - 4, -1), -1):
        ev = events[k]
        if ev.type in ("meeting", "summit", "visit") and ev.sources[-1].end <= sent.start_char:
            if sent.start_char - ev.sources[-1].end > 600:
                return
            keys = ev.participants + tuple(m.key for m in people if m.key not in ev.participants)
            events[k] = ev.replace(participants=keys)
            return


def set_annotations(doc: Doc, events: list[Event]) -> None:
    doc._.storyline_events = events
