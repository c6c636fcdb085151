"""Re-dating stored facts once an undated document gets a date (no NLP re-run)."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.records import DocumentFacts, Event
from storyline.resolve.redate import redate_facts
from storyline.time import extract
from storyline.time.shift import count_from


def _facts(text: str, event_timex: int, tense: str = "past") -> DocumentFacts:
    """Facts of an undated document whose one event is dated by its ``event_timex``-th
    expression (read under the event clause's ``tense``)."""
    timexes = tuple(extract(text, None, lambda start, end: "past"))
    when = timexes[event_timex].replace(tense=tense)
    event = Event(
        id="e1", type="agreement", summary="signing", start=None, end=None, date_precision="unknown",
        status="occurred", when=when, attributes={"dated_by": "text"}, doc="d1",
    )
    return DocumentFacts(doc="d1", timexes=timexes, events=(event,))


@pytest.mark.parametrize(
    ("text", "event_timex", "tense", "dct", "day"),
    [
        ("The envoys met on Tuesday. The next day they signed the accord.", 1, "past", date(2025, 5, 8), "2025-05-07"),
        ("The envoys met on Tuesday. The next day they signed the accord.", 0, "past", date(2025, 5, 8), "2025-05-06"),
        ("Talks opened on Feb. 28. The following day the sides signed.", 1, "past", date(2024, 3, 5), "2024-02-29"),
        # the event's clause reads 'the same day' under another tense than the expression was
        # stored with: alone it resolves to nothing, so it takes the in-order re-read
        ("The envoys met on Tuesday. A bridge was hit early the same day.", 1, "none", date(2025, 5, 8), "2025-05-06"),
    ],
)
def test_an_anaphoric_date_follows_its_antecedent_when_redated(text: str, event_timex: int, tense: str, dct: date,
                                                              day: str) -> None:  # fmt: skip
    before = _facts(text, event_timex, tense)
    assert before.events[0].when is not None and before.events[0].when.value.startswith("XXXX")
    after = redate_facts(before, dct)
    assert (after.events[0].start, after.events[0].end, after.events[0].date_precision) == (day, day, "day")
    assert after.events[0].when is not None and after.events[0].when.value == day
    assert all(not t.value.startswith("XXXX") for t in after.timexes)


@pytest.mark.parametrize(
    ("when_text", "dated_by", "status", "window"),
    [
        # 'recently' in an article with no date: the month before the date it gets
        ("recently", "text", "occurred", ("2025-12-07", "2026-01-06")),
        # no time expression at all: a past report is of the month before too
        (None, "none", "occurred", ("2025-12-07", "2026-01-06")),
        # ... but not a plan
        (None, "none", "planned", (None, None)),
    ],
)
def test_undated_reports_get_the_month_before_once_dated(when_text: str | None, dated_by: str, status: str,
                                                         window: tuple[str | None, str | None]) -> None:  # fmt: skip
    when = extract(f"Officials visited Beijing {when_text}.", None, lambda s, e: "past")[0] if when_text else None
    event = Event(id="e1", type="visit", summary="visit", start=None, end=None, date_precision="unknown",
                  status=status, when=when, attributes={"dated_by": dated_by}, doc="d1")  # fmt: skip
    facts = DocumentFacts(doc="d1", timexes=(when,) if when else (), events=(event,))
    out = redate_facts(facts, date(2026, 1, 6)).events[0]
    assert (out.start, out.end) == window


def test_days_counted_from_an_event_are_counted_again_when_redated() -> None:
    """'four days after the talks [December 16]', first read against a wrong year, follows
    the talks to the year the document gets."""
    text = "The talks were held on December 16. Four days after the talks, the ministry eased the rules."
    first = tuple(extract(text, date(2018, 12, 24), lambda start, end: "past"))
    talks, four_days = first
    assert four_days.counts_from == talks.start
    when = count_from(four_days, talks, back=False, exact=True)
    assert when is not None and (when.lo, when.hi) == ("2018-12-20", "2018-12-20")
    event = Event(
        id="e1", type="export_control", summary="eased", start=when.lo, end=when.hi, date_precision="day",
        status="eased", when=when, attributes={"dated_by": "text"}, doc="d1",
    )
    after = redate_facts(DocumentFacts(doc="d1", timexes=first, events=(event,)), date(2019, 12, 24))
    assert (after.events[0].start, after.events[0].end) == ("2019-12-20", "2019-12-20")


NARRATED = ("Talks with Northland broke down in March. In the months since, the North has tested its "
            "neighbours' patience. On May 4 it fired a barrage of rockets, including what analysts said "
            "was a new type of missile. Five days later it launched two missiles into the sea. On the same "
            "day the Justice Department said it had seized a Northland cargo ship.")


@pytest.mark.slow
def test_a_day_counted_from_a_counted_day_moves_with_it_when_redated(nlp) -> None:  # type: ignore[no-untyped-def]
    from storyline.pipeline import DocInput, run

    (doc,) = list(run(nlp, [DocInput("t1", NARRATED, "2019-06-30")]))
    facts = DocumentFacts(doc="t1", timexes=tuple(doc._.storyline_timexes), events=tuple(doc._.storyline_events))
    seized = [e for e in facts.events if e.trigger == "seized"]
    assert [e.start for e in seized] == ["2019-05-09"]  # the day of the second launch, not May 4
    moved = [e for e in redate_facts(facts, date(2020, 6, 30)).events if e.trigger == "seized"]
    assert [(e.start, e.end) for e in moved] == [("2020-05-09", "2020-05-09")]


@pytest.mark.parametrize(
    ("dct", "status"),
    [
        # 'the tariffs Trump promised for April 2', first read with no DCT as done: still ahead of March 12
        (date(2025, 3, 12), "planned"),
        (date(2025, 4, 20), "occurred"),
    ],
)
def test_what_a_new_dct_puts_ahead_has_not_happened(dct: date, status: str) -> None:
    when = extract("The tariffs were promised for April 2.", None, lambda s, e: "past")[0]
    event = Event(id="e1", type="tariff", summary="tariff", start=None, end=None, date_precision="unknown",
                  status="occurred", when=when, attributes={"dated_by": "text"}, doc="d1")  # fmt: skip
    facts = DocumentFacts(doc="d1", timexes=(when,), events=(event,))
    out = redate_facts(facts, dct).events[0]
    assert (out.start, out.status) == ("2025-04-02", status)
