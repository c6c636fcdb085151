"""Earlier rounds listed by place and month: 'It was the fourth round between the two
delegations, after Geneva in May, London in June and Stockholm in July'.

News counts a round of talks against the ones before it and names each by its city and
month.  Each 'City in Month' after 'after'/'following' in a sentence about a round (or
meeting, talks, session) is a meeting that took place there then, between the round's own
parties, or else the countries of the last talks (or call, summit, agreement) the article
reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..dictionary import load_dictionary
from ..records import Event, SourceSpan, Timex
from ..summaries import render
from ..time.spans import event_span
from . import event_args as args

ROUND_NOUNS = frozenset({"round", "meeting", "talk", "negotiation", "session"})
AFTER_WORDS = frozenset({"after", "following"})
SEPARATORS = frozenset({",", "and"})
# events whose parties are those of the rounds a story counts (the talks, what they agreed)
PARTY_EVENTS = frozenset({"meeting", "summit", "call", "agreement"})


@dataclass(frozen=True, slots=True)
class ListedRound:
    """One 'City in Month' of the list: where, when, and the place's first token."""

    place: str
    when: Timex
    start: Token


def find_rounds(sent: Span, index: args.DocIndex) -> tuple[Token | None, list[ListedRound]]:
    """The round the sentence is about, and the 'City in Month' items listed after its
    'after'/'following'."""
    if not any(t.lower_ in AFTER_WORDS for t in sent):
        return None, []
    nouns = [t for t in sent if t.lemma_.lower() in ROUND_NOUNS and t.pos_ in ("NOUN", "PROPN")]
    for tok in sent:
        if tok.lower_ in AFTER_WORDS and nouns and nouns[0].i < tok.i:
            found = _items(sent, tok.i + 1, index)
            if found:
                return nouns[0], found
    return None, []


def _items(sent: Span, i: int, index: args.DocIndex) -> list[ListedRound]:
    doc = sent.doc
    out: list[ListedRound] = []
    while i < sent.end:
        item = _item(doc[i:sent.end], index)
        if item is None:
            break
        out.append(item[0])
        i = item[1]
        while i < sent.end and doc[i].lower_ in SEPARATORS:
            i += 1
    return out


def _item(rest: Span, index: args.DocIndex) -> tuple[ListedRound, int] | None:
    """'Geneva in May' ('London on June 9') at the start of ``rest``: the round and the token after it."""
    first = rest[0]
    if first.ent_type_ != "GPE" or first.ent_iob_ != "B":
        return None
    k = 0
    while k + 1 < len(rest) and rest[k + 1].ent_iob_ == "I":
        k += 1
    if k + 2 >= len(rest) or rest[k + 1].lower_ not in ("in", "on"):
        return None
    when = index.timex_at[rest[k + 2].i]
    if when is None or when.precision not in ("day", "week", "month") or not when.lo:
        return None
    end = rest[k + 2].i
    while end + 1 < rest.end and index.timex_at[end + 1] is when:
        end += 1
    return ListedRound(rest[: k + 1].text, when, first), end + 1


def _countries(keys: Sequence[str]) -> tuple[str, ...]:
    """The countries of an event's parties ('Trump and Xi' are the US and China): rounds are
    between delegations, whoever led them."""
    dictionary = load_dictionary()
    codes = [c for k in keys if (c := k.split(":", 1)[1] if k.startswith("country:") else dictionary.country_of(k))]
    unique = tuple(dict.fromkeys(f"country:{c}" for c in codes))
    return unique if len(unique) > 1 else tuple(keys)


def round_events(sent: Span, index: args.DocIndex, earlier: Sequence[Event], dct: str | None) -> list[Event]:
    """A meeting for each listed round that is over by the DCT, between the parties of the
    round the sentence is about ('between the two delegations'), or else of the last
    meeting reported before it."""
    noun, rounds = find_rounds(sent, index)
    if noun is None:
        return []
    people = tuple(m.key for m in args.participants(noun, index))
    last = next((e for e in reversed(earlier) if e.type in PARTY_EVENTS and len(e.participants) > 1), None)
    parties = people or _countries(last.participants if last is not None else ())
    doc_id = sent.doc._.storyline_doc_id
    out = []
    for r in rounds:
        if dct and (r.when.hi or r.when.lo or "") > dct[:10]:
            continue  # a round still ahead is not one the article counts back to
        start, end, precision, attrs = event_span(r.when, "meeting", {"dated_by": "text", "listed": True}, dct)
        out.append(Event(
            id=f"{doc_id}:e{r.start.idx}", type="meeting",
            summary=render("meeting", [], r.place, attrs, "occurred"),
            start=start, end=end, date_precision=precision, status="occurred",
            participants=parties, location=r.place, attributes=attrs,
            sources=(SourceSpan(doc_id, sent.start_char, sent.end_char, sent.text),),
            confidence=0.5, trigger=r.start.text, when=r.when, doc=doc_id,
        ))  # fmt: skip
    return out
