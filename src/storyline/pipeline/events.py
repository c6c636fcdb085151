"""The events stage: typed events from triggers and the dependency parse.

For each sentence: find trigger words (``data/event_triggers.yaml``), group triggers of one
type that belong together (a verb and its noun object, "meet ... for talks"), then read each
group's participants, place, date (from the temporal stage), status, numbers and summary.
Dates come from the time expression attached to the trigger; failing that, from the verb it
depends on, from the narrative time of the previous sentences, and for past events with no
time at all a "recent" window before the DCT.  Every event cites its sentence.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..records import Event, Mention, SourceSpan, Timex
from ..summaries import COMMUNICATION, render
from ..time.spans import event_span
from . import event_args as args
from .anaphora import country_of
from .event_attrs import ADDED, market_moves, purchase_attributes, tariff_attributes
from .event_places import location_of
from .event_rounds import round_events
from .event_status import CHANGES, MEASURES, clause_tense
from .event_timing import Narrative, date_for, scene_time, status_class, timing
from .event_triggers import (
    COMMIT_WORDS,
    Trigger,
    group_triggers,
    triggers,
    without_reporting,
)
from .paragraphs import dateline_place

# ---------------------------------------------------------------------------- assembly


def find(doc: Doc) -> list[Event]:
    index = args.DocIndex.build(doc)
    dct = doc._.storyline_dct
    quantities = list(doc._.storyline_quantities or ())
    narrative = Narrative({})
    events: list[Event] = []
    for sent_i, sent in enumerate(doc.sents):
        scene_time(sent, sent_i, index, narrative, dct)
        for found in without_reporting(_split_dated(group_triggers(triggers(sent)), index)):
            group, like = _measure_typed(found, events)
            if not group:
                continue
            event = _event(doc, sent, sent_i, group, index, quantities, narrative, dct, like, events)
            if event is None:
                continue
            prior = _antecedent(events, event, group)
            if prior is not None:
                events[events.index(prior)] = _absorb(prior, event)
            elif _news(event, group):
                events.append(event)
                if event.type in VENUES and event.status == "occurred" and event.location \
                        and event.attributes.get("dated_by") == "text":
                    narrative.scene = (sent_i, event)
        events.extend(_market_events(doc, sent, quantities, index, dct))
        events.extend(round_events(sent, index, events, dct))
        _attach_delegation(sent, index, events)
    return events


def _split_dated(groups: list[list[Trigger]], index: args.DocIndex) -> list[list[Trigger]]:
    """'declared a truce over Easter … and a three-day ceasefire from May 8 to May 10': two
    triggers of one group, neither a clause on the other, that each take a date of their own
    are two events ('the truce that the two sides agreed in May took effect on May 14'
    is one)."""
    out: list[list[Trigger]] = []
    for group in groups:
        apart = len(group) > 1 and not any(  # not 'the truce that they agreed in May'
            o.token.dep_ in ("relcl", "acl") and o.token.head.i == t.token.i for t in group for o in group)
        dates = [(t, args.linked_timex(t.token, index)) for t in group] if apart else []
        values = {w.value for _, w in dates if w is not None}
        if len(values) < 2:
            out.append(group)
            continue
        first = next(w.value for _, w in dates if w is not None)
        parts: dict[str, list[Trigger]] = {}
        for t, w in dates:  # an undated trigger stays with the first dated one
            parts.setdefault(w.value if w is not None else first, []).append(t)
        out.extend(parts.values())
    return out


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


def _same_measure(group: list[Trigger], earlier: Sequence[Event]) -> Event | None:
    """'the additional duty', 'these sanctions': the measure of that kind reported last, when
    the trigger is definite and names no party of its own."""
    head = group[0].token
    if group[0].type not in MEASURES or not _definite(head):
        return None
    kind = [e for e in reversed(earlier) if e.type == group[0].type and e.participants]
    if any(c.lower_ in ADDED for c in head.children):  # 'the additional duty': the additional one
        kind = [e for e in kind if e.attributes.get("additional")] + kind
    return next(iter(kind), None)


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
        if etype == "attack" and t.token.pos_ != "VERB" and args.governor(t.token).lemma_.lower() in args.STANCE_VERBS:
            continue  # 'the White House condemned the attack': who condemned it did not attack
        found = args.participants(t.token, index, subject_only=etype == "statement",
                                  speaker_joins=etype not in SPEAKER_APART, own_phrase=etype in MEASURES)
        if etype in MEASURES:
            found += args.regional_actors(t.token, index)
        people += [m for m in found if m.key not in {p.key for p in people}]
    return people


def _unanchored(etype: str, dated_by: str, people: list[Mention], location: str | None,
                attrs: dict[str, Any], status: str) -> bool:  # fmt: skip
    """Too vague to list: nothing a reader could place in time, space or among actors."""
    if etype == "tariff" and dated_by != "text" and "rate" not in attrs and status not in CHANGES:
        return True  # "proceed with the reduced tariff rates": no level, no date (not 'cars
        # would be exempt from the new tariffs': a change to them is news)
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
    if etype == "statement" and (dated_by != "text" or not people or all(_is_country(m) and not _office(m)
                                                                         for m in people)):  # fmt: skip
        return True  # "Washington said on Monday that …": the news is what it said
    # "since the tariffs announcement": a reference point, reported elsewhere
    return args.in_temporal_pp(head) and dated_by != "text" and (not people or args.since_or_before(head))


def _event(
    doc: Doc, sent: Span, sent_i: int, group: list[Trigger], index: args.DocIndex,
    quantities: list[Any], narrative: Narrative, dct: str | None, like: Event | None = None,
    earlier: Sequence[Event] = (),
) -> Event | None:  # fmt: skip
    """The event a group of triggers reports; ``like``: the measure an anaphoric trigger
    ('the rules') refers to, whose parties it takes when it names none; ``earlier``: the
    document's events so far."""
    head = min(group, key=lambda t: (t.token.pos_ != "VERB", t.token.i)).token
    etype = group[0].type
    when, status, dated_by = timing(head, group, etype, index, sent_i, narrative, dct)
    people = _people(group, index, etype)
    if etype == "agreement":  # 'once it enters into force': the parties of the deal named before
        people = people or (narrative.deal_parties if _refers_back(head) else [])
        narrative.deal_parties = people or narrative.deal_parties
    if like is None and not people and (dated_by == "text" or status in CHANGES):
        like = _same_measure(group, earlier)  # 'the additional duty will take effect on Aug. 27',
        # 'cars would be exempt from the new tariffs for a month': news about that measure
    borrowed = like.participants if like is not None and not people else ()
    if not borrowed and _reference_only(head, etype, when, dated_by, people):
        return None
    if etype == "purchase_commitment":
        status = "planned" if status == "planned" else "in_effect"  # a standing commitment
    location, location_from = _place(group, sent, index, status)
    if location is None and all(t.needs_place for t in group):
        return None  # 'returned to the negotiating table'
    if location is None and etype == "agreement" and dated_by == "narrative" and status == "occurred":
        location = narrative.venue(sent_i, people)
        location_from = "scene" if location else None
    attrs = _attributes(etype, group, index, quantities, when)
    if etype == "tariff" and attrs.get("imposer") and not attrs.get("target"):
        attrs.update(_running_target(attrs["imposer"], earlier))
    if location_from:
        attrs["location_from"] = location_from
    if borrowed and like is not None:
        attrs = {**{k: v for k, v in like.attributes.items() if k in ("imposer", "target")}, **attrs}
    if not borrowed and _unanchored(etype, dated_by, people, location, attrs, status):
        return None
    if etype in MEASURES:  # 'a tariff on goods from India': India is a party, not a venue
        people += _sides(attrs, sent, index, people)
    attrs["dated_by"] = dated_by
    start, end, precision, attrs = event_span(when, etype, attrs, dct)
    doc_id = doc._.storyline_doc_id
    return Event(
        id=f"{doc_id}:e{head.idx}", type=etype,
        summary=render(etype, [m.name or m.text for m in people], location, attrs, status),
        start=start, end=end, date_precision=precision, status=status,
        participants=_keys(people, borrowed), location=location, attributes=attrs,
        sources=(SourceSpan(doc_id, sent.start_char, sent.end_char, sent.text),),
        confidence=_confidence(dated_by, people, location), trigger=head.text, when=when,
        doc=doc_id,
    )  # fmt: skip


def _keys(people: list[Mention], borrowed: tuple[str, ...]) -> tuple[str, ...]:
    """The event's parties: its own, or those borrowed from the measure it refers back to
    (with any side its sentence names)."""
    own = tuple(m.key for m in people)
    return tuple(dict.fromkeys((*borrowed, *own)))


def _sides(attrs: dict[str, Any], sent: Span, index: args.DocIndex, people: list[Mention]) -> list[Mention]:
    """The mentions in the sentence of a measure's imposer and targets not among its people."""
    codes = {attrs.get("imposer"), attrs.get("target"), *attrs.get("targets", ())} - {None}
    have = {m.key for m in people} | {m.country for m in people if m.country}
    out: list[Mention] = []
    for m in (index.mention_at[t.i] for t in sent):
        code = country_of(m) if m is not None else None
        if m is not None and code is not None and code in codes and code not in have:
            out.append(m)
            have.add(code)
    return out


def _place(group: list[Trigger], sent: Span, index: args.DocIndex, status: str) -> tuple[str | None, str | None]:
    """(where the event took place, how that was found when not from its own words)."""
    etype = group[0].type
    if etype in NO_PLACE:  # a tariff has no venue ("shipments clearing customs in Houston")
        return None, None
    location = next((loc for t in group if (loc := location_of(t.token, index))), None)
    if location is None and etype in ("summit", "meeting", "agreement") and status == "occurred" \
            and (location := _filed_from(sent)) is not None:
        return location, "dateline"  # 'HANOI - Trump and Kim cut short their summit' (or agreed): a weak guess
    return location, None


def _filed_from(sent: Span) -> str | None:
    """The dateline city of the sentence a wire dateline opened (removed by cleaning, or
    still in the text)."""
    dateline = sent.doc._.storyline_dateline
    if dateline is not None and sent.start_char <= dateline.start < sent.end_char:
        return str(dateline.place)
    return dateline_place(sent)


def _running_target(imposer: str, earlier: Sequence[Event]) -> dict[str, Any]:
    """'The EU executive set provisional rates of 17.4% for BYD …' after 'duties on electric
    vehicles imported from China': the imposer's last tariff in the article names the target."""
    prior = next((e for e in reversed(earlier) if e.type == "tariff" and e.attributes.get("imposer") == imposer
                  and e.attributes.get("target")), None)  # fmt: skip
    if prior is None:
        return {}
    return {k: prior.attributes[k] for k in ("target", "targets") if k in prior.attributes}


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
VENUES = frozenset({"meeting", "summit"})
NEW_EVENT = {"next", "new", "another", "further", "upcoming", "second", "third", "fresh", "latest"}
GENERIC_NOUNS = {"discussion", "conversation", "talk", "talks", "consultation", "negotiation", "engagement", "meeting"}


def _committed(tok: Token) -> bool:
    """A purchase that someone commits to: 'pledged to buy', 'will purchase', 'purchase targets'."""
    words = {t.lemma_.lower() for t in (tok, *args.ancestors_upto(tok, 6))}
    words |= {c.lemma_.lower() for t in (tok, tok.head) for c in t.children}
    return bool(words & COMMIT_WORDS) or clause_tense(args.governor(tok)) == "future"


def _is_country(m: Mention) -> bool:
    return m.key.startswith(("country:", "bloc:")) or m.label in ("GPE", "NORP")


OFFICE_WORDS = frozenset({"office", "ministry", "presidency", "chancellery", "kremlin", "spokesman", "spokeswoman",
                          "spokesperson", "embassy", "cabinet"})  # fmt: skip


def _office(m: Mention) -> bool:
    """'Netanyahu's office', 'the Qatari foreign ministry': an office that speaks for its
    state, whose statement is news in itself (not 'Israel said')."""
    return m.text.split()[-1].lower() in OFFICE_WORDS if m.text.split() else False


def _definite(tok: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "these", "that", "those") for c in tok.children)


def _antecedent(events: list[Event], new: Event, group: list[Trigger]) -> Event | None:
    """A generic, undated mention ("the talks", "held discussions") of a reported event;
    "the tariffs would be suspended" after "the tariffs on Canada would be paused" that day."""
    if new.attributes.get("dated_by") == "text":
        return None
    if new.type in MEASURES and new.status in CHANGES and _definite(group[0].token):
        return next((e for e in reversed(events[-4:]) if e.type == new.type and e.status == new.status
                     and e.start == new.start), None)  # fmt: skip
    if new.type not in COMMUNICATION:
        return None
    if any(c.lower_ in NEW_EVENT for t in group for c in t.token.children):
        return None  # "the next round", "another meeting": a new event, not a reference
    definite = any(_definite(t.token) for t in group)
    generic = any(t.token.lemma_.lower() in GENERIC_NOUNS for t in group)
    for prior in reversed(events[-4:]):
        if prior.type not in COMMUNICATION or prior.attributes.get("dated_by") != "text":
            continue
        same_time = status_class(prior.status) == status_class(new.status)
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


def _news(event: Event, group: list[Trigger]) -> bool:
    """An undated "these talks" with nothing before it is no new event; "the 20% tariff …
    would be halved to 10%" and "cars would be exempt from the new tariffs" are news."""
    if not _definite(group[0].token) or event.attributes.get("dated_by") == "text":
        return True
    return "rate" in event.attributes or (event.type in MEASURES and event.status in CHANGES)


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
