"""Measures and agreements that change: eased, taking effect, lists, suspensions, exits
(model-loading: slow)."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.pipeline import DocInput, run
from storyline.records import Event

pytestmark = pytest.mark.slow


def events_of(nlp: Any, text: str, dct: str) -> list[Event]:
    (doc,) = list(run(nlp, [DocInput("t1", text, dct)]))
    return list(doc._.storyline_events)


def typed(events: list[Event], etype: str) -> list[tuple[str | None, str]]:
    return [(e.start, e.status) for e in events if e.type == etype]


@pytest.mark.parametrize(
    ("text", "dct", "etype", "expected"),
    [
        # 'the rules' is the measure reported before; 'four days after the talks' dates it
        ("Those talks were held in Tokyo on December 16. Seoul had complained about Japan's export curbs. "
         "On Friday, four days after the talks, Japan's trade ministry eased the rules for photoresists.",
         "2019-12-24", "export_control", [("2019-12-20", "eased")]),
        ("Washington eased sanctions on Venezuela's oil sector on Tuesday.",
         "2023-10-20", "sanction", [("2023-10-17", "eased")]),
        # curbs taking effect: the measure named before, with its parties
        ("Japan tightened controls on chip materials. Japan described it as a briefing on rules that "
         "took effect on July 4.",
         "2019-07-12", "export_control", [("2019-06-12", "occurred"), ("2019-07-04", "in_effect")]),
        # a list of trusted partners is an export control
        ("On August 2, Japan's cabinet approved removing South Korea from its white list of trusted "
         "trading partners.", "2019-08-23", "export_control", [("2019-08-02", "occurred")]),
    ],
)  # fmt: skip
def test_measures_that_change(nlp: Any, text: str, dct: str, etype: str, expected: list[tuple[str, str]]) -> None:
    found = typed(events_of(nlp, text, dct), etype)
    assert [f for f in found if f[1] in {s for _, s in expected}] == expected


def test_rules_with_no_measure_before_are_no_event(nlp: Any) -> None:
    """'eased the rules' with no tariff, control or sanction reported before: which rules is unknown."""
    events = events_of(nlp, "Japan's trade ministry eased the rules for photoresists on Friday.", "2019-12-24")
    assert not [e for e in events if e.type in ("tariff", "export_control", "sanction")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia said on Saturday it was suspending its part in the Black Sea Grain Initiative.",
         [("2022-10-29", "suspended")]),
        ("Russia quit the grain deal with Ukraine on Monday.", [("2022-10-31", "cancelled")]),
        ("After Moscow refused on Monday to extend the arrangement with Ukraine, missiles struck Odesa.",
         [("2022-10-31", "cancelled")]),
        ("The truce between Israel and Hamas was extended by two days on Monday.", [("2022-10-31", "occurred")]),
    ],
)  # fmt: skip
def test_a_party_changing_its_part_in_an_agreement(nlp: Any, text: str, expected: list[tuple[str, str]]) -> None:
    assert typed(events_of(nlp, text, "2022-11-01"), "agreement") == expected


def test_a_complaint_filed_with_the_wto_is_an_event(nlp: Any) -> None:
    text = "Seoul put on hold a complaint it had filed with the World Trade Organization on September 11."
    assert ("2019-09-11", "occurred") in typed(events_of(nlp, text, "2019-11-23"), "other")


def test_a_past_span_in_months_is_no_date_ahead(nlp: Any) -> None:
    """'their first summit in 15 months on Tuesday' is that Tuesday, not 15 months on."""
    text = "Shinzo Abe and Moon Jae-in held their first formal summit in 15 months on Tuesday in Chengdu."
    assert typed(events_of(nlp, text, "2019-12-24"), "summit") == [("2019-12-24", "occurred")]


@pytest.mark.parametrize(
    ("text", "etype", "expected"),
    [
        # a relative clause on the event's own noun gives its tense, not the clause around it
        ("He flew home before the Asia-Pacific Economic Cooperation leaders' meeting, which Xi Jinping "
         "will attend on Friday.", "meeting", [("2025-10-31", "planned")]),
        ("He left ahead of the Asia-Pacific Economic Cooperation forum, which Xi Jinping is attending on "
         "Friday.", "summit", [("2025-10-31", "planned")]),
        # 'possible', 'potential': still to come
        ("The talks laid the ground for a possible meeting between Lula and Xi Jinping before the end of "
         "the year.", "meeting", [("2025-12-01", "planned")]),
        ("The visit opened the way to a potential meeting between Lula and Xi Jinping in Lima in November.",
         "meeting", [("2025-11-01", "planned")]),
        # the day something was said is not the day of the meeting it reports as intended
        ("Finance Minister Fernando Haddad said on Monday that Lula still intended to meet Xi Jinping "
         "in Seoul and that there had been contacts between the two sides over the weekend.",
         "meeting", [(None, "planned")]),
        # ... but a day inside what was said dates it
        ("The ministry said on Monday that Lula and Xi Jinping would meet on Friday.",
         "meeting", [("2025-10-31", "planned")]),
        # no meeting is reported
        ("Lula also questioned whether there was any reason to meet Xi Jinping.", "meeting", []),
        ("No talks were held in Seoul on Monday, officials said.", "meeting", []),
    ],
)  # fmt: skip
def test_the_event_own_clause_and_modality(nlp: Any, text: str, etype: str,
                                           expected: list[tuple[str | None, str]]) -> None:  # fmt: skip
    assert typed(events_of(nlp, text, "2025-10-30"), etype) == expected


@pytest.mark.parametrize(
    ("text", "etype", "expected"),
    [
        ("Trump called off the summit with Kim Jong Un on Friday.", "summit", [("2025-10-24", "cancelled")]),
        ("Trump broke off trade talks with Canada on Thursday.", "meeting", [("2025-10-30", "cancelled")]),
        ("Xi Jinping put off his visit to Washington on Monday.", "visit", [("2025-10-27", "suspended")]),
        # calling it off is still ahead; a summit held is held
        ("Trump said he would call off the summit with Kim Jong Un on Friday.", "summit",
         [("2025-10-31", "planned")]),
        ("Trump held a summit with Kim Jong Un on Friday.", "summit", [("2025-10-24", "occurred")]),
    ],
)  # fmt: skip
def test_phrasal_verbs_that_end_an_event(nlp: Any, text: str, etype: str,
                                         expected: list[tuple[str | None, str]]) -> None:  # fmt: skip
    assert typed(events_of(nlp, text, "2025-10-30"), etype) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On Thursday, Trump exempted all goods that comply with the trade pact from the tariffs until April 2.",
         [("2025-10-30", "suspended")]),
        # the asset freezes (read as a verb) are the sanction itself, not its pause
        ("Kestria froze the assets of two Dravonian banks on Thursday.", [("2025-10-30", "occurred")]),
    ],
)  # fmt: skip
def test_a_measure_verb_that_exempts_suspends_the_measure(nlp: Any, text: str, expected: list[tuple[str, str]]) -> None:
    found = [(e.start, e.status) for e in events_of(nlp, text, "2025-10-30") if e.type in ("tariff", "sanction")]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # promised in the past, for a day still ahead: not yet happened
        ("Ford will meet Lutnick on Thursday, ahead of the next round of tariffs that Trump has promised "
         "for April 2.", [("2025-04-02", "planned")]),
        ("Trump imposed the tariffs on March 4.", [("2025-03-04", "occurred")]),
    ],
)  # fmt: skip
def test_a_measure_dated_after_the_dct_has_not_happened(nlp: Any, text: str, expected: list[tuple[str, str]]) -> None:
    assert typed(events_of(nlp, text, "2025-03-12"), "tariff") == expected


def test_an_exemption_from_a_measure_is_news_even_undated(nlp: Any) -> None:
    """'cars would be exempt from the new tariffs': a change to the tariffs named before, said
    that day; a second undated mention of the same change that day is the same event."""
    text = ("The 25% American tariffs on goods from Canada came into force on Tuesday. "
            "On Wednesday, press secretary Karoline Leavitt said cars that meet the rules of the trade pact "
            "would be exempt from the new tariffs for one month. "
            "Officials said the tariffs would be suspended for the carmakers.")
    events = events_of(nlp, text, "2025-03-05")
    assert typed(events, "tariff") == [("2025-03-04", "in_effect"), ("2025-03-05", "suspended")]
    assert not [e for e in events if e.type == "meeting"]  # 'meet the rules' is no meeting


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # agreed that day, done later: announced, not in effect
        ("Washington agreed on Tuesday to cut its tariff on European steel from 25% to 10%.", "announced"),
        ("The EU promised on Tuesday to lower its duty on Japanese batteries from 8% to 2%.", "announced"),
        # a cut that happened is in effect
        ("Washington cut its tariff on European steel from 25% to 10% on Tuesday.", "in_effect"),
    ],
)
def test_a_measure_agreed_to_is_announced_not_in_effect(nlp: Any, text: str, status: str) -> None:
    (tariff,) = [e for e in events_of(nlp, text, "2026-03-18") if e.type == "tariff"]
    assert tariff.status == status
