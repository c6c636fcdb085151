"""The one place storyline's spaCy components are registered.

Each stage lives in its own module with a pure ``find(doc, ...) -> list[Record]`` and a
``set_annotations(doc, results)``; the factories below only bind configuration.
Module imports are deferred into the factories so that importing this module stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions as _extensions  # noqa: F401  (registers Doc attributes)

Component = Callable[[Doc], Doc]


def _component(module: Any, **config: Any) -> Component:
    def run(doc: Doc) -> Doc:
        module.set_annotations(doc, module.find(doc, **config))
        return doc

    return run


@Language.factory("storyline_paragraphs", default_config={})
def make_paragraphs(nlp: Language, name: str) -> Component:
    from . import paragraphs

    return _component(paragraphs)


@Language.factory("storyline_timex", default_config={})
def make_timex(nlp: Language, name: str) -> Component:
    from . import timex

    return _component(timex)


@Language.factory("storyline_actors", default_config={"actors_path": None})
def make_actors(nlp: Language, name: str, actors_path: str | None) -> Component:
    from . import actors

    return _component(actors, dictionary=actors.load_dictionary(actors_path))


@Language.factory("storyline_numbers", default_config={})
def make_numbers(nlp: Language, name: str) -> Component:
    from . import numbers

    return _component(numbers)


@Language.factory("storyline_quotes", default_config={})
def make_quotes(nlp: Language, name: str) -> Component:
    from . import quotes

    return _component(quotes)


@Language.factory("storyline_events", default_config={})
def make_events(nlp: Language, name: str) -> Component:
    from . import events

    return _component(events)


STAGES = ("storyline_timex", "storyline_actors", "storyline_numbers", "storyline_quotes", "storyline_events")
