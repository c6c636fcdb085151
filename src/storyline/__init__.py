"""storyline: a sourced, dated, structured account of a developing news story."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .api import Store


def open(path: str = "storyline.db", **settings: Any) -> Store:
    """Open (or create) a storyline store: ``storyline.open("news.db").ingest([...])``."""
    from .api import Store

    return Store.open(path, **settings)


__all__ = ["__version__", "open"]
