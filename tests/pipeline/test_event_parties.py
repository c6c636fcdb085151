"""Who took part in an event, where, and when one sentence reports two (model-loading: slow)."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.pipeline import DocInput, run
from storyline.pipeline.event_args import relative_object
from storyline.records import Dateline, Event

pytestmark = pytest.mark.slow


def events_of(nlp: Any, text: str, dct: str = "2025-06-13") -> list[Event]:
    (doc,) = list(run(nlp, [DocInput("t1", text, dct)]))
    return list(doc._.storyline_events)


def of_type(events: list[Event], etype: str) -> list[Event]:
    return [e for e in events if e.type == etype]


@pytest.mark.parametrize(
    ("text", "etype", "start", "status"),
    [
        # the call is where the agreeing happened, not what was agreed to: it took place
        ("Two weeks later, on April 2, Putin agreed in a phone call with Trump to stop strikes on ports.",
         "call", "2025-04-02", "occurred"),
        ("Two weeks later, on April 2, Putin agreed in a phone call with Trump to stop strikes on ports.",
         "agreement", "2025-04-02", "occurred"),
        # agreeing to hold talks still makes the talks a plan
        ("On Tuesday Putin agreed to hold a phone call with Trump on June 20.",
         "call", "2025-06-20", "planned"),
    ],
)  # fmt: skip
def test_an_event_the_agreeing_happened_in_is_no_plan(nlp: Any, text: str, etype: str, start: str,
                                                      status: str) -> None:  # fmt: skip
    (event,) = of_type(events_of(nlp, text), etype)
    assert (event.start, event.status) == (start, status)


def test_a_definite_measure_with_a_date_of_its_own_takes_the_parties_of_the_one_before(nlp: Any) -> None:
    text = ("President Donald Trump on Wednesday ordered a 30% tariff on goods from Brazil. "
            "Under the order, the new duty will take effect on July 1.")
    tariffs = sorted(of_type(events_of(nlp, text), "tariff"), key=lambda e: e.start or "")
    assert [(e.start, e.status) for e in tariffs] == [("2025-06-11", "occurred"), ("2025-07-01", "planned")]
    later = tariffs[1]
    assert (later.attributes["imposer"], later.attributes["target"]) == ("US", "BR")
    assert {"person:donald-trump", "country:BR"} <= set(later.participants)


def test_an_undated_definite_measure_is_still_no_event_of_its_own(nlp: Any) -> None:
    text = ("President Donald Trump on Wednesday ordered a 30% tariff on goods from Brazil. "
            "Economists said the new duty would hurt coffee importers.")
    assert len(of_type(events_of(nlp, text), "tariff")) == 1


def test_the_country_a_tariff_falls_on_is_one_of_its_parties(nlp: Any) -> None:
    text = "Prime Minister Mark Carney on Monday imposed a 25% tariff on steel from Norway."
    (tariff,) = of_type(events_of(nlp, text), "tariff")
    assert tariff.attributes["target"] == "NO"
    assert "country:NO" in tariff.participants


@pytest.mark.parametrize(
    "text",
    [
        "The new levy comes on top of a 10% tariff that Trump announced last week.",
        "The new levy comes on top of a 10% tariff which Trump announced last week.",
    ],
)
def test_a_tariff_someone_announced_is_that_tariff_not_a_statement(nlp: Any, text: str) -> None:
    events = events_of(nlp, text)
    assert not of_type(events, "statement")
    announced = [e for e in of_type(events, "tariff") if e.status == "announced"]
    assert [(e.start, e.end, e.participants) for e in announced] == [
        ("2025-06-02", "2025-06-08", ("person:donald-trump",))
    ]


def test_two_measures_each_with_its_own_dates_are_two_events(nlp: Any) -> None:
    text = ("Putin then declared a truce over Easter, from the evening of Saturday, April 19, "
            "and a two-day ceasefire from May 8 to May 9 to mark the anniversary.")
    truces = sorted((e.start, e.end) for e in of_type(events_of(nlp, text), "agreement"))
    assert truces == [("2025-04-20", "2025-04-20"), ("2025-05-08", "2025-05-09")]


def test_a_deal_and_the_clause_that_dates_its_agreeing_are_one_event(nlp: Any) -> None:
    text = "The truce that the two sides agreed in Oslo in May took effect on May 14."
    assert [e.start for e in of_type(events_of(nlp, text), "agreement")] == ["2025-05-14"]


def test_a_where_clause_the_parser_hung_on_a_day_still_names_the_place(nlp: Any) -> None:
    text = ("Speaking in the Latvian capital Riga on Tuesday, where she was attending a summit of "
            "Nordic leaders, Ursula von der Leyen said the bloc would stand firm.")
    (summit,) = of_type(events_of(nlp, text), "summit")
    assert (summit.start, summit.location) == ("2025-06-10", "Riga")


@pytest.mark.parametrize(
    ("second", "place"),
    [
        # the same parties, in the next sentence: the deal was struck where they met
        ("Both delegations said they had agreed to swap 500 prisoners each.", "Istanbul"),
        # other parties: nothing says where
        ("Separately, Japan and Canada said they had agreed to swap data on shipping.", None),
    ],
)
def test_an_agreement_reported_after_a_meeting_of_its_parties_was_made_there(nlp: Any, second: str,
                                                                             place: str | None) -> None:  # fmt: skip
    text = f"Russian and Ukrainian officials met in Istanbul on Friday for two hours. {second}"
    deals = of_type(events_of(nlp, text), "agreement")
    assert [(e.start, e.location) for e in deals] == ([("2025-06-13", place)] if place else [])


def test_the_spokesman_is_the_spokesman_named_before(nlp: Any) -> None:
    text = ("Government spokesman Tomas Vrana said the convoy would wait. \"Nobody can guarantee its safety,\" "
            "the spokesman told reporters on Tuesday.")
    statements = of_type(events_of(nlp, text), "statement")
    assert [(e.start, e.participants) for e in statements] == [("2025-06-10", ("person:tomas-vrana",))]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Negotiators from Chile and Peru agreed on Tuesday to exchange prisoners.", "Tallinn"),
        ("Chile and Peru will agree a border deal in the autumn, officials said.", None),  # a plan
    ],
)
def test_an_agreement_in_the_dateline_sentence_was_made_in_the_dateline_city(nlp: Any, text: str,
                                                                             place: str | None) -> None:  # fmt: skip
    (doc,) = list(run(nlp, [DocInput("t1", text, "2025-06-13", Dateline("Tallinn", 0))]))
    deals = of_type(list(doc._.storyline_events), "agreement")
    assert deals, "the deal is reported"
    assert all((e.location, e.attributes.get("location_from")) == ((place, "dateline") if place else (None, None))
               for e in deals)


@pytest.mark.parametrize(
    "text",
    [
        # the tariff is the subject: its own verb, not the relative clause on it, tells its news
        "The 20% levy that the president had placed on Mexican cars would be halved to 10%, Carney said.",
        "The 20% levy that the president had placed on Mexican cars would be reduced by half to 10%, Carney said.",
    ],
)
def test_a_tariff_that_was_placed_and_will_be_cut_is_a_planned_cut(nlp: Any, text: str) -> None:
    (tariff,) = of_type(events_of(nlp, text), "tariff")
    assert (tariff.status, tariff.attributes["rate"], tariff.attributes.get("previous_rate")) == ("planned", 10, 20)


def test_the_additional_duty_is_the_additional_tariff_not_the_total(nlp: Any) -> None:
    text = ("President Donald Trump on Wednesday ordered an additional 25% tariff on goods from Brazil, "
            "doubling the total duty to 50%. Under the order, the additional duty will take effect on July 1.")
    tariffs = {e.start: e for e in of_type(events_of(nlp, text), "tariff")}
    extra = [e for e in tariffs.values() if e.attributes.get("rate") == 25]
    assert [e.attributes.get("additional") for e in extra] == [True]
    later = tariffs["2025-07-01"]
    assert (later.status, later.attributes["target"]) == ("planned", "BR")


@pytest.mark.parametrize(
    ("text", "additional"),
    [
        ("Canada on Monday imposed an extra 25% tariff on steel from Norway.", True),
        ("Canada on Monday imposed a 25% tariff on steel from Norway.", False),
        ("Canada on Monday raised the 25% tariff on steel from Norway to 30%.", None),  # the same one, or not
    ],
)
def test_whether_a_tariff_is_on_top_of_another_is_read_from_its_article(nlp: Any, text: str,
                                                                       additional: bool | None) -> None:  # fmt: skip
    (tariff,) = of_type(events_of(nlp, text), "tariff")
    assert tariff.attributes.get("additional") is additional


def test_a_measure_referred_back_to_keeps_its_parties_when_its_sentence_names_a_side(nlp: Any) -> None:
    text = ("President Donald Trump on Wednesday ordered a 30% tariff on goods from Brazil. "
            "Under the order, the duty on goods from Brazil will take effect on July 1.")
    later = next(e for e in of_type(events_of(nlp, text), "tariff") if e.start == "2025-07-01")
    assert {"person:donald-trump", "country:BR"} <= set(later.participants)


@pytest.mark.parametrize(
    ("text", "noun", "told_of"),
    [
        ("The levy that Trump imposed in May was halved.", "levy", True),
        ("The levy he had imposed in May was halved.", "levy", True),  # no relative pronoun
        ("The levy, which was announced in May, was halved.", "levy", True),
        ("The rules that took effect in May were eased.", "rules", False),  # the noun acts
    ],
)
def test_a_relative_clause_tells_what_was_done_to_its_noun(nlp: Any, text: str, noun: str, told_of: bool) -> None:
    doc = nlp(text)
    (head,) = [t for t in doc if t.lower_ == noun]
    assert any(relative_object(c) for c in head.children) is told_of


@pytest.mark.parametrize(
    ("text", "imposer", "target"),
    [
        ("Canadian steel and aluminium have faced a 50% U.S. tariff since June 4.", "US", "CA"),
        ("Indian exporters now pay a 50% U.S. tariff on shrimp.", "US", "IN"),
        # who imposes it is no target
        ("Washington imposed a 50% tariff on Indian goods on Wednesday.", "US", "IN"),
    ],
)  # fmt: skip
def test_who_bears_a_tariff_is_its_target(nlp: Any, text: str, imposer: str, target: str) -> None:
    (tariff,) = [e for e in events_of(nlp, text) if e.type == "tariff"]
    assert (tariff.attributes.get("imposer"), tariff.attributes.get("target")) == (imposer, target)


def test_tariffs_someone_imposed_are_his_and_who_is_shielded_is_their_target(nlp: Any) -> None:
    text = ("For now most Canadian goods are shielded from the separate 25% tariffs Trump imposed on the "
            "two countries on March 4.")  # fmt: skip
    (tariff,) = [e for e in events_of(nlp, text, "2025-03-12") if e.type == "tariff"]
    assert (tariff.start, tariff.attributes.get("imposer"), tariff.attributes.get("target")) == ("2025-03-04", "US", "CA")


def test_a_measure_in_a_time_phrase_keeps_the_parties_of_its_own_phrase(nlp: Any) -> None:
    """'host Ford and LeBlanc … before Trump's next wave of tariffs': the tariffs are Trump's."""
    text = ("Lutnick is set to host Ford and LeBlanc in Washington on Thursday for talks, before Trump's next "
            "wave of tariffs, which he has promised for April 2.")
    (tariff,) = of_type(events_of(nlp, text, "2025-03-12"), "tariff")
    assert tariff.participants == ("person:donald-trump",)


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        # a province or state that acts is a party to its measure
        ("On Monday, Quebec started charging a 20% surcharge on the electricity it sells to Vermont.",
         ("gpe:quebec",)),
        ("Texas's tariff on Mexican cement took effect on Monday.", ("gpe:texas", "country:MX")),
        # where the measure falls, it is a place (no party at all: no event)
        ("Exporters in Quebec faced a 25% tariff from Monday.", None),
    ],
)  # fmt: skip
def test_a_region_that_imposes_a_measure_is_its_party(nlp: Any, text: str, parties: tuple[str, ...] | None) -> None:
    tariffs = of_type(events_of(nlp, text, "2025-03-12"), "tariff")
    assert [set(t.participants) for t in tariffs] == ([set(parties)] if parties else [])


def test_a_clause_with_its_own_subject_keeps_its_parties_and_figures(nlp: Any) -> None:
    """'Ford suspended the surcharge …, and Navarro said the additional 25% on Canadian metals
    was off': Navarro, the 25% and Canada belong to what Navarro said."""
    text = ("Premier Doug Ford suspended the surcharge after a phone call with Lutnick, and trade adviser Peter "
            "Navarro said later on Tuesday that the additional 25% on Canadian metals was off.")
    (tariff,) = of_type(events_of(nlp, text, "2025-03-12"), "tariff")
    assert (tariff.status, tariff.participants) == ("suspended", ("person:doug-ford",))
    assert not {"rate", "target"} & set(tariff.attributes)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Premier Doug Ford said Ontario will add a 25% surcharge to the electricity it sells to Michigan.", True),
        ("Premier Doug Ford suspended the surcharge on Tuesday.", True),
        # an airline's fuel surcharge is no state measure
        ("Air Canada added a fuel surcharge on Tuesday.", False),
    ],
)  # fmt: skip
def test_a_surcharge_on_exports_or_imports_is_a_tariff(nlp: Any, text: str, found: bool) -> None:
    assert bool(of_type(events_of(nlp, text, "2025-03-12"), "tariff")) == found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("China's commerce ministry opened an anti-dumping probe into EU brandy on January 5.",
         ("2025-01-05", "occurred", "CN", "EU")),
        ("On Monday, Japan's trade ministry launched an anti-subsidy investigation into steel from South Korea.",
         ("2025-06-09", "occurred", "JP", "KR")),
    ],
)  # fmt: skip
def test_a_trade_probe_is_a_measure_of_who_opened_it_on_whose_goods(nlp: Any, text: str,
                                                                   expected: tuple[str, ...]) -> None:  # fmt: skip
    (probe,) = of_type(events_of(nlp, text), "tariff")
    got = (probe.start, probe.status, probe.attributes.get("imposer"), probe.attributes.get("target"))
    assert got == expected and probe.attributes["measure"] == "investigation"


def test_a_police_investigation_is_no_trade_measure(nlp: Any) -> None:
    assert of_type(events_of(nlp, "Police opened an investigation into the shooting on Monday."), "tariff") == []


def test_rates_per_company_and_the_articles_running_target(nlp: Any) -> None:
    """'duties … on electric vehicles imported from China', then 'set provisional rates of
    17.4% for BYD, 20% for Geely and 38.1% for SAIC': three levels on Chinese cars."""
    text = ("The European Commission said on Wednesday that it plans to charge additional duties of up to 38.1% on "
            "electric vehicles imported from China. The EU executive set provisional rates of 17.4% for BYD, 20% "
            "for Geely and 38.1% for SAIC.")
    first, second = of_type(events_of(nlp, text, "2024-06-12"), "tariff")
    assert "rates" not in first.attributes
    assert (second.attributes["imposer"], second.attributes["target"]) == ("EU", "CN")
    assert second.attributes["rates"] == [17.4, 20.0, 38.1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mark Carney, who won the leadership of the Liberal Party on Sunday, is due to be sworn in as prime "
         "minister on Friday.", [("2025-03-09", "occurred"), ("2025-03-14", "planned")]),
        ("Scholz resigned as chancellor on Monday.", [("2025-03-10", "occurred")]),
        # no change at the top: an oath of revenge, a contract won
        ("The minister swore on Monday to retaliate.", []),
        ("Boeing won a contract on Monday.", []),
    ],
)  # fmt: skip
def test_a_change_of_leader_is_an_event(nlp: Any, text: str, expected: list[tuple[str, str]]) -> None:
    found = of_type(events_of(nlp, text, "2025-03-12"), "other")
    assert [(e.start, e.status) for e in found] == expected


def test_a_when_clause_after_a_meeting_names_who_met(nlp: Any) -> None:
    text = ("The push builds on a meeting in Doha on Nov. 9, when CIA Director William Burns and David Barnea sat "
            "down with Qatar's prime minister to discuss a hostage deal.")
    (meeting,) = of_type(events_of(nlp, text, "2023-11-20"), "meeting")
    assert (meeting.start, meeting.location) == ("2023-11-09", "Doha")
    assert {"person:william-burns", "person:david-barnea", "person:mohammed-bin-abdulrahman"} <= set(meeting.participants)


def test_a_visit_to_troops_inside_a_place_is_a_visit_there(nlp: Any) -> None:
    (visit,) = of_type(events_of(nlp, "Netanyahu visited Israeli troops inside the Gaza Strip on Sunday.", "2023-11-26"),
                       "visit")  # fmt: skip
    assert (visit.start, visit.location) == ("2023-11-26", "Gaza Strip")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a stance taken in public is a statement
        ("Biden welcomed the two-day extension on Monday.", [("statement", ("person:joe-biden",))]),
        # an office speaking for its state is news, where 'Israel said' alone is not
        ("Netanyahu's office said on Friday that Hamas had broken the terms.", [("statement", ("country:IL",))]),
        ("Israel said on Friday that Hamas had broken the terms.", []),
        # who condemned an attack did not carry it out (and a state's stance alone is no event)
        ("The White House condemned the attack on Monday.", []),
    ],
)  # fmt: skip
def test_stances_and_offices_are_statements(nlp: Any, text: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    assert [(e.type, e.participants) for e in events_of(nlp, text, "2023-11-28")] == expected


def test_trade_defence_measures_with_a_range_of_rates(nlp: Any) -> None:
    """'provisional anti-dumping measures on brandy from the EU … deposits of between 30.6% and
    39%': a duty of China on the EU, at both ends of its range."""
    text = ("On Tuesday, China's commerce ministry announced provisional anti-dumping measures on brandy from the EU, "
            "requiring importers to lodge deposits of between 30.6% and 39% from Friday.")
    (duty,) = of_type(events_of(nlp, text, "2024-10-09"), "tariff")
    assert (duty.attributes["imposer"], duty.attributes["target"], duty.attributes["rates"]) == ("CN", "EU", [30.6, 39.0])
    assert of_type(events_of(nlp, "The government announced new measures on housing on Tuesday.", "2024-10-09"),
                   "tariff") == []  # fmt: skip
