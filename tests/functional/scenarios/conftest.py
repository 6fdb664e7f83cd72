import shutil

import pytest

from app.content.loader import load_content
from app.extensions import db
from tests.conftest import ROOT

SCENARIO = (ROOT / "tests" / "data" / "scenario.yaml").read_text()


def load_with(ctx, tmp_path, text: str) -> str:
    """The real content plus one scenario file, loaded inside the test's transaction."""
    root = shutil.copytree(ROOT / "content", tmp_path / "content")
    folder = root / "pm-for-it" / "scenarios"
    folder.mkdir(exist_ok=True)
    (folder / "zz-test-firewall.yaml").write_text(text)
    with ctx():
        load_content(db.session, root)
    return "/courses/project-management-for-it/scenarios/firewall-change"


@pytest.fixture
def scenario_loaded(ctx, tmp_path):
    """The real content plus tests/data/scenario.yaml."""
    return load_with(ctx, tmp_path, SCENARIO)


@pytest.fixture
def guarded_scenario(ctx, tmp_path):
    """The same, with "rush" offered only once trust has reached 90 (it starts at 50)."""
    guarded = SCENARIO.replace(
        "        next: outage\n",
        "        next: outage\n        when: {metric: trust, at_least: 90}\n",
    )
    assert guarded != SCENARIO
    return load_with(ctx, tmp_path, guarded)
