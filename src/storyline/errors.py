"""One error hierarchy for storyline.

``StorylineError``
    Base class; ``str(err)`` is always one line fit for a terminal.
``IngestError``
    An input could not be read (binary, undecodable, broken HTML/JSON, empty, too large).
    Carries ``path`` and ``line`` so the message reads ``FILE:LINE: reason``.
``StoreError``
    The SQLite store is unusable (not a storyline database, newer schema, locked).
``ConfigError``
    A setting, actor dictionary or model name is invalid.
``NotFound``
    An id asked for does not exist in the store (the web API answers 404).
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base class of every error storyline raises on purpose."""


class IngestError(StorylineError):
    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason}")


class StoreError(StorylineError):
    pass


class ConfigError(StorylineError):
    pass


class NotFound(StorylineError):
    def __init__(self, kind: str, ident: str) -> None:
        self.kind = kind
        self.ident = ident
        super().__init__(f"no {kind} with id {ident!r}")
