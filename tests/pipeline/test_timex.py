"""The storyline_timex spaCy stage: tense from the dependency parse decides the dates."""

from __future__ import annotations

import pytest

from storyline.pipeline import timex as stage


def timexes(spacy_model, text: str, dct: str | None):  # type: ignore[no-untyped-def]
    doc = spacy_model(text)
    doc._.storyline_dct = dct
    found = stage.find(doc)
    stage.set_annotations(doc, found)
    assert doc._.storyline_timexes == found
    return found


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "dct", "tense", "value"),
    [
        ("The two envoys met on Tuesday in Oslo.", "2024-03-14", "past", "2024-03-12"),
        ("The two envoys will meet on Tuesday in Oslo.", "2024-03-14", "future", "2024-03-19"),
        ("The envoys are scheduled to meet on Tuesday.", "2024-03-14", "future", "2024-03-19"),
        ("The envoys are going to meet on Tuesday.", "2024-03-14", "future", "2024-03-19"),
        ("The ministry has announced the plan on Tuesday.", "2024-03-14", "past", "2024-03-12"),
        ("The ceasefire was signed on October 26.", "2025-01-10", "past", "2024-10-26"),
        ("The ceasefire will be signed on October 26.", "2024-10-05", "future", "2024-10-26"),
        ("Negotiators expect to finish in April.", "2025-05-07", "future", "2026-04"),
        ("Negotiators finished in April.", "2025-05-07", "past", "2025-04"),
        # a present clause with a calendar day is a schedule; a present perfect is behind
        ("The offer expires Sept. 30.", "2013-03-21", "present", "2013-09-30"),
        ("Investigators have been searching for him since Oct. 23.", "1999-05-06", "past", "1998-10-23"),
        # a deadline in a present clause is ahead
        ("Bids are due no later than March 31.", "2025-05-07", "future", "2026-03-31"),
        # a modal possibility is still ahead; a failed attempt or a past guess is not
        ("He warned that the bloc could impose a duty from July 1.", "2026-04-12", "future", "2026-07-01"),
        ("The envoys may meet on Tuesday.", "2024-03-14", "future", "2024-03-19"),
        ("The envoy could not be reached on Tuesday.", "2024-03-14", "none", "2024-03-12"),
        ("The relatives could be located on Tuesday.", "2024-03-14", "none", "2024-03-12"),
        ("The envoys may have met on Tuesday.", "2024-03-14", "past", "2024-03-12"),
        # the day of the warning, before the modal clause it introduces
        ("He dismissed warnings from Moscow on Tuesday that the strikes could spark a wider war.",
         "2024-03-14", "past", "2024-03-12"),
        # the future of a past report may be over: the nearest such day, not the next
        ("She announced that the two would meet in Hanoi on Feb. 27.", "2024-02-28", "none", "2024-02-27"),
        ("She announced that the two would meet in Hanoi on March 4.", "2024-02-28", "none", "2024-03-04"),
        # a weekday in such a report stays ahead
        ("She said the envoys would meet on Tuesday.", "2024-03-14", "future", "2024-03-19"),
        # ... and a month in it is the nearer one: next April, written in October
        ("She said she would travel to Oslo in April.", "2025-10-31", "none", "2026-04"),
        # 'set for' is a plan, whatever the tense of the participle
        ("The summit, set for June 12, was called off.", "2024-05-24", "future", "2024-06-12"),
        # ... as is what a past verb set something for
        ("U.S. District Judge Ruth Okada set sentencing for Sept. 18.", "1998-06-12", "future", "1998-09-18"),
        # 'will' under the passive 'be' still marks the future
        ("Markets will be closed Wednesday for the holiday.", "1996-12-30", "future", "1997-01-01"),
        # likely / certain + to-infinitive is ahead, as 'expected to' is
        ("Organizers said Ortega was likely to play his first match Tuesday.", "1999-05-23", "future", "1999-05-25"),
        # what was forecast lies ahead of the forecast
        ("The weather service warned that more rain was expected on Saturday.", "2005-07-22", "future", "2005-07-23"),
        # the lemmatizer's 'hop' for 'hopes' still heads an infinitive that is ahead
        ("Kestria joined the WTO and hopes to complete the process on Tuesday.", "2007-04-05", "future",
         "2007-04-10"),
        # a present clause running through a period runs into it
        ("This gives both industries breathing room through the first quarter.", "2019-12-27", "future", "2020-Q1"),
    ],
)
def test_tense_decides_the_date(spacy_model, text: str, dct: str, tense: str, value: str) -> None:  # type: ignore[no-untyped-def]
    (t,) = timexes(spacy_model, text, dct)
    assert (t.tense, t.value) == (tense, value)
    assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    "text",
    [
        "The minister announced on Feb. 5 that the two would meet in Oslo on Feb. 27 and 28.",
        # a relative clause first: the tagger reads 'announced' as a bare participle
        "The minister, who told farmers in May that prices \"would recover\" after the harvest, announced "
        "in a speech on Feb. 5 that the two would meet in Oslo on Feb. 27 and 28.",
    ],
)
def test_a_plan_reported_in_the_past_is_the_nearest_such_day(spacy_model, text: str) -> None:  # type: ignore[no-untyped-def]
    found = {t.text: t for t in timexes(spacy_model, text, "2024-03-01")}
    assert found["Feb. 27 and 28"].value == "2024-02-27"  # not next year's
    assert found["Feb. 5"].value == "2024-02-05"


@pytest.mark.parametrize(
    ("text", "day", "value"),
    [
        # the tagger may read a main clause's verb as a bare participle: it is still past
        ("Trump announced on Feb. 5 that the two would meet in Oslo.", "Feb. 5", "2025-02-05"),
        # the parser may hang 'on Thursday' from the reported clause: it dates the report
        ("Trump said on Thursday he would travel to Oslo in April.", "Thursday", "2025-10-30"),
        ("Trump said on Thursday he would travel to Oslo in April.", "April", "2026-04"),
    ],
)
def test_the_day_of_a_report_is_behind(spacy_model, text: str, day: str, value: str) -> None:  # type: ignore[no-untyped-def]
    found = {t.text: t for t in timexes(spacy_model, text, "2025-10-31")}
    assert found[day].value == value


@pytest.mark.slow
def test_undated_document_keeps_what_resolve_needs(spacy_model) -> None:  # type: ignore[no-untyped-def]
    found = timexes(spacy_model, "Delegates will gather from June 3 to 6, the ministry said Monday.", None)
    assert [(t.text, t.value, t.tense, t.relative) for t in found] == [
        ("June 3 to 6", "XXXX-06-03", "future", True),
        ("Monday", "XXXX-WXX-1", "past", True),
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "dct", "value"),
    [
        # the DCT's own weekday inside an 'after ...' phrase of a future clause: the DCT
        ("Trade talks will resume next month after a constructive video call between senior "
         "officials on Saturday.", "2025-05-10", "2025-05-10"),
        # a weekday of an event inside an 'after ...' phrase is over
        ("The envoys will fly home after a tense meeting with the rebels on Tuesday.", "2025-05-08", "2025-05-06"),
        ("The shares are to resume trading in Frankfurt Tuesday.", "2025-05-08", "2025-05-13"),
        ("The ministry has scheduled a briefing Thursday.", "2025-05-06", "2025-05-08"),
        ("The court postponed the hearing until Monday.", "2025-05-08", "2025-05-12"),
        ("The first aid convoy could arrive as early as Tuesday.", "2025-05-08", "2025-05-13"),
        ("They vowed to fight the ruling, announced Wednesday by the agency.", "2025-05-08", "2025-05-07"),
        # a possessive weekday in a present clause: a day already over ('Thursday's close')
        ("The offer is a 20% premium over Thursday's closing price.", "2025-05-05", "2025-05-01"),
        # 'give ... until' sets a deadline ahead
        ("The agency has given the relatives until 9 a.m. Tuesday to reply.", "2025-05-05", "2025-05-06T09:00"),
        # 'had been due to' is a plan that was already overtaken
        ("The offer was extended to June 2. It had been due to expire Friday evening.", "2025-05-05",
         "2025-05-02TEV"),
        # a deadline named in a past clause has passed; in a present or future one it is ahead
        ("The union ended its tender offer, with holders tendering 91% of shares by the Tuesday deadline.",
         "2025-05-08", "2025-05-06"),
        ("The talks missed the Friday deadline.", "2025-05-08", "2025-05-02"),
        ("Holders face a Tuesday deadline.", "2025-05-08", "2025-05-13"),
        ("The envoys will try to meet the Friday deadline.", "2025-05-08", "2025-05-09"),
        # the to-infinitive of a pledge or plan is still ahead, whatever the main verb's tense
        ("Both leaders made a pledge to meet again on Tuesday.", "2025-05-08", "2025-05-13"),
        ("The deal includes a commitment to hold talks on Friday.", "2025-05-06", "2025-05-09"),
    ],
)
def test_cues_around_weekdays(spacy_model, text: str, dct: str, value: str) -> None:  # type: ignore[no-untyped-def]
    weekday = timexes(spacy_model, text, dct)[-1]
    assert weekday.value == value, weekday


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "aside"),
    [
        ("A working-level meeting in July had been held in a bare room.", True),
        ("It shelved a complaint it filed with the WTO in September.", True),
        ("In March, the deputy minister said Russia would agree to only 60 days.", False),
    ],
)
def test_dates_told_out_of_order_are_marked_aside(spacy_model, text: str, aside: bool) -> None:  # type: ignore[no-untyped-def]
    (found,) = [t for t in timexes(spacy_model, text, None) if t.type == "DATE"]
    assert found.aside is aside
