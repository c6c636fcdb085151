"""Merging event mentions across documents (hand-built Event records, no model)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

import pytest

from storyline.records import Event, SourceSpan, StatusChange
from storyline.resolve import merge as merge_mod
from storyline.resolve.merge import Context, merge, pair_score

PUBLISHED = {
    "d1": "2025-05-01", "d2": "2025-05-06", "d3": "2025-05-11", "d4": "2025-05-11",
    "d5": "2025-05-12", "d6": "2025-05-12",
}  # fmt: skip
COUNTRIES = frozenset({"country:AR", "country:BM"})
CTX = Context(published=PUBLISHED, original={"d4": "d3"}, countries=COUNTRIES)
ENVOYS = ("person:ines-vidal", "person:oskar-lind", "country:AR")


def ev(doc: str, start: str | None, end: str | None = None, *, precision: str = "day",
       status: str = "planned", kind: str = "meeting", location: str | None = "Lisbon",
       participants: Sequence[str] = ENVOYS, attrs: dict[str, Any] | None = None,
       confidence: float = 0.5, offset: int = 0) -> Event:  # fmt: skip
    text = f"sentence {offset} of {doc}"
    return Event(
        id=f"{doc}-{kind}-{offset}", type=kind, summary=f"{kind} in {location}", start=start,
        end=end or start, date_precision=precision, status=status,
        participants=tuple(participants), location=location,
        attributes={"dated_by": "text", **(attrs or {})},
        sources=(SourceSpan(doc=doc, start=offset, end=offset + len(text), text=text),),
        confidence=confidence, trigger="talks", doc=doc,
    )  # fmt: skip


def three_reports() -> list[Event]:
    """One round of talks: announced for 'next week', then dated, then reported as held."""
    return [
        ev("d1", "2025-05-05", "2025-05-11", precision="week"),
        ev("d2", "2025-05-10"),
        ev("d3", "2025-05-10", status="occurred", offset=40),
        ev("d4", "2025-05-10", status="occurred", offset=40),  # a wire copy of d3
    ]


def test_same_meeting_from_three_documents_is_one_event() -> None:
    [event] = merge(three_reports(), CTX)
    assert event.status == "occurred"
    assert (event.start, event.end, event.date_precision) == ("2025-05-10", "2025-05-10", "day")
    assert event.history == (
        StatusChange(status="planned", date="2025-05-01", doc="d1"),
        StatusChange(status="occurred", date="2025-05-11", doc="d3"),
    )
    assert event.attributes["independent_sources"] == 3  # d4 copies d3
    assert event.attributes["mentions"] == 4
    assert "dated_by" not in event.attributes
    assert {s.doc for s in event.sources} == {"d1", "d2", "d3", "d4"}
    assert set(event.participants) == set(ENVOYS)
    assert event.location == "Lisbon"
    assert event.conflicts == ()
    assert event.doc is None and event.when is None
    assert 0.5 < event.confidence <= 0.99


def test_history_is_in_publication_order_whatever_the_input_order() -> None:
    [event] = merge(list(reversed(three_reports())), CTX)
    assert [h.status for h in event.history] == ["planned", "occurred"]
    assert [h.date for h in event.history] == sorted(h.date or "" for h in event.history)


def test_later_cancellation_wins_over_earlier_plan() -> None:
    events = [ev("d1", "2025-05-10"), ev("d5", "2025-05-10", status="cancelled")]
    [event] = merge(events, CTX)
    assert event.status == "cancelled"
    assert [h.status for h in event.history] == ["planned", "cancelled"]


def test_most_precise_date_wins_over_vaguer_ones() -> None:
    events = [
        ev("d1", "2025-05-01", "2025-05-31", precision="month"),
        ev("d2", "2025-05-05", "2025-05-11", precision="week"),
        ev("d3", "2025-05-09"),
    ]
    [event] = merge(events, CTX)
    assert (event.start, event.date_precision) == ("2025-05-09", "day")


def test_a_report_that_says_what_happened_dates_the_event_before_one_that_does_not() -> None:
    events = [
        ev("d1", "2025-05-05", "2025-05-11", precision="week"),
        ev("d2", "2025-05-06", status="unknown", attrs={"dated_by": "narrative"}),  # 'questioned a meeting'
        ev("d3", "2025-05-10", status="occurred", attrs={"dated_by": "narrative"}),  # 'met for an hour'
    ]
    [event] = merge(events, CTX)
    assert event.start == "2025-05-10"


def test_conflicting_day_claims_are_kept() -> None:
    events = [
        ev("d1", "2025-05-05", "2025-05-11", precision="week"),  # bridges the two days
        ev("d2", "2025-05-10"),
        ev("d3", "2025-05-10", offset=9),
        ev("d5", "2025-05-09"),
    ]
    [event] = merge(events, CTX)
    assert event.start == "2025-05-10"  # two sources against one
    assert event.conflicts == ("2025-05-09: 1 source(s)", "2025-05-10: 2 source(s)")


def test_a_copy_does_not_outvote_an_independent_source() -> None:
    events = [
        ev("d1", "2025-05-05", "2025-05-11", precision="week"),
        ev("d3", "2025-05-10"),
        ev("d4", "2025-05-10", offset=3),  # copy of d3: still one source for the 10th
        ev("d5", "2025-05-09"),
        ev("d6", "2025-05-09"),
    ]
    [event] = merge(events, CTX)
    assert event.start == "2025-05-09"
    assert event.conflicts == ("2025-05-09: 2 source(s)", "2025-05-10: 1 source(s)")


def test_different_places_never_merge() -> None:
    events = [ev("d2", "2025-05-10", location="Lisbon"), ev("d3", "2025-05-10", location="Oslo")]
    assert len(merge(events, CTX)) == 2
    assert pair_score(events[0], events[1], CTX) < merge_mod.MERGE_SCORE


def test_same_city_with_country_suffix_merges() -> None:
    events = [ev("d2", "2025-05-10", location="Lisbon"),
              ev("d3", "2025-05-10", location="Lisbon, Portugal")]  # fmt: skip
    assert len(merge(events, CTX)) == 1


def tariff(doc: str, rate: float, **kw: Any) -> Event:
    attrs = {"imposer": "country:AR", "target": "country:BM", "rate": rate}
    return ev(doc, "2025-04-09", kind="tariff", location=None, status="occurred",
              participants=("country:AR", "country:BM", *ENVOYS[:2]), attrs=attrs, **kw)  # fmt: skip


@pytest.mark.parametrize(("rate_a", "rate_b", "merged"), [(25.0, 25.0, 1), (25.0, 40.0, 2), (125, 145, 2)])
def test_tariff_rates_must_agree(rate_a: float, rate_b: float, merged: int) -> None:
    assert len(merge([tariff("d2", rate_a), tariff("d3", rate_b)], CTX)) == merged


def market_move(doc: str, instrument: str, change: float) -> Event:
    return ev(doc, "2025-10-30", kind="market_move", location=None, status="occurred", participants=(),
              attrs={"instrument": instrument, "change_pct": change})  # fmt: skip


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        # a rewrite of one market report: the same instrument (whatever its case) moved alike
        (("soybean futures", -0.8), ("soybean futures", -0.8), 1),
        (("Soybean futures", -0.8), ("soybean futures", -0.8), 1),
        (("soybean futures", -0.8), ("soybean futures", -1.5), 2),
        (("soybean futures", -0.8), ("wheat futures", -0.8), 2),
    ],
)
def test_one_market_move_reported_twice_is_one_event(first: tuple[str, float], second: tuple[str, float],
                                                     merged: int) -> None:  # fmt: skip
    assert len(merge([market_move("d2", *first), market_move("d3", *second)], CTX)) == merged


@pytest.mark.parametrize(
    ("first_by", "day", "dated_by", "merged"),
    [
        ("dct", "2025-10-31", "dct", 1),  # 'closed 0.7% lower', dated by a rewrite a day later
        ("text", "2025-10-31", "dct", 1),
        ("text", "2025-10-31", "text", 2),  # both texts name their day: two sessions
        ("dct", "2025-11-01", "dct", 2),  # two days on: another session
    ],
)
def test_a_move_dated_by_its_article_may_be_a_day_off(first_by: str, day: str, dated_by: str, merged: int) -> None:
    first = market_move("d2", "Shanghai Composite", -0.7).replace(attributes={
        "dated_by": first_by, "instrument": "Shanghai Composite", "change_pct": -0.7})
    second = first.replace(id="d3-move", doc="d3", start=day, end=day,
                           attributes={**first.attributes, "dated_by": dated_by})
    second = second.replace(sources=(SourceSpan(doc="d3", start=0, end=5, text="moved"),))
    assert len(merge([first, second], CTX)) == merged


def test_a_deal_and_its_entry_into_force_next_day_stay_two_events() -> None:
    # the slack is for market moves only: 'agreed on Monday' and 'in effect from Tuesday'
    a = ev("d2", "2025-05-10", kind="agreement", location=None, status="occurred")
    b = ev("d3", "2025-05-11", kind="agreement", location=None, status="occurred",
           attrs={"dated_by": "dct"})
    assert len(merge([a, b], CTX)) == 2


def test_different_places_with_agreeing_numbers_still_do_not_merge() -> None:
    a = tariff("d2", 25.0).replace(location="Lisbon")
    b = tariff("d3", 25.0).replace(location="Oslo")
    assert len(merge([a, b], CTX)) == 2


def test_different_types_never_merge() -> None:
    assert len(merge([ev("d2", "2025-05-10"), ev("d3", "2025-05-10", kind="call")], CTX)) == 2


def test_unrelated_events_on_one_day_stay_apart() -> None:
    a = ev("d2", "2025-05-10", location=None, participants=("person:ines-vidal",))
    b = ev("d3", "2025-05-10", location=None, participants=("person:mara-holt",))
    assert len(merge([a, b], CTX)) == 2


def test_undated_mentions_are_left_out() -> None:
    assert merge([ev("d2", None), ev("d3", "2025-05-10")], CTX)[0].start == "2025-05-10"
    assert len(merge([ev("d2", None), ev("d3", "2025-05-10")], CTX)) == 1


def _without_ids(events: Sequence[Event]) -> list[dict[str, Any]]:
    rows = []
    for e in events:
        d = e.as_dict()
        d.pop("id")
        rows.append(d)
    return sorted(rows, key=repr)


def mixed_batch() -> list[Event]:
    return [
        *three_reports(),
        ev("d5", "2025-05-09"),
        ev("d2", "2025-05-10", location="Oslo", offset=70),
        ev("d5", "2025-05-10", location="Lisbon, Portugal", offset=90),
        ev("d6", "2025-05-10", location="Lisbon", offset=5, status="in_effect"),
        ev("d6", "2025-05-10", location="Lisbon", offset=6, status="occurred"),
        tariff("d2", 25.0, offset=100), tariff("d3", 25.0, offset=100), tariff("d5", 40.0, offset=7),
        ev("d1", None, offset=200),
    ]  # fmt: skip


@pytest.mark.parametrize("seed", range(5))
def test_result_does_not_depend_on_input_order(seed: int) -> None:
    expected = _without_ids(merge(mixed_batch(), CTX))
    shuffled = mixed_batch()
    random.Random(seed).shuffle(shuffled)
    assert _without_ids(merge(shuffled, CTX)) == expected


def test_merged_ids_are_stable() -> None:
    first = sorted(e.id for e in merge(mixed_batch(), CTX))
    assert first == sorted(e.id for e in merge(list(reversed(mixed_batch())), CTX))
    assert len(set(first)) == len(first)


def spread_out(n: int) -> list[Event]:
    """n events, a few a day, dates advancing with n (constant density)."""
    day0 = dt.date(2024, 1, 1)
    kinds = ("meeting", "call", "tariff", "statement")
    people = [f"person:p{i}" for i in range(40)]
    out = []
    for i in range(n):
        day = day0 + dt.timedelta(days=i // 3)
        wide = i % 10 == 0
        out.append(ev(
            f"x{i}", day.isoformat(), (day + dt.timedelta(days=6 if wide else 0)).isoformat(),
            precision="week" if wide else "day", kind=kinds[i % len(kinds)], location=None,
            participants=(people[i % 40], people[(i * 7) % 40]), offset=i,
        ))  # fmt: skip
    return out


def test_comparisons_grow_near_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    real = merge_mod.pair_score

    def counting(a: Event, b: Event, ctx: Context) -> int:
        nonlocal calls
        calls += 1
        return real(a, b, ctx)

    monkeypatch.setattr(merge_mod, "pair_score", counting)
    merge(spread_out(300), CTX)
    small, calls = calls, 0
    merge(spread_out(1200), CTX)
    assert small > 0
    assert calls < 8 * small  # quadratic would be ~16x


STRIKE = ("person:ana-ruiz", "org:defence-ministry")


@pytest.mark.parametrize(
    ("where", "who", "doc", "offset", "day", "merged"),
    [
        # the next sentence names who struck the place the first one named: one event
        (("Oskem", ()), (None, STRIKE), "d2", 120, "2025-05-10", True),
        # too far down the article to be the same report
        (("Oskem", ()), (None, STRIKE), "d2", 2000, "2025-05-10", False),
        # another article: no sentence order to go by
        (("Oskem", ()), (None, STRIKE), "d3", 120, "2025-05-10", False),
        # another day
        (("Oskem", ()), (None, STRIKE), "d2", 120, "2025-05-11", False),
        # the first already names its actors: two attacks, not halves of one
        (("Oskem", ("org:front",)), (None, STRIKE), "d2", 120, "2025-05-10", False),
    ],
)
def test_a_sentence_naming_the_attacker_completes_the_one_before(
    where: tuple[str, tuple[str, ...]], who: tuple[None, tuple[str, ...]], doc: str, offset: int, day: str, merged: bool
) -> None:
    place = ev("d2", "2025-05-10", kind="attack", location=where[0], participants=where[1])
    actors = ev(doc, day, kind="attack", location=who[0], participants=who[1], offset=offset)
    out = merge([place, actors], CTX)
    assert len(out) == (1 if merged else 2)
    if merged:
        assert (out[0].location, set(out[0].participants)) == ("Oskem", set(STRIKE))


WITHIN = {"geneva": "switzerland", "basel": "switzerland"}


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        ("Geneva", "Switzerland", True),  # the city lies in the country
        ("Switzerland", "Geneva", True),
        ("Geneva", "Basel", False),  # two cities of one country are two places
        ("Geneva", "Lisbon", False),
    ],
)
def test_a_city_and_its_country_are_one_place(first: str, second: str, merged: bool) -> None:
    ctx = Context(published=PUBLISHED, original={}, countries=COUNTRIES, within=WITHIN)
    a = ev("d1", "2025-05-10", "2025-05-11", precision="week", location=first, participants=("country:AR",))
    b = ev("d2", "2025-05-09", "2025-05-12", location=second, participants=("person:ines-vidal",))
    out = merge([a, b], ctx)
    assert len(out) == (1 if merged else 2)


@pytest.mark.parametrize(("kind", "other_imposer", "merged"), [
    ("export_control", "AR", True),   # the same controls reported twice
    ("sanction", "AR", True),
    ("export_control", "BM", False),  # another country's controls that day
])  # fmt: skip
def test_measures_of_one_imposer_on_one_day_are_one_event(kind: str, other_imposer: str, merged: bool) -> None:
    a = ev("d1", "2025-05-10", kind=kind, location=None, participants=("country:AR", "country:BM"), attrs={"imposer": "AR"})
    b = ev("d2", "2025-05-10", kind=kind, location=None, participants=("country:AR", "country:BM"),
           attrs={"imposer": other_imposer}, offset=40)  # fmt: skip
    assert len(merge([a, b], CTX)) == (1 if merged else 2)


def test_a_paraphrased_copy_does_not_overrule_the_status_the_reports_give() -> None:
    reports = [ev("d1", "2025-05-10", status="suspended", kind="export_control", location=None, attrs={"imposer": "AR"}),
               ev("d5", "2025-05-10", status="in_effect", kind="export_control", location=None, attrs={"imposer": "AR"},
                  offset=40)]  # fmt: skip
    trusting = Context(published=PUBLISHED, original={}, countries=COUNTRIES)
    doubting = Context(published=PUBLISHED, original={}, countries=COUNTRIES, doubtful=frozenset({"d5"}))
    assert merge(reports, trusting)[0].status == "in_effect"  # the latest report wins ...
    (event,) = merge(reports, doubting)
    assert event.status == "suspended"  # ... unless it is a machine-spun copy
    assert len(event.sources) == 2  # which still counts as a source


@pytest.mark.parametrize(
    ("other_day", "merged"),
    [
        ("2025-05-10", True),  # a day apart: one event whose reports disagree (a time zone)
        ("2025-05-07", False),  # three days apart: a vague report must not chain two events
    ],
)
def test_a_vague_report_does_not_chain_days_far_apart(other_day: str, merged: bool) -> None:
    events = [
        ev("d1", "2025-05-05", "2025-05-11", precision="week"),
        ev("d2", "2025-05-09"),
        ev("d3", other_day, offset=9),
    ]
    assert len(merge(events, CTX)) == (1 if merged else 2)


NATION = {"person:ines-vidal": "AR", "person:oskar-lind": "BM", "person:rafa-soto": "CL",
          "country:AR": "AR", "country:BM": "BM", "country:CL": "CL"}  # fmt: skip


@pytest.mark.parametrize(
    ("second", "merged"),
    [
        # the same envoy meets a third country's envoy that day: another meeting, even though
        # a vaguer report of a trip that week links both
        (("person:ines-vidal", "person:rafa-soto", "country:CL"), False),
        # a report naming one more person of a side already there is the same meeting
        (("person:ines-vidal", "person:oskar-lind", "person:rafa-soto", "country:BM"), True),
    ],
)
def test_a_shared_envoy_and_a_vague_report_do_not_join_two_meetings(second: tuple[str, ...], merged: bool) -> None:
    events = [
        ev("d1", "2025-05-06", location=None, participants=("person:ines-vidal", "person:oskar-lind", "country:BM")),
        ev("d1", "2025-05-06", location=None, participants=second, offset=50),
        ev("d2", "2025-05-05", "2025-05-07", precision="week", location="Lisbon",
           participants=("person:ines-vidal",), offset=9),
    ]  # fmt: skip
    ctx = Context(published=PUBLISHED, original={}, countries=COUNTRIES, nation=NATION)
    meetings = [e for e in merge(events, ctx) if {"person:oskar-lind", "person:rafa-soto"} & set(e.participants)]
    assert len(meetings) == (1 if merged else 2)


def test_a_place_guessed_from_the_dateline_neither_vetoes_nor_wins() -> None:
    guessed = ev("d1", "2025-05-06", location="Madrid", attrs={"location_from": "dateline"})
    reported = ev("d2", "2025-05-06", location="Lisbon", offset=9)
    (event,) = merge([guessed, reported], CTX)
    assert event.location == "Lisbon" and "location_from" not in event.attributes
    (alone,) = merge([guessed], CTX)
    assert alone.location == "Madrid" and alone.attributes["location_from"] == "dateline"


@pytest.mark.parametrize(
    ("planned_day", "merged"),
    [
        # a plan for the day after the meeting happened is another meeting ('the leaders'
        # meeting, which she will attend on Saturday'), however a vague report links them
        ("2025-05-10", False),
        # a plan for that very day is the meeting that then happened
        ("2025-05-09", True),
    ],
)
def test_a_plan_for_a_later_day_is_not_the_meeting_that_happened(planned_day: str, merged: bool) -> None:
    events = [
        ev("d1", "2025-05-09", status="occurred", attrs={"dated_by": "narrative"}),
        ev("d1", planned_day, location=None, offset=60),
        ev("d2", "2025-04-12", "2025-05-11", precision="month", status="occurred", offset=9),
    ]
    assert len(merge(events, CTX)) == (1 if merged else 2)


@pytest.mark.parametrize(
    ("second_doc", "second_additional", "merged"),
    [
        # the article that calls one 'additional' and the other 'a 25% tariff' tells them apart
        ("d1", False, False),
        # 'the 25% tariff' in that article may be either: nothing tells them apart
        ("d1", None, True),
        # two articles, one saying 'additional': nothing tells them apart
        ("d2", False, True),
    ],
)
def test_an_additional_tariff_of_the_same_rate_is_another_tariff(second_doc: str, second_additional: bool | None,
                                                                 merged: bool) -> None:  # fmt: skip
    extra, base = tariff("d1", 25.0), tariff(second_doc, 25.0, offset=80)
    if second_additional is not None:
        base = base.replace(attributes={**base.attributes, "additional": second_additional})
    events = [extra.replace(attributes={**extra.attributes, "additional": True}), base]
    assert len(merge(events, CTX)) == (1 if merged else 2)


def test_a_measure_of_a_country_and_one_of_its_leader_merge() -> None:
    """'the next round of U.S. tariffs' and 'Trump's next wave of tariffs', both for April 2."""
    nation = {"country:AR": "AR", "person:ines-vidal": "AR", "country:BM": "BM"}
    ctx = Context(published=PUBLISHED, original={}, countries=COUNTRIES, nation=nation)
    attrs = {"imposer": "AR"}
    by_country = ev("d2", "2025-05-20", kind="tariff", location=None, participants=("country:AR",), attrs=attrs)
    by_leader = ev("d3", "2025-05-20", kind="tariff", location=None, participants=("person:ines-vidal",), attrs=attrs)
    other_side = ev("d3", "2025-05-20", kind="tariff", location=None, participants=("country:BM",), attrs=attrs,
                    offset=60)  # fmt: skip
    assert len(merge([by_country, by_leader], ctx)) == 1
    assert len(merge([by_country, other_side], ctx)) == 2
    meetings = [ev("d2", "2025-05-20", location=None, participants=("country:AR",)),
                ev("d3", "2025-05-20", location=None, participants=("person:ines-vidal",))]
    assert len(merge(meetings, ctx)) == 2  # only measures: a meeting of a country's envoy is not all its talks


@pytest.mark.parametrize(
    ("second", "merged"),
    [
        # a duty due from a day after the day the same duty took effect is a new duty
        (("planned", "2025-03-13", "text"), False),
        # one that took effect on another day is another duty
        (("in_effect", "2025-03-12", "text"), False),
        # a report a day off (another time zone) is the same one
        (("in_effect", "2025-03-05", "text"), True),
        # 'the duties remain in force', dated only by the narrative, may be the same one
        (("in_effect", "2025-03-12", "narrative"), True),
    ],
)
def test_a_measure_takes_effect_once(second: tuple[str, str, str], merged: bool) -> None:
    status, day, dated_by = second
    took_effect = tariff("d2", 25.0).replace(start="2025-03-04", end="2025-03-04", status="in_effect")
    other = tariff("d5", 25.0, offset=70).replace(start=day, end=day, status=status)
    other = other.replace(attributes={**other.attributes, "dated_by": dated_by})
    assert len(merge([took_effect, other], CTX)) == (1 if merged else 2)


def test_a_trade_investigation_is_not_the_duty_it_leads_to() -> None:
    probe = tariff("d2", 25.0).replace(attributes={"imposer": "country:AR", "target": "country:BM",
                                                   "measure": "investigation", "dated_by": "text"})
    duty = tariff("d3", 25.0).replace(attributes={"imposer": "country:AR", "target": "country:BM", "dated_by": "text"})
    assert len(merge([probe, duty], CTX)) == 2
    assert len(merge([probe, probe.replace(id="d3-probe", doc="d3")], CTX)) == 1
