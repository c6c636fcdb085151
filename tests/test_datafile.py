"""storyline.datafile and storyline.pipeline.lexicon: the data files load, and a key written twice is an error."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from storyline.datafile import parse_yaml
from storyline.dictionary import load_dictionary
from storyline.errors import ConfigError
from storyline.pipeline.lexicon import load

SHIPPED = sorted(p.name.removesuffix(".yaml") for p in (resources.files("storyline") / "data").iterdir()
                 if p.name.endswith(".yaml"))  # fmt: skip


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_data_file_parses_without_duplicate_keys(name: str) -> None:
    assert isinstance(parse_yaml((resources.files("storyline") / "data" / f"{name}.yaml").read_text("utf-8")), dict)


def test_a_key_written_twice_names_its_line() -> None:
    text = "verb:\n  strike: {type: agreement}\n  hit: {type: attack}\n  strike: {type: attack}\n"
    with pytest.raises(yaml.YAMLError, match=r"duplicate key 'strike'(?s:.*)line 4"):
        parse_yaml(text)


def test_the_same_key_in_two_mappings_is_fine() -> None:
    assert parse_yaml("verb:\n  strike: 1\nnoun:\n  strike: 2\n") == {"verb": {"strike": 1}, "noun": {"strike": 2}}


def test_load_is_cached_and_typed() -> None:
    assert load("event_triggers") is load("event_triggers")
    assert isinstance(load("event_triggers")["verb"]["strike"], list)


def test_a_user_dictionary_with_a_key_written_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text("actors:\n  - {id: 'person:ana-ruiz', name: Ana Ruiz, name: Ana Ruis}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"actors\.yaml.*duplicate key 'name'"):
        load_dictionary(path)
