"""Publication dates found in a document's URL or in its publication lines.

Only places that state when the article appeared count: a date in the URL path
(``/2025/11/03/``, ``20250512``, ``2025-05-23``), a line labelled Published/Posted/Updated,
a line at the top or bottom of the article that is nothing but a date ("7. Nov 2025 -
15:16", "26.10.2025 - Update : 27.10.2025", "2025-11-07T15:16:00Z"), or a dateline opening
a paragraph ("BRUSSELS, March 4 (Reuters) -", "Washington (USA), 25 March (LaPresse) -").
Dates mentioned inside the story are never taken.  Pass the *raw* text: cleaning removes
these lines from the body.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from storyline.clean.patterns import MONTHS
from storyline.records import Cleaned, DateEvidence, Dateline

__all__ = ["city_name", "find_all", "find_published", "text_dates", "url_date", "wire_place"]

_EDGE_LINES = 6
# A dateline opens the story's first paragraph: site name, menus, headline, standfirst, byline
# and captions may come first, so it is looked for in the first non-blank lines up to and
# including the first paragraph of prose (ten lines at least, however long the furniture)
_DATELINE_LINES = 10
_DATELINE_REACH = 30  # ... but never further down than this
_PROSE_WORDS = 40  # a line this long is a paragraph, not furniture
_MONTH_NUM = {
    name: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ORD = r"(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\.?"
_TZ = r"(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|CET|CEST|BST|IST|JST|KST|HKT|SGT|ET|PT|CT)"
_TIME = rf"\d{{1,2}}[:.h]\d{{2}}(?::\d{{2}})?\s*(?:[ap]\.?m\.?)?(?:\s*{_TZ})?"

_DATE_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "ymd",
        re.compile(
            r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
        ),
    ),
    ("dmy", re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")),
    ("mdy_num", re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")),
    ("mdy", re.compile(rf"\b({MONTHS})\.?\s+(\d{{1,2}}){_ORD},?\s+(\d{{4}})\b", re.I)),
    (
        "dmy_name",
        re.compile(rf"(?<!\d)(\d{{1,2}}){_ORD}\.?\s+(?:of\s+)?({MONTHS})\.?,?\s+(\d{{4}})\b", re.I),
    ),
)
_NO_YEAR_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("md", re.compile(rf"\b({MONTHS})\.?\s+(\d{{1,2}}){_ORD}\b", re.I)),
    ("dm", re.compile(rf"(?<!\d)(\d{{1,2}}){_ORD}\.?\s+({MONTHS})\b", re.I)),
)
_PUBLISHED = re.compile(r"\b(?:first\s+)?(?:published|posted|date)\b\s*(?:on|at|:)?", re.I)
_UPDATED = re.compile(r"\b(?:last\s+)?(?:updated?|modified|revised)\b\s*(?:on|at|:)?", re.I)
_GAP = re.compile(rf"(?:[\s:,.|/–—-]|\bon\b|\bat\b|{_WEEKDAY}|{_TIME}|\b{_TZ}\b)*", re.I)
_DATELINE = re.compile(
    rf"[A-Z][A-Za-z ./'’-]{{1,40}}?(?:\s*\([A-Za-z .]{{2,30}}\))?,\s*"
    rf"(?P<date>(?:\d{{1,2}}{_ORD}\s+(?:{MONTHS})|(?:{MONTHS})\.?\s+\d{{1,2}}{_ORD})(?:,?\s+\d{{4}})?)"
    r"\s*(?:\([^)\n]{2,30}\))?\s*[-—–:]",
)
_RESIDUE = re.compile(
    rf"{_WEEKDAY}|{_TIME}|\b{_TZ}\b|{_PUBLISHED.pattern}|{_UPDATED.pattern}", re.I
)
_URL_FORMS = (
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?=/|$|[^\d])"),
    re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)"),
    re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)"),
)


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    year: int | None
    month: int
    day: int

    def evidence(
        self, base: int, text: str, kind: str, source: str = "text"
    ) -> DateEvidence | None:
        try:
            day = dt.date(self.year or 2000, self.month, self.day)  # 2000: leap year
        except ValueError:
            return None
        return DateEvidence(
            date=day.isoformat() if self.year else None,
            month_day=f"{self.month:02d}-{self.day:02d}",
            source=source,
            start=base + self.start,
            end=base + self.end,
            text=text[self.start : self.end],
            kind=kind,
        )


def _month(word: str) -> int:
    return _MONTH_NUM.get(word.lower().rstrip("."), 0)


def _to_found(form: str, m: re.Match[str]) -> _Found:
    g = m.groups()
    if form == "ymd":
        return _Found(m.start(), m.end(), int(g[0]), int(g[1]), int(g[2]))
    if form == "dmy":
        return _Found(m.start(), m.end(), int(g[2]), int(g[1]), int(g[0]))
    if form == "mdy_num":
        a, b = int(g[0]), int(g[1])
        month, day = (b, a) if a > 12 else (a, b)
        return _Found(m.start(), m.end(), int(g[2]), month, day)
    if form == "mdy":
        return _Found(m.start(), m.end(), int(g[2]), _month(g[0]), int(g[1]))
    if form == "dmy_name":
        return _Found(m.start(), m.end(), int(g[2]), _month(g[1]), int(g[0]))
    if form == "md":
        return _Found(m.start(), m.end(), None, _month(g[0]), int(g[1]))
    return _Found(m.start(), m.end(), None, _month(g[1]), int(g[0]))


def _dates(text: str, with_year: bool = True) -> list[_Found]:
    """Non-overlapping dates in ``text``, left to right."""
    forms = _DATE_FORMS if with_year else _DATE_FORMS + _NO_YEAR_FORMS
    found: list[_Found] = []
    for form, pattern in forms:
        for m in pattern.finditer(text):
            f = _to_found(form, m)
            if f.month and not any(f.start < o.end and o.start < f.end for o in found):
                found.append(f)
    return sorted(found, key=lambda f: f.start)


def url_date(url: str | None) -> DateEvidence | None:
    """A full date in the URL path (offsets index the URL)."""
    if not url:
        return None
    parts = urlsplit(url)
    path = parts.path
    base = url.find(path) if path else 0
    for pattern in _URL_FORMS:
        for m in pattern.finditer(path):
            f = _Found(m.start(1), m.end(3), int(m.group(1)), int(m.group(2)), int(m.group(3)))
            ev = f.evidence(base, path, "url", source="url")
            if ev is not None:
                return ev
    return None


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def _label(line: str, start: int) -> str | None:
    """published|updated when a keyword sits right before position ``start``, else None."""
    best: tuple[int, str] | None = None
    for kind, pattern in (("published", _PUBLISHED), ("updated", _UPDATED)):
        for m in pattern.finditer(line, 0, start):
            if _GAP.fullmatch(line[m.end() : start]) and (best is None or m.end() > best[0]):
                best = (m.end(), kind)
    return best[1] if best else None


def _date_only(line: str, found: list[_Found]) -> bool:
    """True when a line is little but dates, times and publication keywords."""
    rest = list(line)
    for f in found:
        rest[f.start : f.end] = " " * (f.end - f.start)
    residue = _RESIDUE.sub(" ", "".join(rest))
    return len(re.findall(r"[^\W\d_]{2,}", residue)) <= 2


def _line_evidence(base: int, line: str, edge: bool) -> Iterator[DateEvidence]:
    found = _dates(line)
    date_only = edge and bool(found) and _date_only(line, found)
    for f in found:
        kind = _label(line, f.start)
        if kind is None and date_only:
            kind = "published"
        elif kind == "published" and date_only and found[0] is not f:
            kind = "updated"  # a later date on a date line revises the first
        if kind is not None:
            ev = f.evidence(base, line, kind)
            if ev is not None:
                yield ev


def _dateline(base: int, line: str) -> DateEvidence | None:
    m = _DATELINE.match(line)
    if not m:
        return None
    found = _dates(m.group("date"), with_year=False)
    if not found:
        return None
    f = found[0]
    shifted = _Found(f.start + m.start("date"), f.end + m.start("date"), f.year, f.month, f.day)
    return shifted.evidence(base, line, "dateline")


def text_dates(text: str) -> list[DateEvidence]:
    """Every publication-line date of ``text``, in text order."""
    lines = _lines(text)
    n = len(lines)
    out: list[DateEvidence] = []
    prose = False  # the first paragraph has been read
    for i, (base, line) in enumerate(lines):
        edge = i < _EDGE_LINES or i >= n - _EDGE_LINES
        out.extend(_line_evidence(base, line, edge))
        if i < _DATELINE_LINES or (i < _DATELINE_REACH and not prose):
            prose = prose or len(line.split()) >= _PROSE_WORDS
            ev = _dateline(base, line.lstrip())
            if ev is not None:
                shift = len(line) - len(line.lstrip())
                out.append(ev.replace(start=ev.start + shift, end=ev.end + shift))
    return out


_RANK = {
    ("text", "published"): 0,
    ("url", "url"): 1,
    ("text", "dateline"): 2,
    ("text", "updated"): 3,
}


def find_all(text: str, url: str | None = None) -> list[DateEvidence]:
    """All publication-date evidence, best first (see :func:`find_published`)."""
    found = text_dates(text)
    from_url = url_date(url)
    if from_url is not None:
        found.append(from_url)

    def rank(ev: DateEvidence) -> tuple[int, int, int]:
        return (0 if ev.date else 1, _RANK.get((ev.source, ev.kind), 9), ev.start)

    return sorted(found, key=rank)


def find_published(text: str, url: str | None = None) -> DateEvidence | None:
    """The best publication-date evidence of a document, or None.

    Preference: a full date on a Published/Posted or date-only line, then the URL, then a
    dateline with a year, then an Updated line; a dateline without a year
    (``month_day`` only) comes last and leaves the year to the caller.
    """
    found = find_all(text, url)
    return found[0] if found else None


_WIRE_CITY = re.compile(r"([A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+)*)(?=[\s,(/]|[-—–])")  # 'DOHA/JERUSALEM': the first


def wire_place(cleaned: Cleaned) -> Dateline | None:
    """The city of the first wire dateline cleaning removed ('SEOUL, June 30 (Agency) -'),
    with the cleaned-text offset of the sentence that followed it."""
    tag = next((r for r in cleaned.removed if r.reason == "wire tag"), None)
    m = _WIRE_CITY.match(tag.text) if tag is not None else None
    if tag is None or m is None or len(m.group(1)) < 3:
        return None
    start = bisect.bisect_left(cleaned.offsets, tag.end) if cleaned.offsets else tag.end
    if start >= len(cleaned.text):
        return None
    return Dateline(place=city_name(m.group(1)), start=start)


def city_name(capitals: str) -> str:
    """A dateline's city as a name: 'NEW YORK' -> 'New York'."""
    return " ".join(w.capitalize() for w in capitals.split())
