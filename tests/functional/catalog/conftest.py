import shutil

import pytest

from tests.conftest import ROOT
from tests.factories import make_user


@pytest.fixture
def learner(client, auth, ctx):
    """A verified learner, logged in on ``client``; returns the user's id."""
    with ctx():
        user_id = make_user(email="learner@example.com").id
    assert auth.login().status_code == 302
    return user_id


@pytest.fixture
def content_copy(tmp_path):
    """A copy of the real ``content/`` to edit and load inside the test's transaction."""
    return shutil.copytree(ROOT / "content", tmp_path / "content")
