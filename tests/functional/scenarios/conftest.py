import shutil

import pytest

from app.content.loader import load_content
from app.extensions import db
from tests.conftest import ROOT


@pytest.fixture
def scenario_loaded(ctx, tmp_path):
    """The real content plus tests/data/scenario.yaml, loaded inside the test's transaction."""
    root = shutil.copytree(ROOT / "content", tmp_path / "content")
    folder = root / "pm-for-it" / "scenarios"
    folder.mkdir(exist_ok=True)
    shutil.copy(ROOT / "tests" / "data" / "scenario.yaml", folder / "zz-test-firewall.yaml")
    with ctx():
        load_content(db.session, root)
    return "/courses/project-management-for-it/scenarios/firewall-change"
