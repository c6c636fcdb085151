"""Numbers stage: percentages, changes, points, money and measured amounts."""

from __future__ import annotations

import pytest

from storyline.pipeline import numbers
from storyline.records import Quantity


def _run(spacy_model, text: str) -> list[Quantity]:  # type: ignore[no-untyped-def]
    doc = spacy_model(text)
    doc._.storyline_doc_id = "t1"
    found = numbers.find(doc)
    numbers.set_annotations(doc, found)
    assert doc._.storyline_quantities == found
    for q in found:
        assert text[q.start:q.end] == q.text
    return found


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Twelve", 12.0),
        ("twenty-five", 25.0),
        ("one hundred", 100.0),
        ("three hundred and forty", 340.0),
        ("1,250.5", 1250.5),
        ("a", 1.0),  # "a million": the scale word is parsed separately
        ("banana", None),
    ],
)
def test_parse_number(text: str, number: float | None) -> None:
    assert numbers.parse_number(text) == number


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "kind"),
    [
        ("Ottawa set a 35% levy on Mexican steel.", "35%", 35.0, "percent", "rate"),
        ("The inflation rate is 2.4% this spring.", "2.4%", 2.4, "percent", "rate"),
        ("Rome agreed to drop a 60% duty on cheese.", "60%", 60.0, "percent", "rate"),
        ("Brazil announced a 50 percent duty on coffee.", "50 percent", 50.0, "percent", "rate"),
        ("The council passed a 20-percent surcharge.", "20-percent", 20.0, "percent", "rate"),
        ("The party needs four percent support to enter parliament.", "four percent", 4.0, "percent", "rate"),
        ("Lenders want 75 basis points of extra yield.", "75 basis points", 75.0, "bp", "amount"),
        ("The firm borrowed $2.5 billion last year.", "$2.5 billion", 2.5e9, "usd", "amount"),
        ("Exports reached US$340bn in 2023.", "US$340bn", 3.4e11, "usd", "amount"),
        ("The fund holds €7 million in bonds.", "€7 million", 7e6, "eur", "amount"),
        ("The club paid £45m for the striker.", "£45m", 4.5e7, "gbp", "amount"),
        ("Seoul pledged 350 billion dollars in investment.", "350 billion dollars", 3.5e11, "usd", "amount"),
        ("Tokyo set aside 900 billion yen for farmers.", "900 billion yen", 9e11, "jpy", "amount"),
        ("The field pumps 750,000 barrels per day at peak.", "750,000 barrels per day", 750000.0, "bbl/d", "amount"),
        ("Kazakhstan shipped 40 million barrels in May.", "40 million barrels", 4e7, "bbl", "amount"),
        ("Growers harvested 30 million bushels this fall.", "30 million bushels", 3e7, "bushel", "amount"),
        ("The mine produced 8 million tonnes last year.", "8 million tonnes", 8e6, "t", "amount"),
        ("Mills used 2,000 short tons in March.", "2,000 short tons", 1814.36948, "t", "amount"),
        ("Europe imported 15 bcm of gas.", "15 bcm", 1.5e10, "m3", "amount"),
    ],
)
def test_units(spacy_model, text: str, surface: str, value: float, unit: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    found = _run(spacy_model, text)
    assert len(found) == 1
    q = found[0]
    assert (q.text, q.unit, q.kind) == (surface, unit, kind)
    assert q.value == pytest.approx(value)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "surface", "value", "previous", "direction"),
    [
        ("Ottawa lowered the levy from 60% to 15% on Friday.", "from 60% to 15%", 15.0, 60.0, "down"),
        ("Duties went from 10 to 40 percent within a month.", "from 10 to 40 percent", 40.0, 10.0, "up"),
        ("The bank cut its rate to 3% from 4.5% in June.", "3% from 4.5%", 3.0, 4.5, "down"),
        ("Revenue grew to $4.27 billion from $4 billion.", "$4.27 billion from $4 billion", 4.27e9, 4e9, "up"),
        ("Washington raised its tariff on Canadian lumber to 45%.", "45%", 45.0, None, "up"),
    ],
)
def test_changes(spacy_model, text: str, surface: str, value: float, previous: float | None, direction: str) -> None:  # type: ignore[no-untyped-def]
    found = _run(spacy_model, text)
    assert len(found) == 1
    q = found[0]
    assert (q.text, q.value, q.previous, q.direction, q.kind) == (surface, value, previous, direction, "change")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The FTSE was up 85 points, or 1.1%, by noon.",
         [("85 points", 85.0, "points", "up"), ("1.1%", 1.1, "percent", "up")]),
        ("Gold fell 2.3% while silver climbed 4%.",
         [("2.3%", 2.3, "percent", "down"), ("4%", 4.0, "percent", "up")]),
        ("Bond yields ended 0.2% lower and the yen closed 1% higher.",
         [("0.2%", 0.2, "percent", "down"), ("1%", 1.0, "percent", "up")]),
        ("The index was down 410 points at the close.", [("410 points", 410.0, "points", "down")]),
        ("Copper prices jumped 6% overnight.", [("6%", 6.0, "percent", "up")]),
        ("The company raised $400 million from investors.", [("$400 million", 4e8, "usd", None)]),
        ("Fees may climb 5% to 8% next year.",
         [("5%", 5.0, "percent", "up"), ("8%", 8.0, "percent", None)]),
    ],
)
def test_directions(spacy_model, text: str, expected: list[tuple[str, float, str, str | None]]) -> None:  # type: ignore[no-untyped-def]
    found = _run(spacy_model, text)
    assert [(q.text, q.value, q.unit, q.direction) for q in found] == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "item"),
    [
        ("Beijing agreed to buy 9 million metric tons of American sorghum.",
         "9 million metric tons", 9e6, "t", "sorghum"),
        ("India will import twelve million tonnes of wheat.", "twelve million tonnes", 1.2e7, "t", "wheat"),
        ("Farmers sold 60 million bushels of corn to Mexico.", "60 million bushels", 6e7, "bushel", "corn"),
        ("Ships carried 3 million barrels of crude oil.", "3 million barrels", 3e6, "bbl", "crude oil"),
        ("Japan promised $80 billion worth of aircraft orders.",
         "$80 billion", 8e10, "usd", "aircraft orders"),
        ("The buyers booked 400 million crates of apples.", "400 million crates", 4e8, "crates", "apples"),
        ("Ottawa announced a 25% tariff on Chinese cars.", "25%", 25.0, "percent", "tariff"),
    ],
)
def test_items(spacy_model, text: str, surface: str, value: float, unit: str, item: str) -> None:  # type: ignore[no-untyped-def]
    found = _run(spacy_model, text)
    assert len(found) == 1
    q = found[0]
    assert (q.text, q.unit, q.item) == (surface, unit, item)
    assert q.value == pytest.approx(value)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 and the Nasdaq 100 opened on May 5, 2024.",
        "At one point the talks nearly collapsed.",
        "One of the two ministers left at 3 pm.",
        "He weighed 180 pounds and ran 3 laps.",
    ],
)
def test_no_quantities(spacy_model, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _run(spacy_model, text) == []


@pytest.mark.slow
def test_offsets_in_longer_text(spacy_model) -> None:  # type: ignore[no-untyped-def]
    text = "Markets rallied.\n\nThe Dax gained 1.8% and Paris added 0.6%, while Madrid slid 0.3%."
    found = _run(spacy_model, text)
    assert [(q.text, q.direction) for q in found] == [("1.8%", "up"), ("0.6%", "up"), ("0.3%", "down")]
    assert all(text[q.start:q.end] == q.text for q in found)
