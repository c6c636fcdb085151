"""The paragraphs stage: line breaks and wire datelines are sentence boundaries."""

from __future__ import annotations

from typing import Any

import pytest
import spacy

from storyline.pipeline import paragraphs


@pytest.fixture(scope="module")
def blank() -> Any:
    return spacy.blank("en")


def starts(nlp: Any, text: str) -> list[str]:
    return [t.text for t in paragraphs.find(nlp.make_doc(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BUSAN, South Korea (Reuters) - U.S. President Donald Trump met Xi.", ["U.S."]),
        ("WASHINGTON (AP) — Treasury Secretary Scott Bessent spoke.", ["Treasury"]),
        ("BEIJING, Oct 31 (Reuters) - China's Commerce Ministry said.", ["China"]),
        ("Headline here\nGENEVA -- Talks resumed on Monday.", ["GENEVA", "Talks"]),
        # not datelines: an acronym in a sentence, a headline with a dash
        ("US and China agree to truce - but doubts remain", []),
        ("The EU said on Monday it would retaliate.", []),
    ],
)
def test_line_starts_and_datelines_open_sentences(blank: Any, text: str, expected: list[str]) -> None:
    assert starts(blank, text) == expected


@pytest.mark.slow
def test_the_first_word_of_a_paragraph_is_not_a_sentence_of_its_own(spacy_model: Any) -> None:
    from storyline.pipeline import DocInput, build_nlp, run

    nlp = build_nlp(stages=())
    text = ("Israel and Hamas agree to first phase of Gaza ceasefire\n\nIsrael and Hamas signed off on Thursday "
            "on the first phase of a U.S.-brokered plan to end the war in Gaza.")  # fmt: skip
    (doc,) = list(run(nlp, [DocInput("t1", text, "2025-10-09")]))
    assert [s.text.split()[0] for s in doc.sents if s.text.strip()] == ["Israel", "Israel"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Headline here\nNEW YORK, May 2 (Reuters) - The two envoys met on Monday.", "New York"),
        ("Headline here\nGENEVA -- The two envoys met on Monday.", "Geneva"),
        ("Headline here\nThe two envoys met in Geneva on Monday.", None),
    ],
)
def test_dateline_place_is_the_city_of_the_dateline_a_sentence_follows(blank: Any, text: str,
                                                                       place: str | None) -> None:  # fmt: skip
    doc = blank.make_doc(text)
    paragraphs.set_annotations(doc, paragraphs.find(doc))
    for tok in doc[1:]:
        if tok.is_sent_start is None:
            tok.is_sent_start = False
    lead = next(s for s in doc.sents if "envoys" in s.text)
    assert paragraphs.dateline_place(lead) == place
