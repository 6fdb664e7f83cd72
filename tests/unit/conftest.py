"""Fixtures for the unit tests that read the real curriculum."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.content.tree import read_content

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="session")
def curriculum():
    """``content/`` read and checked once for every test that needs it; it has no problem."""
    tree = read_content(CONTENT)
    assert tree.problems == []
    return tree
