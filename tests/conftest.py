"""Shared fixtures: the spaCy model once per session, paths to ../shared data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """Path under ../shared; skip the test when absent, fail when CI requires it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("EVENTWIRE_REQUIRE_SHARED") == "1":
            pytest.fail(f"shared data missing: {path}")
        pytest.skip(f"shared data not available: {path}")
    return path


@pytest.fixture(scope="session")
def nlp():
    from eventwire import nlp as nlp_module

    return nlp_module.load()
