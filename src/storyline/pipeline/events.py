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
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..records import Event, Mention, SourceSpan, Timex
from ..summaries import render
from ..time import resolve as resolve_timex
from . import event_args as args
from .event_attrs import market_moves, purchase_attributes, tariff_attributes
from .event_status import clause_tense, status_of
from .lexicon import load

COMMUNICATION = {"meeting", "call", "visit", "summit"}
RECENT_DAYS = 30


@dataclass(frozen=True, slots=True)
class Trigger:
    token: Token
    type: str
    anaphoric: bool = False


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


def _quoted(doc: Doc) -> list[tuple[int, int]]:
    return [(q.start, q.end) for q in doc._.storyline_quotes or ()]


AVERT = {"avert", "avoid", "prevent", "forestall", "stave", "head", "ward"}


def _negated(tok: Token) -> bool:
    """'not expect a deal', 'to head off an increase in tariffs': no event is reported."""
    for t in (tok, *args.ancestors_upto(tok, 3)):
        if any(c.dep_ == "neg" for c in t.children):
            return True
        lemma = t.lemma_.lower()
        if t is not tok and lemma in AVERT and (lemma not in ("stave", "head", "ward") or any(c.dep_ == "prt" for c in t.children)):
            return True
    return False


EVENT_HEADS = {"measure", "hike", "increase", "threat", "cut", "rate", "action", "war", "truce", "deal",
               "plan", "schedule", "itinerary"}


def _modifier_only(tok: Token) -> bool:
    """'export control list', 'summit venue': the trigger only modifies another noun."""
    return tok.dep_ == "compound" and tok.head.lemma_.lower() not in EVENT_HEADS


COMMIT_WORDS = frozenset({"agree", "agreed", "decide", "vow", "pledge", "pledged", "commit", "committed",
                          "promise", "promised", "undertake", "commitment", "commitments", "target",
                          "targets", "deal", "track"})  # fmt: skip
COPULAS = {"be", "remain", "seem", "appear", "look", "stay", "become"}


def _described(tok: Token) -> bool:
    """'the tariffs were not sustainable', 'tariffs remain high': a description, no event."""
    head = tok.head
    return (
        tok.dep_ in ("nsubj", "nsubjpass")
        and head.lemma_.lower() in COPULAS
        and any(c.dep_ in ("acomp", "attr", "oprd") for c in head.children)
    )


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
    planners = _planners()
    return tok.head.lemma_.lower() not in planners and tok.head.lower_ not in planners


@cache
def _planners() -> frozenset[str]:
    return frozenset(_lexicon()["status"]["planned"]) | COMMIT_WORDS


def triggers(sent: Span) -> list[Trigger]:
    lex = _lexicon()
    quoted = _quoted(sent.doc)
    out = []
    for tok in sent:
        entry = _entry(tok, lex)
        if not entry or any(lo <= tok.idx < hi for lo, hi in quoted) or _negated(tok):
            continue
        if _modifier_only(tok) or _purpose_only(tok) or _described(tok) or _generic_past(tok):
            continue
        needs = entry.get("needs")
        if needs and not set(needs) & _context_words(tok):
            continue
        out.append(Trigger(tok, entry["type"], bool(entry.get("anaphoric"))))
    return out


def _entry(tok: Token, lex: dict[str, Any]) -> dict[str, Any] | None:
    """The lexicon entry a token triggers, by part of speech."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        entry = lex["verb"].get(lemma)
        return entry if entry is not None or lemma not in lex["speech"] else {"type": "statement"}
    if tok.pos_ in ("NOUN", "PROPN"):
        entry = lex["noun"].get(lemma)
        if entry and entry.get("plural_only") and tok.tag_ != "NNS":
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


def _without_reporting(groups: list[list[Trigger]]) -> list[list[Trigger]]:
    """Drop a statement whose verb reports another event of the same sentence
    ("Beijing announced new export controls" is the export controls, not a statement)."""
    others = [g for g in groups if g[0].type != "statement"]
    kept = []
    for g in groups:
        if g[0].type == "statement" and any(
            g[0].token in args.ancestors_upto(o[0].token, 4) for o in others
        ):
            continue
        kept.append(g)
    return kept


TIME_MARKS = {"since", "after", "before", "until", "when", "while", "once"}


def _clause_of(tok: Token) -> Token | None:
    """The nearest verb above (or at) ``tok`` that opens a 'since/after/before…' clause."""
    for t in (tok, *args.ancestors_upto(tok, 5)):
        if any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in t.children):
            return t
    return None


def _related(a: Token, b: Token) -> bool:
    if _clause_of(a) is not _clause_of(b):
        return False  # "the meetings will be the first since X met Y": two events
    if a.head == b or b.head == a or a.head == b.head:
        return True
    return b in args.ancestors_upto(a, 4) or a in args.ancestors_upto(b, 4)


# ---------------------------------------------------------------------------- dating


@dataclass
class Narrative:
    """The running time of the text: the last dated event per status class."""

    last: dict[str, tuple[int, Timex]]

    def remember(self, status: str, sent_i: int, when: Timex) -> None:
        self.last[_status_class(status)] = (sent_i, when)

    def recall(self, status: str, sent_i: int) -> Timex | None:
        got = self.last.get(_status_class(status))
        if got and sent_i - got[0] <= 2:
            return got[1]
        return None


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
    if tok.head is tok or tok.dep_ in ("acl", "agent", "ROOT", "appos"):
        return False
    if tok.dep_ == "relcl":
        return any(c.lower_ in ("where", "when") for c in tok.children)
    if tok.dep_ == "prep":
        return tok.lower_ in SAME_TIME_PREPS
    if tok.dep_ == "pobj":
        return tok.head.lower_ in SAME_TIME_PREPS
    return tok.dep_ in ("xcomp", "advcl", "conj", "ccomp", "dobj", "nsubj", "nsubjpass")


def directed(when: Timex | None, status: str, dct: str | None) -> Timex | None:
    """Let the event's modality decide which way a relative date points: 'the April trip'
    of a planned visit is next April, of a past one last April.  Vague 'recently' and
    'in the coming weeks' become windows before or after the DCT."""
    if when is None or not dct:
        return when
    day = dt.date.fromisoformat(dct)
    if when.value == "PAST_REF" and when.lo is None:
        return when.replace(lo=(day - dt.timedelta(days=RECENT_DAYS)).isoformat(), hi=dct, precision="month")
    if when.value == "FUTURE_REF" and when.lo is None:
        return when.replace(lo=dct, hi=(day + dt.timedelta(days=RECENT_DAYS)).isoformat(), precision="month")
    want = {"planned": "future", "occurred": "past"}.get(status)
    if when.mod == "BEFORE":
        want = "future"  # a deadline ("pledged to buy ... by the end of June") lies ahead
    if want and when.relative and when.tense != want and when.lo and _undirected(when):
        turned = resolve_timex(when.replace(tense=want), day)
        return turned if turned.lo else when
    return when


def _undirected(when: Timex) -> bool:
    """Month names, weekdays and month-days: expressions whose year or week the tense picks."""
    return not any(w in when.text.lower() for w in ("last", "next", "this", "ago", "later", "earlier", "coming", "past"))


def recent_window(dct: str | None) -> Timex | None:
    """An undated past event in a news report: within the month before publication."""
    if not dct:
        return None
    day = dt.date.fromisoformat(dct)
    lo = (day - dt.timedelta(days=RECENT_DAYS)).isoformat()
    return Timex(start=0, end=0, text="", type="DATE", value="PAST_REF", lo=lo, hi=dct,
                 precision="month", tense="past", relative=True)  # fmt: skip


# ---------------------------------------------------------------------------- assembly


def find(doc: Doc) -> list[Event]:
    index = args.DocIndex.build(doc)
    dct = doc._.storyline_dct
    quantities = list(doc._.storyline_quantities or ())
    narrative = Narrative({})
    events: list[Event] = []
    for sent_i, sent in enumerate(doc.sents):
        for group in _without_reporting(group_triggers(triggers(sent))):
            event = _event(doc, sent, sent_i, group, index, quantities, narrative, dct)
            if event is None:
                continue
            prior = _antecedent(events, event, group)
            if prior is not None:
                events[events.index(prior)] = _absorb(prior, event)
            elif not (_definite(group[0].token) and event.attributes.get("dated_by") != "text"):
                events.append(event)  # an undated "these talks" with nothing before it is no new event
        events.extend(_market_events(doc, sent, quantities, dct))
        _attach_delegation(sent, index, events)
    return events


def _event(
    doc: Doc, sent: Span, sent_i: int, group: list[Trigger], index: args.DocIndex,
    quantities: list[Any], narrative: Narrative, dct: str | None,
) -> Event | None:  # fmt: skip
    head = min(group, key=lambda t: (t.token.pos_ != "VERB", t.token.i)).token
    etype = group[0].type
    when = next((w for t in group if (w := date_for(t.token, index)) is not None), None)
    if etype == "statement":  # what was said is past; its content's modality is not its own
        status = "occurred" if clause_tense(head) in ("past", "present") else "unknown"
        when = directed(when, status, dct)
    else:
        when = directed(when, status_of(head, etype, None, dct), dct)  # modality first
        status = status_of(head, etype, when, dct)
    dated_by = "text" if when is not None else "none"
    if when is None:
        when = narrative.recall(status, sent_i)
        dated_by = "narrative" if when is not None else "none"
    if when is None and status in ("occurred", "announced", "in_effect") and etype != "statement":
        when = recent_window(dct)
        dated_by = "recent" if when is not None else "none"
    if when is not None and dated_by == "text":
        narrative.remember(status, sent_i, when)
    people: list[Mention] = []
    for t in group:
        found = args.participants(t.token, index, subject_only=etype == "statement")
        people += [m for m in found if m.key not in {p.key for p in people}]
    if etype in ("tariff", "sanction", "export_control") and not people:
        return None  # "the steep tariffs were not sustainable": a reference, not an event
    if etype == "purchase_commitment":
        if not (_committed(head) or (when is not None and when.mod == "BEFORE")):
            return None  # "the EU imported 4.5 million tonnes last year": trade data, no commitment
        status = "planned" if status == "planned" else "in_effect"  # a standing commitment
    if etype == "statement" and (dated_by != "text" or not people):
        return None
    if args.in_temporal_pp(head) and dated_by != "text" and (not people or args.since_or_before(head)):
        return None  # "since the tariffs announcement": a reference point, reported elsewhere
    location = None
    if etype not in NO_PLACE:  # a tariff has no venue ("shipments clearing customs in Houston")
        location = next((loc for t in group if (loc := args.location_of(t.token, index))), None)
    attrs = _attributes(etype, group, index, quantities, when)
    if etype == "tariff" and dated_by != "text" and "rate" not in attrs:
        return None  # "proceed with the reduced tariff rates": no level, no date — too vague
    if not people and not location and "rate" not in attrs:
        return None  # nothing to anchor a reader: "an important step in negotiations"
    measures = ("tariff", "sanction", "export_control", "purchase_commitment")
    if dated_by != "text" and not location and etype not in measures and all(_is_country(m) for m in people):
        return None  # "China agreed to talks": no date, no place, no person — too vague to list
    attrs["dated_by"] = dated_by
    start, end, precision = _dates(when, etype, attrs, dct)
    return Event(
        id=f"{doc._.storyline_doc_id}:e{head.idx}", type=etype,
        summary=render(etype, [m.name or m.text for m in people], location, attrs, status),
        start=start, end=end, date_precision=precision, status=status,
        participants=tuple(m.key for m in people), location=location, attributes=attrs,
        sources=(SourceSpan(doc._.storyline_doc_id, sent.start_char, sent.end_char, sent.text),),
        confidence=_confidence(dated_by, people, location), trigger=head.text, when=when,
        doc=doc._.storyline_doc_id,
    )  # fmt: skip


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


def _dates(when: Timex | None, etype: str, attrs: dict[str, Any], dct: str | None) -> tuple[str | None, str | None, str]:
    if when is None or when.lo is None:
        return None, None, "unknown"
    if etype == "purchase_commitment" and "deadline" in attrs and dct and dct <= attrs["deadline"]:
        return dct, attrs["deadline"], "day"  # committed as of the report, due by the deadline
    return when.lo, when.hi or when.lo, when.precision


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
        if definite or same_time:
            return prior
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


def _market_events(doc: Doc, sent: Span, quantities: list[Any], dct: str | None) -> Iterator[Event]:
    if _headline(sent):
        return
    for instrument, attrs, at in market_moves(sent, quantities):
        attrs = {**attrs, "dated_by": "dct"}
        pct = attrs.get("change_pct")
        pts = attrs.get("change_points")
        change = ", ".join(x for x in (f"{pct:+g}%" if pct is not None else "", f"{pts:+g} points" if pts is not None else "") if x)
        yield Event(
            id=f"{doc._.storyline_doc_id}:m{at}", type="market_move",
            summary=f"Market move: {instrument} {change}", start=dct, end=dct,
            date_precision="day" if dct else "unknown", status="occurred",
            attributes=attrs,
            sources=(SourceSpan(doc._.storyline_doc_id, sent.start_char, sent.end_char, sent.text),),
            confidence=0.6, trigger=instrument, doc=doc._.storyline_doc_id,
        )  # fmt: skip


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
