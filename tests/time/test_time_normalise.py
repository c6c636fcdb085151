"""storyline.time: finding and normalising time expressions (no spaCy; tense given)."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.records import Timex
from storyline.time import extract, resolve, resolve_all, scan, split_range
from storyline.time.calendar import add_years


def one(text: str, dct: str | None, tense: str = "none") -> Timex:
    found = extract(text, dct, lambda start, end: tense)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "dct", "tense", "span", "value", "lo", "hi"),
    [
        ("The envoys will meet from June 3 to 6.", "2024-05-28", "future", "June 3 to 6", "2024-06-03", "2024-06-03", "2024-06-06"),
        ("Voting runs October 31 to November 1.", "2024-10-20", "future", "October 31 to November 1", "2024-10-31", "2024-10-31", "2024-11-01"),
        ("The summit runs June 3 to June 6.", "2024-05-28", "future", "June 3 to June 6", "2024-06-03", "2024-06-03", "2024-06-06"),
        ("Talks ran Dec. 30 to Jan. 2.", "2025-01-10", "past", "Dec. 30 to Jan. 2", "2024-12-30", "2024-12-30", "2025-01-02"),
    ],
)
def test_ranges_carry_the_whole_interval(text: str, dct: str, tense: str, span: str, value: str, lo: str, hi: str) -> None:
    t = one(text, dct, tense)
    assert (t.text, t.value, t.lo, t.hi, t.precision) == (span, value, lo, hi, "day")
    assert text[t.start : t.end] == span


def test_range_splits_into_timebank_parts() -> None:
    t = one("The envoys will meet from June 3 to 6.", "2024-05-28", "future")
    parts = split_range(t, date(2024, 5, 28))
    assert [(p.text, p.value) for p in parts] == [("June 3", "2024-06-03"), ("6", "2024-06-06")]


@pytest.mark.parametrize(
    ("dct", "tense", "word", "expected"),
    [
        ("2024-03-14", "past", "Tuesday", "2024-03-12"),  # a Thursday: last Tuesday
        ("2024-03-14", "future", "Tuesday", "2024-03-19"),
        ("2024-03-14", "past", "Thursday", "2024-03-14"),  # the DCT itself
        ("2025-01-01", "past", "Monday", "2024-12-30"),  # across New Year
        ("2025-01-01", "future", "Friday", "2025-01-03"),
        ("2024-12-30", "future", "Sunday", "2025-01-05"),
    ],
)
def test_weekdays_follow_the_tense(dct: str, tense: str, word: str, expected: str) -> None:
    t = one(f"They spoke on {word}.", dct, tense)
    assert (t.type, t.value, t.lo, t.hi, t.tense) == ("DATE", expected, expected, expected, tense)


@pytest.mark.parametrize(
    ("dct", "tense", "expected"),
    [
        ("2024-10-05", "future", "2024-10-26"),  # ahead, this year
        ("2025-01-10", "past", "2024-10-26"),  # behind, last year
        ("2024-10-05", "none", "2024-10-26"),
        ("2025-01-10", "none", "2024-10-26"),
    ],
)
def test_bare_month_day_picks_the_year_by_tense(dct: str, tense: str, expected: str) -> None:
    assert one("The ballot is on October 26.", dct, tense).value == expected


def test_leap_day() -> None:
    assert one("It happened on Feb. 29.", "2025-03-10", "past").value == "2024-02-29"
    assert one("It happened on Feb. 29, 2024.", "2025-03-10", "past").value == "2024-02-29"
    assert extract("Feb. 30 is no date.", "2025-03-10") == []
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    found = extract("A year after Feb. 29, prices doubled.", "2025-03-10", lambda s, e: "past")
    assert [(t.text, t.value) for t in found] == [("A year", "P1Y"), ("Feb. 29", "2024-02-29")]


@pytest.mark.parametrize(
    ("text", "dct", "tense", "span", "value", "lo", "hi", "precision"),
    [
        ("They meet next week.", "2025-05-07", "future", "next week", "2025-W20", "2025-05-12", "2025-05-18", "week"),
        ("They met last week.", "2025-01-02", "past", "last week", "2024-W52", "2024-12-23", "2024-12-29", "week"),
        ("They meet this weekend.", "2025-05-07", "future", "this weekend", "2025-W19-WE", "2025-05-10", "2025-05-11", "day"),
        ("Shares fell last month.", "2025-01-15", "past", "last month", "2024-12", "2024-12-01", "2024-12-31", "month"),
        ("A vote comes later this month.", "2025-05-07", "future", "later this month", "2025-05", "2025-05-08", "2025-05-31", "month"),
        ("A vote came earlier this month.", "2025-05-07", "past", "earlier this month", "2025-05", "2025-05-01", "2025-05-06", "month"),
        ("A trip is planned this spring.", "2026-01-15", "future", "this spring", "2026-SP", "2026-03-01", "2026-05-31", "season"),
        ("It rained last summer.", "2025-05-07", "past", "last summer", "2024-SU", "2024-06-01", "2024-08-31", "season"),
        ("Profit rose in the first quarter.", "1998-05-10", "past", "the first quarter", "1998-Q1", "1998-01-01", "1998-03-31", "quarter"),
        ("Results for Q3 2024 were weak.", "2025-01-10", "past", "Q3 2024", "2024-Q3", "2024-07-01", "2024-09-30", "quarter"),
        ("It opened two years ago.", "2025-05-07", "past", "two years ago", "2023", "2023-01-01", "2023-12-31", "year"),
        ("Prices rose in 2026.", "2026-02-01", "past", "2026", "2026", "2026-01-01", "2026-12-31", "year"),
        ("Sales fell in April.", "2025-05-07", "past", "April", "2025-04", "2025-04-01", "2025-04-30", "month"),
        ("Sales will fall in April.", "2025-05-07", "future", "April", "2026-04", "2026-04-01", "2026-04-30", "month"),
        ("The contract expires at the end of the year.", "2013-03-21", "present", "the end of the year", "2013", "2013-12-01", "2013-12-31", "month"),
        ("The contract expired at the end of the year.", "2013-03-21", "past", "the end of the year", "2012", "2012-12-01", "2012-12-31", "month"),
        ("Trump is expected to meet Putin before the end of the month.", "2025-02-19", "future", "the end of the month", "2025-02", "2025-02-20", "2025-02-28", "month"),
        ("For the week, the index dropped 3.8%.", "1989-10-27", "past", "the week", "1989-WXX", "1989-10-23", "1989-10-29", "week"),
        ("Shares slid earlier in the week.", "2025-05-07", "past", "earlier in the week", "2025-W19", "2025-05-05", "2025-05-06", "week"),
        ("A vote is due later in the month.", "2025-05-07", "present", "later in the month", "2025-05", "2025-05-08", "2025-05-31", "month"),
        ("Ministers met on the weekend of May 3.", "2025-05-07", "past", "the weekend of May 3", "2025-W18-WE", "2025-05-03", "2025-05-04", "day"),
        ("They meet the week of June 9.", "2025-05-07", "future", "the week of June 9", "2025-W24", "2025-06-09", "2025-06-15", "week"),
        ("The pope will celebrate Mass on Palm Sunday.", "2013-03-21", "future", "Palm Sunday", "2013-03-24", "2013-03-24", "2013-03-24", "day"),
        ("Offices close on Ash Wednesday.", "2024-01-10", "future", "Ash Wednesday", "2024-02-14", "2024-02-14", "2024-02-14", "day"),
        ("Voters go to the polls on the first Sunday in April.", "2013-03-21", "future", "the first Sunday in April", "2013-04-07", "2013-04-07", "2013-04-07", "day"),
        ("The vote was held on the last Friday of February.", "2013-03-21", "past", "the last Friday of February", "2013-02-22", "2013-02-22", "2013-02-22", "day"),
        ("Leaders meet on the second Tuesday of May 2014.", "2013-03-21", "future", "the second Tuesday of May 2014", "2014-05-13", "2014-05-13", "2014-05-13", "day"),
        ("Crowds gathered as Easter week began.", "2000-04-17", "past", "Easter week", "2000-W16", "2000-04-17", "2000-04-23", "week"),
        ("Stores shut over the Christmas weekend.", "2024-12-20", "future", "Christmas weekend", "2024-W52-WE", "2024-12-28", "2024-12-29", "day"),
        ("Stores shut over the Christmas weekend.", "2023-12-18", "future", "Christmas weekend", "2023-W51-WE", "2023-12-23", "2023-12-24", "day"),
        ("Sales peaked in Thanksgiving week 1999.", "2000-01-10", "past", "Thanksgiving week 1999", "1999-W47", "1999-11-22", "1999-11-28", "week"),
    ],
)
def test_dates_and_intervals(text: str, dct: str, tense: str, span: str, value: str, lo: str, hi: str, precision: str) -> None:
    t = one(text, dct, tense)
    assert (t.text, t.value, t.lo, t.hi, t.precision) == (span, value, lo, hi, precision)


def test_deadline_by_the_end_of() -> None:
    t = one("Buyers must act by the end of February.", "2026-01-10", "future")
    assert (t.text, t.value, t.mod, t.hi) == ("the end of February", "2026-02", "BEFORE", "2026-02-28")
    assert t.lo is not None and t.lo > "2026-02-10"


@pytest.mark.parametrize(
    ("text", "type_", "value"),
    [
        ("It lasted three years.", "DURATION", "P3Y"),
        ("The call took 90 minutes.", "DURATION", "PT90M"),
        ("A 90-day pause began.", "DURATION", "P90D"),
        ("They stayed 2 1/2 years.", "DURATION", "P2Y6M"),
        ("They meet every week.", "SET", "P1W"),
        ("It is published weekly.", "SET", "P1W"),
        ("Flights leave each Thursday.", "SET", "XXXX-WXX-4"),
        ("Markets are calm now.", "DATE", "PRESENT_REF"),
        ("Prices rose recently.", "DATE", "PAST_REF"),
        ("They will grow in the future.", "DATE", "FUTURE_REF"),
    ],
)
def test_durations_sets_and_references(text: str, type_: str, value: str) -> None:
    t = one(text, "2025-05-07")
    assert (t.type, t.value) == (type_, value)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Stocks fell last week.", "last week"),
        ("Output rose in the third quarter.", "the third quarter"),
        ("The third-quarter results were weak.", "third-quarter"),
        ("It set a five-year low.", "five-year"),
        ("The man, 52 years old, retired.", None),
        ("You may go.", None),
    ],
)
def test_span_conventions(text: str, span: str | None) -> None:
    found = [h.text for h in scan(text)]
    assert found == ([span] if span else [])


def test_without_dct_values_keep_placeholders() -> None:
    day = one("The talks are on May 9.", None, "future")
    assert (day.value, day.lo, day.hi, day.relative) == ("XXXX-05-09", None, None, True)
    weekday = one("They met on Tuesday.", None, "past")
    assert (weekday.value, weekday.relative) == ("XXXX-WXX-2", True)
    assert one("They met next week.", None).value == "XXXX-WXX"
    year = one("They met in 2025.", None)
    assert (year.value, year.lo, year.relative) == ("2025", "2025-01-01", False)


def test_resolve_redates_from_text_and_tense() -> None:
    weekday = one("They met on Tuesday.", None, "past")
    again = resolve(weekday, date(2025, 5, 8))
    assert (again.value, again.lo, again.hi, again.tense) == ("2025-05-06", "2025-05-06", "2025-05-06", "past")
    ahead = resolve(one("They will meet on Tuesday.", None, "future"), date(2025, 5, 8))
    assert ahead.value == "2025-05-13"
    deadline = resolve(one("Buyers must act by the end of February.", None, "future"), date(2026, 1, 10))
    assert (deadline.value, deadline.mod) == ("2026-02", "BEFORE")
    assert resolve(deadline, None).value == "XXXX-02"


@pytest.mark.parametrize(
    ("text", "dct", "values"),
    [
        ("The envoys met on Tuesday. The next day they signed.", date(2025, 5, 8), ["2025-05-06", "2025-05-07"]),
        ("Talks opened on Feb. 28. The following day they broke up.", date(2024, 3, 5), ["2024-02-28", "2024-02-29"]),
        ("Rebels struck last October. That same day the army withdrew.", date(2025, 1, 12), ["2024-10", "2024-10-XX"]),
    ],
)
def test_resolve_all_keeps_each_antecedent(text: str, dct: date, values: list[str]) -> None:
    """Re-dating a whole document counts 'the next day' from the day named before it, which
    one-by-one re-normalising cannot (it has no antecedent and keeps the placeholder)."""
    found = extract(text, None, lambda start, end: "past")
    assert [t.value for t in found][1].startswith("XXXX")
    assert [t.value for t in resolve_all(found, dct)] == values
    assert [t.value for t in resolve_all(found, dct)] == [t.value for t in extract(text, dct, lambda s, e: "past")]
    assert resolve(found[1], dct).value == found[1].value
