"""Which date an event takes when its sentence names several (model-loading: slow)."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.pipeline import DocInput, run
from storyline.records import Event

pytestmark = pytest.mark.slow


def events_of(nlp: Any, text: str, dct: str = "2025-10-15") -> list[Event]:
    (doc,) = list(run(nlp, [DocInput("t1", text, dct)]))
    return list(doc._.storyline_events)


def dated(events: list[Event], etype: str) -> list[tuple[str | None, str]]:
    return [(e.start, e.status) for e in events if e.type == etype]


@pytest.mark.parametrize(
    "text",
    [
        # the day hangs from what it was said in
        "\"We will not back down,\" the Ministry of Commerce said in a statement on Sunday.",
        "China's foreign ministry said in a briefing on Sunday that the talks would go ahead.",
    ],
)
def test_said_in_a_statement_on_a_day_was_said_that_day(nlp: Any, text: str) -> None:
    assert dated(events_of(nlp, text), "statement") == [("2025-10-12", "occurred")]


@pytest.mark.parametrize(
    "text",
    [
        "After the talks ended on Sunday, Bessent said the tariff was off the table.",
        "When asked on Sunday about the tariff, Bessent said it was off the table.",
    ],
)
def test_said_after_or_when_a_dated_event_was_said_that_day(nlp: Any, text: str) -> None:
    assert dated(events_of(nlp, text), "statement") == [("2025-10-12", "occurred")]


def test_said_before_a_dated_event_is_not_dated_by_it(nlp: Any) -> None:
    text = "Before the talks ended on Sunday, Bessent said the tariff was off the table."
    assert dated(events_of(nlp, text), "statement") == []


def test_a_decision_on_a_day_to_act_dates_the_act_and_names_who_decided(nlp: Any) -> None:
    text = "The talks followed a decision by the Commerce Department on Friday to add 23 Chinese firms to its blacklist."
    (control,) = [e for e in events_of(nlp, text) if e.type == "export_control"]
    assert (control.start, control.status) == ("2025-10-10", "occurred")
    assert {"org:us-commerce", "country:CN"} <= set(control.participants)


def test_what_followed_an_event_does_not_take_its_day(nlp: Any) -> None:
    text = ("Talks between Bessent and He Lifeng in Madrid followed a decision by the Commerce Department "
            "on Friday to add 23 Chinese firms to its blacklist.")
    (talks,) = [e for e in events_of(nlp, text) if e.type == "meeting"]
    assert talks.start != "2025-10-10"
    assert talks.attributes["dated_by"] == "recent"


def test_a_trigger_with_a_date_of_its_own_dates_the_event_not_the_day_it_was_said(nlp: Any) -> None:
    text = ("In a televised address on Monday evening, President Aurelia Voss said the asset freezes and "
            "transaction bans would take effect next Monday.")
    assert dated(events_of(nlp, text, dct="2026-04-14"), "sanction") == [("2026-04-20", "planned")]


@pytest.mark.parametrize(("verb", "change"), [("recovered", 1.6), ("firmed", 0.4), ("fell", -0.8)])
def test_a_recovery_is_a_rise(nlp: Any, verb: str, change: float) -> None:
    text = f"The calmer words lifted markets on Monday, when the S&P 500 {verb} {abs(change)}%."
    (move,) = [e for e in events_of(nlp, text) if e.type == "market_move"]
    assert (move.start, move.attributes["change_pct"]) == ("2025-10-13", change)


@pytest.mark.parametrize(
    ("text", "etype", "start"),
    [
        # the clause the parser hangs on the place tells of the event held there
        ("Abe and Moon did not hold talks at the Group of 20 summit in Osaka, which ended on Saturday.",
         "summit", "2025-10-11"),
        # a clause that tells of the place itself does not date the event
        ("Trade ministers met in Osaka, which hosted the Expo in 1970.", "meeting", "2025-09-15"),
    ],
)  # fmt: skip
def test_a_clause_on_the_venue_dates_the_event_only_when_it_tells_of_the_event(nlp: Any, text: str, etype: str,
                                                                              start: str) -> None:  # fmt: skip
    (event,) = [e for e in events_of(nlp, text) if e.type == etype]
    assert event.start == start


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a standing state that began on the day after 'since'
        ("Canadian steel and aluminium have faced a 50% U.S. tariff since June 4.", [("2025-06-04", "occurred")]),
        ("The European Union's duty on urea from the United States has stood at 0% since May 1.",
         [("2025-05-01", "occurred")]),
    ],
)  # fmt: skip
def test_a_measure_that_has_held_since_a_day_began_then(nlp: Any, text: str, expected: list[tuple[str, str]]) -> None:
    assert dated(events_of(nlp, text), "tariff") == expected


def test_the_first_meeting_since_a_day_is_not_dated_by_it(nlp: Any) -> None:
    text = "Trump met Xi Jinping in Busan on Thursday, their first meeting since June 4."
    assert dated(events_of(nlp, text), "meeting") == [("2025-10-09", "occurred")]


def test_a_measure_starting_on_a_day_is_dated_by_it_not_by_the_saying(nlp: Any) -> None:
    text = ("Canada will charge 25% tariffs on C$29.8 billion worth of U.S. imports starting on Thursday, "
            "the federal government said on Wednesday.")
    assert dated(events_of(nlp, text, "2025-03-12"), "tariff") == [("2025-03-13", "planned")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 'hours after' the saying: the tariffs came into force that Wednesday, not on the
        # Thursday the new duties start
        ("Mexico said on Wednesday it would put 20% duties on U.S. pork from Thursday, hours after the 25% U.S. "
         "tariffs on all imports of Mexican tomatoes came into force.",
         [("2025-03-13", "planned", "text"), ("2025-03-12", "in_effect", "text")]),
        # plain 'after': an earlier time the sentence does not give; only the narrative's day is left
        ("Mexico imposed 20% duties on U.S. pork on Tuesday, after the 25% U.S. tariffs on Mexican tomatoes came "
         "into force.",
         [("2025-03-11", "occurred", "text"), ("2025-03-11", "in_effect", "narrative")]),
    ],
)  # fmt: skip
def test_a_clause_after_an_event_takes_its_day_only_hours_apart(nlp: Any, text: str,
                                                                 expected: list[tuple[str, str, str]]) -> None:  # fmt: skip
    tariffs = [e for e in events_of(nlp, text, "2025-03-12") if e.type == "tariff"]
    assert [(e.start, e.status, e.attributes["dated_by"]) for e in tariffs] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Speaking to reporters on Sunday on the island of Nantucket, Biden said the pause was working.",
        "Netanyahu, addressing ministers on Sunday evening, said the war would go on.",
    ],
)
def test_said_while_speaking_on_a_day_was_said_that_day(nlp: Any, text: str) -> None:
    assert dated(events_of(nlp, text), "statement") == [("2025-10-12", "occurred")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a comparison moves no date
        ("The European Commission published its regulation on the evening of Tuesday, Oct. 7, so that the tariffs "
         "applied from Wednesday, a day earlier than it had first signalled.", [("2025-10-08", "occurred")]),
        # a count from the day named does
        ("The European Commission published the regulation on Oct. 6. The EU duties on Chinese cars took effect two "
         "days later.", [("2025-10-08", "in_effect")]),
    ],
)  # fmt: skip
def test_a_day_earlier_than_is_a_comparison_not_a_date(nlp: Any, text: str, expected: list[tuple[str, str]]) -> None:
    assert dated(events_of(nlp, text, "2025-10-10"), "tariff") == expected
