"""Document flags raised while cleaning.

``paywall``
    A paywall or subscriber prompt was present (set by the cleaner when it removes one).
``ai_disclosure``
    The article says AI helped write it ("produced with the assistance of AI tools").
    The disclosure and a self-reference ("this article", "Disclaimer:") must share a
    sentence, so stories *about* AI do not raise it.
``paraphrased``
    Machine-spun text: synonym swaps of frequent news collocations ("unusual earth" for
    rare earth, "metric lots" for metric tons) above a density threshold
    (lexicon in data/spinner.yaml).  Across documents, the store also raises it on a
    reworded copy of an earlier article (``dedupe.reworded_copies``, at rebuild).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from storyline.clean.patterns import load_yaml, rules, sentence_bounds, word_count

__all__ = ["SpinScore", "document_flags", "has_ai_disclosure", "is_paraphrased", "spin_score"]


@dataclass(frozen=True, slots=True)
class _Entry:
    pattern: re.Pattern[str]
    original: str
    weight: float


@dataclass(frozen=True, slots=True)
class _Density:
    pattern: re.Pattern[str]
    count: int
    per_words: int
    weight: float


@dataclass(frozen=True, slots=True)
class _Lexicon:
    entries: tuple[_Entry, ...]
    density: tuple[_Density, ...]
    min_entries: int
    min_score: float
    per_1000_words: float
    max_hits: int


@dataclass(frozen=True, slots=True)
class SpinScore:
    """How spun a text looks: weighted hits, distinct entries hit, and the verdict."""

    score: float
    entries: int
    threshold: float
    matched: tuple[str, ...]

    @property
    def flagged(self) -> bool:
        return self.entries >= _lexicon().min_entries and self.score >= self.threshold


def _flags(raw: dict[str, object]) -> int:
    return 0 if raw.get("case_sensitive") else re.IGNORECASE


@cache
def _lexicon() -> _Lexicon:
    data = load_yaml("spinner.yaml")
    th = data.get("thresholds") or {}
    entries = tuple(
        _Entry(re.compile(e["pattern"], _flags(e)), str(e["original"]), float(e.get("weight", 1.0)))
        for e in data.get("entries") or ()
    )
    density = tuple(
        _Density(
            re.compile(d["pattern"], _flags(d)),
            int(d["count"]),
            int(d["per_words"]),
            float(d["weight"]),
        )
        for d in data.get("density") or ()
    )
    return _Lexicon(
        entries=entries,
        density=density,
        min_entries=int(th.get("min_entries", 4)),
        min_score=float(th.get("min_score", 4.0)),
        per_1000_words=float(th.get("per_1000_words", 1.0)),
        max_hits=int(th.get("max_hits_per_entry", 2)),
    )


def spin_score(text: str) -> SpinScore:
    """Score ``text`` against the spinner lexicon."""
    lex = _lexicon()
    words = max(word_count(text), 1)
    score, entries, matched = 0.0, 0, []
    for entry in lex.entries:
        hits = entry.pattern.findall(text)
        if hits:
            entries += 1
            score += entry.weight * min(len(hits), lex.max_hits)
            matched.append(entry.original)
    for dens in lex.density:
        count = len(dens.pattern.findall(text))
        if count >= dens.count and count * dens.per_words >= dens.count * words:
            entries += 1
            score += dens.weight
            matched.append(dens.pattern.pattern)
    threshold = lex.min_score + lex.per_1000_words * words / 1000
    return SpinScore(score=score, entries=entries, threshold=threshold, matched=tuple(matched))


def is_paraphrased(text: str) -> bool:
    return spin_score(text).flagged


def has_ai_disclosure(text: str) -> bool:
    """True when a sentence says AI helped produce this very text."""
    rule = rules()
    for line in text.splitlines():
        for start, end in sentence_bounds(line):
            sentence = line[start:end]
            if any(p.search(sentence) for p in rule.ai_disclosure) and any(
                p.search(sentence) for p in rule.ai_self_reference
            ):
                return True
    return False


def document_flags(raw: str, found: Iterable[str] = ()) -> tuple[str, ...]:
    """Sorted flags of a document: ``found`` (set by cleaning) plus those read from ``raw``."""
    flags = set(found)
    if has_ai_disclosure(raw):
        flags.add("ai_disclosure")
    if is_paraphrased(raw):
        flags.add("paraphrased")
    return tuple(sorted(flags))
