"""Publication dates from URLs and publication lines, never from story sentences."""

from __future__ import annotations

import pytest

from storyline.clean import clean
from storyline.clean.dateline import find_all, find_published, url_date, wire_place


@pytest.mark.parametrize(
    ("url", "date"),
    [
        ("https://news.example/world/2025/11/03/talks-resume/", "2025-11-03"),
        ("https://news.example/a/20250512-ministers-meet", "2025-05-12"),
        ("https://news.example/a/story-2025-05-23.html", "2025-05-23"),
        ("https://news.example/a/2025/13/40/bad", None),
        ("https://news.example/a/12345678901", None),
        ("https://news.example/a/story", None),
        (None, None),
    ],
)
def test_url_date(url: str | None, date: str | None) -> None:
    ev = url_date(url)
    assert (ev.date if ev else None) == date
    if ev is not None:
        assert ev.source == "url" and url is not None and url[ev.start : ev.end] == ev.text


@pytest.mark.parametrize(
    ("text", "date", "month_day", "kind"),
    [
        (
            "Ministers meet\nPublished Thu, Dec 18, 2025\nThe talks on May 6, 2025 went well.",
            "2025-12-18",
            "12-18",
            "published",
        ),
        (
            "Headline\n7. Nov 2025 - 15:16\nThe accord of 3 March 2024 stays.",
            "2025-11-07",
            "11-07",
            "published",
        ),
        (
            "Headline\n26.10.2025 - Update : 27.10.2025\nBody text here.",
            "2025-10-26",
            "10-26",
            "published",
        ),
        ("Body text here.\n\n2025-11-07T15:16:00Z", "2025-11-07", "11-07", "published"),
        ("Headline\nLast updated: June 22, 2025\nBody text.", "2025-06-22", "06-22", "updated"),
        ("Headline\nUpdated 3:04 PM EST, Tue May 6, 2025\nBody.", "2025-05-06", "05-06", "updated"),
        ("Posted on 4 March 2026 at 09:00\nBody.", "2026-03-04", "03-04", "published"),
        ("Washington (USA), 25 March (LaPresse) - The envoy arrived.", None, "03-25", "dateline"),
        ("BEIJING, May 6 (Reuters) - China said it would respond.", None, "05-06", "dateline"),
        ("BRUSSELS, March 4, 2026 — Ministers met.", "2026-03-04", "03-04", "dateline"),
        # a story filed from two cities
        ("ANKARA/ATHENS, Nov 22 (Harbour Wire) - The ministers agreed on Wednesday.", None, "11-22", "dateline"),
        # below the site name, a section row, the headline, a byline, a reading time and a caption
        ("Harbour Wire\nHome | World | Markets\nEnvoys sign grain accord\nBy A. Writer and B. Writer\n"
         "5 min read\nPhoto: the envoys at the ceremony. (C. Lens/Harbour Wire)\n"
         "ISTANBUL, July 22 (Harbour Wire) - The envoys signed on Friday.", None, "07-22", "dateline"),
        # below a dozen lines of furniture, still the first paragraph of prose
        ("Skip to content\nHarbour Wire\nWorld  Business  Markets\nMenu | Search | Sign In\nBusiness\n"
         "Envoys sign grain accord\nBy A. Writer and B. Writer\n3 Min Read\nShare  Post  Email  Print\n"
         "Photo: the envoys at the ceremony. (C. Lens/Harbour Wire)\nAdvertisement\n"
         "ISTANBUL, July 22 (Harbour Wire) - The envoys signed on Friday.", None, "07-22", "dateline"),
    ],
)
def test_text_dates(text: str, date: str | None, month_day: str, kind: str) -> None:
    ev = find_published(text)
    assert ev is not None
    assert (ev.date, ev.month_day, ev.source, ev.kind) == (date, month_day, "text", kind)
    assert text[ev.start : ev.end] == ev.text


@pytest.mark.parametrize(
    "text",
    [
        "The talks on May 6, 2025 were long. Officials met again on June 2, 2025.",
        "Updated figures released on May 6, 2025 showed growth in exports.",
        "Negotiators agreed that the cut, first announced on 3 March 2025, would last until 2026.",
        # a dateline-like line further down than ten lines and after the first paragraph of prose
        ("Headline\n" + "The envoys met for talks that ran late into the night, aides said. " * 4
         + "\n" + "Read more\n" * 12 + "ISTANBUL, July 22 (Harbour Wire) - The envoys signed on Friday."),
        "",
    ],
)
def test_story_dates_ignored(text: str) -> None:
    assert find_published(text) is None


def test_preference_order() -> None:
    text = "Headline\nUpdated June 22, 2025\nBody."
    url = "https://x.example/2025/06/20/story"
    found = find_all(text, url)
    assert [e.kind for e in found] == ["url", "updated"]
    text2 = "Headline\nPublished June 19, 2025\nBody."
    published = find_published(text2, url)
    assert published is not None and published.kind == "published"


@pytest.mark.parametrize(
    ("raw", "place", "opens"),
    [
        ("Talks end early\n\nOSLO, March 3 (Reuters) - The two ministers met on Monday to discuss fish quotas.\n",
         "Oslo", "The two ministers met"),
        ("Talks end early\n\nNEW YORK - The two ministers met on Monday to discuss fish quotas at length.\n",
         "New York", "The two ministers met"),
        ("Talks end early\n\nANKARA/ATHENS, Nov 22 (Harbour Wire) - The two ministers met on Monday to discuss "
         "fish quotas.\n", "Ankara", "The two ministers met"),
        ("Talks end early\n\nThe two ministers met on Monday in Oslo to discuss fish quotas at length.\n", None, None),
    ],
)  # fmt: skip
def test_wire_place_is_the_removed_dateline_city_and_the_sentence_it_opened(raw: str, place: str | None,
                                                                           opens: str | None) -> None:  # fmt: skip
    cleaned = clean(raw)
    found = wire_place(cleaned)
    if place is None:
        assert found is None
        return
    assert found is not None and found.place == place
    assert cleaned.text[found.start :].startswith(opens or "")
