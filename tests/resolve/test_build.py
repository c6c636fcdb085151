"""storyline.resolve.build helpers (hand-built entities, no model)."""

from __future__ import annotations

from storyline.records import Entity
from storyline.resolve.build import _within


def test_places_map_to_the_country_they_lie_in() -> None:
    entities = [
        Entity(id="country:CH", name="Switzerland", type="GPE", country="CH"),
        Entity(id="city:geneva", name="Geneva", type="GPE", aliases=("Genève",), country="CH"),
        Entity(id="fac:diriyah-palace", name="Diriyah Palace", type="FAC", country="SA"),  # no Saudi entity
        Entity(id="person:ines-vidal", name="Ines Vidal", type="PERSON", country="CH"),
    ]
    assert _within(entities) == {"geneva": "switzerland", "genève": "switzerland"}
