import pytest


@pytest.fixture(autouse=True)
def _rolled_back(db_transaction):
    """Every functional test runs in a transaction that is rolled back."""
    yield
