import shutil

import pytest

from tests.conftest import ROOT


@pytest.fixture
def content_copy(tmp_path):
    """A copy of the real ``content/`` to edit and load inside the test's transaction."""
    return shutil.copytree(ROOT / "content", tmp_path / "content")
