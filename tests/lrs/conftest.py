"""The ``lrs`` fixture for the tests in this folder (it lives in ``fixture.py``)."""

from tests.lrs.fixture import lrs  # noqa: F401
