"""Dating undated documents from the tense of their own time expressions."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.records import Timex
from storyline.resolve.dating import LEDE_WEIGHT, Anchor, Dating, clue_of, clues, infer_dct
from storyline.time import extract

YEAR_2025 = (date(2025, 1, 1), date(2025, 12, 31))


def undated(text: str, tense: str) -> list[Timex]:
    """Time expressions of ``text`` as the pipeline finds them without a DCT."""
    return extract(text, None, lambda start, end: tense)


def test_future_range_and_past_weekday_pin_the_week() -> None:
    found = undated("The delegations meet from June 3 to 6.", "future") + undated(
        "The foreign ministry confirmed the trip on Thursday.", "past"
    )
    dating = infer_dct(found, bounds=YEAR_2025)
    assert isinstance(dating, Dating)
    assert date(2025, 5, 29) <= dating.published <= date(2025, 6, 2)
    assert dating.lo <= dating.published <= dating.hi <= date(2025, 6, 2)
    assert any("June 3 to 6" in e for e in dating.evidence)


def test_anchor_dates_a_relative_expression() -> None:
    (last_month,) = undated("The truce agreed last month in Doha holds.", "past")
    anchor = Anchor(last_month, date(2025, 3, 10), date(2025, 3, 12))
    dating = infer_dct([last_month], anchors=[anchor], bounds=(date(2024, 1, 1), date(2026, 12, 31)))
    assert (dating.lo, dating.hi) == (date(2025, 4, 1), date(2025, 4, 30))
    assert dating.as_dict()["lo"] == "2025-04-01"


def test_explicit_year_past_month_and_deadline() -> None:
    found = (
        undated("Exports have risen 4% in 2027.", "present")
        + undated("This follows a call in November.", "past")
        + undated("Buyers must sign by the end of March.", "future")
    )
    dating = infer_dct(found, bounds=(date(2025, 1, 1), date(2028, 12, 31)), prefer=date(2026, 9, 1))
    assert date(2027, 1, 1) <= dating.lo <= dating.published <= dating.hi <= date(2027, 3, 31)


def test_prefer_chooses_between_equally_consistent_years() -> None:
    found = undated("The forum opens on June 3.", "future")
    early = infer_dct(found, bounds=(date(2020, 1, 1), date(2026, 12, 31)), prefer=date(2022, 5, 1))
    late = infer_dct(found, bounds=(date(2020, 1, 1), date(2026, 12, 31)), prefer=date(2025, 5, 1))
    assert early.published.year == 2022 and late.published.year == 2025
    assert early.published < date(2022, 6, 3) and late.published < date(2025, 6, 3)


@pytest.mark.parametrize(
    ("text", "tense", "clues"),
    [
        ("They met on Tuesday.", "past", 6),  # 0-1 days after it, or 2..6 days (each less likely)
        ("It costs $5 a year.", "none", 0),
        ("Prices are high now.", "present", 0),
        ("Trade grew in 2026.", "none", 1),
    ],
)
def test_which_expressions_are_clues(text: str, tense: str, clues: int) -> None:
    assert sum(len(clue_of(t)) for t in undated(text, tense)) == clues


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("The pact is due to be signed on May 20, leaving negotiators three weeks.", date(2025, 4, 26), date(2025, 5, 2)),
        ("With ten days to go before the June 4 vote, the polls are tight.", date(2025, 5, 23), date(2025, 5, 27)),
    ],
)
def test_a_countdown_pins_the_dct_before_its_date(text: str, lo: date, hi: date) -> None:
    dating = infer_dct(undated(text, "future"), bounds=YEAR_2025)
    assert lo <= dating.published <= hi
    assert lo <= dating.lo <= dating.hi <= hi
    assert any("ahead" in e for e in dating.evidence)


def test_the_latest_of_several_past_weekdays_is_the_likeliest_day() -> None:
    """'began on Friday', 'completed on Sunday', 'adopted on Tuesday': written on the Tuesday
    (or the day after), not on the Monday that would put the Tuesday six days back."""
    found = undated("The swap began on Friday and was completed on Sunday. The bloc adopted sanctions on Tuesday.", "past")
    dating = infer_dct(found, bounds=(date(2025, 5, 12), date(2025, 5, 25)))
    assert dating.published.isoweekday() in (2, 3)


def test_the_ledes_weekday_weighs_more_than_a_later_one() -> None:
    """The lede's 'Tuesday' is the news peg: the background 'On Friday' further down lies
    before it, not after it."""
    found = undated("Leaders met in Chengdu on Tuesday. They had not met since a summit in Bangkok, where "
                    "the two men spoke for eleven minutes on the margins of a regional meeting. On Friday, "
                    "officials eased the export rules.", "past")
    dating = infer_dct(found, bounds=(date(2025, 5, 12), date(2025, 5, 25)))
    assert dating.published.isoweekday() in (2, 3)


SEQUENCE_LEDE = ("After the ministry refused on Monday to extend the arrangement that had let the country ship its "
                 "grain across the sea for a whole year, drones struck the port early on Tuesday and again overnight "
                 "into Wednesday. On Wednesday, the ministry warned that from Thursday it would treat every ship as "
                 "a target.")


@pytest.mark.parametrize(("sentences", "peg"), [((), True), ((0, 212), False), ((0, 100, 212), True)])
def test_a_first_weekday_narrated_in_sequence_in_its_sentence_is_not_the_peg(sentences: tuple[int, ...],
                                                                            peg: bool) -> None:  # fmt: skip
    """'refused on Monday …, struck on Tuesday and again overnight into Wednesday': in one
    sentence, the Monday starts a narrated sequence and is not the news peg, however long the
    sentence; without sentence bounds it is far enough from the Tuesday to count as one."""
    found = undated(SEQUENCE_LEDE, "past")
    weights = {c.weight for c in clues(found, sentences=sentences) if c.why.startswith("'Monday'")}
    assert (LEDE_WEIGHT in weights) is peg


def test_a_past_day_named_makes_the_fortnight_after_it_likelier() -> None:
    found = undated("Talks were held in Tokyo on December 16. The leaders met on Tuesday.", "past")
    dating = infer_dct(found, bounds=(date(2018, 12, 1), date(2019, 1, 31)))
    assert date(2018, 12, 16) <= dating.published <= date(2018, 12, 31)


YEAR_2019 = (date(2019, 1, 1), date(2019, 12, 31))


def test_days_after_a_dated_event_pin_the_week() -> None:
    """'held on Tuesday … On Friday, four days after the talks [December 16]': the Friday is
    December 20, so the Tuesday of the lede is December 24, not December 17."""
    found = undated(
        "Abe and Moon held a summit on Tuesday in Chengdu, their first formal meeting in more than a year, "
        "and agreed that the disputes of the past months should be settled through dialogue. "
        "Those talks were held in Tokyo on December 16. "
        "On Friday, four days after the talks, the ministry eased the rules.",
        "past",
    )
    dating = infer_dct(found, bounds=YEAR_2019)
    assert dating.published == date(2019, 12, 24)
    assert any("four days" in e and "December 16" in e for e in dating.evidence)


def test_a_month_named_with_last_year_takes_the_year_of_its_twin() -> None:
    """'signed in July last year' beside 'in July 2022': the DCT is in 2023."""
    found = undated("The deal was signed in July last year. A memo was signed in July 2022.", "past")
    dating = infer_dct(found, bounds=(date(2021, 1, 1), date(2025, 12, 31)), prefer=date(2022, 9, 1))
    assert dating.published.year == 2023
    assert any("the DCT is in 2023" in e for e in dating.evidence)


def test_a_month_with_last_year_alone_gives_no_nearness() -> None:
    """'September last year' says the DCT is in the next year, not early in it."""
    (t,) = undated("They met in September last year.", "past")
    assert [c.near for c in clue_of(t)] == [False]


@pytest.mark.parametrize(
    ("aside", "lo", "hi"),
    [
        # narrated in order, Nov. 17 then March: a new year began between them
        (False, date(2023, 4, 1), date(2023, 9, 13)),
        # 'had been held in March' is told out of order: December 2022 stays possible
        (True, date(2022, 11, 18), date(2023, 1, 25)),
    ],
)
def test_narrated_dates_that_go_back_in_the_calendar_cross_a_year(aside: bool, lo: date, hi: date) -> None:
    extended, march = undated("On Nov. 17 the deal was extended. In March, Moscow agreed to a shorter term.", "past")
    found = [extended, march.replace(aside=aside)]
    dating = infer_dct(found, bounds=(date(2022, 11, 18), date(2023, 12, 31)), prefer=date(2022, 12, 1))
    assert lo <= dating.lo <= dating.published <= dating.hi <= hi
    assert any("a new year between them" in e for e in dating.evidence) is not aside


def test_a_date_named_with_its_year_may_lie_two_years_back() -> None:
    (t,) = undated("The initiative was signed in July 2022.", "past")
    windows = [(c.lo, c.hi) for c in clue_of(t) if not c.near]
    assert windows == [(date(2022, 8, 1), date(2024, 7, 30))]


@pytest.mark.parametrize(
    ("text", "tense", "rivals"),
    [
        # a month-day alone fits the next year as well: the tie-break chose
        ("The summit opens on June 12.", "future", True),
        # a weekday with its month-day fits only every few years: no rival within a year
        ("The summit opened on Tuesday, June 12.", "past", False),
    ],
)
def test_rivals_count_equally_good_readings_within_a_year(text: str, tense: str, rivals: bool) -> None:
    dating = infer_dct(undated(text, tense), bounds=(date(2016, 1, 1), date(2021, 12, 31)), prefer=date(2018, 5, 1))
    assert dating.published.year == 2018
    assert (dating.rivals > 0) is rivals


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("The talks opened on Tuesday, June 12.", 2018),
        ("The talks opened on Wednesday, June 12.", 2019),
        # a leap day with its weekday: only a leap year has it
        ("The talks opened on Saturday, Feb. 29.", 2020),
    ],
)
def test_a_weekday_with_its_month_day_picks_the_year(text: str, year: int) -> None:
    dating = infer_dct(undated(text, "past"), bounds=(date(2016, 1, 1), date(2022, 12, 31)), prefer=date(2017, 1, 1))
    assert dating.published.year == year


def test_a_bare_weekday_is_the_same_weekday_the_text_names_with_its_date() -> None:
    """'early on Wednesday, Nov. 22 … Late on Wednesday, the adviser said': that Wednesday,
    not the one a week later, when nothing else tells the two apart."""
    found = (undated("The cabinet approved the accord early on Wednesday, Nov. 22.", "past")
             + undated("Late on Wednesday, the adviser said the start had slipped.", "past")
             + undated("The truce will not start before Friday.", "future"))  # fmt: skip
    bounds = (date(2023, 11, 1), date(2023, 12, 31))
    assert infer_dct(found, bounds=bounds, prefer=date(2023, 11, 30)).published in (date(2023, 11, 22),
                                                                                     date(2023, 11, 23))
    without = [t for t in found if t.text != "Wednesday"]  # the Friday alone leaves any week open
    assert infer_dct(without, bounds=bounds, prefer=date(2023, 11, 30)).published > date(2023, 11, 23)
