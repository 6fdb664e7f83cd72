"""Confirming an e-mail address by the signed link in the mail."""

from app.auth import tokens
from app.extensions import db
from tests.conftest import link_in
from tests.factories import make_user
from tests.functional.auth.helpers import path_of, user_by_email


def _verification_path(auth, outbox) -> str:
    auth.register(email="new@example.com")
    return path_of(link_in(outbox[-1], "/verify/"))


def test_verification_link_marks_the_address_verified(client, auth, outbox, ctx):
    path = _verification_path(auth, outbox)
    with ctx():
        assert user_by_email("new@example.com").email_verified_at is None
    response = client.get(path)
    assert response.status_code == 302
    assert response.location == "/login"
    with ctx():
        assert user_by_email("new@example.com").email_verified_at is not None


def test_tampered_verification_token_is_a_400_page_and_changes_nothing(client, auth, outbox, ctx):
    path = _verification_path(auth, outbox)
    prefix, token = path.rsplit("/", 1)
    tampered = token[:4] + ("B" if token[4] != "B" else "C") + token[5:]
    response = client.get(f"{prefix}/{tampered}")
    assert response.status_code == 400
    assert "This link is not valid" in response.get_data(as_text=True)
    with ctx():
        assert user_by_email("new@example.com").email_verified_at is None


def test_verification_link_for_an_old_address_does_not_verify_a_new_one(client, ctx):
    with ctx():
        user = make_user(email="old@example.com", verified=False)
        token = tokens.make_verify_token(user)
        user.email = "new@example.com"
        db.session.commit()
    assert client.get(f"/verify/{token}").status_code == 400
    with ctx():
        assert user_by_email("new@example.com").email_verified_at is None


def test_password_reset_token_is_not_a_verification_token(client, ctx):
    with ctx():
        user = make_user(email="new@example.com", verified=False)
        token = tokens.make_reset_token(user)
    assert client.get(f"/verify/{token}").status_code == 400
    with ctx():
        assert user_by_email("new@example.com").email_verified_at is None
