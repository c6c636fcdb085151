"""Loading the cleaner's pattern data (src/storyline/data/boilerplate.yaml) and text helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..datafile import parse_yaml

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
NAME = r"[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]*|de|del|della|van|von|der|den|al|el|bin|da|di|le|la|du)){0,3}"
PLACE = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}"  # 'Lima', 'New Delhi', 'Buenos Aires'
BEAT = r"(?:[Cc]orrespondent|[Ee]ditor|[Rr]eporter|[Ww]riter|[Cc]olumnist|[Bb]ureau [Cc]hief|[Aa]nalyst)"
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_WORD = re.compile(r"\w+")
_ABBREV = re.compile(
    r"(?:\b(?:[A-Za-z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Prof|No|Inc|Co|Corp|Ltd|Jr|Sr|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)$"
)


@dataclass(frozen=True, slots=True)
class Family:
    """One family of boilerplate patterns (see the comments in boilerplate.yaml)."""

    reason: str
    flag: str | None
    line: tuple[re.Pattern[str], ...]
    sentence: tuple[re.Pattern[str], ...]
    inline: tuple[re.Pattern[str], ...]
    prefix: tuple[re.Pattern[str], ...]
    heading: tuple[re.Pattern[str], ...]
    max_words: int | None


@dataclass(frozen=True, slots=True)
class Rules:
    families: tuple[Family, ...]
    furniture_words: int
    furniture_lines: int
    promo_words: int
    ai_disclosure: tuple[re.Pattern[str], ...]
    ai_self_reference: tuple[re.Pattern[str], ...]


def load_yaml(name: str) -> Any:
    """A YAML file of the storyline.data package."""
    with resources.files("storyline.data").joinpath(name).open(encoding="utf-8") as fh:
        return parse_yaml(fh.read())


def _expand(pattern: str, agencies: str) -> str:
    return (
        pattern.replace("{agency}", agencies)
        .replace("{month}", f"(?:{MONTHS})")
        .replace("{name}", NAME)
        .replace("{place}", PLACE)
        .replace("{beat}", BEAT)
    )


def _compile(
    raw: dict[str, Any], key: str, agencies: str, flags: int
) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(_expand(p, agencies), flags) for p in raw.get(key) or ())


def _family(raw: dict[str, Any], agencies: str) -> Family:
    flags = 0 if raw.get("case_sensitive") else re.IGNORECASE
    return Family(
        reason=str(raw["reason"]),
        flag=raw.get("flag"),
        line=_compile(raw, "line", agencies, flags),
        sentence=_compile(raw, "sentence", agencies, flags),
        inline=_compile(raw, "inline", agencies, flags),
        prefix=_compile(raw, "prefix", agencies, flags),
        heading=_compile(raw, "heading", agencies, flags),
        max_words=raw.get("max_words"),
    )


@cache
def rules() -> Rules:
    """The compiled boilerplate rules (loaded once)."""
    data = load_yaml("boilerplate.yaml")
    agencies = "|".join(re.escape(a) for a in sorted(data["agencies"], key=len, reverse=True))
    furniture = data.get("furniture") or {}
    ai = (data.get("flags") or {}).get("ai_disclosure") or {}
    return Rules(
        families=tuple(_family(f, agencies) for f in data["families"]),
        furniture_words=int(furniture.get("max_words", 6)),
        furniture_lines=int(furniture.get("max_lines", 6)),
        promo_words=int((data.get("promo") or {}).get("max_words", 14)),
        ai_disclosure=_compile(ai, "disclosure", agencies, re.IGNORECASE),
        ai_self_reference=_compile(ai, "self_reference", agencies, re.IGNORECASE),
    )


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one line of text (rough, punctuation-based).

    A full stop after an initialism ("U.S.") or a common title ("Mr.") does not end a
    sentence.
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group().startswith(".") and _ABBREV.search(text, 0, m.start() + 1):
            continue
        end = m.end() - (len(m.group()) - len(m.group().rstrip()))
        bounds.append((start, end))
        start = m.end()
    if text[start:].strip():
        bounds.append((start, len(text.rstrip())))
    return bounds


def word_count(text: str) -> int:
    return len(_WORD.findall(text))
