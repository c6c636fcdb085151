"""Settings: declared once, read from defaults, STORYLINE_* variables and explicit overrides."""

from __future__ import annotations

import dataclasses

import pytest

from storyline.errors import ConfigError
from storyline.settings import Settings, describe, help_for


def test_defaults_without_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for f in dataclasses.fields(Settings):
        monkeypatch.delenv(f"STORYLINE_{f.name.upper()}", raising=False)
    assert Settings.from_env() == Settings()


@pytest.mark.parametrize(
    ("name", "raw", "value"),
    [
        ("db", "other.db", "other.db"),
        ("batch_words", "5000", 5000),
        ("dup_threshold", "0.65", 0.65),
        ("max_chars", "1000", 1000),
        ("actors", "extra.yaml", "extra.yaml"),
    ],
)
def test_environment_variables_are_coerced(
    monkeypatch: pytest.MonkeyPatch, name: str, raw: str, value: object
) -> None:
    monkeypatch.setenv(f"STORYLINE_{name.upper()}", raw)
    got = getattr(Settings.from_env(), name)
    assert got == value
    assert type(got) is type(value)


def test_explicit_overrides_beat_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_DB", "env.db")
    assert Settings.from_env(db="flag.db").db == "flag.db"
    assert Settings.from_env(db=None).db == "env.db"  # an absent flag does not override


def test_bad_environment_value_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_BATCH_WORDS", "lots")
    with pytest.raises(ConfigError, match="batch_words") as info:
        Settings.from_env()
    assert "\n" not in str(info.value)


def test_unknown_setting() -> None:
    with pytest.raises(ConfigError, match="unknown setting"):
        Settings.from_env(colour="blue")
    with pytest.raises(ConfigError, match="unknown setting"):
        help_for("colour")


def test_settings_are_frozen_and_replaceable() -> None:
    s = Settings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.db = "x.db"  # type: ignore[misc]
    assert s.replace(db="x.db").db == "x.db"
    assert s.db == "storyline.db"


def test_describe_lists_every_setting_once() -> None:
    rows = describe()
    assert [r["name"] for r in rows] == [f.name for f in dataclasses.fields(Settings)]
    for row in rows:
        assert row["help"].strip()
        assert row["env"] == f"STORYLINE_{row['name'].upper()}"
        assert row["flag"] is None or row["flag"].startswith("--")
        assert row["default"] == getattr(Settings(), row["name"])
    flags = [r["flag"] for r in rows if r["flag"]]
    assert len(flags) == len(set(flags))


def test_help_for_mentions_the_default() -> None:
    assert "20000" in help_for("batch_words")
