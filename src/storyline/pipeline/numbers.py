"""Numbers stage: percentages, points, money and measured amounts as ``Quantity`` records.

Everything is found by one regular expression over ``doc.text`` (built from
``data/units.yaml``); the parse is consulted only to give a quantity its direction and the
item it counts.

Meaning of the fields:

* ``kind="change"``: the value is a new level reached by a move ("from 145% to 30%",
  "cut to 10% from 25%", "raised tariffs to 145%"); ``previous`` is the old level when stated.
* ``kind="rate"``: a percentage that is a level ("a 125% rate", "100% tariffs").
* ``kind="amount"``: anything else, including the size of a move ("rose 0.8%": value 0.8,
  direction "up").
* ``unit`` is canonical (percent, pp, bp, points, usd/eur/..., t, bushel, bbl, bbl/d, m3, ...)
  and ``value`` is in that unit (money in currency units, mass in metric tonnes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..datafile import parse_yaml
from ..records import Quantity
from . import extensions as _extensions  # noqa: F401  (registers Doc attributes)

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_HEDGES = r"(?:(?:by|about|around|nearly|almost|roughly|some|more\s+than|over|just|another|a\s+further)\s+)*"


@dataclass(frozen=True, slots=True)
class _Lexicon:
    pattern: re.Pattern[str]
    words: dict[str, int]
    scales: dict[str, float]
    symbols: dict[str, str]
    currency_words: dict[str, str]
    units: dict[str, dict[str, Any]]
    up: frozenset[str]
    down: frozenset[str]


def _alternation(keys: list[str], word: bool = True) -> str:
    parts = []
    for key in sorted(keys, key=len, reverse=True):
        esc = re.escape(key).replace(r"\ ", r"\s+")
        parts.append(esc + (r"\b" if word and key[-1].isalnum() else ""))
    return "|".join(parts)


@cache
def lexicon() -> _Lexicon:
    """Load ``data/units.yaml`` once and compile the quantity pattern."""
    text = resources.files("storyline.data").joinpath("units.yaml").read_text(encoding="utf-8")
    data = parse_yaml(text)
    words = {k: int(v) for k, v in data["number_words"].items()}
    scales = {k: float(v) for k, v in data["scales"].items()}
    attached = {k: float(v) for k, v in data["attached_scales"].items()}
    word = _alternation([*words])
    wordnum = rf"(?:{word})(?:[\s-]+(?:and\s+)?(?:{word}|hundred\b))*|an?(?=\s+(?:hundred|thousand|million|billion|trillion)\b)"
    units = data["units"]
    pattern = (
        rf"(?<![\w.,$€£¥])(?P<cur>{_alternation(list(data['currency_symbols']), word=False)})?\s?"
        rf"(?P<num>{_NUM}|(?i:{wordnum}))"
        rf"(?:(?P<att>{_alternation([*attached, *scales])})|[\s-](?P<scale>(?i:{_alternation([*scales])})))?"
        rf"(?:[\s-]?(?P<unit>(?i:{_alternation(list(units))}))"
        rf"|\s(?P<curw>(?i:{_alternation(list(data['currency_words']))})))?"
    )
    dirs = data["directions"]
    return _Lexicon(
        pattern=re.compile(pattern),
        words=words,
        scales={**scales, **attached},
        symbols=dict(data["currency_symbols"]),
        currency_words={k.lower(): v for k, v in data["currency_words"].items()},
        units={re.sub(r"\s+", " ", k.lower()): v for k, v in units.items()},
        up=frozenset(dirs["up"]),
        down=frozenset(dirs["down"]),
    )


def parse_number(text: str, words: dict[str, int] | None = None) -> float | None:
    """``"1,250.5"`` -> 1250.5; ``"twenty-five"`` -> 25; ``"one hundred"`` -> 100."""
    words = words if words is not None else lexicon().words
    cleaned = text.replace(",", "").strip()
    try:
        return float(cleaned)
    except ValueError:
        pass
    total = 0.0
    current = 0.0
    seen = False
    for part in re.split(r"[\s-]+", cleaned.lower()):
        if part in ("and", ""):
            continue
        if part in ("a", "an"):
            current, seen = 1.0, True
        elif part == "hundred":
            current = max(current, 1.0) * 100
        elif part in words:
            current += words[part]
            seen = True
        else:
            return None
    total += current
    return total if seen else None


@dataclass(slots=True)
class _Raw:
    start: int
    end: int
    value: float | None  # None: bare number without unit (only kept for "from N to M%")
    unit: str | None
    number: float


def _raw_quantities(text: str) -> list[_Raw]:
    lex = lexicon()
    out: list[_Raw] = []
    for m in lex.pattern.finditer(text):
        number = parse_number(m["num"], lex.words)
        if number is None:
            continue
        scale_word = (m["att"] or m["scale"] or "").lower()
        value = round(number * lex.scales.get(scale_word, 1.0), 6)
        raw = _classify(m, text, value, number)
        if raw is not None:
            out.append(raw)
    return out


def _classify(m: re.Match[str], text: str, value: float, number: float) -> _Raw | None:
    lex = lexicon()
    numeric = m["num"][0].isdigit() or m["num"][0] == "."
    if m["cur"]:
        if m["cur"].isalpha() and m["unit"]:
            return None
        end = m.end("att") if m["att"] else m.end("scale") if m["scale"] else m.end("num")
        return _Raw(m.start(), end, value, lex.symbols[m["cur"]], number)
    if m["curw"]:
        return _Raw(m.start("num"), m.end(), value, lex.currency_words[re.sub(r"\s+", " ", m["curw"].lower())], number)
    if m["unit"]:
        return _measured(m, text, value, number, numeric)
    generic = _generic_unit(text, m.end())
    if (m["scale"] or m["att"]) and generic is not None:
        return _Raw(m.start("num"), generic[1], value, generic[0], number)
    if numeric:
        return _Raw(m.start("num"), m.end("num"), None, None, number)
    return None


def _measured(m: re.Match[str], text: str, value: float, number: float, numeric: bool) -> _Raw | None:
    spec = lexicon().units[re.sub(r"\s+", " ", m["unit"].lower())]
    if spec.get("needs_of") and not re.match(r"\s+of\s", text[m.end():]):
        return None
    if not numeric and m["unit"].lower() == "point":
        return None  # "at one point"
    value = round(value * float(spec.get("factor", 1)), 6)
    return _Raw(m.start("num"), m.end(), value, str(spec["unit"]), number)


_GENERIC = re.compile(r"[\s-]+((?:[a-z]+\s+)?([a-z]{3,}s))(?=\s+of\s)")


def _generic_unit(text: str, pos: int) -> tuple[str, int] | None:
    """"12 million metric lots of ..." -> ("lots", end): a counted noun before an of-phrase."""
    m = _GENERIC.match(text, pos)
    if m is None:
        return None
    return m.group(2), m.end()


_FROM_TO = re.compile(r"\s*from\s+$", re.I)
_TO = re.compile(r"^\s+to\s+$", re.I)
_TO_BEFORE = re.compile(r"\bto\s+$", re.I)
_FROM_AFTER = re.compile(r"^\s+from\s+$", re.I)


def _pair_changes(text: str, raws: list[_Raw]) -> list[tuple[_Raw, _Raw | None, int, int]]:
    """Join "from A to B" and "to B from A"; returns (quantity, previous, start, end)."""
    out: list[tuple[_Raw, _Raw | None, int, int]] = []
    i = 0
    while i < len(raws):
        cur = raws[i]
        nxt = raws[i + 1] if i + 1 < len(raws) else None
        if nxt is not None and nxt.unit is not None and _TO.match(text[cur.end:nxt.start]):
            before = text[max(0, cur.start - 12):cur.start]
            if _FROM_TO.search(before) and cur.unit in (None, nxt.unit):
                start = cur.start - len(_FROM_TO.search(before).group(0).lstrip())  # type: ignore[union-attr]
                out.append((nxt, cur, start, nxt.end))
                i += 2
                continue
        if nxt is not None and cur.unit is not None and nxt.unit in (None, cur.unit) \
                and _FROM_AFTER.match(text[cur.end:nxt.start]) \
                and _TO_BEFORE.search(text[max(0, cur.start - 6):cur.start]):
            out.append((cur, nxt, cur.start, nxt.end))
            i += 2
            continue
        if cur.unit is not None:
            out.append((cur, None, cur.start, cur.end))
        i += 1
    return out


def _lemma_direction(token: Token) -> str | None:
    lex = lexicon()
    for form in (token.lemma_.lower(), token.lower_):
        if form in lex.up:
            return "up"
        if form in lex.down:
            return "down"
    return None


_MONEY = frozenset({"usd", "eur", "gbp", "jpy", "cny", "aud", "cad", "hkd", "sgd", "nzd", "brl",
                    "inr", "krw", "rub", "chf", "mxn", "myr", "thb", "vnd", "idr"})
_BEFORE_DIR = re.compile(rf"\b([a-z]+)\s+{_HEDGES}$", re.I)
_AFTER_DIR = re.compile(r"^[\s-]+([a-z]+)\b", re.I)


def _governing(span: Span) -> tuple[Token | None, bool]:
    """The verb governing a quantity span, and whether it is reached through "to"."""
    root = span.root
    head = root.head
    via_to = False
    if head.dep_ == "prep" and head.lower_ in ("to", "by", "at"):
        via_to = head.lower_ == "to"
        head = head.head
    elif root.dep_ not in ("dobj", "npadvmod", "advmod", "attr", "acomp", "obj"):
        return None, False
    if head.pos_ in ("VERB", "AUX") and head.i != root.i:
        return head, via_to
    return None, False


def _direction(doc: Doc, start: int, end: int, unit: str | None) -> tuple[str | None, bool]:
    """Direction of a quantity and whether it is a level reached by a move ("to 30%")."""
    text = doc.text
    before = _BEFORE_DIR.search(text[max(0, start - 40):start])
    if before and (word := _lemma_word(before.group(1))) is not None \
            and (unit not in _MONEY or before.group(1).lower() in ("up", "down")):
        return word, False
    after = _AFTER_DIR.match(text[end:end + 20])
    if after and (word := _lemma_word(after.group(1))) is not None:
        return word, False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, False
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.pos_ == "NOUN" and (d := _lemma_direction(nxt)) is not None:
        return d, False
    verb, via_to = _governing(span)
    if verb is not None and (direction := _lemma_direction(verb)) is not None:
        if unit in _MONEY and not via_to and verb.i < span.start and span.root.dep_ == "dobj":
            return None, False  # "raised $2 billion": the money is what moved, not how much
        return direction, via_to
    prep = _PREP_BEFORE.search(text[max(0, start - 60):start])
    if prep is not None:
        for word in reversed(prep.group(1).split()):
            if (direction := _lemma_word(word)) is not None:
                return direction, prep.group(2).lower() == "to"
    return None, False


_PREP_BEFORE = re.compile(rf"((?:\b[A-Za-z]+\s+){{1,4}}?)(to|by)\s+{_HEDGES}$")


def _lemma_word(word: str) -> str | None:
    """Direction of a surface word, trying crude inflection stripping ("gained" -> "gain")."""
    lex = lexicon()
    w = word.lower()
    for form in (w, w[:-1], w[:-2], w[:-3]):
        if form in lex.up:
            return "up"
        if form in lex.down:
            return "down"
    return None


_OF = re.compile(r"^\s+(?:worth\s+)?(of)\s+", re.I)
_DROP_DEPS = frozenset({"det", "poss", "nummod", "case", "punct", "predet", "quantmod"})


def _item(doc: Doc, end: int, unit: str) -> str | None:
    """What a quantity counts: its of-phrase ("of U.S. soybeans" -> "soybeans")."""
    m = _OF.match(doc.text[end:end + 40])
    if m is not None:
        of = _token_at(doc, end + m.start(1))
        objects = [c for c in of.children if c.dep_ == "pobj"] if of is not None else []
        if not objects:
            return None
        head = objects[0]
        words = [t for t in head.subtree if t.i <= head.i]
        kept = [t for t in words if t.dep_ not in _DROP_DEPS and t.ent_type_ not in ("GPE", "NORP")]
        return " ".join(t.text for t in (kept or [head]))
    if unit == "percent" and doc.text[end:end + 1] in (" ", "-"):
        token = _token_at(doc, end + 1)
        span = doc.char_span(end - 1, end, alignment_mode="expand")
        if token is not None and span is not None and span.root.head.i == token.i \
                and token.pos_ == "NOUN" and _lemma_direction(token) is None:
            return token.text
    return None


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


_OR = re.compile(r"^,?\s*(?:or|\(|,)\s*(?:about\s+|nearly\s+|roughly\s+)?$", re.I)


def find(doc: Doc) -> list[Quantity]:
    """Every quantity in ``doc`` with a unit, in text order."""
    text = doc.text
    found: list[Quantity] = []
    for raw, prev, start, end in _pair_changes(text, _raw_quantities(text)):
        assert raw.value is not None and raw.unit is not None
        direction, via_to = _direction(doc, start, end, raw.unit)
        previous = None
        kind = "amount"
        if prev is not None:
            previous = prev.value if prev.value is not None else prev.number
            direction = "up" if raw.value > previous else "down" if raw.value < previous else None
            kind = "change"
        elif found and _TO.match(text[found[-1].end:start]):
            direction = None  # a range, "10% to 20%"
        elif via_to and direction is not None:
            kind = "change"
        elif found and direction is None and _OR.match(text[found[-1].end:start]):
            direction = found[-1].direction
        if kind == "amount" and direction is None and raw.unit == "percent":
            kind = "rate"
        found.append(Quantity(
            start=start, end=end, text=text[start:end], value=raw.value, unit=raw.unit,
            kind=kind, previous=previous, direction=direction, item=_item(doc, end, raw.unit),
        ))
    return found


def set_annotations(doc: Doc, quantities: list[Quantity]) -> None:
    doc._.storyline_quantities = list(quantities)
