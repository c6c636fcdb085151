"""``storyline serve``: the dashboard and JSON API (FastAPI).

>>> # uvicorn.run(create_app("trade.db"), host="127.0.0.1", port=8000)  # doctest: +SKIP
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
