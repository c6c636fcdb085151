"""Access to storyline's data files (lexicons, patterns) with caching.

Data lives in ``storyline/data/*.yaml``; code asks for it by file stem.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..errors import ConfigError


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that rejects a key written twice in one mapping (YAML keeps the last
    silently, which once dropped half of a trigger's context words)."""


def _unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def parse(text: str) -> Any:
    """YAML text parsed safely, refusing duplicate keys."""
    return yaml.load(text, Loader=_UniqueKeyLoader)


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed contents of ``storyline/data/<name>.yaml`` (cached, treat as read-only)."""
    path = resources.files("storyline") / "data" / f"{name}.yaml"
    try:
        data = parse(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"data/{name}.yaml: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"data/{name}.yaml: expected a mapping at the top level")
    return data
