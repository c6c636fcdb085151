"""Typed event attributes from numbers: tariff rates, purchase commitments, market moves."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Span, Token

from ..records import Mention, Quantity, Timex
from .anaphora import country_of, definite_antecedent, it_antecedent
from .event_args import DocIndex, clause_of, governor, relative_setters, subject_mentions
from .lexicon import load


def _in_span(q: Quantity, sent: Span) -> bool:
    return sent.start_char <= q.start < sent.end_char


def _token_at(sent: Span, char: int) -> Token | None:
    for tok in sent:
        if tok.idx <= char < tok.idx + len(tok.text):
            return tok
    return None


def nearest_percent(trigger: Token, quantities: Sequence[Quantity]) -> Quantity | None:
    """The rate of a tariff: the percent in the trigger's clause closest to it."""
    sent = trigger.sent
    gov = governor(trigger)
    clause = clause_of(gov)
    best: tuple[int, Quantity] | None = None
    for q in quantities:
        if q.unit != "percent" or not _in_span(q, sent):
            continue
        tok = _token_at(sent, q.start)
        if tok is None or (tok.i not in clause and abs(tok.i - trigger.i) > 3):
            continue
        dist = abs(tok.i - trigger.i) + (0 if tok.i > trigger.i or trigger.i - tok.i <= 3 else 5)
        if best is None or dist < best[0]:
            best = (dist, q)
    return best[1] if best else None


# verbs that set a tariff to a new rate: 'the 20% tariff would be halved to 10%'
RATE_CHANGES = frozenset({"halve", "cut", "reduce", "lower", "raise", "increase", "double", "slash", "lift",
                          "hike", "trim", "bring", "set"})  # fmt: skip


def _changed_to(trigger: Token, quantities: Sequence[Quantity]) -> Quantity | None:
    """The percent after 'to' of the verb that changes the tariff the trigger names ('the 20%
    tariff … would be halved to 10%')."""
    gov = governor(trigger)
    if gov.i == trigger.i or gov.lemma_.lower() not in RATE_CHANGES:
        return None
    to = {t.i for p in gov.children if p.dep_ == "prep" and p.lower_ == "to" for t in p.subtree}
    clause = clause_of(gov)
    for q in quantities:
        tok = _token_at(trigger.sent, q.start) if _in_span(q, trigger.sent) else None
        if q.unit != "percent" or tok is None:
            continue
        if tok.i in to or (tok.i in clause and tok.i > 0 and tok.nbor(-1).lower_ == "to"):
            return q  # 'reduced by half to 10%', parsed as one phrase under 'by'
    return None


def _rates_for(trigger: Token, quantities: Sequence[Quantity]) -> list[float]:
    """'rates of 17.4% for BYD, 20% for Geely and 38.1% for SAIC': one measure, a rate per
    company (or product) it names, each given by a percent followed by 'for'; and 'between
    30.6% and 39%', the two ends of a range of rates."""
    clause = clause_of(governor(trigger))
    out = []
    for q in quantities:
        tok = _token_at(trigger.sent, q.start) if q.unit == "percent" and _in_span(q, trigger.sent) else None
        end = _token_at(trigger.sent, q.end - 1) if tok is not None else None
        if tok is None or end is None or tok.i not in clause or end.i + 1 >= trigger.sent.end:
            continue
        after = trigger.doc[end.i + 1]
        if after.lower_ == "for" or (after.lower_ == "and" and tok.i > 0 and trigger.doc[tok.i - 1].lower_ == "between"):
            out.append(q.value)  # 'deposits of between 30.6% and 39%': the lowest and the highest
        elif tok.i > 1 and trigger.doc[tok.i - 1].lower_ == "and" and any(
                t.lower_ == "between" for t in trigger.doc[max(tok.i - 5, 0) : tok.i]):  # fmt: skip
            out.append(q.value)
    return list(dict.fromkeys(out))


def _rate(trigger: Token, quantities: Sequence[Quantity]) -> dict[str, Any]:
    q = nearest_percent(trigger, quantities)
    if q is None:
        return {}
    rates = _rates_for(trigger, quantities)
    if len(rates) > 1:
        return {"rate": q.value, "rates": rates}
    new = _changed_to(trigger, quantities) if q.previous is None else None
    if new is not None and new.start != q.start:
        return {"rate": new.value, "previous_rate": q.value}
    return {"rate": q.value, **({"previous_rate": q.previous} if q.previous is not None else {})}


def tariff_attributes(trigger: Token, index: DocIndex, quantities: Sequence[Quantity]) -> dict[str, Any]:
    attrs: dict[str, Any] = dict(_rate(trigger, quantities))
    imposers = [country_of(m) for m in (*_possessors(trigger, index), *relative_setters(trigger, index))]  # 'the levy that Trump imposed'
    gov = governor(trigger)
    named = _target_countries(trigger, index)  # 'on goods from the bloc': never its imposer
    if _borne(trigger, gov):
        named += [c for m in subject_mentions(gov, index) if (c := country_of(m)) and c not in named]
    elif not (trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.i == gov.i):  # not the tariff's own words
        imposers += [country_of(m) for m in subject_mentions(gov, index)]
    imposer = next((c for c in imposers if c and c not in named), None)
    targets = [c for c in named if c != imposer]
    if imposer is None and targets:  # 'the 20% tariff … would be halved, Trump said'
        imposer = next((c for m in _reporters(gov, index) if (c := country_of(m)) and c not in targets), None)
    if imposer:
        attrs["imposer"] = imposer
    if targets:
        attrs["target"] = targets[0]
    if len(targets) > 1:  # "on urea from the United States and Canada"
        attrs["targets"] = targets
    scope = _scope(trigger)
    if scope:
        attrs["scope"] = scope
    if trigger.lemma_.lower() in PROBES:
        attrs["measure"] = "investigation"  # the probe, not the duty it may lead to
    if any(c.dep_ in ("amod", "advmod", "det") and c.lower_ in ADDED for c in trigger.children):
        attrs["additional"] = True  # 'an additional 25% tariff' (on top of another 25%)
    elif "rate" in attrs and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in trigger.children):
        attrs["additional"] = False  # 'on top of a 25% tariff' ('the 25% tariff' may be either)
    return attrs


PROBES = frozenset({"investigation", "probe", "inquiry"})
ADDED = frozenset({"additional", "extra", "further", "another", "supplementary"})
# 'Canadian steel has faced a 50% U.S. tariff', 'Indian goods pay 50%': who bears it is its target
BEARING_VERBS = frozenset({"face", "pay", "suffer", "bear", "incur"})
# 'Mexican goods are shielded from the tariffs': and so is who is spared it
SPARING_VERBS = frozenset({"shield", "spare", "exempt", "protect", "exclude"})


def _borne(trigger: Token, gov: Token) -> bool:
    """The clause's subject is who bears (or is spared) the tariff, not who imposes it."""
    if trigger.dep_ == "dobj" and trigger.head.i == gov.i:
        return gov.lemma_.lower() in BEARING_VERBS
    return (trigger.dep_ == "pobj" and trigger.head.lower_ == "from" and trigger.head.head.i == gov.i
            and gov.lemma_.lower() in SPARING_VERBS)  # fmt: skip


def _reporters(gov: Token, index: DocIndex) -> list[Mention]:
    """Who reports the change of a tariff whose clause names no imposer: 'Trump said the tariff
    would be halved', '…, the ministry said', 'Trump announced a deal with the EU that sets a
    15% tariff on goods from the bloc'."""
    report = gov.head if gov.dep_ in ("ccomp", "parataxis") else None
    if gov.dep_ == "relcl" and gov.head.dep_ == "dobj":
        report = gov.head.head
    said = [c for c in gov.children if c.dep_ == "parataxis"]  # '…, the ministry said'
    return [m for v in ([report] if report is not None else []) + said for m in subject_mentions(v, index)]


def _possessors(trigger: Token, index: DocIndex) -> list[Mention]:
    """'Washington's tariffs', 'the U.S. tariff', 'American levies' (not 'Chinese goods')."""
    out = []
    for c in trigger.children:
        m = index.mention_at[c.i]
        if m is None and c.dep_ == "poss" and c.lower_ == "its":
            m = it_antecedent(c, index)
        if c.dep_ in ("poss", "compound", "amod", "nmod") and m is not None:
            out.append(m)
    return out


def _target_countries(trigger: Token, index: DocIndex) -> list[str]:
    """The countries a tariff falls on: 'on Chinese goods', 'against Canada', 'on imports from
    Mexico', 'on urea from the United States and Canada' — on the trigger, else anywhere in
    its clause."""
    found = _targets_in(trigger, index)
    gov = governor(trigger)
    if not found and gov is not trigger:  # 'sets a tariff on most goods from the bloc' ('from' on 'sets')
        found = _targets_in(gov, index, on_goods=_on_goods(trigger), probe=trigger.lemma_.lower() in PROBES)
    if not found:
        clause = clause_of(gov)
        for tok in (t for t in gov.subtree if t.i in clause):
            if tok.dep_ == "prep" and tok.lower_ in ("on", "against") and tok.head.pos_ in ("NOUN", "VERB"):
                found = _targets_in(tok.head, index)
                if found:
                    break
    return found


GOODS = {"goods", "imports", "products", "exports", "steel", "cars", "autos", "vehicles", "chips"}


def _on_goods(tok: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in ("on", "into") for c in tok.children)


def _target_preps(trigger: Token, on_goods: bool = False, probe: bool = False) -> list[Token]:
    """'on', 'against', 'for' (goods) and, beside an 'on' (the goods, here or on the tariff
    word below), 'from' (their origin)."""
    preps = [c for c in trigger.children if c.dep_ == "prep"]
    probe = probe or trigger.lemma_.lower() in PROBES  # 'an investigation into pork from the EU'
    on_goods = on_goods or _on_goods(trigger) or probe
    return [p for p in preps if p.lower_ in ("on", "against") or (p.lower_ == "into" and probe)
            or (p.lower_ == "for" and any(t.lower_ in GOODS for t in p.subtree))
            or (p.lower_ == "from" and on_goods)]  # fmt: skip


def _targets_in(trigger: Token, index: DocIndex, on_goods: bool = False, probe: bool = False) -> list[str]:
    """The first country named in a target phrase, with the countries coordinated with it."""
    for prep in _target_preps(trigger, on_goods, probe):
        for tok in prep.subtree:
            m = index.mention_at[tok.i] or definite_antecedent(tok, index)  # 'goods from the bloc'
            if m is None or not country_of(m):
                continue
            out = [country_of(m)]
            for other in _name_head(tok, m).conjuncts:
                c = index.mention_at[other.i]
                out.append(country_of(c) if c is not None else None)
            return list(dict.fromkeys(c for c in out if c))
    return []  # "Chinese tariffs" names the imposer, not the target


def _name_head(tok: Token, m: Mention) -> Token:
    """The token of a name whose head lies outside it ('States' in 'the United States')."""
    while m.start <= tok.head.idx < m.end and tok.head is not tok:
        tok = tok.head
    return tok


def _scope(trigger: Token) -> str | None:
    """What a measure covers: 'tariffs on steel', 'eased the rules for photoresists' (the
    verb's object's phrase); not a date ('took effect on July 4')."""
    heads = [trigger, *(c for c in trigger.children if c.dep_ == "dobj")] if trigger.pos_ == "VERB" else [trigger]
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("on", "for"):
                continue
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if any(o.ent_type_ in ("DATE", "TIME") for o in objects):
                continue
            words = [t.text for t in prep.subtree][1:]
            if words:
                return " ".join(words)[:80]
    return None


def purchase_attributes(
    trigger: Token, index: DocIndex, quantities: Sequence[Quantity], deadline: Timex | None
) -> dict[str, Any]:
    attrs: dict[str, Any] = {}
    sent = trigger.sent
    qs = [q for q in quantities if _in_span(q, sent) and q.unit != "percent"]
    if qs:
        q = min(qs, key=lambda x: abs(x.start - trigger.idx))
        attrs.update(quantity=q.value, unit=q.unit)
        if q.item:
            attrs["commodity"] = _commodity(q.item)
    buyers = [country_of(m) for m in subject_mentions(governor(trigger), index)]
    buyer = next((c for c in buyers if c), None)
    if buyer:
        attrs["buyer"] = buyer
    seller = _seller(sent, index, buyer)
    if seller:
        attrs["seller"] = seller
    if deadline is not None and deadline.hi:
        attrs["deadline"] = deadline.hi
    return attrs


def _commodity(item: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z-]+", item) if w.lower() not in {"of", "the", "u", "s"}]
    return (words[-1] if words else item).lower()


def _seller(sent: Span, index: DocIndex, buyer: str | None) -> str | None:
    for tok in sent:
        m = index.mention_at[tok.i]
        if m is not None and tok.dep_ in ("compound", "amod", "nmod") and country_of(m) not in (None, buyer):
            return country_of(m)
    return None


_INSTRUMENT_RE: re.Pattern[str] | None = None


def _instrument_re() -> re.Pattern[str]:
    global _INSTRUMENT_RE
    if _INSTRUMENT_RE is None:
        names = sorted(load("event_triggers")["instruments"], key=len, reverse=True)
        alt = "|".join(re.escape(n) for n in names)
        _INSTRUMENT_RE = re.compile(rf"\b(?:{alt})(?:\s+(?:index|futures|composite|average))*\b", re.I)
    return _INSTRUMENT_RE


def market_moves(sent: Span, quantities: Sequence[Quantity]) -> list[tuple[str, dict[str, Any], int]]:
    """Market moves in a sentence: (instrument, attributes, char offset of the number)."""
    text = sent.text
    instruments = [(m.start() + sent.start_char, m.group(0)) for m in _instrument_re().finditer(text)]
    instruments = sorted(set(instruments) | set(_quoted_against(sent)))
    if not instruments:
        return []
    moves: dict[int, tuple[str, dict[str, Any], int]] = {}
    for q in quantities:
        if not _in_span(q, sent) or q.unit not in ("percent", "points"):
            continue
        if q.direction is None or _tariff_rate(sent, q):
            continue
        before = [(pos, name) for pos, name in instruments if pos < q.start]
        if not before:
            continue
        pos, name = before[-1]
        sign = -1.0 if q.direction == "down" else 1.0
        key = pos
        inst, attrs, at = moves.get(key, (name, {"instrument": _instrument_name(name)}, q.start))
        field = "change_pct" if q.unit == "percent" else "change_points"
        attrs.setdefault(field, sign * q.value)
        moves[key] = (inst, attrs, at)
    return [m for m in moves.values() if "change_pct" in m[1] or "change_points" in m[1]]


CURRENCIES = {"dollar", "euro", "yen", "pound", "yuan", "greenback", "franc", "sterling", "renminbi"}


def _quoted_against(sent: Span) -> list[tuple[int, str]]:
    """A currency the instrument list does not know, by its quote: 'the dravo fell 6.1%
    against the US dollar', 'the rand gained against the euro' (the subject of the move)."""
    found = []
    for tok in sent:
        if tok.lower_ != "against" or not any(c.dep_ == "pobj" and c.lower_ in CURRENCIES for c in tok.children):
            continue
        verb = tok.head
        if verb.lemma_.lower() not in load("event_triggers")["market_verbs"]:
            continue
        for subj in (c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")):
            words = [t for t in subj.subtree if t.dep_ in ("compound", "amod") or t.i == subj.i]
            start = min(t.idx for t in words)
            found.append((start, sent.doc.text[start : subj.idx + len(subj.text)]))
    return found


TARIFF_NOUNS = {"tariff", "tariffs", "levy", "levies", "duty", "duties", "rate", "rates"}


def _tariff_rate(sent: Span, q: Quantity) -> bool:
    """'145% tariffs' is a rate, not a market move."""
    tok = _token_at(sent, q.end - 1)
    if tok is None:
        return False
    nxt = [t.lower_ for t in sent.doc[tok.i + 1 : tok.i + 3]]
    return bool(set(nxt) & TARIFF_NOUNS)


def _instrument_name(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
