"""The sample story shipped in storyline/samples: every file reads, cleans and dates."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from storyline.clean import clean
from storyline.clean.dateline import find_published
from storyline.records import RawArticle
from storyline.sources import iter_inputs

SAMPLES = Path(str(resources.files("storyline") / "samples"))


@pytest.fixture(scope="module")
def articles() -> list[RawArticle]:
    items = list(iter_inputs([str(SAMPLES)]))
    assert all(isinstance(i, RawArticle) for i in items), [
        i for i in items if not isinstance(i, RawArticle)
    ]
    return [i for i in items if isinstance(i, RawArticle)]


def by_name(articles: list[RawArticle], name: str) -> list[RawArticle]:
    return [a for a in articles if Path(a.path).name == name]


def test_counts_and_lengths(articles: list[RawArticle]) -> None:
    assert len(articles) >= 10
    for art in articles:
        words = len(clean(art.text or "").text.split())
        assert 150 <= words <= 400, (art.path, art.line, words)
    assert (SAMPLES / "README.md").is_file()


def test_formats_and_metadata(articles: list[RawArticle]) -> None:
    (page,) = by_name(articles, "02_continental_ledger_call.html")
    assert page.published == "2026-03-05" and page.published_source == "metadata"
    assert page.text is not None and "Most read" not in page.text and "Privacy" not in page.text
    records = by_name(articles, "03_meridian_business.jsonl")
    assert [(r.line, r.published, r.source) for r in records] == [
        (1, "2026-03-05", "Meridian Business Daily"),
        (2, "2026-03-10", "Meridian Business Daily"),
    ]
    headers = [a for a in articles if a.published_source == "header"]
    assert len(headers) >= 3


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("04_northgate_geneva_talks.txt", "paywall"),
        ("04_northgate_geneva_talks.txt", "related links"),
        ("04_northgate_geneva_talks.txt", "photo credit"),
        ("04_northgate_geneva_talks.txt", "copyright"),
        ("08_continental_ledger_takes_effect.txt", "byline"),
        ("08_continental_ledger_takes_effect.txt", "share widget"),
        ("07_capital_markets_brief_purchase.txt", "newsletter or corrections prompt"),
        ("09_northgate_signing_planned.txt", "update note"),
    ],
)
def test_boilerplate_present_and_removed(
    articles: list[RawArticle], name: str, reason: str
) -> None:
    (art,) = by_name(articles, name)
    cleaned = clean(art.text or "")
    assert reason in {r.reason for r in cleaned.removed}


def test_paywall_flag(articles: list[RawArticle]) -> None:
    flagged = {Path(a.path).name for a in articles if "paywall" in clean(a.text or "").flags}
    assert flagged == {"04_northgate_geneva_talks.txt"}
    assert not any(
        {"paraphrased", "ai_disclosure"} & set(clean(a.text or "").flags) for a in articles
    )


def test_dates(articles: list[RawArticle]) -> None:
    (undated,) = by_name(articles, "06_atlantic_trade_monitor_cut.txt")
    assert undated.published is None and find_published(undated.text or "") is None
    (copy,) = by_name(articles, "05_harbour_wire_geneva_copy.txt")
    ev = find_published(copy.text or "")
    assert ev is not None and (ev.date, ev.month_day, ev.kind) == (None, "03-17", "dateline")
    (effect,) = by_name(articles, "08_continental_ledger_takes_effect.txt")
    ev = find_published(effect.text or "")
    assert ev is not None and ev.date == "2026-04-01"


def test_near_duplicate(articles: list[RawArticle]) -> None:
    (orig,) = by_name(articles, "04_northgate_geneva_talks.txt")
    (copy,) = by_name(articles, "05_harbour_wire_geneva_copy.txt")
    a = set(clean(orig.text or "").text.split("\n\n"))
    b = set(clean(copy.text or "").text.split("\n\n"))
    shared = a & b
    assert len(shared) >= 5 and a != b
