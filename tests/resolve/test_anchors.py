"""Cross-document anchors: a relative date in an undated article pinned by another's event."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.records import Article, DocumentFacts, Event, Timex
from storyline.resolve.anchors import _form_fits, _near_copy, anchors_for
from storyline.resolve.build import _with_entities
from storyline.resolve.merge import Context
from storyline.time import extract

CTX = Context(published={}, original={}, countries=frozenset())


def _event(doc: str, start: str | None, *, when: Timex | None = None, location: str | None = None,
           participants: tuple[str, ...] = ()) -> Event:  # fmt: skip
    return Event(
        id=f"{doc}-attack", type="attack", summary="", start=start, end=start,
        date_precision="day" if start else "unknown", status="occurred", participants=participants,
        location=location, attributes={"dated_by": "text"}, when=when, doc=doc,
    )  # fmt: skip


def _saturday() -> Timex:
    (t,) = extract("An airstrike on the village hit a market on Saturday.", None, lambda s, e: "past")
    return t


@pytest.mark.parametrize(
    ("value", "start", "fits"),
    [
        ("XXXX-WXX-6", "2026-03-14", True),  # 14 March 2026 is a Saturday
        ("XXXX-WXX-6", "2026-03-11", False),  # a Wednesday
        ("XXXX-05-09", "2026-05-09", True),
        ("XXXX-05-09", "2026-05-10", False),
        ("XXXX-05", "2026-06-01", False),
        ("XXXX-WXX", "2026-03-11", True),
    ],
)
def test_a_free_value_fits_only_days_of_its_form(value: str, start: str, fits: bool) -> None:
    assert _form_fits(value, start) is fits


def test_a_weekday_is_anchored_by_the_same_attack_on_that_weekday() -> None:
    saturday = _saturday()
    undated = DocumentFacts(doc="b", events=(_event("b", None, when=saturday, location="Oskem"),))
    known = [_event("a", "2026-03-11", location="Oskem"), _event("c", "2026-03-14", location="Oskem")]
    (anchor,) = anchors_for(undated, known, CTX)
    assert (anchor.lo, anchor.hi) == (date(2026, 3, 14), date(2026, 3, 14))


@pytest.mark.parametrize(
    ("second_day", "anchored"),
    [
        # two attacks on Oskem on two Saturdays fit alike: the text cannot tell which it means
        ("2026-03-21", False),
        # two reports of one attack are one day
        ("2026-03-14", True),
    ],
)
def test_events_that_fit_alike_on_different_days_anchor_nothing(second_day: str, anchored: bool) -> None:
    undated = DocumentFacts(doc="b", events=(_event("b", None, when=_saturday(), location="Oskem"),))
    known = [_event("a", "2026-03-14", location="Oskem"), _event("c", second_day, location="Oskem")]
    assert len(anchors_for(undated, known, CTX)) == (1 if anchored else 0)


def test_a_statement_dates_nothing() -> None:
    """The same minister speaks in the same capital on many Tuesdays."""
    saturday = _saturday()
    undated = DocumentFacts(doc="b", events=(_event("b", None, when=saturday, location="Korvath").replace(type="statement"),))
    known = [_event("c", "2026-03-14", location="Korvath").replace(type="statement")]
    assert anchors_for(undated, known, CTX) == []


def test_resolved_actors_let_a_mistyped_place_anchor() -> None:
    """One article's tagger read the village as a person; resolution knows it as a place."""
    saturday = _saturday()
    undated = DocumentFacts(doc="b", events=(_event("b", None, when=saturday, participants=("person:oskem",)),))
    known = [_event("c", "2026-03-14", location="Oskem")]
    assert anchors_for(undated, known, CTX) == []

    def resolved(e: Event) -> Event:
        return _with_entities(e, {"person:oskem": "gpe:oskem"}, {"gpe:oskem": "Oskem"})

    (anchor,) = anchors_for(undated, known, CTX, resolved)
    assert anchor.lo == date(2026, 3, 14)


def test_a_place_participant_becomes_the_location_but_countries_stay_parties() -> None:
    event = _event("b", "2026-03-14", participants=("person:oskem", "country:VL", "person:ana-ruiz"))
    out = _with_entities(event, {"person:oskem": "gpe:oskem"}, {"gpe:oskem": "Oskem"})
    assert out.location == "Oskem"
    assert out.participants == ("country:VL", "person:ana-ruiz")
    kept = _with_entities(event.replace(location="Dravik"), {"person:oskem": "gpe:oskem"}, {"gpe:oskem": "Oskem"})
    assert kept.location == "Dravik"


def test_a_name_mostly_read_as_an_actor_stays_a_party() -> None:
    """'Velmora's defence ministry': the store reads Velmora as an actor, not as a place."""
    event = _event("b", "2026-03-14", participants=("person:velmora", "org:defence-ministry"))
    out = _with_entities(event, {"person:velmora": "gpe:velmora"}, {"gpe:oskem": "Oskem"})
    assert out.location is None
    assert out.participants == ("gpe:velmora", "org:defence-ministry")


def test_a_month_day_without_its_year_is_anchored_by_the_same_event() -> None:
    """A year-less day is relative (its year is the DCT's to decide), so it is anchored too."""
    (june_12,) = extract("The leaders will meet in Singapore on June 12.", None, lambda s, e: "future")
    undated = DocumentFacts(doc="b", events=(_event("b", None, when=june_12, location="Singapore").replace(type="meeting"),))
    known = [_event("a", "2018-06-12", location="Singapore").replace(type="meeting"),
             _event("c", "2018-06-13", location="Singapore").replace(type="meeting")]  # fmt: skip
    (anchor,) = anchors_for(undated, known, CTX)
    assert (anchor.lo, anchor.hi) == (date(2018, 6, 12), date(2018, 6, 12))


def _undated(text: str, tense: str) -> tuple[Article, DocumentFacts]:
    timexes = tuple(extract(text, None, lambda s, e: tense))
    article = Article(id="b", content_hash="h", path="b.txt", text=text, published="2000-01-01",
                      published_source="inferred")  # fmt: skip
    return article, DocumentFacts(doc="b", timexes=timexes)


@pytest.mark.parametrize(
    ("text", "tense", "day"),
    [
        # the source of a Friday 8 August rewrite says the duty 'came into force on Thursday'
        ("The duty came into force on Thursday.", "past", "2025-08-07"),
        # its own clues point to a Monday: only within COPY_REACH days of the copy
        ("Talks opened on Monday.", "past", "2025-08-05"),
        # no clue of its own: the copy's day
        ("The duty is high.", "none", "2025-08-08"),
    ],
)
def test_the_source_of_a_dated_copy_is_dated_near_it_by_its_own_clues(text: str, tense: str, day: str) -> None:
    article, facts = _undated(text, tense)
    dated, _ = _near_copy(article, facts, date(2025, 8, 8))
    assert dated.published == day
    lo, hi = dated.published_range or ("", "")
    assert date(2025, 8, 5) <= date.fromisoformat(lo) <= date.fromisoformat(hi) <= date(2025, 8, 11)
