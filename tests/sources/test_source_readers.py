"""The per-format readers: text, HTML, JSON Lines, feeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.records import RawArticle, Rejected
from storyline.sources import feed, html, jsonl, read, text
from storyline.sources.common import normalise_date

PAGE = """<!DOCTYPE html>
<html><head><title>Ministers set a date for the next round | The Quay Courier</title>
<meta name="author" content="Ines Marchetti">
<meta property="article:published_time" content="2026-03-04T09:10:00Z"></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/markets">Markets</a></nav>
<article>
<h1>Ministers set a date for the next round</h1>
<p>Trade ministers from both sides agreed on Tuesday to meet again in Lisbon on March 18,
officials said after a session that ran late into the evening at the conference centre.</p>
<p>The talks dealt with steel and aluminium duties, which were raised to 25% last year.
Negotiators from Brussels want the rate brought down to 10% before the summer begins.</p>
<p>"We made real progress today, but nobody should expect miracles," one of the ministers
told reporters outside the building after the meeting had finished.</p>
</article>
<footer><p>Subscribe to our evening briefing</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def only(items: list[RawArticle | Rejected]) -> RawArticle | Rejected:
    assert len(items) == 1, items
    return items[0]


# ----------------------------------------------------------------------------- text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"Plain UTF-8 text about tariffs.\n", "Plain UTF-8 text about tariffs."),
        ("\ufeffWith a BOM: déjà vu.\n".encode(), "With a BOM: déjà vu."),
        ("Le café reste ouvert.\n".encode("latin-1"), "Le café reste ouvert."),
        ("Prices “rose” by 5% – sharply.\n".encode("cp1252"), "Prices “rose” by 5% – sharply."),
        ("UTF-16 text\n".encode("utf-16"), "UTF-16 text"),
    ],
)
def test_text_decodes(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    art = only(list(text.read(path)))
    assert isinstance(art, RawArticle)
    assert art.text is not None and art.text.strip() == expected
    assert art.published is None


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x00\x01\x02binary\x00", "binary file (NUL bytes)"),
        (b"", "empty file"),
        (b"  \n\n \t", "empty file"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08 abc", "binary file (control characters)"),
    ],
)
def test_text_rejects(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    rej = only(list(text.read(path)))
    assert isinstance(rej, Rejected)
    assert rej.reason == reason
    assert rej.path == str(path)


@pytest.mark.parametrize(
    ("content", "published", "body"),
    [
        (
            " date 2026-02-03 Body starts on the header line.\n\nMore.",
            "2026-02-03",
            "Body starts on the header line.\n\nMore.",
        ),
        ("date 2026-02-03\nBody on the next line.", "2026-02-03", "Body on the next line."),
        ("Date: 2026-02-03\nColon form.", "2026-02-03", "Colon form."),
        (
            " date 2026-02-30 Impossible day stays body.",
            None,
            " date 2026-02-30 Impossible day stays body.",
        ),
        ("The date 2026-02-03 is mid-sentence.", None, "The date 2026-02-03 is mid-sentence."),
    ],
)
def test_text_header_line(tmp_path: Path, content: str, published: str | None, body: str) -> None:
    path = tmp_path / "h.txt"
    path.write_text(content, encoding="utf-8")
    art = only(list(text.read(path)))
    assert isinstance(art, RawArticle)
    assert art.published == published
    assert art.published_source == ("header" if published else None)
    assert art.text == body


@pytest.mark.parametrize(
    ("content", "url", "body"),
    [
        ("https://www.outlet.example/2025/03/05/tariffs-take-effect\nOutlet\n\nBody text.",
         "https://www.outlet.example/2025/03/05/tariffs-take-effect", "Outlet\n\nBody text."),
        (" date 2025-03-05\nhttp://outlet.example/a?id=7\nBody.", "http://outlet.example/a?id=7", "Body."),
        # an address inside a sentence, or after words on its line, is body text
        ("Read it at https://outlet.example/x today.\nBody.", None, "Read it at https://outlet.example/x today.\nBody."),
    ],
)  # fmt: skip
def test_text_address_line(tmp_path: Path, content: str, url: str | None, body: str) -> None:
    path = tmp_path / "u.txt"
    path.write_text(content, encoding="utf-8")
    art = only(list(text.read(path)))
    assert isinstance(art, RawArticle)
    assert (art.url, art.text) == (url, body)


def test_text_address_without_body(tmp_path: Path) -> None:
    path = tmp_path / "u.txt"
    path.write_text("https://outlet.example/2025/03/05/x\n\n", encoding="utf-8")
    rej = only(list(text.read(path)))
    assert isinstance(rej, Rejected) and rej.reason.endswith("no body text after the address line")


def test_text_header_without_body(tmp_path: Path) -> None:
    path = tmp_path / "h.txt"
    path.write_text(" date 2026-02-03\n\n", encoding="utf-8")
    rej = only(list(text.read(path)))
    assert isinstance(rej, Rejected) and "no body text" in rej.reason


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 7_000)
    rej = only(list(text.read(path, max_bytes=20_000)))
    assert isinstance(rej, Rejected)
    assert rej.reason == "file is 35 KB, larger than the 20 KB limit"
    big = tmp_path / "big2.txt"
    big.write_bytes(b"x" * 3_000_000)
    rej = only(list(text.read(big, max_bytes=2_000_000)))
    assert isinstance(rej, Rejected) and rej.reason == "file is 3 MB, larger than the 2 MB limit"


# ----------------------------------------------------------------------------- html


def test_html_page(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    art = only(list(html.read(path)))
    assert isinstance(art, RawArticle)
    assert art.text is not None
    assert "agreed on Tuesday to meet again in Lisbon" in art.text
    assert "nobody should expect miracles" in art.text
    for furniture in ("Home", "Privacy policy", "Subscribe to our evening briefing"):
        assert furniture not in art.text
    assert art.title == "Ministers set a date for the next round"
    assert art.author == "Ines Marchetti"
    assert art.published == "2026-03-04"
    assert art.published_source == "metadata"
    assert art.html == PAGE


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            "<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
            "no article text found in the HTML",
        ),
        ("<<<>>> <//", "no article text found in the HTML"),
        ("", "empty file"),
    ],
)
def test_html_rejects(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "b.htm"
    path.write_text(content, encoding="utf-8")
    rej = only(list(html.read(path)))
    assert isinstance(rej, Rejected)
    assert rej.reason == reason


def test_html_binary(tmp_path: Path) -> None:
    path = tmp_path / "b.html"
    path.write_bytes(b"<html>\x00\x00\x00</html>")
    rej = only(list(html.read(path)))
    assert isinstance(rej, Rejected) and rej.reason == "binary file (NUL bytes)"


def test_fragment_text() -> None:
    got = html.fragment_text(
        "<p>One <b>bold</b> point.</p><script>bad()</script><ul><li>Two</li></ul>"
    )
    assert got == "One bold point.\n\nTwo"


# ----------------------------------------------------------------------------- jsonl


def test_jsonl_bad_line_keeps_others(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": 7,
                "text": "First record.",
                "url": "https://x.example/a",
                "published": "2026-01-05T10:00:00Z",
                "source": "Wire One",
                "title": "T",
            }
        ),
        '{"text": "broken" "record"}',
        json.dumps({"url": "https://x.example/none"}),
        "",
        json.dumps({"html": "<p>Second record body in HTML.</p>", "published": "not a date"}),
        "[1, 2]",
    ]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(jsonl.read(path))
    assert [type(i).__name__ for i in items] == [
        "RawArticle",
        "Rejected",
        "Rejected",
        "RawArticle",
        "Rejected",
    ]
    first, bad, empty, second, listed = items
    assert isinstance(first, RawArticle)
    assert (
        first.source_id,
        first.url,
        first.published,
        first.published_source,
        first.source,
        first.title,
        first.line,
    ) == ("7", "https://x.example/a", "2026-01-05", "metadata", "Wire One", "T", 1)
    assert bad == Rejected(str(path), 2, "not valid JSON: Expecting ',' delimiter (column 19)")
    assert empty == Rejected(str(path), 3, "record has neither 'text' nor 'html'")
    assert isinstance(second, RawArticle)
    assert (
        second.text == "Second record body in HTML."
        and second.published is None
        and second.line == 5
    )
    assert isinstance(listed, Rejected) and listed.line == 6 and "not an object" in listed.reason


def test_json_list_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(
        '[\n  {"text": "one"},\n  {"text": "two",\n   "id": "b"},\n  {"title": "no body"}\n]\n',
        encoding="utf-8",
    )
    items = list(jsonl.read(path))
    assert [getattr(i, "text", None) for i in items] == ["one", "two", None]
    assert [i.line for i in items] == [2, 3, 5]
    assert isinstance(items[2], Rejected)


def test_json_syntax_error_line(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('[\n {"text": "one"},\n {"text": }\n]', encoding="utf-8")
    rej = only(list(jsonl.read(path)))
    assert isinstance(rej, Rejected) and rej.line == 3 and rej.reason.startswith("not valid JSON:")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-05", "2026-01-05"),
        ("2026-01-05T23:10:00+02:00", "2026-01-05"),
        ("Mon, 05 Jan 2026 10:00:00 GMT", "2026-01-05"),
        ("January 5, 2026", "2026-01-05"),
        ("5 January 2026", "2026-01-05"),
        ("yesterday", None),
        ("2026-13-45", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_date(value: str | None, expected: str | None) -> None:
    assert normalise_date(value) == expected


# ----------------------------------------------------------------------------- feeds

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour Wire</title>
<item>
  <title>Talks resume</title>
  <link>https://wire.example/2026/02/03/talks</link>
  <guid>hw-101</guid>
  <pubDate>Tue, 03 Feb 2026 10:00:00 GMT</pubDate>
  <dc:creator>R. Alvarez</dc:creator>
  <description>Short teaser.</description>
  <content:encoded><![CDATA[<p>Negotiators met again on Tuesday.</p><p>They plan a second day.</p>]]></content:encoded>
</item>
<item>
  <title>Only a link</title>
  <link>https://wire.example/x</link>
</item>
<item>
  <title>Teaser only</title>
  <description>&lt;p&gt;A description that carries the story.&lt;/p&gt;</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Ledger Updates</title>
  <entry>
    <id>tag:ledger.example,2026:1</id>
    <title>Ceasefire holds</title>
    <link rel="alternate" href="https://ledger.example/ceasefire"/>
    <published>2026-04-02T08:00:00Z</published>
    <updated>2026-04-03T08:00:00Z</updated>
    <author><name>M. Osei</name></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The truce held overnight.</p></div></content>
  </entry>
</feed>
"""


def test_rss(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    items = list(feed.read(path))
    assert len(items) == 3
    first, linkonly, teaser = items
    assert isinstance(first, RawArticle)
    assert first.text == "Negotiators met again on Tuesday.\n\nThey plan a second day."
    assert (
        first.url,
        first.source_id,
        first.published,
        first.title,
        first.author,
        first.source,
    ) == (
        "https://wire.example/2026/02/03/talks",
        "hw-101",
        "2026-02-03",
        "Talks resume",
        "R. Alvarez",
        "Harbour Wire",
    )
    assert first.line == 5
    assert (
        isinstance(linkonly, Rejected) and linkonly.line == 14 and "no content" in linkonly.reason
    )
    assert isinstance(teaser, RawArticle) and teaser.text == "A description that carries the story."


def test_atom(tmp_path: Path) -> None:
    path = tmp_path / "f.atom"
    path.write_text(ATOM, encoding="utf-8")
    art = only(list(feed.read(path)))
    assert isinstance(art, RawArticle)
    assert art.text == "The truce held overnight."
    assert (art.url, art.published, art.source_id, art.author) == (
        "https://ledger.example/ceasefire",
        "2026-04-02",
        "tag:ledger.example,2026:1",
        "M. Osei",
    )


@pytest.mark.parametrize(
    ("content", "line", "reason_start"),
    [
        ("<rss><channel><item>\n<title>x</title>\n</chanel></rss>", 3, "not well-formed XML"),
        ("<html><body>not a feed</body></html>", None, "not an RSS or Atom feed"),
        ("<rss><channel><title>Empty</title></channel></rss>", None, "no items found"),
    ],
)
def test_feed_rejects(tmp_path: Path, content: str, line: int | None, reason_start: str) -> None:
    path = tmp_path / "f.xml"
    path.write_text(content, encoding="utf-8")
    rej = only(list(feed.read(path)))
    assert isinstance(rej, Rejected)
    assert rej.line == line
    assert rej.reason.startswith(reason_start)


def test_read_dispatch_and_sniff(tmp_path: Path) -> None:
    (tmp_path / "a.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "noext").write_text('{"text": "sniffed json"}\n{"text": "two"}\n', encoding="utf-8")
    (tmp_path / "page.data").write_text(PAGE, encoding="utf-8")
    assert len(list(read(tmp_path / "a.rss"))) == 3
    assert [getattr(a, "text", None) for a in read(tmp_path / "noext")] == ["sniffed json", "two"]
    page = only(list(read(tmp_path / "page.data")))
    assert isinstance(page, RawArticle) and page.title == "Ministers set a date for the next round"
