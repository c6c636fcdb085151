"""clean(): every boilerplate family goes, content stays, offsets map back exactly."""

from __future__ import annotations

import pytest

from storyline.clean import clean
from storyline.records import Cleaned


def check_offsets(raw: str, cleaned: Cleaned) -> None:
    assert len(cleaned.offsets) == len(cleaned.text)
    assert all(cleaned.text[i] == raw[o] for i, o in enumerate(cleaned.offsets))
    assert list(cleaned.offsets) == sorted(cleaned.offsets)
    for r in cleaned.removed:
        assert raw[r.start : r.end] == r.text


BODY = "Negotiators met in Oslo on Monday to discuss a 15% levy on steel imports."

CASES = [
    (
        "paywall",
        "Already a member? Please log in to your account to continue reading. Forgot your password?\n"
        + BODY,
        ["Already a member", "log in to your account"],
        "paywall",
    ),
    (
        "paywall-log-in-left-alone",
        BODY + "\n\nSubscribe now to keep reading. Already a subscriber? Log in.\n\nThe talks resume in May.",
        ["Subscribe now", "Already a subscriber", "Log in."],
        "paywall",
    ),
    (
        "related-links-block",
        BODY + "\n\nRead more:\nWho are the rebels?\nMarket strike: what we know\nMediators race the calendar\n\n"
        "The talks resume in May.",
        ["Who are the rebels", "what we know", "race the calendar"],
        "related links",
    ),
    (
        "syndication-note",
        BODY + "\n\nThe Harbour Daily republishes wire copy under licence. The talks resume in May.",
        ["republishes wire copy"],
        "copyright",
    ),
    (
        "paywall-inline",
        BODY + " Subscribe now to continue reading this story.\n\nThe talks resume in May.",
        ["Subscribe now"],
        "paywall",
    ),
    (
        "also-read-block",
        BODY
        + "\n\nAlso Read\n\nWhy Copper Prices Keep Climbing This Year\n\nThe talks resume in May.",
        ["Also Read", "Copper Prices"],
        "related links",
    ),
    (
        "read-next-inline",
        BODY + "\n\nRead Next: Five Things To Watch In The Bond Market\n\nThe talks resume in May.",
        ["Read Next", "Bond Market"],
        "related links",
    ),
    (
        "related-heading",
        BODY + "\nRelated:\nShipping Rates Jump After Port Strike\nThe talks resume in May.",
        ["Related", "Shipping Rates"],
        "related links",
    ),
    (
        "photo-agency",
        "Anna Lind/Getty Images via Wire Service\n\n" + BODY,
        ["Getty Images"],
        "photo credit",
    ),
    ("photo-via", BODY + "\n\nPhoto via Unsplash", ["Unsplash"], "photo credit"),
    (
        "photo-courtesy",
        BODY + "\nPicture courtesy: Port Authority",
        ["Picture courtesy"],
        "photo credit",
    ),
    ("photo-colon", "Photo: Harbour cranes in Oslo.\n" + BODY, ["Harbour cranes"], "photo credit"),
    (
        "photo-caption-and-credit",
        "Photo: The two ministers shake hands after the signing ceremony in Oslo. (Kari Holm/Fjord Press Agency)\n"
        + BODY,
        ["shake hands", "Kari Holm"],
        "photo credit",
    ),
    (
        "newsletter-two-sentences",
        BODY + "\n\nGet the Harbour Post trade newsletter every Friday. Sign up here.",
        ["newsletter", "Sign up"],
        "newsletter or corrections prompt",
    ),
    (
        "photo-inline",
        BODY[:-1] + " (Reuters photo).\nThe talks resume in May.",
        ["Reuters photo"],
        "photo credit",
    ),
    (
        "byline",
        "By Maria Lopez, Tom Berg and Ana de Souza\n\n" + BODY,
        ["Maria Lopez", "Tom Berg"],
        "byline",
    ),
    ("byline-outlet", "By Kim Hansen | Nordic Post\n" + BODY, ["Kim Hansen"], "byline"),
    ("wire-cnn", "(CNN) — " + BODY, ["(CNN)"], "wire tag"),
    ("wire-reuters", "OSLO, March 3 (Reuters) - " + BODY, ["(Reuters)", "OSLO"], "wire tag"),
    ("wire-ap", "WASHINGTON (AP) — " + BODY, ["(AP)"], "wire tag"),
    (
        "wire-any-agency",
        "LISBON, 4 March 2026 (Quay News) - " + BODY,
        ["Quay News", "LISBON"],
        "wire tag",
    ),
    ("wire-lapresse", "Washington (USA), 25 March (LaPresse) - " + BODY, ["LaPresse"], "wire tag"),
    ("dateline-dash", "BRUSSELS — " + BODY, ["BRUSSELS"], "wire tag"),
    ("wire-line", BODY + "\n\nThe-Ledger-Wire", ["Ledger-Wire"], "wire tag"),
    (
        "copyright",
        BODY + "\n\n© 2026 Nordic Post Media Group. All rights reserved.",
        ["Nordic Post Media", "rights reserved"],
        "copyright",
    ),
    (
        "copyright-tm",
        BODY + "\n™ & © 2026 Example Broadcasting Inc.",
        ["Example Broadcasting"],
        "copyright",
    ),
    (
        "corrections-email",
        BODY + "\n\nFor corrections or tips, email desk[at]example[dot]org.",
        ["For corrections", "desk[at]"],
        "newsletter or corrections prompt",
    ),
    (
        "newsletter",
        BODY + "\n\nSign up for our free morning newsletter to get the day's top stories.",
        ["newsletter"],
        "newsletter or corrections prompt",
    ),
    (
        "loading",
        BODY + "\n\nLoading... Loading...\n\nThe talks resume in May.",
        ["Loading"],
        "loading placeholder",
    ),
    (
        "share",
        "Share\nTweet\nEmail\n" + BODY + "\nPrint\nComments",
        ["Share", "Tweet", "Print", "Comments"],
        "share widget",
    ),
    ("share-row", "Share | Tweet | Copy link\n" + BODY, ["Copy link"], "share widget"),
    (
        "updated-note",
        BODY + "\n\nThis article has been updated to add a comment from the ministry.",
        ["has been updated"],
        "update note",
    ),
    (
        "contributors",
        BODY + "\n\nLena Ivers and Paul Okoro contributed to this report.",
        ["Lena Ivers", "contributed"],
        "contributors",
    ),
    (
        "reporting-by",
        BODY + " (Reporting by Lena Ivers; Editing by Paul Okoro)",
        ["Reporting by", "Editing by"],
        "contributors",
    ),
    (
        "disclaimer",
        BODY
        + "\nDisclaimer: Parts of this article were drafted with AI tools and checked by editors.",
        ["Disclaimer", "AI tools"],
        "disclaimer",
    ),
    (
        "published-line",
        "Published Thu, Mar 5, 2026\n" + BODY,
        ["Published Thu"],
        "publication line",
    ),
    ("date-only-line", "5. Mar 2026 - 10:42\n" + BODY, ["10:42"], "publication line"),
    (
        "long-caption-with-credit",
        "Photo: Dockworkers unload steel coils in Rotterdam. Signs reading \"Fair trade now\" hang over the "
        "gates of the port, where volumes have fallen for three months. (Anna de Vries/Harbour Daily)\n" + BODY,
        ["Dockworkers unload", "Anna de Vries"],
        "photo credit",
    ),
    ("section-links", "Harbour Daily | Business | Europe\n" + BODY, ["Business | Europe"], "section links"),
    ("section-links-short", "World | Asia-Pacific\n" + BODY, ["Asia-Pacific"], "section links"),
    (
        "cookie-notice",
        "We use cookies to improve your experience. By using this site you agree to our cookie policy. [Accept]\n"
        + BODY,
        ["cookies", "[Accept]"],
        "cookie notice",
    ),
    (
        "inbox-prompt",
        BODY + "\n\nGet the Harbour Daily's Europe Briefing in your inbox every weekday morning. Sign up now.",
        ["in your inbox", "Sign up now"],
        "newsletter or corrections prompt",
    ),
    ("share-row", BODY + "\n\nShare on Facebook | Tweet this | Pin it | Copy link", ["Tweet this"], "share widget"),
    ("cookie-site", BODY + "\n\nThis website uses cookies to measure how the site is used.", ["uses cookies"],
     "cookie notice"),
    ("consent-buttons", BODY + "\n\n[Accept all] [Manage settings]", ["[Accept all]"], "cookie notice"),
    ("sign-up-free", BODY + "\n\nSign up free", ["Sign up free"], "newsletter or corrections prompt"),
    ("briefing", BODY + "\n\nSign up for the Harbour Wire Morning Grains briefing.", ["Morning Grains"],
     "newsletter or corrections prompt"),
    ("join-readers", BODY + "\n\nJoin 12,000 millers and shippers who get our daily digest.", ["12,000 millers"],
     "newsletter or corrections prompt"),
    ("unlimited-access", BODY + "\n\nGet unlimited access to the Review from $2 a month.", ["unlimited access"],
     "newsletter or corrections prompt"),
    ("section-lowercase", "World | Europe | Markets | Food security\n\n" + BODY, ["Food security"], "section links"),
    ("full-access", BODY + "\n\nGet full access to the Harbour Daily from $0.99 for your first month",
     ["full access"], "newsletter or corrections prompt"),
    ("trending-row", "Trending: Oslo talks | Budget vote | Markets live\n\n" + BODY, ["Budget vote"], "related links"),
    ("spaced-menu", "World  Business  Markets  Politics  Breaking Views  Video\n\n" + BODY, ["Breaking Views"],
     "section links"),
    ("editorial-standards", BODY + "\n\nHarbour Daily Editorial Standards: How we report", ["How we report"],
     "section links"),
    ("comments-closed", BODY + "\n\nComments are closed for this article.", ["Comments are closed"], "share widget"),
    ("author-bio", BODY + "\n\nAna Ruiz is the Harbour Daily's shipping editor, based in Lima.",
     ["shipping editor"], "author bio"),
    ("author-covers", BODY + "\n\nAna Ruiz covers grains and freight for the Harbour Daily. She is based in Lima.",
     ["covers grains", "based in Lima"], "author bio"),
    ("byline-places", "By Ana Ruiz in Lima and Tom Hale in Quito\n\n" + BODY, ["Tom Hale"], "byline"),
    ("byline-beat", "Ana Ruiz, Freight Correspondent, and Tom Hale in Quito\n\n" + BODY, ["Correspondent"], "byline"),
    ("reported-from", BODY + "\n\nAna Ruiz reported from Lima and Tom Hale from Quito.", ["reported from"],
     "contributors"),
    ("about-authors", BODY + "\n\nAbout the author: Ana Ruiz is the Ledger's freight editor.", ["About the"],
     "author bio"),
    ("more-in-heading", BODY + "\n\nMore in Americas\nPort strike spreads to Callao\nCopper hits record",
     ["More in Americas", "Callao", "Copper hits"], "related links"),
    ("tag-row", BODY + "\n\nRelated topics: Peru | Shipping | Strikes", ["Related topics"], "related links"),
    ("tags-commas", BODY + "\n\nTags: Peru, Shipping, Ports", ["Tags:"], "related links"),
    ("live-banner", "LIVE: Andean summit week\n\n" + BODY, ["Andean summit"], "related links"),
    ("consent-row", BODY + "\n\nAllow all | Reject all | Manage choices", ["Reject all"],
     "cookie notice"),
    ("post-on", BODY + "\n\nShare on LinkedIn | Post on X | Copy link", ["Post on X"], "share widget"),
    ("follow-outlet", BODY + "\n\nFollow the Harbour Ledger on Google News", ["Google News"],
     "newsletter or corrections prompt"),
    ("newsletter-label", BODY + "\n\nNewsletter: The Freight Note. Every Monday.", ["Freight Note"],
     "newsletter or corrections prompt"),
    ("sign-up-named", BODY + "\n\nSign up for The Ledger Freight Wire: ports news daily. Enter your email",
     ["Freight Wire", "Enter your email"], "newsletter or corrections prompt"),
    ("menu-small-words", BODY + "\n\nApps | Podcasts | Work with Us | Contact Us", ["Work with Us"],
     "section links"),
    ("standards", BODY + "\n\nOur Standards: The Harbour Ledger Trust Principles.", ["Trust Principles"],
     "section links"),
    ("quotes-delayed", BODY + "\n\nAll prices delayed. Quotes delayed by at least 20 minutes.", ["at least 20"],
     "market data notice"),
    ("masthead", "Harbour Ledger\n\nPort strike widens\n\n" + BODY + " Sources told the Harbour Ledger so.",
     ["Harbour Ledger\n"], "masthead"),
    ("masthead-caps", "THE HARBOUR LEDGER\n\n" + BODY + "\n\n(Photo: Ana Ruiz/Harbour Ledger)",
     ["THE HARBOUR"], "masthead"),
    ("share-on-row", "Share on Facebook | Share on X | Email this article\n\n" + BODY, ["Share on"], "share widget"),
    ("updated-ago", "By Ana Ruiz, ports reporter\nUpdated 6 min ago\n\n" + BODY, ["6 min ago"], "publication line"),
    ("paywall-offer", BODY + "\n\nSubscribe to continue reading\nUnlimited digital access from $1.99 a week. Cancel anytime.",
     ["Unlimited digital", "Cancel anytime"], "paywall"),
    ("related-abbreviation", BODY + "\n\nRead next:\nWhy ports matter\nFive charts on what Canada sells to the U.S.\n\n" + BODY,
     ["Five charts"], "related links"),
    ("bracketed-caption", "[Photo: Trucks wait at the border crossing. Photo credit: Harbour Desk / Ana Ruiz]\n\n" + BODY,
     ["Trucks wait", "Ana Ruiz"], "photo credit"),
    ("comment-row", BODY + "\n\n[Share on Facebook] [Share on X] [Share on LinkedIn] [Send by email]   Comments (48)\n"
     "Comments (32) | Report an error | Reprints & permissions", ["Share on", "Comments (", "Reprints"], "share widget"),
    ("listen-row", "Listen to this article · 6 min\nReading time: 5 minutes\n\n" + BODY,
     ["Listen to", "Reading time"], "share widget"),
    ("metering", "You have read 3 of your 3 free articles this month.\n\n" + BODY, ["free articles"], "metering notice"),
    ("copyright-owner-first", BODY + "\n\n(c) Harbour Ledger 2024. Republication or redistribution of content is "
     "prohibited without prior written consent.", ["Harbour Ledger", "Republication"], "copyright"),
    ("amended", BODY + "\n\nThis article was amended on 5 November 2024 to correct a name.", ["amended"], "update note"),
    ("sign-up-colon", BODY + "\n\nSign up: The Harbour Briefing arrives every morning at 6:30. Register free.",
     ["Harbour Briefing", "Register free"], "newsletter or corrections prompt"),
    (
        "furniture",
        BODY + "\n\nMarket Watch Live Ticker\n\nWeather Radar",
        ["Market Watch", "Weather Radar"],
        "site furniture",
    ),
]


@pytest.mark.parametrize(("name", "raw", "gone", "reason"), CASES, ids=[c[0] for c in CASES])
def test_family_removed(name: str, raw: str, gone: list[str], reason: str) -> None:
    cleaned = clean(raw)
    check_offsets(raw, cleaned)
    for g in gone:
        assert g not in cleaned.text, cleaned.text
    assert BODY.rstrip(".") in cleaned.text
    assert reason in {r.reason for r in cleaned.removed}


@pytest.mark.parametrize(
    "raw",
    [
        "However, negotiations with the bloc may not be simple.",
        "By Monday, officials had agreed to a second round of talks in Vienna.",
        "Related talks on fishing quotas will continue next month.",
        "Images of the signing ceremony circulated widely on Tuesday.",
        '"We will not sign a bad deal," the minister told reporters. "Not now, not ever."',
        "Photographers waited outside the ministry for hours.",
        "The share of exports going to Asia rose to 40%.",
        "Updated figures released on Friday showed exports fell 2.1%.",
        "Published data show the deficit narrowed in March.",
        "Reuters reported that the meeting was postponed until April 2.",
        "US - China trade rose sharply last year.",
        "She said she would close the file by Friday.",
        "Close\nsupporters of the minister praised the deal.",
        "Total dead: 10\nInjured: 74",
        "The company said it would subscribe to the new bond issue.",
        "Analysts said the deal was signed in Geneva after months of talks.",
        "Sign the deal now, the minister urged, or face higher duties.",
        "EU - US relations (long strained) - improved in March.",
        "Officials had to log in to the customs system to register the shipments.",
        "The agency republished the report on Monday after correcting two figures.",
        "Exports to Japan | Korea rose 4% (chart below).",
        "The ministry said cookies and biscuits face the new duty from May 1.",
        "Photo opportunities were few: the leaders met behind closed doors (officials said).",
        "The Trade Agreement covers about 90% of the goods the two sides exchange.",
        "Trade Minister Ana Ruiz is a former journalist who covered the last round of talks.",
        "The Harbour Daily is the paper of record in the port city.",
        "Comments from the ministry were closed to the press on Friday.",
        "Trending lower: shares fell 2% in early trading.",
        "The board reviewed its editorial standards after the complaint, the paper said.",
        "Live coverage of the vote will resume on Monday, the broadcaster said.",
        "Tags on the containers showed they had been loaded in Busan.",
        "Ana Ruiz, a freight analyst at the bank, said rates would rise.",
        "Officials reported from the border that the crossing had reopened.",
        "More in the delegation wanted a pause, diplomats said.",
        "Quotes from the minister were read out in parliament.",
        "Prices updated 6 times a day fell.",
        "Cancel the tariff, the minister urged.",
        "The deal gives unlimited access to the port for Canadian ships.",
        "Reprinting the ballots took 48 minutes, officials said.",
        "You have to read the fine print, the minister said.",
        "Redistribution of the quota is prohibited under the deal, officials said.",
        "[Officials said the photo was taken in May.]",
    ],
)
def test_content_kept(raw: str) -> None:
    cleaned = clean(raw)
    check_offsets(raw, cleaned)
    for sentence in raw.split("\n"):
        if sentence not in {"Close"}:
            assert sentence.strip() in cleaned.text, (sentence, cleaned.removed)


def test_paragraphs_and_whitespace() -> None:
    raw = "  First paragraph line.   \r\n\r\n\r\n\nSecond   paragraph.\nSame paragraph.\n\nShare\n\nThird.  "
    cleaned = clean(raw)
    check_offsets(raw, cleaned)
    assert cleaned.text == "First paragraph line.\n\nSecond paragraph.\nSame paragraph.\n\nThird."


def test_removed_line_keeps_single_break() -> None:
    raw = "Alpha line.\nPhoto: Harbour\nBeta line."
    cleaned = clean(raw)
    assert cleaned.text == "Alpha line.\nBeta line."


def test_empty_and_all_boilerplate() -> None:
    assert clean("").text == ""
    cleaned = clean("Share\nTweet\n© 2026 Someone. All rights reserved.")
    assert cleaned.text == ""
    assert len(cleaned.removed) == 3


def test_raw_offset_helper() -> None:
    raw = "(CNN) — Ministers met."
    cleaned = clean(raw)
    assert cleaned.text == "Ministers met."
    assert cleaned.raw_offset(0) == raw.index("Ministers")


def test_a_block_of_related_links_ends_at_a_blank_line() -> None:
    cleaned = clean("Read more:\nWho are the rebels?\nA market strike\n\nThe Road To April\n\nThe talks resume in May.")
    assert cleaned.text == "The Road To April\n\nThe talks resume in May."


PARA = ("Negotiators met in Oslo on Monday to discuss a 15% levy on steel imports, and officials "
        "said a second round would follow before the end of the month.")


@pytest.mark.parametrize(
    ("middle", "gone"),
    [
        ("10 charts every steel trader should see\nIs your supplier exposed to the levy?", True),
        ("Markets in focus\nWhat the levy means for you\nThe week ahead in trade", True),
        # one line alone is a subhead
        ("What happens next", False),
        # a list introduced by a colon, or bulleted, is content
        ("- Steel: 15% from May 1\n- Aluminium: 10% from June 1", False),
        # lines that end in full stops are sentences
        ("The talks are set to resume.\nBoth sides agreed.", False),
    ],
)
def test_a_teaser_block_between_paragraphs(middle: str, gone: bool) -> None:
    raw = f"{PARA}\n\n{middle}\n\n{PARA}"
    cleaned = clean(raw)
    check_offsets(raw, cleaned)
    assert cleaned.text.count(PARA) == 2
    for line in middle.split("\n"):
        assert (line not in cleaned.text) is gone, cleaned.text
    assert ("promo links" in {r.reason for r in cleaned.removed}) is gone


def test_a_teaser_block_needs_body_on_both_sides() -> None:
    raw = f"Steel Levy Talks\nOfficials gather in Oslo\n\n{PARA}"
    assert clean(raw).text == raw


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        # named nowhere else: may be the headline
        ("Harbour Ledger\n\n" + BODY, "Harbour Ledger"),
        # said again only in lower case: a headline, not the outlet
        ("Talks Collapse\n\n" + BODY + " The talks collapse was expected.", "Talks Collapse"),
        # below the first paragraph: a subhead
        (BODY + " Ports on the coast were shut, and the union said more would follow next week.\n\n"
         "Harbour Ledger\n\nThe Harbour Ledger asked the ministry for comment.", "Harbour Ledger\n"),
    ],
)
def test_masthead_needs_the_header_and_a_second_naming(raw: str, kept: str) -> None:
    cleaned = clean(raw)
    check_offsets(raw, cleaned)
    assert kept in cleaned.text
    assert "masthead" not in {r.reason for r in cleaned.removed}
