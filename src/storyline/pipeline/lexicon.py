"""Access to storyline's data files (lexicons, patterns) with caching.

Data lives in ``storyline/data/*.yaml``; code asks for it by file stem.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..datafile import parse_yaml
from ..errors import ConfigError


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed contents of ``storyline/data/<name>.yaml`` (cached, treat as read-only)."""
    path = resources.files("storyline") / "data" / f"{name}.yaml"
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"data/{name}.yaml: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"data/{name}.yaml: expected a mapping at the top level")
    return data
