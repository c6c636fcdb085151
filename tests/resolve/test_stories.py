"""Clustering documents into stories (hand-written texts on two unrelated topics)."""

from __future__ import annotations

import random

import pytest

from storyline.records import Article, Entity, Event, SourceSpan
from storyline.resolve.stories import build, cluster_docs

FISH = {
    "f1": ("2025-02-03", "Fishing fleets from Norland and Vestmark clashed over herring quotas "
           "in the northern sea, and the two governments summoned each other's ambassadors."),
    "f2": ("2025-02-05", "Norland proposed cutting the herring quota for Vestmark trawlers by a "
           "third, a move the Vestmark fisheries ministry called hostile to coastal villages."),
    "f3": ("2025-02-09", "Negotiators agreed a temporary herring quota split, letting Vestmark "
           "trawlers return to the northern fishing grounds while Norland inspects catches."),
}  # fmt: skip
TRUCE = {
    "t1": ("2025-02-04", "A ceasefire between militias in the Sarn valley collapsed overnight "
           "when artillery shelling resumed near the river crossing at Kelso bridge."),
    "t2": ("2025-02-06", "Mediators from Ostria shuttled between militia commanders in the Sarn "
           "valley, seeking to restore the ceasefire and reopen the river crossing."),
    "t3": ("2025-02-10", "Militia commanders signed a renewed ceasefire in the Sarn valley; "
           "Ostria will send monitors to watch the river crossing and the artillery positions."),
}  # fmt: skip
ACTORS = {
    "f1": ["country:NL", "country:VM"], "f2": ["country:NL", "country:VM"],
    "f3": ["country:VM", "country:NL"], "t1": ["org:sarn-militia"],
    "t2": ["country:OS", "org:sarn-militia"], "t3": ["country:OS", "org:sarn-militia"],
}  # fmt: skip
ENTITIES = [
    Entity(id="country:NL", name="Norland", type="GPE", mentions=5),
    Entity(id="country:VM", name="Vestmark", type="GPE", mentions=5),
    Entity(id="country:OS", name="Ostria", type="GPE", mentions=2),
    Entity(id="org:sarn-militia", name="Sarn militias", type="ORG", mentions=4),
]


def docs() -> list[Article]:
    return [
        Article(id=k, content_hash=k, path=f"{k}.txt", text=text, published=day)
        for k, (day, text) in {**FISH, **TRUCE}.items()
    ]


def events() -> list[Event]:
    def event(ident: str, kind: str, doc_ids: tuple[str, ...]) -> Event:
        spans = tuple(SourceSpan(doc=d, start=0, end=4, text="xxxx") for d in doc_ids)
        return Event(id=ident, type=kind, summary=kind, start="2025-02-09", end="2025-02-09",
                     date_precision="day", status="occurred", sources=spans)  # fmt: skip

    return [event("e-quota", "agreement", ("f3", "f2")), event("e-truce", "agreement", ("t3",)),
            event("e-shell", "attack", ("t1", "t2", "f1"))]  # fmt: skip


def test_two_topics_give_two_stories() -> None:
    groups = cluster_docs(docs(), ACTORS)
    assert sorted(groups) == [sorted(FISH), sorted(TRUCE)]


@pytest.mark.parametrize("seed", range(4))
def test_stories_do_not_depend_on_input_order(seed: int) -> None:
    shuffled = docs()
    random.Random(seed).shuffle(shuffled)
    assert build(shuffled, ACTORS, ENTITIES, events()) == build(docs(), ACTORS, ENTITIES, events())


def test_story_records() -> None:
    stories = build(docs(), ACTORS, ENTITIES, events())
    assert len(stories) == 2
    by_docs = {s.documents: s for s in stories}
    fish, truce = by_docs[tuple(sorted(FISH))], by_docs[tuple(sorted(TRUCE))]
    assert fish.events == ("e-quota",)
    assert truce.events == ("e-shell", "e-truce")  # two of its three sources are truce reports
    for story in stories:
        assert story.title.strip()
        assert story.id.startswith("st")
    assert "Norland" in fish.title or "Vestmark" in fish.title
    assert len({s.id for s in stories}) == 2


def test_without_actors_text_alone_separates_topics() -> None:
    assert sorted(cluster_docs(docs(), {})) == [sorted(FISH), sorted(TRUCE)]


def test_one_document_one_story() -> None:
    [story] = build(docs()[:1], ACTORS, ENTITIES, [])
    assert story.documents == ("f1",)
    assert story.title.strip()
