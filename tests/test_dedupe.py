"""Near-duplicate detection: a wire copy is found, a different article on the same topic is not."""

from __future__ import annotations

import pytest

from storyline.dedupe import (
    duplicates_of,
    from_bytes,
    minhash,
    minhash_bytes,
    reworded_copies,
    shingles,
)

ORIGINAL = (
    "Fishing ministers from Norland and Vestmark agreed on Thursday to split the herring quota "
    "for the coming season evenly, ending a dispute that had kept trawlers from both countries "
    "in port for six weeks. The deal, reached after two days of talks in the harbour town of "
    "Skarvik, lets each fleet land up to forty thousand tonnes and sets up a joint inspection "
    "office. Fishermen's unions on both sides welcomed the agreement but warned that fuel costs "
    "remained a bigger threat to their livelihoods than the quota itself. The ministers said "
    "they would meet again in the autumn to review catches and set next year's limits."
)
# the same wire story with a different header, a byline and one word changed
COPY = (
    "SKARVIK (Northern Wire) - " + ORIGINAL.replace("six weeks", "six long weeks")
    + " Reporting by Ada Brenn."
)
DIFFERENT = (
    "Herring prices at the Skarvik auction fell sharply on Friday as traders bet that the new "
    "quota deal between Norland and Vestmark would flood the market with fish by the spring. "
    "Wholesale buyers said restaurants had already cut orders, and two processing plants "
    "announced temporary closures while they renegotiate contracts with the fleets. Analysts "
    "expect prices to recover once export licences to southern markets are renewed next month."
)


def items(**texts: str) -> list[tuple[str, bytes]]:
    return [(doc, minhash_bytes(text)) for doc, text in texts.items()]


def test_wire_copy_is_a_duplicate_of_the_earliest_id() -> None:
    assert duplicates_of(items(b2=COPY, a1=ORIGINAL, c3=DIFFERENT)) == {"b2": "a1"}


def test_different_article_on_the_same_topic_is_not_a_duplicate() -> None:
    assert duplicates_of(items(a1=ORIGINAL, c3=DIFFERENT)) == {}


def test_groups_are_transitive_and_point_to_one_root() -> None:
    copy2 = COPY.replace("Thursday", "Thursday evening")
    found = duplicates_of(items(z=copy2, m=COPY, a=ORIGINAL))
    assert found == {"m": "a", "z": "a"}


@pytest.mark.parametrize("n", [0, 1])
def test_fewer_than_two_documents(n: int) -> None:
    assert duplicates_of(items(a1=ORIGINAL)[:n]) == {}


def test_minhash_bytes_round_trip() -> None:
    data = minhash_bytes(ORIGINAL)
    assert from_bytes(data).jaccard(minhash(ORIGINAL)) == 1.0
    assert minhash_bytes(ORIGINAL) == data  # deterministic across calls


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", set()), ("Two words", {"two words"}), ("A b c d e f", {"a b c d e", "b c d e f"})],
)
def test_shingles(text: str, expected: set[str]) -> None:
    assert shingles(text) == expected


RETOLD_FROM = ("Dravonia has pledged to buy four billion dollars of Kestrian grain over the next two years, a "
            "gesture aimed at thawing relations before the two presidents meet in Switzerland next week. "
            "Foreign Minister Elena Marisova announced the pledge on Tuesday in Korvath, saying state buyers "
            "would take wheat, barley and maize from Kestrian exporters at market prices.")
RETOLD = ("Dravonia has promised to purchase four billion dollars worth of Kestrian grain across two years, "
            "an olive branch before the presidents of both countries hold talks in Switzerland. Announcing the "
            "pledge in Korvath on Tuesday, Foreign Minister Elena Marisova said state buyers would take wheat, "
            "barley and maize from Kestrian exporters at market prices.")
UNRELATED = ("Kestria gave the Dravonian offer to buy four billion dollars of grain a cautious welcome on "
             "Wednesday. A spokeswoman for the foreign ministry said the sanctions on Dravonian banks would stay "
             "until a deal was signed, while farm groups said the pledge would help growers who lost their "
             "largest export market when the dispute began.")  # the same news, reported independently


def test_a_reworded_copy_is_the_later_of_two_retellings() -> None:
    assert reworded_copies([("a", RETOLD_FROM), ("b", RETOLD), ("c", UNRELATED)]) == {"b": "a"}


@pytest.mark.parametrize(
    "items",
    [
        [("a", RETOLD_FROM), ("c", UNRELATED)],  # the same story told independently
        [("a", RETOLD_FROM), ("b", RETOLD_FROM + " Read more on our website.")],  # a near-duplicate, not a rewording
    ],
)
def test_independent_reports_and_near_duplicates_are_no_reworded_copies(items: list[tuple[str, str]]) -> None:
    assert reworded_copies(items) == {}
