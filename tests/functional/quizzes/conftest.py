import pytest

from app.content.loader import load_content
from app.extensions import db
from tests.bank_trees import write_bank_tree


@pytest.fixture
def bank_tree(ctx, tmp_path):
    """The small valid tree of ``tests/bank_trees.py``, loaded inside the test's transaction.

    Returns a function that rewrites the tree with ``files`` on top and loads it again.
    """

    def load(files=None):
        root = write_bank_tree(tmp_path, files)
        with ctx():
            return load_content(db.session, root)

    load()
    return load
