"""Stories: clustering documents into the developing stories they belong to.

Each document becomes a TF-IDF vector of its resolved actors (weighted up) and its content
words; documents join the most similar story centroid above a threshold, in a canonical
order (publication date, then id) so the result is the same whatever order they were
ingested in.  A second pass moves documents to their best final centroid.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..records import Article, Entity, Event, Story

THRESHOLD = 0.12
ACTOR_WEIGHT = 3.0
_WORD = re.compile(r"[a-z][a-z-]{3,}")
STOP = frozenset(
    """about above after again against along also among another because been before being
    below between both could does doing down during each even every from further have having
    here into itself just many more most much must only other over said says same should since
    some still such than that their them then there these they this those through under until
    very what when where which while will with would year years week weeks month months today
    told according percent people officials official""".split()
)


@dataclass
class Cluster:
    members: list[str]
    centroid: Counter[str]

    def add(self, doc: str, vec: Mapping[str, float]) -> None:
        self.members.append(doc)
        self.centroid.update(vec)


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def vectors(docs: Sequence[Article], actors: Mapping[str, Sequence[str]]) -> dict[str, dict[str, float]]:
    raw: dict[str, Counter[str]] = {}
    for d in docs:
        words = Counter(w for w in _WORD.findall(d.text.casefold()) if w not in STOP)
        for ent in actors.get(d.id, ()):
            words[f"@{ent}"] += ACTOR_WEIGHT  # type: ignore[assignment]
        raw[d.id] = words
    df: Counter[str] = Counter(t for c in raw.values() for t in c)
    n = len(raw)
    out = {}
    for doc, counts in raw.items():
        vec = {t: (1 + math.log(c)) * math.log(1 + n / df[t]) for t, c in counts.items()}
        out[doc] = vec
    return out


def cluster_docs(docs: Sequence[Article], actors: Mapping[str, Sequence[str]]) -> list[list[str]]:
    vecs = vectors(docs, actors)
    order = sorted(docs, key=lambda d: (d.published or "9999", d.id))
    clusters: list[Cluster] = []
    for d in order:
        vec = vecs[d.id]
        best = max(clusters, key=lambda c: _cosine(vec, c.centroid), default=None)
        if best is not None and _cosine(vec, best.centroid) >= THRESHOLD:
            best.add(d.id, vec)
        else:
            clusters.append(Cluster([d.id], Counter(vec)))
    # second pass: every document to its best final centroid, its own vector left out of
    # its own cluster (else a singleton could never move); it stays home below the threshold
    home = {doc: i for i, c in enumerate(clusters) for doc in c.members}
    norms = [math.sqrt(sum(v * v for v in c.centroid.values())) for c in clusters]
    final: dict[int, list[str]] = defaultdict(list)
    for d in order:
        vec, own = vecs[d.id], home[d.id]
        scores = [_cosine_without(vec, c.centroid, norms[i], i == own) for i, c in enumerate(clusters)]
        top = max(range(len(clusters)), key=lambda i: (scores[i], -i))
        final[top if scores[top] >= THRESHOLD else own].append(d.id)
    return [sorted(m) for _, m in sorted(final.items())]


def _cosine_without(vec: Mapping[str, float], centroid: Mapping[str, float], norm: float,
                    contains: bool) -> float:  # fmt: skip
    """Cosine of ``vec`` with ``centroid`` (of norm ``norm``), minus ``vec`` if it is a member."""
    dot = sum(v * centroid.get(k, 0.0) for k, v in vec.items())
    nv2 = sum(v * v for v in vec.values())
    n2 = norm * norm
    if contains:
        dot, n2 = dot - nv2, n2 - 2 * dot + nv2
    if nv2 <= 0 or n2 <= 1e-9 * max(nv2, 1.0):  # an empty centroid (up to rounding)
        return 0.0
    return dot / math.sqrt(nv2 * n2)


def title_of(members: Sequence[str], actors: Mapping[str, Sequence[str]], entities: Mapping[str, Entity],
             events: Sequence[Event]) -> str:  # fmt: skip
    counts: Counter[str] = Counter(e for d in members for e in set(actors.get(d, ())))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:12]
    top = [entities[e] for e, _ in ranked if e in entities]
    places = [e.name for e in top if e.type in ("GPE", "NORP")][:2]
    people = [e.name for e in top if e.type == "PERSON"][:1]
    kinds = Counter(e.type for e in events if e.type not in ("statement", "market_move", "other"))
    topic = ", ".join(k.replace("_", " ") for k, _ in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[:2])
    head = " – ".join(places or people or ["Story"])
    return f"{head}: {topic}" if topic else head


def build(docs: Sequence[Article], actors: Mapping[str, Sequence[str]], entities: Sequence[Entity],
          events: Sequence[Event]) -> list[Story]:  # fmt: skip
    """Stories over documents; each merged event goes to the story most of its sources are in."""
    groups = cluster_docs(docs, actors)
    story_of = {d: i for i, members in enumerate(groups) for d in members}
    ev_by_story: dict[int, list[Event]] = defaultdict(list)
    for e in events:
        votes = Counter(story_of[s.doc] for s in e.sources if s.doc in story_of)
        if votes:
            ev_by_story[min(votes, key=lambda k: (-votes[k], k))].append(e)
    ents = {e.id: e for e in entities}
    out = []
    for i, members in enumerate(groups):
        evs = ev_by_story.get(i, [])
        ident = hashlib.sha1("|".join(members).encode()).hexdigest()[:10]
        out.append(Story(id=f"st{ident}", title=title_of(members, actors, ents, evs),
                         documents=tuple(members), events=tuple(sorted(e.id for e in evs))))  # fmt: skip
    return sorted(out, key=lambda s: (-len(s.documents), s.id))
