"""YAML for storyline's data files and users' dictionaries: safe, and strict about duplicates.

PyYAML keeps the last of two equal keys in a mapping without a word; a key written twice in
a lexicon or a user's actor dictionary is almost always a mistake that silently drops data,
so every YAML storyline reads goes through :func:`parse_yaml`, which refuses it.
"""

from __future__ import annotations

from typing import Any

import yaml


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


def parse_yaml(text: str) -> Any:
    """YAML text parsed safely, refusing duplicate keys."""
    return yaml.load(text, Loader=_UniqueKeyLoader)
