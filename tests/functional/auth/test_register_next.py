"""Registering from an invitation: the confirmation link leads back to it."""

from tests.conftest import csrf_token, link_in
from tests.functional.auth.helpers import path_of


def register_from(client, next_path: str) -> None:
    page = client.get(f"/register?next={next_path}").get_data(as_text=True)
    assert f'name="next" type="hidden" value="{next_path}"' in page
    client.post(
        "/register",
        data={
            "csrf_token": csrf_token(client, "/register"),
            "email": "invited@example.com",
            "display_name": "Invited",
            "password": "correct horse battery staple",
            "timezone": "UTC",
            "next": next_path,
        },
    )


def test_the_confirmation_link_leads_to_log_in_and_back_to_the_invitation(client, outbox):
    register_from(client, "/join/abc")

    link = path_of(link_in(outbox[-1], "/verify/"))
    response = client.get(link)

    assert link.endswith("?next=/join/abc")
    assert response.status_code == 302
    assert response.location == "/login?next=/join/abc"


def test_a_foreign_next_never_leaves_the_site(client, outbox):
    register_from(client, "//evil.example/steal")

    response = client.get(path_of(link_in(outbox[-1], "/verify/")))

    assert response.status_code == 302
    assert "evil" not in response.location
