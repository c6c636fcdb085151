"""storyline.pipeline.lexicon: the data files load, and a key written twice is an error."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from storyline.pipeline.lexicon import load, parse

SHIPPED = sorted(p.name.removesuffix(".yaml") for p in (resources.files("storyline") / "data").iterdir()
                 if p.name.endswith(".yaml"))  # fmt: skip


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_data_file_parses_without_duplicate_keys(name: str) -> None:
    assert isinstance(parse((resources.files("storyline") / "data" / f"{name}.yaml").read_text("utf-8")), dict)


def test_a_key_written_twice_names_its_line() -> None:
    text = "verb:\n  strike: {type: agreement}\n  hit: {type: attack}\n  strike: {type: attack}\n"
    with pytest.raises(yaml.YAMLError, match=r"duplicate key 'strike'(?s:.*)line 4"):
        parse(text)


def test_the_same_key_in_two_mappings_is_fine() -> None:
    assert parse("verb:\n  strike: 1\nnoun:\n  strike: 2\n") == {"verb": {"strike": 1}, "noun": {"strike": 2}}


def test_load_is_cached_and_typed() -> None:
    assert load("event_triggers") is load("event_triggers")
    assert isinstance(load("event_triggers")["verb"]["strike"], list)
