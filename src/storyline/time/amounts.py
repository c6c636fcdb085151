"""Rules for durations, sets (frequencies) and the vague PRESENT/PAST/FUTURE references."""

from __future__ import annotations

import re
from datetime import timedelta

from . import calendar as cal
from .lexicon import lexicon, parse_number
from .norm import Ctx, Norm, date_norm
from .relative import _APPROX, _POD, shift

_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y",
            "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W"}


def duration(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'three years', 'the past 18 months', 'a five-year plan' (rates are not found at all)."""
    code, _ = lexicon().unit(m.group("unit"))
    num = m.group("num")
    count = parse_number(num)
    if count is not None and (m.group("half1") or m.group("half2")):
        count += 0.5  # 'a minute and a half', 'two and a half years'
    value = cal_duration(count, code)
    if m.group("num2"):  # 'three hours and 12 minutes'
        value = _joined(value, cal_duration(parse_number(m.group("num2")), lexicon().unit(m.group("unit2"))[0]))
    adj = (m.group("adj") or "").lower()
    approx = m.group("approx")
    mod = _APPROX.get(re.sub(r"\s+", " ", approx.lower())) if approx else None
    iv = None
    if count is not None and adj in ("past", "last", "next", "coming", "previous", "latest") \
            and not code.startswith("T"):
        sign = 1 if adj in ("next", "coming") else -1
        edge = shift(ctx.anchor, code, sign * int(count))
        lo, hi = sorted((edge, ctx.anchor))
        iv = cal.Interval(value, lo, hi, "day")
        return Norm("DURATION", value, iv, mod, "full", precision="unknown")
    return Norm("DURATION", value, iv, mod)


def cal_duration(count: float | None, code: str) -> str:
    """ISO duration; decades and centuries in years when counted, fractions of years in months."""
    if code in ("DE", "CE"):
        if count is None:
            return "PXE" if code == "DE" else "PXC"
        if count == 1:
            return "P1E" if code == "DE" else "P1C"
        return f"P{int(count * (10 if code == 'DE' else 100))}Y"
    if count is not None and count != int(count) and code in _SMALLER:
        return _split_fraction(count, code)
    return cal.iso_duration(count, code)


_ISO_DURATION = re.compile(r"P(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$")
_DATE_PART = re.compile(r"P(?P<date>(?:\d+[YMWD])*)(?:T(?P<time>(?:\d+[HMS])*))?$")


def _joined(first: str, second: str) -> str:
    """'P2Y' and 'P6M' → 'P2Y6M'; 'PT3H' and 'PT12M' → 'PT3H12M' (the first if either is
    vague or the two do not make one ISO duration)."""
    a, b = _DATE_PART.match(first), _DATE_PART.match(second)
    if a is None or b is None:
        return first
    date_part = a.group("date") + b.group("date")
    time_part = (a.group("time") or "") + (b.group("time") or "")
    joined = "P" + date_part + (f"T{time_part}" if time_part else "")
    return joined if _ISO_DURATION.match(joined) else first  # 'three days and two nights': one unit twice


# unit → (next smaller unit, how many of it make one): '5 1/2 hours' is PT5H30M
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "TH": ("M", 60), "TM": ("S", 60)}


def _split_fraction(count: float, code: str) -> str:
    smaller, per = _SMALLER[code]
    whole = int(count)
    rest = round((count - whole) * per)
    big = f"{whole}{code[-1]}" if whole else ""
    small = f"{rest}{smaller}" if rest else ""
    if not big and not small:
        return cal.iso_duration(count, code)
    if code.startswith("T"):
        return "PT" + big + small
    if smaller == "H":
        return "P" + big + ("T" + small if small else "")
    return "P" + big + small


def plural(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """Bare plural units in a duration context: 'for years', 'recent months'."""
    code, _ = lexicon().unit(m.group("unit"))
    adj = re.sub(r"\s+", " ", (m.group("adj") or "").lower())
    value = cal_duration(None, code)
    if adj in ("coming", "the coming", "the next") or m.group("ahead"):  # 'in the coming weeks': from the DCT on
        ahead = shift(ctx.anchor, "W" if code.startswith("T") else code, 3)
        return Norm("DURATION", value, cal.Interval(value, ctx.anchor, ahead, "unknown"), rel="full")
    if adj in ("recent", "the past", "the last"):
        behind = shift(ctx.anchor, "W" if code.startswith("T") else code, -3)
        return Norm("DURATION", value, cal.Interval(value, behind, ctx.anchor, "unknown"), rel="full")
    return Norm("DURATION", value)


def set_every(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'every week', 'each Thursday', 'each July', 'every morning'."""
    lex = lexicon()
    unit = m.group("unit")
    key = unit.lower().rstrip(".")
    count = parse_number(m.group("num")) if m.group("num") else 1
    if key in lex.weekdays:
        return Norm("SET", f"XXXX-WXX-{lex.weekdays[key]}")
    if key in lex.months:
        return Norm("SET", f"XXXX-{lex.months[key]:02d}")
    if key in lex.seasons:
        return Norm("SET", f"XXXX-{lex.seasons[key]}")
    if key in _POD:
        return Norm("SET", f"XXXX-XX-XXT{_POD[key]}")
    if key == "weekend":
        return Norm("SET", "XXXX-WXX-WE")
    code, _ = lex.unit(key)
    return Norm("SET", cal.iso_duration(count or 1, code))


def set_adverb(m: re.Match[str], ctx: Ctx) -> Norm | None:
    word = re.sub(r"\s+", " ", m.group("w").lower())
    if word in _ADVERBS:
        return Norm("SET", _ADVERBS[word])
    unit = word.split()[-1]
    code, _ = lexicon().unit(unit)
    return Norm("SET", cal.iso_duration(1, code))


def refs(value: str) -> object:
    def rule(m: re.Match[str], ctx: Ctx) -> Norm | None:
        iv = cal.day_iv(ctx.anchor) if value == "PRESENT_REF" else None
        return Norm("DATE", value, iv, rel="full")

    return rule


def weekend(m: re.Match[str], ctx: Ctx) -> Norm | None:
    """'the weekend': the coming one in future clauses, else the last one begun."""
    anchor = ctx.anchor
    if ctx.tense == "future":
        iv = cal.weekend_iv(anchor if anchor.isoweekday() < 6 else anchor + timedelta(days=7))
    else:
        iv = cal.weekend_iv(anchor if anchor.isoweekday() >= 6 else anchor - timedelta(days=7))
    return date_norm(iv, "full")
