"""storyline.time: the news and TimeML conventions added on top of the basic normaliser."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.records import Timex
from storyline.time import extract, resolve
from storyline.time.amounts import cal_duration
from storyline.time.calendar import easter, nth_weekday, weekday_near
from storyline.time.patterns import scan


def found(text: str, dct: str | None, tense: str = "past") -> list[Timex]:
    return extract(text, dct, lambda start, end: tense)


def pairs(text: str, dct: str | None, tense: str = "past") -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in found(text, dct, tense)]


# ---------------------------------------------------------------- results stories


def test_year_earlier_in_a_results_story_is_the_same_quarter_a_year_before() -> None:
    text = (
        "Bolt Foods said third-quarter profit climbed 12% to $40 million, or 80 cents a share, "
        "from $35 million, or 70 cents a share, a year earlier. Revenue beat year-ago levels."
    )
    assert pairs(text, "2023-10-25") == [
        ("third-quarter", "2023-Q3"), ("a year earlier", "2022-Q3"), ("year-ago", "2022-Q3"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sales rose 4% in the first half of 2013, compared with the same period a year earlier.",
         [("the first half of 2013", "2013-H1"), ("the same period", "2013-H1"), ("a year earlier", "2012-H1")]),
        ("Profit fell in the second half, down from $3 million a year earlier.",
         [("the second half", "2012-H2"), ("a year earlier", "2011-H2")]),
        ("Net rose in the third quarter; in the year-earlier period it fell.",
         [("the third quarter", "2012-Q3"), ("the year-earlier period", "2011-Q3")]),
    ],
)  # fmt: skip
def test_a_half_is_compared_with_the_same_half_a_year_before(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text, "2013-02-14") == expected


def test_another_period_ends_the_quarter_comparison() -> None:
    text = "Net rose in the third quarter. For the nine months, sales were flat with a year ago."
    assert pairs(text, "2023-10-25") == [
        ("the third quarter", "2023-Q3"), ("the nine months", "P9M"), ("a year ago", "2022"),
    ]


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        ("For the quarter ended Sept. 30, Delta posted a profit.", "1989-12-20",
         [("the quarter", "1989-Q3"), ("Sept. 30", "1989-09-30")]),
        ("Sales for the quarter ending Dec. 31, 1988, fell.", "1989-10-26",
         [("the quarter", "1988-Q4"), ("Dec. 31, 1988", "1988-12-31")]),
        # the story's own label for its quarter comes first ('fiscal first quarter')
        ("Profit rose in the fiscal first quarter. For the quarter ended Sept. 30, sales rose.", "1989-10-26",
         [("the fiscal first quarter", "1989-Q1"), ("the quarter", "1989-Q1"), ("Sept. 30", "1989-09-30")]),
    ],
)  # fmt: skip
def test_the_quarter_ended_a_day_is_the_quarter_of_that_day(text: str, dct: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text, dct) == expected


def test_quarter_ended_keeps_the_quarter_and_the_quarter_is_the_story_quarter() -> None:
    text = (
        "Mesa Corp. earned $9 million in its second quarter ended Sept. 30, up from $7 million a year "
        "earlier. Its first quarter was weak. Shipments grew in the quarter."
    )
    values = [v for _, v in pairs(text, "2023-10-25")]
    assert values == ["2023-Q2", "2023-09-30", "2022-Q2", "2023-Q1", "2023-Q2"]


def test_a_year_ago_outside_results_stories_is_a_year() -> None:
    assert pairs("The rebels took the town a year ago.", "2023-10-25") == [("a year ago", "2022")]


# ---------------------------------------------------------------- weekdays


@pytest.mark.parametrize("tense", ["past", "present", "future", "none"])
def test_the_dct_weekday_is_the_dct_whatever_the_tense(tense: str) -> None:
    saturday = date(2025, 5, 10)
    assert weekday_near(saturday, 6, tense) == saturday


def test_next_and_last_still_move_off_the_dct_weekday() -> None:
    assert pairs("They meet next Saturday.", "2025-05-10", "future") == [("next Saturday", "2025-05-17")]
    assert pairs("They met last Saturday.", "2025-05-10") == [("last Saturday", "2025-05-03")]


def test_the_previous_weekday_counts_back_from_the_day_just_named() -> None:
    text = "Shares closed Friday 4% below the previous Friday."
    assert pairs(text, "2025-05-12") == [("Friday", "2025-05-09"), ("the previous Friday", "2025-05-02")]


def test_the_week_of_a_day() -> None:
    (t,) = found("A court hearing is set for the week of March 6.", "2000-02-24", "future")
    assert (t.text, t.value, t.lo, t.hi) == ("the week of March 6", "2000-W10", "2000-03-06", "2000-03-12")


# ---------------------------------------------------------------- ago, back, later


@pytest.mark.parametrize(
    ("text", "span", "lo", "hi"),
    [
        ("The envoys first met a few weeks back.", "a few weeks back", "2025-03-29", "2025-04-26"),
        ("The envoys first met a few weeks ago.", "a few weeks ago", "2025-03-29", "2025-04-26"),
        ("The truce collapsed several days ago.", "several days ago", "2025-05-02", "2025-05-07"),
        ("The plant closed many years ago.", "many years ago", "2005-05-10", "2021-05-10"),
    ],
)
def test_vague_ago_is_a_date_in_a_window_before_the_dct(text: str, span: str, lo: str, hi: str) -> None:
    (t,) = found(text, "2025-05-10")
    assert (t.text, t.type, t.lo, t.hi, t.relative) == (span, "DATE", lo, hi, True)


def test_vague_ago_without_dct_keeps_no_interval() -> None:
    (t,) = found("They met a few weeks ago.", None)
    assert (t.type, t.value, t.lo, t.hi) == ("DATE", "PAST_REF", None, None)
    again = resolve(t, date(2025, 5, 10))
    assert (again.lo, again.hi) == ("2025-03-29", "2025-04-26")


def test_numbered_back_is_like_ago() -> None:
    assert pairs("The firm was sold two years back.", "2025-05-10") == [("two years back", "2023")]


@pytest.mark.parametrize(
    ("text", "span", "mod"),
    [
        ("The mine flooded almost two years ago.", "almost two years ago", "EQUAL_OR_LESS"),
        ("The mine flooded about two years ago.", "about two years ago", "APPROX"),
        ("The mine flooded nearly two weeks ago.", "nearly two weeks ago", "EQUAL_OR_LESS"),
    ],
)
def test_approximate_ago_keeps_its_modifier(text: str, span: str, mod: str) -> None:
    (t,) = found(text, "2025-05-10")
    assert (t.text, t.mod) == (span, mod)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The ship sank. Three days later, divers found it.", "Three days", "P3D"),
        ("He was hurt and died a few hours later.", "a few hours", "PTXH"),
        ("A day earlier, the envoy had left.", "A day", "P1D"),
    ],
)
def test_later_and_earlier_count_from_an_event_not_the_dct(text: str, span: str, value: str) -> None:
    (t,) = found(text, "2025-05-10")
    assert (t.text, t.type, t.value, t.lo) == (span, "DURATION", value, None)


# ---------------------------------------------------------------- months, holidays, years


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("In December, the miner changed its fiscal year.", "2022-12"),  # ten months back, not ahead
        ("In January, the board hired a new chief.", "2023-01"),
        ("The regulator gave the buyer until November to reply.", "2023-11"),  # next month
    ],
)
def test_bare_month_in_a_past_clause(text: str, value: str) -> None:
    assert found(text, "2023-10-27")[0].value == value


@pytest.mark.parametrize(
    ("text", "dct", "tense", "value"),
    [
        ("The boy was rescued on Thanksgiving Day.", "2000-01-07", "past", "1999-11-25"),
        ("Voters go to the polls on Election Day.", "2024-10-20", "future", "2024-11-05"),
        ("The talks resume after Easter.", "2024-02-01", "future", "2024-03-31"),
        ("The shop shut on Good Friday.", "2025-05-01", "past", "2025-04-18"),
        ("Parades marked Labor Day 1998.", "2001-01-01", "past", "1998-09-07"),
    ],
)
def test_moving_holidays(text: str, dct: str, tense: str, value: str) -> None:
    (t,) = found(text, dct, tense)
    assert (t.type, t.value) == ("DATE", value)


def test_holiday_calendar() -> None:
    assert [easter(y) for y in (2000, 2024, 2025)] == [date(2000, 4, 23), date(2024, 3, 31), date(2025, 4, 20)]
    assert nth_weekday(2024, 5, 1, -1) == date(2024, 5, 27)  # last Monday of May
    assert nth_weekday(2024, 11, 2, 1, 2) == date(2024, 11, 5)  # Tuesday after the first Monday
    assert found("They sailed to Easter Island.", "2025-05-01") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Prices peaked in January nineteen ninety-seven.", "1997-01"),
        ("Oil fell in the winter of nineteen ninety-four.", "1994-WI"),
    ],
)
def test_spoken_years_after_months_and_seasons(text: str, value: str) -> None:
    (t,) = found(text, "1998-02-27")
    assert t.value == value


# ---------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("count", "unit", "value"),
    [
        (5.5, "TH", "PT5H30M"),
        (0.5, "TH", "PT30M"),
        (1.5, "D", "P1DT12H"),
        (2.5, "TM", "PT2M30S"),
        (2.5, "Y", "P2Y6M"),
        (3.0, "D", "P3D"),
    ],
)
def test_fractional_durations_use_the_next_smaller_unit(count: float, unit: str, value: str) -> None:
    assert cal_duration(count, unit) == value


def test_fractional_hours_in_text() -> None:
    assert pairs("The envoy spent 5 1/2 hours in the capital.", "2025-05-10") == [("5 1/2 hours", "PT5H30M")]


@pytest.mark.parametrize(
    ("tense", "value"),
    [("past", "2023-SU"), ("none", "2023-SU"), ("future", "2024-SU")],
)
def test_this_season_out_of_season_follows_the_tense(tense: str, value: str) -> None:
    (t,) = found("Exports slumped this summer.", "2023-11-02", tense)
    assert t.value == value


@pytest.mark.parametrize(
    ("dct", "tense", "value"),
    [("2007-04-03", "none", "2007-SU"), ("2007-04-03", "future", "2007-SU"), ("2007-04-03", "past", "2006-SU")],
)
def test_this_season_ahead_with_no_tense_is_this_years(dct: str, tense: str, value: str) -> None:
    """'hopes to finish this summer', written in April, is this year's summer."""
    (t,) = found("The talks should end this summer.", dct, tense)
    assert t.value == value


# ---------------------------------------------------------------- corpus conventions (round 3)


@pytest.mark.parametrize(
    ("text", "span", "type_", "value"),
    [
        ("The ferry capsized Friday night.", "Friday night", "DATE", "2025-05-09"),
        ("Rescuers reached the hull Saturday morning.", "Saturday morning", "DATE", "2025-05-10"),
        ("The mayor spoke Thursday evening.", "Thursday evening", "TIME", "2025-05-08TEV"),
        ("Divers gave up Thursday afternoon.", "Thursday afternoon", "TIME", "2025-05-08TAF"),
    ],
)
def test_weekday_night_and_morning_are_that_day(text: str, span: str, type_: str, value: str) -> None:
    (t,) = found(text, "2025-05-10")
    assert (t.text, t.type, t.value, t.lo, t.hi) == (span, type_, value, value[:10], value[:10])


@pytest.mark.parametrize(
    ("text", "span", "value", "mod"),
    [
        ("Mills closed across the valley in the 1990s.", "1990s", "199", None),
        ("The feud began in the late 1980s.", "late 1980s", "198", "END"),
        ("Rents rose in the early 2000s.", "early 2000s", "200", "START"),
        ("The mill thrived in the '70s.", "'70s", "197", None),
    ],
)
def test_decades_are_marked_without_the_article(text: str, span: str, value: str, mod: str | None) -> None:
    (t,) = found(text, "2025-05-10")
    assert (t.text, t.value, t.mod) == (span, value, mod)
    assert t.lo is not None and t.hi is not None and t.lo[:3] == value[:3] and t.hi[3] == "9"


@pytest.mark.parametrize(
    ("text", "dct", "span", "value", "mod"),
    [
        ("Crime fell through the nineties.", "1998-03-03", "the nineties", "199", None),
        ("Crime fell through the nineties.", "2025-05-10", "the nineties", "199", None),
        ("The port boomed in the early nineteen-sixties.", "2025-05-10", "the early nineteen-sixties", "196", "START"),
        ("Fashions from the twenties are back.", "2025-05-10", "the twenties", "202", None),
        ("Fashions from the thirties are back.", "2025-05-10", "the thirties", "193", None),
    ],
)
def test_decades_in_words(text: str, dct: str, span: str, value: str, mod: str | None) -> None:
    (t,) = found(text, dct)
    assert (t.text, t.value, t.mod) == (span, value, mod)


@pytest.mark.parametrize(
    ("text", "dct", "span", "value"),
    [
        ("The day before last Tuesday's hearing, he flew in.", "2000-02-24", "The day before last Tuesday",
         "2000-02-21"),
        ("She left two days after March 3.", "2000-03-10", "two days after March 3", "2000-03-05"),
        ("The shops reopen the day after Christmas.", "2025-12-20", "the day after Christmas", "2025-12-26"),
        ("They met a day before Friday's vote.", "2025-05-10", "a day before Friday", "2025-05-08"),
        # across a month and a leap day
        ("Talks ended the day after Feb. 28, 2024.", "2024-03-05", "the day after Feb. 28, 2024", "2024-02-29"),
        ("Talks ended the day after Feb. 28, 2023.", "2023-03-05", "the day after Feb. 28, 2023", "2023-03-01"),
    ],
)
def test_days_counted_from_a_named_day(text: str, dct: str, span: str, value: str) -> None:
    (t,) = found(text, dct)
    assert (t.text, t.type, t.value, t.lo, t.hi) == (span, "DATE", value, value, value)


def test_a_day_counted_from_a_vague_time_is_left_alone() -> None:
    assert pairs("The day after next week's vote, they met.", "2025-05-10") == [("next week", "2025-W20")]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("A minute and a half later the pilot called.", "A minute and a half", "PT1M30S"),
        ("The repairs took two and a half years.", "two and a half years", "P2Y6M"),
        ("The hearing ran an hour and a half.", "an hour and a half", "PT1H30M"),
    ],
)
def test_and_a_half(text: str, span: str, value: str) -> None:
    (t,) = found(text, "2025-05-10")
    assert (t.text, t.type, t.value) == (span, "DURATION", value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The final lasted three hours and 12 minutes.", "three hours and 12 minutes", "PT3H12M"),
        ("He served two years and six months in prison.", "two years and six months", "P2Y6M"),
        ("The crossing took 1 day and 5 hours.", "1 day and 5 hours", "P1DT5H"),
    ],
)
def test_a_duration_in_two_units_is_one_duration(text: str, span: str, value: str) -> None:
    (t,) = found(text, "2025-05-10")
    assert (t.text, t.type, t.value) == (span, "DURATION", value)


def test_a_duration_then_other_counted_things_stays_alone() -> None:
    assert pairs("It took three days and 400 workers to clear the port.", "2025-05-10") == [("three days", "P3D")]
    assert [(t.text, t.value) for t in found("They stayed three days and two nights.", "2025-05-10")] == [
        ("three days and two nights", "P3D")]


@pytest.mark.parametrize(
    ("text", "span", "value", "mod"),
    [
        ("Farmers want drought-proof wheat by the end of the decade.", "the end of the decade", "202", "BEFORE"),
        ("Output should peak at the end of the decade.", "the end of the decade", "202", "END"),
        ("The plant opened at the start of the century.", "the start of the century", "20", "START"),
    ],
)
def test_parts_of_this_decade_and_century(text: str, span: str, value: str, mod: str) -> None:
    (t,) = found(text, "2024-10-11", "future")
    assert (t.text, t.value, t.mod) == (span, value, mod)


def test_a_bare_decade_or_century_is_no_date() -> None:
    assert pairs("It was the deal of the century, and the decade was kind to it.", "2024-10-11") == []


def test_a_year_earlier_after_the_quarter_that_ended_on_a_weekday() -> None:
    text = ("Harlan expects to earn 31 cents a share for the quarter, which ended on Sunday, "
            "down from 41 cents a year earlier.")
    assert pairs(text, "2001-10-03")[-1] == ("a year earlier", "2000-Q3")


def test_a_month_before_a_day_number_is_the_day() -> None:
    assert pairs("He was shot last Oct. 23 at home.", "1999-04-19") == [("Oct. 23", "1998-10-23")]
    assert pairs("Rates peaked last May 2024.", "2025-04-19") == [("last May 2024", "2024-05")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The blast came at about 10:35 a.m. (0735 GMT) Friday, toppling a wall.",
         [("about 10:35 a.m.", "1998-08-07T10:35"), ("Friday", "1998-08-07")]),
        ("At 3:45 p.m. local time on Friday, the first shells landed.",
         [("3:45 p.m.", "1998-08-07T15:45"), ("Friday", "1998-08-07")]),
        ("The deadline passed at midnight on Thursday.", [("midnight", "1998-08-06T24:00"), ("Thursday", "1998-08-06")]),
        ("The vote closed at 9 p.m. EST yesterday.", [("9 p.m. EST yesterday", "1998-08-07T21:00")]),
        ("The quake struck at 2:46 p.m. local time on March 11, 1995.",
         [("2:46 p.m.", "1995-03-11T14:46"), ("March 11, 1995", "1995-03-11")]),
        ("Polls closed at 8 p.m. on Aug. 5.", [("8 p.m.", "1998-08-05T20:00"), ("Aug. 5", "1998-08-05")]),
        # no day after it: the document's day
        ("The vote closed at 9 p.m. as planned.", [("9 p.m.", "1998-08-08T21:00")]),
        # an hour placed by the part of the day, and a bracketed clock naming the day
        ("The convoy left at 4 in the morning (4 a.m. EDT Thursday).",
         [("4 in the morning", "1998-08-06T04:00"), ("4 a.m. EDT Thursday", "1998-08-06T04:00")]),
        ("The rally began at 9 at night, Friday.", [("9 at night, Friday", "1998-08-07T21:00")]),
        ("The curfew starts at 12 at night.", [("12 at night", "1998-08-08T24:00")]),
        ("Guards changed by 2 in the afternoon.", [("2 in the afternoon", "1998-08-08T14:00")]),
        # not a clock: a count before a morning event
        ("Police held 4 in the morning raid.", []),
    ],
)  # fmt: skip
def test_a_clock_time_takes_the_day_written_after_its_zone(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text, "1998-08-08") == expected


@pytest.mark.parametrize(
    "text",
    ["This is VOA Today.", "She told USA Today on Monday.", "Nasdaq's average daily volume rose."],
)
def test_titles_and_per_day_averages_are_not_times(text: str) -> None:
    assert all(t.text not in ("Today", "daily") for t in found(text, "2025-05-10"))


@pytest.mark.parametrize(
    "text",
    [
        "The deal is worth $3 million a year to the port.",
        "The carrier runs four flights a week to the island.",
        "The pumps move 500 gallons a minute.",
        "Rooms cost between $40 and $60 a night.",
        "The mill ships about 9,000 tons a month.",
    ],
)
def test_rates_are_not_time_expressions(text: str) -> None:
    assert found(text, "2025-05-10") == []


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The strike lasted a week.", "a week", "P1W"),
        ("Shares fell 3% from a year ago.", "a year ago", "2024"),
        ("Output doubled in a year.", "a year", "P1Y"),
    ],
)
def test_a_unit_without_an_amount_before_it_is_still_found(text: str, span: str, value: str) -> None:
    (t,) = found(text, "2025-05-10")
    assert (t.text, t.value) == (span, value)


@pytest.mark.parametrize(
    ("text", "span", "value", "mod"),
    [
        ("The border stayed shut for nearly two years.", "nearly two years", "P2Y", "EQUAL_OR_LESS"),
        ("The talks ran almost an hour.", "almost an hour", "PT1H", "EQUAL_OR_LESS"),
        ("Reservists can serve up to 90 days.", "up to 90 days", "P90D", "EQUAL_OR_LESS"),
    ],
)
def test_approximate_durations_keep_the_approximation(text: str, span: str, value: str, mod: str) -> None:
    (t,) = found(text, "2025-05-10")
    assert (t.text, t.type, t.value, t.mod) == (span, "DURATION", value, mod)


def test_the_weeks_ahead_is_a_span_after_the_dct() -> None:
    (t,) = found("Lenders may sell more bonds in the weeks ahead.", "2025-05-10", "future")
    assert (t.text, t.type, t.value, t.lo) == ("the weeks ahead", "DURATION", "PXW", "2025-05-10")
    assert t.hi is not None and t.hi > "2025-05-10"
    assert found("Ahead lay the weeks of work.", "2025-05-10") == []


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("By mid-afternoon, the shares had recovered.", "mid-afternoon", "2025-05-10TAF"),
        ("In London at mid-morning yesterday, gold slipped.", "mid-morning yesterday", "2025-05-09TMO"),
        ("By mid afternoon the rain had stopped.", "mid afternoon", "2025-05-10TAF"),
    ],
)
def test_mid_part_of_day(text: str, span: str, value: str) -> None:
    (t,) = found(text, "2025-05-10")
    assert (t.text, t.type, t.value) == (span, "TIME", value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Crews are rotated every six months.", "every six months", "P6M"),
        ("The panel meets every two weeks.", "every two weeks", "P2W"),
        ("Each year the fair returns.", "Each year", "P1Y"),
    ],
)
def test_every_n_units_is_a_set(text: str, span: str, value: str) -> None:
    (t,) = found(text, "2025-05-10")
    assert (t.text, t.type, t.value) == (span, "SET", value)


@pytest.mark.parametrize(
    "text",
    [
        "The dispute matters to today's youth.",
        "The chip runs many of today's personal computers.",
        "She wants to train the leaders of tomorrow.",
    ],
)
def test_generic_today_and_tomorrow_are_not_days(text: str) -> None:
    assert found(text, "2025-05-10") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Today's meeting ended early.", "2025-05-10"),
        ("Tomorrow's vote is close.", "2025-05-11"),
        ("Effective as of today, fares rise.", "2025-05-10"),
    ],
)
def test_today_and_tomorrow_of_an_occasion_are_days(text: str, value: str) -> None:
    (t,) = found(text, "2025-05-10")
    assert t.value == value


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ('The minister said on the television programme "This Week" that talks would go on.', []),
        ("The envoy recalled the film High Noon before the vote.", []),
        ("She told the show 60 Minutes about her plans.", []),
        ("Talks will resume this week.", ["this week"]),
        ("This week the talks resume.", ["This week"]),
        ("The troops will stay for the foreseeable future.", []),
        ("Nobody knows what the future holds.", ["the future"]),
    ],
)
def test_titles_and_set_phrases_are_not_times(text: str, kept: list[str]) -> None:
    assert [text[h.start : h.end] for h in scan(text)] == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Tariffs on goods that fall outside the pact rose to 35%.", []),
        ("Shares that fall below their floor are suspended.", []),
        ("In that fall, the two leaders met twice.", ["that fall"]),
        ("Talks resume this fall.", ["this fall"]),
    ],
)  # fmt: skip
def test_fall_after_a_relative_pronoun_is_a_verb(text: str, kept: list[str]) -> None:
    assert [text[h.start : h.end] for h in scan(text)] == kept


@pytest.mark.parametrize(
    ("text", "dct", "want"),
    [
        ("Talks opened on March 3. The next day the envoys left. The following day they returned.",
         "2026-03-15", [("March 3", "2026-03-03"), ("The next day", "2026-03-04"), ("The following day", "2026-03-05")]),
        ("The vote was on Dec. 31. Later that day the bill was signed. The next morning it took effect.",
         "2027-01-05", [("Dec. 31", "2026-12-31"), ("Later that day", "2026-12-31"), ("The next morning", "2027-01-01")]),
        ("The court sat on March 1, 2024. The previous evening the lawyers met.",
         "2024-03-05", [("March 1, 2024", "2024-03-01"), ("The previous evening", "2024-02-29TEV")]),
        # a month named since the last day: the same day is a day of that month, the next day unknown
        ("Three doctors were shot, most recently last October. His name was struck off that same day.",
         "1999-02-06", [("last October", "1998-10"), ("that same day", "1998-10-XX")]),
        ("He flew in on Monday. In March the board met. The next day it voted.",
         "1999-02-06", [("Monday", "1999-02-01"), ("March", "1999-03")]),
        # no day named before: no reading
        ("Trades made that day were cancelled.", "1999-02-06", []),
    ],
)
def test_days_counted_from_the_last_day_named(text: str, dct: str, want: list[tuple[str, str]]) -> None:
    got = [(t.text, t.value) for t in found(text, dct) if t.value != "PAST_REF"]
    assert got == want


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks collapsed on March 3. A week later, they resumed.", [("March 3", "2025-03-03"), ("A week", "P1W")]),
        ("Exports earned $3 million a year.", []),  # a rate, not a time
    ],
)
def test_a_capitalised_a_opens_a_sentence_and_is_no_rate(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text, "2025-05-07") == expected


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("It takes effect early next year.", "2027-01-01", "2027-05-01"),
        ("Prices rose late last year.", "2025-09-02", "2025-12-31"),
        ("They meet early next week.", "2026-05-25", "2026-05-26"),
        # a part of the unit the DCT is in stops at the DCT
        ("Talks resume later this month.", "2026-05-22", "2026-05-31"),
        ("They met earlier this month.", "2026-05-01", "2026-05-20"),
    ],
)
def test_early_and_late_narrow_the_unit_to_its_third(text: str, lo: str, hi: str) -> None:
    (t,) = found(text, "2026-05-21")
    assert (t.lo, t.hi) == (lo, hi)
