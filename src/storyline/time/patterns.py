"""Compiled regular expressions that find time expressions in text (no spaCy, no DCT).

``scan(text)`` runs every rule over the whole text, keeps the leftmost-longest
non-overlapping matches and widens them with modifiers ("the end of", "early", "mid-").
What a match means is decided later by :mod:`storyline.time.normalize`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from .lexicon import alternation, lexicon

# ----------------------------------------------------------------------------- pieces


def _title(words: list[str]) -> list[str]:
    return [w[:1].upper() + w[1:] for w in words]


def _pieces() -> dict[str, str]:
    lex = lexicon()
    full_months = [w for w, _ in lex.months.items() if len(w) > 4 or w in ("may", "june", "july")]
    abbr_months = [w for w in lex.months if w not in full_months]
    full_days = [w for w in lex.weekdays if w.endswith("day")]
    abbr_days = [w for w in lex.weekdays if w not in full_days]
    month = (
        "(?:" + alternation(_title(full_months)) + "|" + alternation(_title(abbr_months)) + r"(?:\.|(?=\s+\d)))"
    )
    weekday = "(?:" + alternation(_title(full_days)) + "|" + alternation(_title(abbr_days)) + r"\.)"
    units19 = [w for w, v in lex.numbers.items() if v < 20 and " " not in w and w not in ("a", "an")]
    tens = [w for w, v in lex.numbers.items() if 20 <= v < 100]
    ones = [w for w, v in lex.numbers.items() if v < 10 and w not in ("a", "an")]
    numword = (
        "(?i:" + alternation(tens) + r"(?:[-\s]" + alternation(ones) + ")?|" + alternation(units19)
        + r"|(?:a|one)\s+hundred|hundred|a\s+dozen|dozen|a\s+couple\s+of|couple\s+of|half\s+an?)"
    )
    return {
        "MONTH": month,
        "WD": weekday,
        "YEAR": r"(?<![\d$£€.,])(?:1[6-9]|20)\d\d(?![\d%]|\.\d|,\d{3}|\s*(?i:percent|%))",
        "NUM": r"(?:\d+(?:,\d{3})*(?:\.\d+)?(?:\s+1/2)?|" + numword + r"|(?i:an?)(?=[\s-]))",
        "VAGUE": r"(?i:several|a\s+few|few|many|some|numerous|a\s+couple\s+of|a\s+couple|the\s+past\s+few|the\s+next\s+few)",
        "UNIT": r"(?i:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ie))",
        "YW": r"(?i:nineteen[\s-](?:ninety|eighty|seventy|sixty|fifty|forty|thirty|twenty)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)",
        "ORD": r"(?i:first|second|third|fourth|1st|2nd|3rd|4th)",
        "POD": r"(?i:morning|afternoon|evening|night)",
        "SEASON": r"(?i:spring|summer|fall|autumn|winter)",
        "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)",
        "APPROX": r"(?i:more\s+than|less\s+than|at\s+least|at\s+most|no\s+more\s+than|no\s+less\s+than|nearly|almost|up\s+to)",
        "AGO_APPROX": r"(?i:more\s+than|less\s+than|at\s+least|almost|nearly|about|roughly|approximately|around|some|(?:just|well)\s+(?:over|under))",
    }


def _rules() -> list[tuple[str, str]]:
    p = _pieces()
    M, WD, Y, NUM, UNIT, DAY = p["MONTH"], p["WD"], p["YEAR"], p["NUM"], p["UNIT"], p["DAY"]
    D1, D2 = DAY.replace("(?:3", "(?P<d1>3", 1), DAY.replace("(?:3", "(?P<d2>3", 1)
    lex = lexicon()
    return [
        ("range_md", rf"(?P<m1>{M})\s+{D1}\s*(?:-|–|(?i:to|through|until|till|and))\s*(?:(?P<m2>{M})\s+)?{D2}(?:,?\s+(?P<y>{Y}))?"),
        ("range_dm", rf"{D1}\s*(?:-|–|(?i:to|and))\s*{D2}\s+(?P<m1>{M})(?:,?\s+(?P<y>{Y}))?"),
        ("date_mdy", rf"(?:(?P<wd>{WD}),?\s+)?(?P<m>{M})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{Y}))?"),
        ("date_dmy", rf"(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{M})(?:,?\s+(?P<y>{Y}))?"),
        ("nth_weekday", rf"(?:(?i:the)\s+)?(?P<ord>{p['ORD']}|(?i:last))\s+(?P<wd>{WD})\s+(?i:in|of)\s+(?P<m>{M})(?!\s+{DAY}(?![\w:]))(?:,?\s+(?P<y>{Y}))?"),
        ("week_of", rf"(?i:the\s+(?P<wk>week|weekend)\s+of)\s+(?P<m>{M})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{Y}))?"),
        ("date_iso", r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])"),
        ("date_us", r"(?<![\d/])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>(?:19|20)?\d\d)(?![\d/])"),
        ("month", rf"(?:(?P<dir>(?i:this|last|next|past|coming))\s+)?(?P<m>{M})(?!\w)(?!\s+{DAY}(?![\w:]))(?:,?\s+(?:of\s+)?(?P<y>{Y}|{p['YW']})|\s+(?P<rel>this|last|next)\s+year)?"),
        ("year", rf"(?:(?P<pre>(?i:fiscal|calendar|the\s+year|the\s+fiscal\s+year|fiscal\s+year|FY))\s*)?(?P<y>{Y})"),
        ("year_words", r"(?i:(?:the\s+year\s+)?nineteen[\s-](?P<t>ninety|eighty|seventy|sixty|fifty|forty|thirty|twenty|ten)(?:[\s-](?P<u>one|two|three|four|five|six|seven|eight|nine))?|the\s+year\s+two\s+thousand(?:\s+and\s+(?P<u2>one|two|three|four|five|six|seven|eight|nine|ten))?)"),
        ("decade", r"(?:(?P<the>the)\s+)?(?:(?P<pm>(?i:early|mid|late))[-\s]?)?(?P<dec>(?:1[6-9]|20)\d0|'\d0)'?s(?!\w)"),
        ("decade_words", r"(?i:(?P<the>the)\s+)(?:(?P<pm>(?i:early|mid|late))[-\s]?)?(?P<w>(?i:(?:nineteen[-\s])?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)))(?![\w-])"),
        ("century", r"(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+(?i:century)"),
        ("rel_unit", rf"(?:(?P<pre>(?i:earlier|later|early|late))\s+)?(?:(?i:the)\s+)?(?P<dir>(?i:this\s+past|this\s+coming|this|last|next|past|coming|previous|preceding|current|following|same|that))\s+(?:(?i:fiscal|calendar)\s+)?(?P<unit>(?i:week(?:end)?|month|year|quarter|decade|century|spring|summer|fall|autumn|winter)(?![\w-])|{WD}|{M}(?!\w|\s+\d))"),
        ("in_the_unit", r"(?P<pre>(?i:earlier|later|early|late))\s+(?i:in)\s+(?i:the)\s+(?P<unit>(?i:week|month))(?![\w-])"),
        ("the_unit", r"(?i:the\s+(?P<unit>week|month|decade|century))(?![\w-]|\s+(?:ago|earlier|before|after|later|of|that|when|in\s+which|following|prior)\b|'s)"),
        ("the_year", r"(?i:the\s+(?P<adj>full\s+|fiscal\s+|calendar\s+|current\s+|current\s+fiscal\s+|latest\s+fiscal\s+|whole\s+|entire\s+)?year)(?![\w-]|\s+(?:ago|earlier|before|after|later|of|that|when|in\s+which)\b|'s)"),
        ("ago", rf"(?<![\w.])(?:(?P<approx>{p['AGO_APPROX']})\s+)?(?P<num>{NUM}|{p['VAGUE']})[\s-]+(?P<unit>{UNIT})s?(?:\s+(?i:or\s+so))?\s+(?P<dir>(?i:ago|back|earlier|later|from\s+now|hence))(?![\w-])"),
        ("yearago", r"(?i:(?P<the>the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?(?:year[-\s]ago|year[-\s]earlier|prior[-\s]year)(?:\s+(?P<what>(?:first\s+|second\s+|third\s+|fourth\s+)?quarter|period|nine\s+months|six\s+months|first\s+half|second\s+half|month|week))?)(?![\w-])"),
        ("quarter", rf"(?:(?P<the>(?i:the|this\s+year's|last\s+year's|next\s+year's))\s+)?(?:(?P<y1>{Y})\s+)?(?:(?i:fiscal)[-\s]+)?(?P<ord>{p['ORD']}|(?i:final|last|latest|current|fourth))[-\s](?:(?i:fiscal)[-\s]+)?(?i:quarter)(?!s)(?:\s+(?:(?i:of)\s+)?(?:(?i:fiscal)\s+)?(?P<y2>{Y}))?"),
        ("quarter_q", rf"(?<!\w)Q(?P<q>[1-4])(?:\s+(?P<y>{Y})|\s*'(?P<yy>\d\d))?(?!\w)"),
        ("the_quarter", rf"(?i:the|that|this)\s+(?:(?P<y>{Y})\s+)?(?:(?P<adj>(?i:latest|most\s+recent|recent|current|same|comparable|previous|prior|preceding|just-ended|year-ago|year-earlier))\s+)?(?:(?i:fiscal)\s+)?(?P<unit>(?i:quarter|period))(?![\w-])"),
        ("half", rf"(?:(?i:the)\s+)?(?P<which>(?i:first|second|latter|last))\s+(?i:half)(?:\s+(?i:of)\s+(?:(?i:the)\s+)?(?:(?i:fiscal)\s+)?(?:(?P<y>{Y})|(?P<rel>(?i:this|last|next))\s+(?i:year)|(?i:year)))?(?![\w-])"),
        ("duration", rf"(?<![\w.])(?:(?P<approx>{p['APPROX']})\s+)?(?:(?P<the>(?i:the))\s+)?(?:(?P<adj>(?i:past|last|next|first|latest|coming|previous|final|following|ensuing|remaining|recent|initial))\s+)?(?P<num>{NUM}|{p['VAGUE']})(?P<half1>\s+(?i:and\s+a\s+half))?[\s-]+(?:(?i:more|additional|straight|consecutive|full)\s+)?(?P<unit>{UNIT})(?P<pl>s)?(?P<half2>\s+(?i:and\s+a\s+half))?(?:,?\s+(?i:and)\s+(?P<num2>{NUM})\s+(?P<unit2>{UNIT})s?)?(?![\w])"),
        ("refs_present", r"(?<![\w-])(?i:" + alternation(lex.present_ref) + r")(?![\w-])"),
        ("refs_past", r"(?<![\w-])(?i:" + alternation(lex.past_ref) + r")(?![\w-])"),
        ("refs_future", r"(?<![\w-])(?i:" + alternation(lex.future_ref) + r")(?![\w-])"),
        ("plural", r"(?:(?P<adj>(?i:recent|the\s+past|the\s+last|the\s+next|the\s+early|the\s+coming|coming|the))\s+)?(?P<unit>(?i:years|months|weeks|days|decades|centuries|hours|minutes|quarters))(?P<ahead>\s+(?i:ahead|to\s+come))?(?![\w-])"),
        ("set", rf"(?i:every|each|per)\s+(?:(?i:other)\s+)?(?:(?P<num>{NUM})\s+)?(?P<unit>{UNIT}s?|{WD}|{M}|{p['POD']}|{p['SEASON']}|(?i:weekend))(?!\w)"),
        ("set_adv", r"(?<![\w-])(?P<w>(?i:daily|weekly|monthly|yearly|hourly|nightly|biweekly|twice\s+a\s+(?:day|week|month|year)|once\s+a\s+(?:day|week|month|year)))(?![\w-])"),
        ("dayref", r"(?<![\w-])(?P<w>(?i:today|yesterday|tomorrow|tonight|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow))(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?(?![\w-])"),
        ("mid_pod", r"(?<![\w-])(?i:mid)[-\s]?(?P<pod>(?i:morning|afternoon))(?:\s+(?P<w>(?i:today|yesterday|tomorrow)))?(?![\w-])"),
        ("pod", r"(?<![\w-])(?P<w>(?i:this|last|tomorrow|yesterday))\s+(?P<pod>(?i:morning|afternoon|evening|night))(?!\w)"),
        ("weekday", rf"(?:(?P<dir>(?i:last|next|this|coming|past))\s+)?(?P<wd>{WD})(?:\s+(?P<pod>{p['POD']}))?"),
        ("clock", rf"(?:(?i:about|around|approximately)\s+)?(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.|p\.m\.|a\.m|p\.m|am|pm)(?![\w]))(?:\s+(?:[A-Z]{{2}}T|GMT|UTC)\b)?(?:,?\s+(?:(?P<wd>{WD})|(?P<dw>(?i:today|yesterday|tomorrow))|(?P<m>{M})\s+(?P<d>{DAY})))?"),
        ("clock_part", rf"(?:(?<=\b[Aa]t )|(?<=\b[Bb]y )|(?<=\buntil ))(?P<h>1[0-2]|[1-9])(?:\s+o'clock)?\s+(?:(?i:in\s+the)\s+(?P<part>(?i:morning|afternoon|evening))|(?i:at\s+night))(?![\w-])(?:,?\s+(?P<wd>{WD}))?"),
        ("noon", rf"(?<!\w)(?P<w>(?i:noon|midnight|midday))(?:\s+(?:(?P<wd>{WD})|(?P<dw>(?i:today|yesterday|tomorrow))))?"),
        ("season", rf"(?:(?P<dir>(?i:this|last|next|past|coming|the|early|late))\s+)?(?P<s>{p['SEASON']})(?:\s+(?:(?i:of)\s+)?(?P<y>{Y}|{p['YW']}))?(?![\w-])"),
        ("holiday", r"(?<!\w)(?P<h>" + alternation(lex.holiday_names()) + r")(?!\s+Island)(?P<wk>\s+week(?:end)?(?!\w))?(?:,?\s+(?P<y>(?:19|20)\d\d))?(?!\w)"),
        ("yearend", r"(?i:(?:the\s+)?(?:year[-\s]end|year's\s+end|end\s+of\s+the\s+year|turn\s+of\s+the\s+year))(?![\w-])"),
        ("weekend", r"(?i:the\s+weekend)(?![\w-])"),
        ("day_after", r"(?<![\w-])(?i:(?:(?P<pre>later|earlier)\s+)?(?:that|the\s+same)\s+(?:same\s+)?(?P<pod1>day|morning|afternoon|evening|night)|the\s+(?P<dir>next|following|previous|preceding)\s+(?P<pod2>day|morning|afternoon|evening|night))(?![\w-])"),
    ]


# Words before a found expression that belong to it and set its TimeML ``mod``.
_PREFIX = re.compile(
    r"(?:(?P<pos>(?i:(?<![\w-])(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|close|turn|latter\s+part|early\s+part|first\s+half|second\s+half))\s+of\s+)"
    r"|(?P<pm>(?i:(?:the\s+)?(?:early|mid|late|earlier|later)))(?:-|\s+)(?:(?i:in\s+)?(?i:the\s+)?)?)$"
)
# 'the day before last Tuesday's hearing', 'two days after March 3': a day counted from a day.
_DAY_OFFSET = re.compile(
    r"(?i:(?<![\w-])(?:(?:the|a|one)\s+)?(?P<n>day|(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+days)"
    r"\s+(?P<dir>before|after)\s+)$"
)
_DAY_RULES = frozenset({"weekday", "date_mdy", "date_dmy", "dayref", "holiday", "date_iso", "date_us"})
_DEADLINE = re.compile(r"(?i:\b(?:by|before|until|till|no\s+later\s+than)\s+)$")
_MAY_CONTEXT = re.compile(r"(?i:\b(?:in|since|until|till|by|of|during|through|from|before|after|early|late|mid|last|next|this|between|and|to)[\s-]+)$")
_FALL_CONTEXT = re.compile(r"(?i:\b(?:in|since|until|till|by|during|through|before|after|early|late|mid|last|next|this|the)[\s-]+)$")
_PLURAL_CONTEXT = re.compile(r"(?i:\b(?:for|over|in|within|of|than|after|take|took|takes|taken|last|lasted|spent|spend)\s+)$")
# An amount before 'a year' / 'a week' makes a rate ('$3 million a year', 'four flights a
# week', '24 hours a day'), which TimeBank and AQUAINT leave untagged.
_RATE_BEFORE = re.compile(
    r"(?i:(?:[$£€¥]\s?[\d.,]+|\b\d[\d.,]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|hundred|thousand|dozen|several|many|few)|\btwice|\bthrice)"
    r"(?:\s*(?:%|percent|million|billion|trillion|thousand))?(?:\s+[a-z][\w-]*){0,3}\s+)$"
)


@dataclass(frozen=True, slots=True)
class Hit:
    """One found expression: offsets in the scanned text, the rule and its match.

    ``prefix`` is the modifier word the span was widened with ("end", "early", ...),
    ``deadline`` is True when "by"/"before"/"until" precedes the expression.
    """

    start: int
    end: int
    rule: str
    match: re.Match[str]
    prefix: str | None = None
    deadline: bool = False

    @property
    def text(self) -> str:
        return self.match.string[self.start : self.end]


@cache
def compiled() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((name, re.compile(rx)) for name, rx in _rules())


def _before(text: str, start: int, width: int = 40) -> str:
    return text[max(0, start - width) : start]


def _accept_month(text: str, m: re.Match[str]) -> bool:
    word = m.group("m")
    if m.group("y") or m.group("rel") or m.group("dir"):
        return True
    if word.rstrip(".").lower() not in ("may", "march"):
        return True
    return bool(_MAY_CONTEXT.search(_before(text, m.start())))


def _accept_season(text: str, m: re.Match[str]) -> bool:
    if m.group("s").lower() != "fall" or m.group("y") or m.group("dir"):
        return True
    return bool(_FALL_CONTEXT.search(_before(text, m.start())))


def _accept_rel_unit(text: str, m: re.Match[str]) -> bool:
    """'goods that fall outside the pact' is a verb after a relative pronoun; 'in that fall'
    is a season."""
    if m.group("dir").lower() != "that" or m.group("unit").lower() != "fall":
        return True
    return bool(_FALL_CONTEXT.search(_before(text, m.start())))  # as for a bare 'fall'


def _accept_plural(text: str, m: re.Match[str]) -> bool:
    if m.group("ahead"):  # 'in the weeks ahead'
        return True
    if m.group("adj"):
        return m.group("adj").lower() != "the"
    return bool(_PLURAL_CONTEXT.search(_before(text, m.start())))


def _accept_duration(text: str, m: re.Match[str]) -> bool:
    num, unit = m.group("num").lower(), m.group("unit").lower()
    if num in ("a", "an") and (unit == "second" or _is_rate(text, m)):
        return False
    if re.fullmatch(r"(?:1[6-9]|20)\d\d", num):
        return False
    follow = text[m.end() : m.end() + 6]
    if re.match(r"(?:\s|-)old\b", follow):
        return False
    return not (unit in ("quarter", "second") and follow.startswith((" of", "-")))


def _is_rate(text: str, m: re.Match[str]) -> bool:
    """'$3 million a year', 'four flights a week': an amount per unit, not a time."""
    if m.group("the") or m.group("adj") or m.group("approx") or m.group("pl") or m.group("num")[:1].isupper():
        return False  # 'A week later, ...' opens a sentence; a rate is '$3 million a year'

    return bool(_RATE_BEFORE.search(text[max(0, m.start() - 60) : m.start()]))


def _accept_ago(text: str, m: re.Match[str]) -> bool:
    """'two years ago' is a date; 'three days later' is a span counted from some event.

    TimeML marks 'three days' there as a DURATION (the duration rule finds it), except a
    year 'earlier' or more, which compares with a past date ('a year earlier').
    """
    direction = m.group("dir").lower()
    if direction == "later":
        return False
    return direction != "earlier" or m.group("unit").lower().startswith(("year", "decade", "centur"))


def _accept_half(text: str, m: re.Match[str]) -> bool:
    return not re.match(r"\s+of\b", text[m.end() : m.end() + 4])


def _accept_dayref(text: str, m: re.Match[str]) -> bool:
    """'today's youth', 'the leaders of tomorrow': generic, not a day."""
    word = m.group("w").lower()
    if word not in ("today", "tomorrow") or m.group("pod"):
        return True
    if re.search(r"(?i:(?<!\bas)\s+of\s+)$", _before(text, m.start(), 8)):  # not 'as of today'
        return False
    after = re.match(r"['’]s\s+([a-z]+)(?:\s+([a-z]+))?", text[m.end() : m.end() + 40])
    return not (after and lexicon().generic_day_nouns.intersection(after.groups(default="")))


def _titled(text: str, hit: Hit) -> bool:
    """'ABC's "This Week"', 'the film "High Noon"': a capitalised unit inside a sentence."""
    words = re.findall(r"[A-Za-z]+", text[hit.start : hit.end])
    if not any(w[0].isupper() and w.lower() in lexicon().title_units for w in words):
        return False
    before = re.sub(r"[\s`'\"‘’“”(]+$", "", text[max(0, hit.start - 12) : hit.start])
    return bool(before) and before[-1] not in ".!?:;-_\n" and "\n" not in text[hit.start - 3 : hit.start]


def _not_timex_spans(text: str) -> list[tuple[int, int]]:
    phrases = lexicon().not_timex
    if not phrases:
        return []
    rx = re.compile(r"(?i)\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")
    return [(m.start(), m.end()) for m in rx.finditer(text)]


def _accept_weekday(text: str, m: re.Match[str]) -> bool:
    return not re.match(r"\s*(?:Times|Journal|Post|Night\s+Live)\b", text[m.end() : m.end() + 14])


def _accept_set_adverb(text: str, m: re.Match[str]) -> bool:
    """'average daily volume': a rate measured per day, not a recurring time."""
    return not re.search(r"(?i:\baverage\s+)$", _before(text, m.start(), 12))


def _accept_the_unit(text: str, m: re.Match[str]) -> bool:
    """'the end of the decade' (this decade's end); a bare 'the decade' / 'the century'
    ('the deal of the century') is no date of its own."""
    return m.group("unit").lower() in ("week", "month") or bool(_PREFIX.search(_before(text, m.start())))


_ACCEPT: dict[str, Callable[[str, re.Match[str]], bool]] = {
    "the_unit": _accept_the_unit,
    "set_adv": _accept_set_adverb,
    "month": _accept_month,
    "ago": _accept_ago,
    "season": _accept_season,
    "rel_unit": _accept_rel_unit,
    "plural": _accept_plural,
    "duration": _accept_duration,
    "half": _accept_half,
    "weekday": _accept_weekday,
    "dayref": _accept_dayref,
}


def _trimmed_start(name: str, m: re.Match[str]) -> int:
    """TimeBank span conventions: no 'the' before adjectival (hyphenated) expressions."""
    groups = m.groupdict()
    if not groups.get("the"):
        return m.start()
    if name == "duration" and "-" in m.string[m.end("num") : m.start("unit")]:
        return m.start("adj") if groups.get("adj") else m.start("num")
    if name == "quarter" and "-" in m.string[m.end("ord") : m.end()]:
        return m.end("the") + len(m.string[m.end("the") :]) - len(m.string[m.end("the") :].lstrip())
    if name == "decade":  # 'in the 1990s': the decade alone, as the corpora mark it
        return m.start("pm") if groups.get("pm") else m.start("dec")
    if name == "yearago" and not groups.get("what"):
        return m.end("the")
    return m.start()


def _widen(text: str, hit: Hit) -> Hit:
    before = _before(text, hit.start)
    offset = _DAY_OFFSET.search(before) if hit.rule in _DAY_RULES or _weekday_unit(hit) else None
    if offset:
        count = offset.group("n").split()[0].lower()
        return Hit(hit.start - len(offset.group(0)), hit.end, hit.rule, hit.match,
                   f"{offset.group('dir').lower()} {'1' if count == 'day' else count}")
    prefix = None
    start = hit.start
    found = _PREFIX.search(before) if hit.rule not in _NO_PREFIX else None
    if found and hit.rule in ("weekday", "dayref", "clock", "clock_part", "noon") and not found.group(0).lower().startswith("late "):
        found = None
    if found and (hit.rule == "weekday" or (hit.rule == "rel_unit" and not found.group("pos"))):
        found = None  # 'later this month' is rel_unit's own; 'the end of next month' is not
    if found:
        word = (found.group("pos") or found.group("pm")).lower().split()
        prefix = " ".join(w for w in word if w not in ("the", "very", "in", "of"))
        start = hit.start - len(found.group(0))
    deadline = bool(_DEADLINE.search(_before(text, start, 24)))
    return Hit(start, hit.end, hit.rule, hit.match, prefix, deadline)


def _weekday_unit(hit: Hit) -> bool:
    """'last Tuesday': a relative day."""
    return hit.rule == "rel_unit" and hit.match.group("unit")[:1].isupper()


_NO_PREFIX = frozenset({"duration", "plural", "ago", "set", "set_adv", "refs_present", "refs_past",
                        "refs_future", "clock", "clock_part", "noon", "yearago", "decade", "decade_words", "pod", "mid_pod",
                        "yearend", "half", "day_after"})


def _inside_word(text: str, start: int, end: int) -> bool:
    """True when the match starts or ends in the middle of a word ('MindSpring')."""
    return (start > 0 and text[start - 1].isalnum() and text[start].isalnum()) or (
        end < len(text) and text[end].isalnum() and text[end - 1].isalnum()
    )


def scan(text: str) -> list[Hit]:
    """All time expressions in ``text``: leftmost-longest, non-overlapping, in order."""
    found: list[tuple[int, int, int, Hit]] = []
    for order, (name, rx) in enumerate(compiled()):
        accept = _ACCEPT.get(name)
        for m in rx.finditer(text):
            if m.end() == m.start() or _inside_word(text, m.start(), m.end()) or (accept and not accept(text, m)):
                continue
            start, end = _trimmed_start(name, m), m.end()
            while end > start and text[end - 1] in " \t\n,":
                end -= 1
            found.append((-(end - start), order, start, Hit(start, end, name, m)))
    found.sort(key=lambda f: (f[0], f[1], f[2]))
    taken: list[Hit] = []
    occupied = bytearray(len(text) + 1)
    for _, _, _, hit in found:
        if any(occupied[hit.start : hit.end]):
            continue
        occupied[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
        taken.append(hit)
    blocked = _not_timex_spans(text)
    taken = [h for h in taken if not _titled(text, h) and not any(s < h.end and h.start < e for s, e in blocked)]
    taken.sort(key=lambda h: h.start)
    return _drop_swallowed([_widen(text, h) for h in taken])


def _drop_swallowed(hits: list[Hit]) -> list[Hit]:
    """Hits a later one grew over ('two days' in 'two days after March 3'); ``hits`` in order."""
    kept: list[Hit] = []
    earliest = float("inf")
    for hit in reversed(hits):
        if hit.start < earliest:
            kept.append(hit)
        earliest = min(earliest, hit.start)
    return kept[::-1]
