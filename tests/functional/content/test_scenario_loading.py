"""Scenarios load like the rest of the curriculum: upserted, versioned, retired."""

import shutil

from app.content.loader import load_content
from app.extensions import db
from app.models import Scenario
from tests.conftest import ROOT

SCENARIO = (ROOT / "tests" / "data" / "scenario.yaml").read_text()


def test_a_scenario_is_loaded_versioned_on_change_and_retired_when_removed(ctx, tmp_path):
    root = shutil.copytree(ROOT / "content", tmp_path / "content")
    folder = root / "pm-for-it" / "scenarios"
    folder.mkdir(exist_ok=True)
    (folder / "firewall.yaml").write_text(SCENARIO)
    with ctx():
        load_content(db.session, root)
        scenario = db.session.get(Scenario, "scn-firewall-change")
        assert (scenario.slug, scenario.version) == ("firewall-change", 1)
        brief = scenario.data["stages"][0]
        assert "<p>Security wants the old rule set replaced by Friday." in brief["situation_html"]
    (folder / "firewall.yaml").write_text(SCENARIO.replace("rating: 5", "rating: 4"))
    with ctx():
        load_content(db.session, root)
        assert db.session.get(Scenario, "scn-firewall-change").version == 2
        load_content(db.session, root)
        assert db.session.get(Scenario, "scn-firewall-change").version == 2  # unchanged
    (folder / "firewall.yaml").unlink()
    with ctx():
        load_content(db.session, root)
        assert db.session.get(Scenario, "scn-firewall-change").retired_at is not None
