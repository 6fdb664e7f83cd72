"""``GET /healthz`` for load balancers."""

from app import create_app
from app.extensions import db
from tests.conftest import make_config

UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/none"


def test_healthz_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_healthz_is_503_when_the_database_is_unreachable(monkeypatch):
    app = create_app(make_config(UNREACHABLE))
    # The suite's transaction fixture points the shared ``db.session`` at the test
    # database; give this app an ordinary session so it uses its own engine.
    monkeypatch.setattr(db, "session", db._make_scoped_session({}))
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable"}
    with app.app_context():
        db.engine.dispose()
