"""Stories: clustering documents into the developing stories they belong to.

Each document becomes a TF-IDF vector of its resolved actors (weighted up) and its content
words, scaled to unit length.  Near-duplicates (wire copies) are left out and follow their
original.  Stories are built by group-average (UPGMA) agglomerative clustering: the two
clusters whose documents are, on average, most similar merge first, and only when

* their average pairwise cosine reaches ``THRESHOLD``, and
* it is at least ``COHESION`` times the average similarity inside the clusters themselves:
  two tight stories on a shared topic (one bloc's steel disputes with two partners) are
  far less alike than the articles of either story are to each other.

The average between clusters A and B is ``S_A · S_B / (|A| |B|)`` where ``S`` is the sum of
the members' unit vectors (and the average inside A comes from ``S_A · S_A``), so it is
exact without enumerating pairs.  Which clusters are compared comes from an inverted index
of the rarer terms (document frequency at most ``DF_CAP``): clusters that share no such term
are never compared, which keeps the cost near linear in the number of documents.  Everything
is keyed by document ids and ties are broken by them, so the result does not depend on the
order the documents were ingested in.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..records import Article, Entity, Event, Story

# Average pairwise cosine two clusters need to merge, and the share of their own inner
# average that it must reach.  Measured on the fixtures in tests/fixtures/stories, the shipped
# samples and the development seeds, alone, mixed, and among 256 unrelated TimeBank/AQUAINT
# articles: clusters of one story merge at 0.19 and above with a ratio of 0.73 and above; the
# closest two different stories (EU steel/tariff talks with Japan and with the United States)
# average 0.11-0.15, a ratio of 0.34-0.37.
THRESHOLD = 0.12
COHESION = 0.5
ACTOR_WEIGHT = 3.0
# Inverse document frequencies are computed as if there were at least this many documents:
# in a small collection about one story every shared name would otherwise get an idf near
# zero, and the same story would split when read alone but hold together among others.
MIN_DOCS = 50
# Terms in more documents than this do not propose candidate pairs (they still count in
# every similarity computed).
DF_CAP = 100
# Only each document's heaviest rare terms propose candidates (its names, places, topic words).
TOP_TERMS = 20
# Each document is linked to at most this many most similar candidates (a k-nearest-neighbour
# graph): links between stories are the weakest and go first, merges stay cheap.
NEIGHBOURS = 15
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
    total: dict[str, float]  # sum of the members' unit vectors
    square: float = 1.0  # total · total
    version: int = 0
    links: dict[int, float] = field(default_factory=dict)  # total · total of compared clusters

    def absorb(self, other: Cluster, cross: float) -> None:
        """Take in ``other``; ``cross`` is ``self.total · other.total``."""
        self.square += other.square + 2 * cross
        self.members.extend(other.members)
        for term, value in other.total.items():
            self.total[term] = self.total.get(term, 0.0) + value
        self.version += 1


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def vectors(docs: Sequence[Article], actors: Mapping[str, Sequence[str]]) -> dict[str, dict[str, float]]:
    raw: dict[str, Counter[str]] = {}
    for d in docs:
        words = Counter(w for w in _WORD.findall(d.text.casefold()) if w not in STOP)
        for ent in actors.get(d.id, ()):
            words[f"@{ent}"] += ACTOR_WEIGHT  # type: ignore[assignment]
        raw[d.id] = words
    df: Counter[str] = Counter(t for c in raw.values() for t in c)
    n = max(len(raw), MIN_DOCS)
    out = {}
    for doc, counts in raw.items():
        vec = {t: (1 + math.log(c)) * math.log(1 + n / df[t]) for t, c in counts.items()}
        out[doc] = vec
    return out


def _unit(vec: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm else {}


def candidate_pairs(vecs: Sequence[Mapping[str, float]], df_cap: int = DF_CAP,
                    top: int = TOP_TERMS) -> set[tuple[int, int]]:  # fmt: skip
    """Index pairs (i < j) of vectors sharing a term that is among the ``top`` heaviest of
    one of them and held by at most ``df_cap`` vectors."""
    df: Counter[str] = Counter(t for vec in vecs for t in vec)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, vec in enumerate(vecs):
        rare = [t for t in vec if 1 < df[t] <= df_cap]
        for term in sorted(rare, key=lambda t: (-vec[t], t))[:top]:
            postings[term].append(i)
    holders: dict[str, list[int]] = defaultdict(list)
    for i, vec in enumerate(vecs):
        for term in vec:
            if term in postings:
                holders[term].append(i)
    pairs: set[tuple[int, int]] = set()
    for term, keys in postings.items():
        pairs.update((min(i, j), max(i, j)) for i in keys for j in holders[term] if i != j)
    return pairs


def _average(a: Cluster, b: Cluster, cross: float) -> float:
    return cross / (len(a.members) * len(b.members))


def _inner(c: Cluster) -> float | None:
    """Average cosine between two distinct members (None for a single document)."""
    n = len(c.members)
    return (c.square - n) / (n * (n - 1)) if n > 1 else None


def _cohesive(a: Cluster, b: Cluster, average: float) -> bool:
    """Whether the clusters are nearly as alike as their own members are to each other."""
    inner = [x for x in (_inner(a), _inner(b)) if x is not None]
    return not inner or average >= COHESION * sum(inner) / len(inner)


Heap = list[tuple[float, int, int, int, int]]


def _push(heap: Heap, clusters: Sequence[Cluster], i: int, j: int) -> None:
    a, b = (i, j) if i < j else (j, i)
    ca, cb = clusters[a], clusters[b]
    heapq.heappush(heap, (-_average(ca, cb, ca.links[b]), a, b, ca.version, cb.version))


def _merged_links(clusters: Sequence[Cluster], a: int, b: int) -> dict[int, float]:
    """``total · total`` of the union of clusters a and b with each neighbour of either.

    Known products add up; one missing (the neighbour was compared with only one side) is
    computed, so the averages stay exact."""
    ca, cb = clusters[a], clusters[b]
    out = {}
    for c in sorted((ca.links.keys() | cb.links.keys()) - {a, b}):
        la = ca.links.get(c)
        lb = cb.links.get(c)
        la = _dot(ca.total, clusters[c].total) if la is None else la
        lb = _dot(cb.total, clusters[c].total) if lb is None else lb
        out[c] = la + lb
    return out


def _nearest(clusters: Sequence[Cluster], pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], float]:
    """The candidate pairs with their cosine, keeping only each document's ``NEIGHBOURS``
    most similar candidates (a pair stays when either side keeps it)."""
    sims = {p: _dot(clusters[p[0]].total, clusters[p[1]].total) for p in sorted(pairs)}
    ranked: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (a, b), sim in sims.items():
        ranked[a].append((-sim, b))
        ranked[b].append((-sim, a))
    keep: set[tuple[int, int]] = set()
    for a, near in ranked.items():
        keep.update((min(a, b), max(a, b)) for _, b in heapq.nsmallest(NEIGHBOURS, near))
    return {p: sims[p] for p in sorted(keep)}


def _agglomerate(clusters: list[Cluster], pairs: Iterable[tuple[int, int]], threshold: float) -> None:
    """Group-average merging in place: the best pair first, until none reaches ``threshold``."""
    heap: Heap = []
    for (a, b), cross in _nearest(clusters, pairs).items():
        clusters[a].links[b] = clusters[b].links[a] = cross
        _push(heap, clusters, a, b)
    alive = set(range(len(clusters)))
    while heap:
        neg, a, b, va, vb = heapq.heappop(heap)
        if -neg < threshold:
            break
        if a not in alive or b not in alive or clusters[a].version != va or clusters[b].version != vb:
            continue  # stale: one side has merged since this entry was pushed
        keep, gone = clusters[a], clusters[b]
        if not _cohesive(keep, gone, -neg):
            continue  # compared again if either side grows
        links = _merged_links(clusters, a, b)
        keep.absorb(gone, keep.links[b])
        alive.discard(b)
        gone.links.clear()
        keep.links = links
        for c, cross in links.items():
            clusters[c].links.pop(b, None)
            clusters[c].links[a] = cross
            _push(heap, clusters, a, c)
    clusters[:] = [c for i, c in enumerate(clusters) if i in alive]


def cluster_docs(docs: Sequence[Article], actors: Mapping[str, Sequence[str]],
                 threshold: float = THRESHOLD) -> list[list[str]]:  # fmt: skip
    """Documents grouped into stories (each group sorted, groups by their first id)."""
    root = originals(docs)
    vecs = vectors([d for d in docs if root[d.id] == d.id], actors)
    ids = sorted(vecs)
    units = [_unit(vecs[d]) for d in ids]
    clusters = [Cluster([d], dict(u), square=_dot(u, u)) for d, u in zip(ids, units, strict=True)]
    _agglomerate(clusters, candidate_pairs(units), threshold)
    story_of = {d: i for i, c in enumerate(clusters) for d in c.members}
    for d in docs:
        if d.id not in story_of:  # a near-duplicate joins its original's story
            clusters[story_of[root[d.id]]].members.append(d.id)
    return sorted(sorted(c.members) for c in clusters)


def originals(docs: Sequence[Article]) -> dict[str, str]:
    """Each document's original: itself, or the stored article it is a near-duplicate of."""
    copy_of = {d.id: d.duplicate_of for d in docs}
    out = {}
    for doc in copy_of:
        chain = [doc]
        while (nxt := copy_of.get(chain[-1])) in copy_of and nxt not in chain:
            chain.append(nxt)
        nxt = copy_of.get(chain[-1])
        out[doc] = min(chain[chain.index(nxt):]) if nxt in chain else chain[-1]  # a cycle: its least id
    return out


def title_of(members: Sequence[str], actors: Mapping[str, Sequence[str]], entities: Mapping[str, Entity],
             events: Sequence[Event]) -> str:  # fmt: skip
    """Story title: its main places (or person) and its main event types.

    Actors rank by how many of the story's documents name them, ties going to the one rarer
    in the whole collection (a mediator present in every story does not head them all).
    Cities are where things happen, not who takes part, so they do not name a story.
    """
    counts: Counter[str] = Counter(e for d in members for e in set(actors.get(d, ())))
    df: Counter[str] = Counter(e for ents in actors.values() for e in set(ents))
    ranked = sorted(counts, key=lambda e: (-counts[e], df[e], e))[:12]
    top = [entities[e] for e in ranked if e in entities and not e.startswith("city:")]
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
