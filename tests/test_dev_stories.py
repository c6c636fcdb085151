"""Score storyline on our second development set: invented ceasefire and EU–Japan trade stories.

The articles in tests/fixtures/stories/{ceasefire,eu_trade} and their gold file are our own
writing (no seed text); the scorer is ../shared/tools/score_timeline.py, so this test skips
when ../shared is absent.  Run with ``-s`` to read the verbose report line by line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import storyline

pytestmark = pytest.mark.slow

STORIES = Path(__file__).resolve().parent / "fixtures" / "stories"

# Floors at what storyline honestly reaches on this set today (measured 2026 fixtures, 29 gold
# events): they are not targets, raise them as the general rules improve.  The misses are
# explained in the report printed above the score (pytest -s): no exchange/vote/protest event
# type, undated articles dated from the wrong anchors, attacks whose place becomes the attacker.
FLOORS = {"doc_dates": 11, "events": 24, "event_exact_start": 16, "series_points": 4, "quotes": 25,
          "entities": 18, "cleaning": 29, "flags": 2}  # fmt: skip
MAX_FRAGMENTATION = 1.3


@pytest.fixture(scope="module")
def dev_kb(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("dev") / "dev.db"
    with storyline.open(db) as store:
        report = store.ingest([str(STORIES / "ceasefire"), str(STORIES / "eu_trade")])
        assert len(report.added) == 11 and not report.failed
        return json.loads(store.export("json"))


def test_dev_stories_score(dev_kb: dict[str, Any], timeline_scorer: Any) -> None:
    gold = json.loads((STORIES / "gold.json").read_text())
    result = timeline_scorer.score(timeline_scorer.KB(dev_kb), gold, verbose=True)
    print("dev stories score:", result)
    for key, floor in FLOORS.items():
        assert result[key][0] >= floor, (key, result[key])
    assert result["fragmentation"] is not None
    assert result["fragmentation"] <= MAX_FRAGMENTATION


def test_gold_names_only_our_files(dev_kb: dict[str, Any]) -> None:
    """The gold file describes exactly the articles ingested (no stale or missing entries)."""
    gold = json.loads((STORIES / "gold.json").read_text())
    files = {p.name for folder in ("ceasefire", "eu_trade") for p in (STORIES / folder).glob("*.txt")}
    assert {d["file"] for d in gold["documents"]} == files
    assert {Path(d["path"]).name for d in dev_kb["documents"]} == files


# A third story written blind (its author saw neither our code nor our output): sanctions,
# export controls and tariffs between two invented countries.  Measured on first contact:
# doc_dates 4/5, events 9/21, entities 9/10, cleaning 24/28; the floors are what the general fixes of that
# session reach.  Its series points (an EU duty on the US and Canada cut to zero) were met
# once a tariff fell on every country coordinated in its target.
SANCTIONS_FLOORS = {"doc_dates": 5, "events": 19, "event_exact_start": 15, "series_points": 4, "quotes": 8,
                    "entities": 10, "cleaning": 28, "flags": 2}  # fmt: skip
# A fourth, also blind: the 2019 Japan-South Korea export-control dispute, real people and
# dates, in five scraped-looking articles of the helper's own writing.  First contact:
# doc_dates 4/5, events 13/32, exact 11/28, quotes 6/11, entities 15/20, cleaning 46/54.
JAPAN_KOREA_FLOORS = {"doc_dates": 5, "events": 26, "event_exact_start": 23, "quotes": 11, "entities": 19,
                      "cleaning": 54, "flags": 2}  # fmt: skip


# A fifth, also blind: the 2022-23 Black Sea grain deal (signing, suspension, exit, strikes on
# Odesa), written to be met first without tuning.  First contact: doc_dates 3/5, events 9/35,
# exact 5/27, quotes 9/12, entities 15/18, cleaning 84/95; the floors are what this session's
# general fixes reach.  The undated exit story (05) is dated a month early: only 'for a year'
# and 'a two-month extension, which ran out on Monday' tell July from June.
GRAIN_CORRIDOR_FLOORS = {"doc_dates": 4, "events": 17, "event_exact_start": 13, "series_points": 1, "quotes": 12,
                         "entities": 18, "cleaning": 95, "flags": 2}  # fmt: skip
# A sixth, also blind: the 2018-19 US-North Korea summits (the cancelled and reinstated
# Singapore summit, Hanoi, the DMZ meeting), two articles with no year anywhere.  First
# contact: doc_dates 4/5, events 12/46, exact 10/38, quotes 13/19, entities 19/22, cleaning
# 76/81 (the undated cancellation story took its year from the story's median and then swapped
# years with the other undated article).  Events went from 28/46 to 27/46 (exact 24 to 23) when a
# clause headed by 'was' with its own subject stopped lending its date: "Afterwards Trump told
# reporters that the Singapore meeting was back on for June 12" had dated the June 1 remark
# June 12, where it matched the gold's June 12 news-conference remark by accident.  They went to
# 29/46 (exact 24) when two triggers of one sentence, each with a date of its own, became two events
# ('told a rally in September …, announced … on Feb. 5').
KOREA_SUMMITS_FLOORS = {"doc_dates": 5, "events": 29, "event_exact_start": 24, "quotes": 19, "entities": 22,
                        "cleaning": 81, "flags": 2}  # fmt: skip


# Two more, written blind this session by helpers who saw neither code nor output: the
# July-November 2025 US-China trade talks (Stockholm, Madrid, port fees, Busan) and the 2025
# Russia-Ukraine talks (Istanbul rounds, the India oil tariff, the called-off Budapest summit).
# First contact: US-China doc_dates 4/5, events 31/52, exact 22/37, fragmentation 1.55, series
# 2/9, quotes 20/25; Ukraine doc_dates 3/5, events 23/59, exact 19/50, fragmentation 1.48.
# Both fragment more than the older stories (paraphrased rewrites and plans merged with what
# happened), so they get their own ceiling, to be lowered as merging improves. Cleaning was
# 99/115 and 121/128 at first contact; the masthead pass and the wider furniture patterns made it
# 115/115 and 128/128.
US_CHINA_2025_FLOORS = {"doc_dates": 5, "events": 40, "event_exact_start": 29, "series_points": 6, "quotes": 23,
                        "entities": 20, "cleaning": 115, "flags": 2}  # fmt: skip
UKRAINE_TALKS_FLOORS = {"doc_dates": 4, "events": 32, "event_exact_start": 27, "series_points": 2, "quotes": 20,
                        "entities": 33, "cleaning": 128, "flags": 2}  # fmt: skip
# US-China went from 1.55 to 1.61 (now 1.59) when the Busan article was dated by its own clues near its
# dated rewrite (Oct 30, not the rewrite's Oct 31): its Shanghai move is now on Oct 30, where the
# scorer, matching market moves by type and day only, counts it for the soybean move as well.
# One more, blind: the 2025 US tariffs on Canada and Mexico (the February pause, March 4, Ontario's
# power surcharge, the 35% of Aug. 1, the Reagan advertisement), six articles of which one is a
# reworded copy, one dated only by a web address on its first line and two undated.  First
# contact: doc_dates 4/6, events 23/46, exact 19/42, fragmentation 1.3, series 5/6, quotes 15/15,
# entities 14/15, cleaning 102/108 (107 after new share-row, 'Updated 6 min ago', paywall-offer and
# 'Read next' abbreviation patterns).  The October article (06) is still dated Sept 6: nothing in
# its text but the World Series tells October from September.
# Then 26/46 and exact 25/42 with the March 5 car exemption and the Feb 3 pause as suspended
# tariffs; fragmentation went from 1.21 to 1.31 because the pause, dated Feb 3, also falls in the
# wide windows of the Feb 1 orders and Canada's Feb 1 retaliation plan.
# Then 31/46 and exact 30/42: a duty due from a day after one took effect is another duty (Canada's
# March 13 counter-tariffs, the global steel tariffs of March 12), 'hours after' dates the tariffs
# that came into force by the day of saying, a surcharge on exports is a tariff and the province
# charging it its party, and a leadership win or swearing-in is an event.
NORTH_AMERICA_TARIFFS_FLOORS = {"doc_dates": 5, "events": 31, "event_exact_start": 30, "series_points": 6,
                                "quotes": 15, "entities": 14, "cleaning": 107, "flags": 2}  # fmt: skip
# Two more, blind: the November 2023 Gaza truce (no tariffs; a two-city dateline, a reworded
# undated copy) and the 2024 EU duties on Chinese electric cars (rates per carmaker, China's
# probes into brandy, pork and dairy).  First contact: Gaza doc_dates 4/6, events 23/44, exact
# 21/43, quotes 20/25, entities 19/25, cleaning 46/55; EU doc_dates 5/6, events 16/42, exact 13/32,
# series 2/21, quotes 23/24, entities 15/25, cleaning 32/41.  The floors are what this session's
# general fixes reach (see the CHANGELOG).  The Gaza gold types hostage releases as agreements or
# statements, where storyline keeps them as 'other' events: those nine stay misses by design.
GAZA_TRUCE_FLOORS = {"doc_dates": 6, "events": 31, "event_exact_start": 29, "quotes": 25, "entities": 20,
                     "cleaning": 55, "flags": 1}  # fmt: skip
EU_CHINA_EV_FLOORS = {"doc_dates": 5, "events": 22, "event_exact_start": 18, "series_points": 7, "quotes": 23,
                      "entities": 16, "cleaning": 41, "flags": 1}  # fmt: skip
FRAGMENTATION_CEILING = {"us_china_2025": 1.65, "ukraine_talks": 1.5, "north_america_tariffs": 1.35}


@pytest.mark.parametrize(("story", "floors"), [("sanctions", SANCTIONS_FLOORS), ("japan_korea", JAPAN_KOREA_FLOORS),
                                               ("grain_corridor", GRAIN_CORRIDOR_FLOORS),
                                               ("korea_summits", KOREA_SUMMITS_FLOORS),
                                               ("us_china_2025", US_CHINA_2025_FLOORS),
                                               ("ukraine_talks", UKRAINE_TALKS_FLOORS),
                                               ("north_america_tariffs", NORTH_AMERICA_TARIFFS_FLOORS),
                                               ("gaza_truce", GAZA_TRUCE_FLOORS),
                                               ("eu_china_ev", EU_CHINA_EV_FLOORS)])
def test_blind_story_score(tmp_path: Path, timeline_scorer: Any, story: str, floors: dict[str, int]) -> None:
    with storyline.open(tmp_path / f"{story}.db") as store:
        report = store.ingest([str(STORIES / story)])
        assert len(report.added) == len(list((STORIES / story).glob("*.txt"))) and not report.failed
        kb = json.loads(store.export("json"))
    gold = json.loads((STORIES / f"{story}.gold.json").read_text())
    result = timeline_scorer.score(timeline_scorer.KB(kb), gold, verbose=True)
    print(f"{story} story score:", result)
    for key, floor in floors.items():
        assert result[key][0] >= floor, (key, result[key])
    ceiling = FRAGMENTATION_CEILING.get(story, MAX_FRAGMENTATION)
    assert result["fragmentation"] is not None and result["fragmentation"] <= ceiling
