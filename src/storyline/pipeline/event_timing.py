"""When an event happened or is planned: the date expression attached to its trigger, the
running time of the narrative, or a "recent" window; the direction a relative date points
in from the event's modality; and its status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..records import Event, Mention, Timex
from ..summaries import COMMUNICATION
from ..time import resolve as resolve_timex
from ..time.spans import recent_window, ref_window
from . import event_args as args
from .event_status import clause_tense, status_of, still_ahead
from .event_triggers import Trigger
from .lexicon import load
from .timex import future_in_past


@dataclass
class Narrative:
    """The running time of the text: the last dated event per status class."""

    last: dict[str, tuple[int, Timex]]
    deal_parties: list[Mention] = field(default_factory=list)  # of the last agreement named
    scene: tuple[int, Event] | None = None  # the last meeting held at a named place, on a named day

    def venue(self, sent_i: int, people: list[Mention]) -> str | None:
        """'… met in Istanbul on Friday. Both sides said they had agreed to …': where the same
        parties met within the last two sentences, the deal was struck there."""
        if self.scene is None or sent_i - self.scene[0] > 2:
            return None
        meeting = self.scene[1]
        return meeting.location if {m.key for m in people} & set(meeting.participants) else None

    def remember(self, status: str, sent_i: int, when: Timex) -> None:
        self.last[status_class(status)] = (sent_i, when)

    def recall(self, status: str, sent_i: int) -> Timex | None:
        got = self.last.get(status_class(status))
        if got and sent_i - got[0] <= 2:
            return got[1]
        return None


def scene_time(sent: Span, sent_i: int, index: args.DocIndex, narrative: Narrative, dct: str | None) -> None:
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
    return not (args.in_temporal_pp(tok) or args.below_clause(tok, SUBORDINATE) or args.in_sequence_object(tok))


def status_class(status: str) -> str:
    return "future" if status == "planned" else "past"


def date_for(trig: Token, index: args.DocIndex) -> Timex | None:
    when = args.linked_timex(trig, index)
    if when is not None or args.in_temporal_pp(trig):
        return when
    cur, tense = trig, None
    for _ in range(5):
        if not _climbable(cur):
            break
        if _marked(cur, _REFERENCE_MARKS):
            if not _hours_apart(cur):
                break  # 'imposed duties on Friday after talks collapsed': the talks are earlier
            tense = clause_tense(cur)  # 'hours after X came into force': X's day has X's tense
        cur = cur.head
        when = args.linked_timex(cur, index)
        if when is not None and (tense is None or when.tense in (tense, "none")):
            return when
    return None


_CLOSE_GAPS = {"hours", "minutes", "moments", "shortly", "just", "soon", "immediately", "right"}


def _marked(clause: Token, marks: set[str]) -> bool:
    """An adverbial clause opened by one of ``marks`` ('after the tariffs came into force')."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children)


def _hours_apart(clause: Token) -> bool:
    """'hours after', 'shortly before': the clause happened the day of the one it modifies."""
    marks = [c for c in clause.children if c.dep_ == "mark"]
    near = [*clause.children, *(g for m in marks for g in m.children)]
    return any(c.lower_ in _CLOSE_GAPS and c.dep_ in ("npadvmod", "advmod") for c in near)


SAME_TIME_PREPS = {"of", "during", "at", "in"}


def _climbable(tok: Token) -> bool:
    """May a trigger take the date of its head? Through verb chains ('to attend'), objects,
    'where' clauses and 'of/during/at' phrases; not through other nouns' modifiers."""
    if tok.dep_ == "acl" and tok.head.lemma_.lower() in args.DECISIONS and any(c.lower_ == "to" for c in tok.children):
        return True  # 'a decision on Friday to add …': decided on Friday
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


def timing(
    head: Token, group: list[Trigger], etype: str, index: args.DocIndex, sent_i: int,
    narrative: Narrative, dct: str | None,
) -> tuple[Timex | None, str, str]:  # fmt: skip
    """(date expression, status, how it was dated: text|narrative|recent|none)."""
    # a trigger's own date first ('the freezes and bans would take effect next Monday'), then
    # one climbed to ('said on Monday evening')
    when = next((w for t in group if (w := args.linked_timex(t.token, index)) is not None), None) \
        or next((w for t in group if (w := date_for(t.token, index)) is not None), None)
    if etype == "statement":  # what was said is past; its content's modality is not its own
        status = "occurred" if clause_tense(head) in ("past", "present") else "unknown"
        when = directed(when or _said_when(head, index), status, dct)
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
_SAYING_MARKS = {"after", "when", "as"}
_ADDRESSING = {"speak", "talk", "address", "write", "brief", "answer", "reply", "respond", "testify"}


def _said_when(verb: Token, index: args.DocIndex) -> Timex | None:
    """'After those talks ended on Sunday, Bessent said …', 'when asked on Monday, he said':
    something said right after (or as) a day's event, with no day of its own, was said that day."""
    for clause in verb.children:
        speaking = clause.tag_ == "VBG" and clause.lemma_.lower() in _ADDRESSING  # 'Speaking to reporters on Friday'
        if clause.dep_ == "advcl" and (speaking or any(c.dep_ in ("mark", "advmod") and c.lower_ in _SAYING_MARKS
                                                       for c in clause.children)):  # fmt: skip
            when = args.linked_timex(clause, index)
            if when is not None and when.precision == "day":
                return when
    return None


def _reference_clause(head: Token) -> bool:
    """'... since the truce took effect last Tuesday': a point the story counts from, not the
    time the story has reached, so the next sentences do not take its date."""
    verb = args.governor(head)
    return args.in_temporal_pp(head) or _marked(verb, _REFERENCE_MARKS)
