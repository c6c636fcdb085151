"""The time lexicon (``storyline/data/time_lexicon.yaml``) loaded once into lookup tables."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..datafile import parse_yaml


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word → meaning tables; keys are lower-cased except where noted."""

    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    numbers: dict[str, float]
    vague_counts: tuple[str, ...]
    vague_ranges: dict[str, tuple[int, int]]
    ordinals: dict[str, int]
    units: dict[str, tuple[str, str]]
    holidays: dict[str, tuple[int, int]]
    moving_holidays: dict[str, tuple[int, int, int, int]]
    easter_holidays: dict[str, int]
    present_ref: tuple[str, ...]
    past_ref: tuple[str, ...]
    future_ref: tuple[str, ...]
    day_only_parts: frozenset[str]
    generic_day_nouns: frozenset[str]
    not_timex: tuple[str, ...]
    title_units: frozenset[str]

    def month(self, word: str) -> int:
        return self.months[word.lower().rstrip(".")]

    def weekday(self, word: str) -> int:
        return self.weekdays[word.lower().rstrip(".")]

    def holiday_names(self) -> list[str]:
        return [*self.holidays, *self.moving_holidays, *self.easter_holidays]

    def unit(self, word: str) -> tuple[str, str]:
        """(duration code, precision) of a unit word, singular or plural."""
        key = word.lower()
        if key not in self.units:
            key = "century" if key == "centuries" else key.removesuffix("s")
        return self.units[key]


def _invert(table: dict[Any, list[str]]) -> dict[str, Any]:
    return {str(word).lower(): key for key, words in table.items() for word in words}


@cache
def lexicon() -> Lexicon:
    raw = parse_yaml(resources.files("storyline").joinpath("data", "time_lexicon.yaml").read_text())
    return Lexicon(
        months={k: int(v) for k, v in _invert(raw["months"]).items()},
        weekdays={k: int(v) for k, v in _invert(raw["weekdays"]).items()},
        seasons=_invert(raw["seasons"]),
        parts_of_day=_invert(raw["parts_of_day"]),
        numbers={str(k).lower(): float(v) for k, v in raw["numbers"].items()},
        vague_counts=tuple(raw["vague_counts"]),
        vague_ranges={str(k): (int(v[0]), int(v[1])) for k, v in raw["vague_ranges"].items()},
        ordinals={str(k): int(v) for k, v in raw["ordinals"].items()},
        units={str(k): (str(v[0]), str(v[1])) for k, v in raw["units"].items()},
        holidays={str(k): (int(v[0]), int(v[1])) for k, v in raw["holidays"].items()},
        moving_holidays={str(k): (int(v[0]), int(v[1]), int(v[2]), int(v[3])) for k, v in raw["moving_holidays"].items()},
        easter_holidays={str(k): int(v) for k, v in raw["easter_holidays"].items()},
        present_ref=tuple(raw["present_ref"]),
        past_ref=tuple(raw["past_ref"]),
        future_ref=tuple(raw["future_ref"]),
        day_only_parts=frozenset(str(w).lower() for w in raw["day_only_parts"]),
        generic_day_nouns=frozenset(str(w).lower() for w in raw["generic_day_nouns"]),
        not_timex=tuple(str(w) for w in raw.get("not_timex", [])),
        title_units=frozenset(str(w).lower() for w in raw.get("title_units", [])),
    )


def alternation(words: Any, *, abbrev_dot: bool = False) -> str:
    """A regex alternation of ``words``, longest first (spaces match any whitespace)."""
    parts = []
    for word in sorted({str(w) for w in words}, key=len, reverse=True):
        pattern = re.escape(word).replace(r"\ ", r"\s+")
        if abbrev_dot:
            pattern += r"\.?"
        parts.append(pattern)
    return "(?:" + "|".join(parts) + ")"


def parse_number(text: str) -> float | None:
    """'three' → 3, 'twenty-four' → 24, '2 1/2' → 2.5, '18' → 18; vague counts → None."""
    lex = lexicon()
    key = re.sub(r"\s+", " ", text.strip().lower())
    if key in lex.numbers:
        return lex.numbers[key]
    if re.fullmatch(r"\d+(?:\.\d+)?", key.replace(",", "")):
        return float(key.replace(",", ""))
    frac = re.fullmatch(r"(\d+)\s+1/2", key)
    if frac:
        return int(frac.group(1)) + 0.5
    total = 0.0
    for part in re.split(r"[\s-]+", key):
        if part not in lex.numbers:
            return None
        total = total * lex.numbers[part] if lex.numbers[part] == 100 and total else total + lex.numbers[part]
    return total or None
