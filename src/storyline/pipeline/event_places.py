"""Where an event happens: the place phrase of its trigger, its verb or the clause it completes.

Shared with the actors stage: :data:`PLACE_NOUNS`, the nouns that make a name inside them a
place ('the village of Oskem', 'the Meroe crossing', 'the Qatari capital').
"""

from __future__ import annotations

from spacy.tokens import Token

from .event_args import PLACE_LABELS, PLACE_NOUNS, PLACE_PREPS, DocIndex, governor

__all__ = ["PLACE_NOUNS", "location_of"]


def location_of(trigger: Token, index: DocIndex) -> str | None:
    """The place an event happens: 'in/at/to X' on the trigger or its verb, a 'Geneva talks'
    compound, the direct object of visit/travel, or the noun a 'where' clause hangs from."""
    candidates: list[Token] = []
    gov = governor(trigger)
    heads = [trigger, gov]
    if gov.dep_ == "advcl" and gov.tag_ == "VBG":  # 'rolled through the Meroe crossing, completing the exchange'
        heads.append(gov.head)
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                candidates.extend(c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ in ("compound", "dobj", "npadvmod", "nmod") and head.lemma_ in (
                "visit", "travel", "meeting", "talk", "talks", "summit", "conference", "tour",
                "hit", "strike", "bomb", "shell", "attack", "target", "raid", "pound",
            ):  # fmt: skip
                candidates.append(child)
    if trigger.dep_ == "relcl" or gov.dep_ == "relcl":
        rel = trigger if trigger.dep_ == "relcl" else gov
        where = next((c for c in rel.children if c.lower_ == "where"), None)
        if where is not None:
            candidates.append(rel.head)
            candidates.extend(_places_before(where, index))  # 'in Tirana on Friday, where he was …'
    for cand in candidates:
        place = _place_phrase(cand, index)
        if place:
            return place
    if trigger.pos_ != "VERB":  # 'a drone strike on a market in Kalbar killed ...': the noun's own phrase
        return _nested_place(trigger, index) or _nested_place(gov, index)
    return _nested_place(trigger, index)


def _places_before(where: Token, index: DocIndex, reach: int = 8) -> list[Token]:
    """The place nearest before a 'where' the parser hung on another noun ('in the capital
    Tirana on Friday, where …'), within a few words of it in its sentence."""
    first = max(where.sent.start, where.i - reach)
    return [t for t in reversed(where.doc[first:where.i])
            if (m := index.mention_at[t.i]) is not None and m.label in PLACE_LABELS][:1]


def _nested_place(head: Token, index: DocIndex) -> str | None:
    """'hold meetings with X in Geneva': an 'in/at' place one phrase below the event."""
    stack = [(c, 0) for c in head.children if c.dep_ in ("dobj", "prep", "pobj", "npadvmod")]
    while stack:
        tok, depth = stack.pop()
        if tok.dep_ == "prep" and tok.lower_ in ("in", "at", "inside"):
            for pobj in (c for c in tok.children if c.dep_ == "pobj"):
                place = _place_phrase(pobj, index)
                if place:
                    return place
        if depth < 5:
            stack.extend((c, depth + 1) for c in tok.children
                         if c.dep_ in ("dobj", "prep", "pobj", "appos", "conj"))  # fmt: skip
    return None


def _place_phrase(tok: Token, index: DocIndex) -> str | None:
    m = index.mention_at[tok.i]
    if m is None and tok.lemma_.lower() in PLACE_NOUNS:
        named = {c.i for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                 for c in p.children if c.dep_ == "pobj"}  # fmt: skip
        inner = [(index.mention_at[c.i], c.i in named) for c in tok.subtree if index.mention_at[c.i] is not None]
        # 'the Egyptian resort of Sharm el-Sheikh', 'the Russian Black Sea resort of Sochi': the
        # place the noun is 'of' comes first, then any other place, then a nationality
        ranked = sorted((x for x in inner if x[0] is not None and x[0].label in PLACE_LABELS | {"NORP", "ORG"}),
                        key=lambda x: (x[0] is None or x[0].label not in PLACE_LABELS, not x[1]))  # fmt: skip
        places = [x for x, _ in ranked if x is not None]
        if places:  # "the Qatari capital", "the village of Oskem"
            return places[0].name if places[0].label == "NORP" else places[0].text
    if m is None or m.label not in PLACE_LABELS:
        return None
    text = m.text
    # "Geneva, Switzerland": keep an appositive country.
    for child in tok.children:
        cm = index.mention_at[child.i]
        if child.dep_ in ("appos", "conj") and cm is not None and cm.label in PLACE_LABELS and cm is not m:
            text = f"{text}, {cm.text}"
            break
    return text
