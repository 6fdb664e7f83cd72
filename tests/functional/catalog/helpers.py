"""Plain helpers for the catalog tests (the fixtures are in conftest.py)."""

from __future__ import annotations

import re

from tests.conftest import csrf_token

COURSE = "/courses/project-management-for-it"
LESSONS = [  # (id, URL) in course order
    ("pmit-why-projects", COURSE + "/why-it-work-is-project-work"),
    ("pmit-scope-stakeholders", COURSE + "/scope-and-stakeholders"),
    ("pmit-planning-dependencies", COURSE + "/planning-and-dependencies"),
    ("pmit-risk", COURSE + "/managing-risk"),
    ("pmit-change-control", COURSE + "/change-control"),
    ("pmit-communication", COURSE + "/communication-plans"),
]
FIRST_LESSON_FILE = "pm-for-it/01-foundations/01-why-it-work-is-project-work.md"


def text(response) -> str:
    """The page with runs of whitespace collapsed, for matching text across lines."""
    return " ".join(response.get_data(as_text=True).split())


def complete(client, lesson_id: str) -> None:
    """Mark a lesson complete through the form, as a learner would."""
    response = client.post(
        f"/progress/lessons/{lesson_id}/complete", data={"csrf_token": csrf_token(client)}
    )
    assert response.status_code == 302, response.status_code


def links(html: str, rel: str) -> list[str]:
    return re.findall(rf'<a rel="{rel}" href="([^"]+)"', html)
