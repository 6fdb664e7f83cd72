"""Saving answers as the learner goes: form posts and background saves, flags, refusals."""

import pytest

from tests.conftest import csrf_token
from tests.functional.exams.helpers import (
    answer_fields,
    attempt_row,
    item_rows,
    question_path,
    read_form,
    responses,
    result_path,
    right_answer,
    save,
    snapshots,
    submit_path,
    wrong_answer,
)

FORGED = "That answer does not belong to this question."


def first_of_each_type(ctx, attempt_id: int) -> dict[str, int]:
    """type → the position of the first question of that type in the attempt."""
    with ctx():
        found = {}
        for item in item_rows(attempt_id):
            found.setdefault(item.snapshot["type"], item.position)
    return found


def chosen_on_page(client, attempt_id: int, position: int) -> dict[str, list[str]]:
    """What the reloaded page shows as chosen, field by field."""
    path = question_path(attempt_id, position)
    fields = answer_fields(read_form(client.get(path).text, path))
    return {name: f.selected for name, f in fields.items()}


def test_the_attempt_has_every_question_type(attempt, ctx):
    assert set(first_of_each_type(ctx, attempt)) == {
        "single",
        "multiple",
        "true_false",
        "ordering",
        "matching",
    }


def test_a_form_post_saves_the_answer_and_moves_to_the_next_question(client, attempt, ctx):
    with ctx():
        first = snapshots(attempt)[0]
    response = save(client, attempt, 1, right_answer(first))
    assert response.status_code == 302
    assert response.headers["Location"] == question_path(attempt, 2)
    with ctx():
        saved = item_rows(attempt)[0]
        assert saved.response is not None
        assert saved.saved_at is not None


@pytest.mark.parametrize("qtype", ["single", "multiple", "true_false", "ordering", "matching"])
def test_a_reload_shows_the_saved_answer(client, attempt, ctx, qtype):
    position = first_of_each_type(ctx, attempt)[qtype]
    with ctx():
        answer = right_answer(snapshots(attempt)[position - 1])
    assert save(client, attempt, position, answer).status_code == 302

    shown = chosen_on_page(client, attempt, position)

    sent = {name: value if isinstance(value, list) else [value] for name, value in answer.items()}
    assert {name: sorted(values) for name, values in shown.items()} == {
        name: sorted(values) for name, values in sent.items()
    }
    page = client.get(question_path(attempt, position)).text
    assert '<p id="save-status" class="save-status" role="status" aria-live="polite">Saved' in page


def test_a_background_save_answers_in_json_and_persists(client, attempt, ctx):
    with ctx():
        third = snapshots(attempt)[2]
    response = save(client, attempt, 3, wrong_answer(third), as_json=True)
    assert response.status_code == 200
    body = response.get_json()
    assert body["saved"] is True
    assert (body["position"], body["answered"], body["flagged"]) == (3, True, False)
    assert 0 < body["seconds_left"] <= 3600
    with ctx():
        assert responses(attempt)[2] is not None
        assert item_rows(attempt)[2].score is None  # not graded before the end


def test_a_saved_answer_can_be_changed_and_cleared(client, attempt, ctx):
    with ctx():
        first = snapshots(attempt)[0]
    save(client, attempt, 1, right_answer(first), as_json=True)
    with ctx():
        right = responses(attempt)[0]
    save(client, attempt, 1, wrong_answer(first), as_json=True)
    with ctx():
        assert responses(attempt)[0] not in (None, right)
    assert save(client, attempt, 1, {"clear": "1"}, as_json=True).get_json()["answered"] is False
    with ctx():
        assert responses(attempt)[0] is None


def test_a_flag_is_saved_shown_in_the_grid_and_can_be_removed(client, attempt, ctx):
    response = save(client, attempt, 5, {"flag": ["1", "0"]}, as_json=True)  # checkbox + hidden
    assert response.get_json()["flagged"] is True
    with ctx():
        assert item_rows(attempt)[4].flagged is True
        assert responses(attempt)[4] is None  # flagging is not answering
    page = client.get(question_path(attempt, 1)).text
    assert '<li class="unanswered flagged">' in page
    assert '5<span class="visually-hidden">: not answered, flagged</span>' in page
    assert read_form(client.get(question_path(attempt, 5)).text, question_path(attempt, 5))[
        "flag"
    ].selected == ["1"]

    save(client, attempt, 5, {"flag": "0"}, as_json=True)
    with ctx():
        assert item_rows(attempt)[4].flagged is False


def test_the_submit_page_lists_unanswered_and_flagged_questions(client, attempt, ctx):
    with ctx():
        snaps = snapshots(attempt)
    for position in (1, 2):
        save(client, attempt, position, right_answer(snaps[position - 1]), as_json=True)
    save(client, attempt, 3, {"flag": "1"}, as_json=True)
    page = client.get(submit_path(attempt)).text
    assert "You have answered 2 of 40 questions." in page
    assert "Not answered (38)" in page
    assert "Flagged for review (1)" in page
    assert f'href="{question_path(attempt, 3)}">Question 3</a>' in page
    assert f'href="{question_path(attempt, 1)}">Question 1</a>' not in page


@pytest.mark.parametrize("as_json", [False, True])
def test_a_forged_option_is_refused_with_a_clear_message_and_nothing_saved(
    client, attempt, ctx, as_json
):
    with ctx():
        snaps = snapshots(attempt)
    position = next(n for n, s in enumerate(snaps, 1) if s["type"] in {"single", "multiple"})
    snap = snaps[position - 1]
    save(client, attempt, position, right_answer(snap), as_json=True)
    with ctx():
        before = responses(attempt)
    real_id = snap["content"]["options"][0]["id"]
    other_token = next(t for n, s in enumerate(snaps, 1) if n != position for t in s["tokens"])

    for forged in (real_id, other_token, "AAAAAAAA"):
        response = save(client, attempt, position, {"choice": forged}, as_json=as_json)
        assert response.status_code == 400
        if as_json:
            assert response.get_json() == {"saved": False, "error": FORGED}
        else:
            assert FORGED in response.text
            assert 'role="alert"' in response.text

    with ctx():
        assert responses(attempt) == before


def test_an_incomplete_ordering_is_refused_and_nothing_saved(client, attempt, ctx):
    with ctx():
        snaps = snapshots(attempt)
    position = next(n for n, s in enumerate(snaps, 1) if s["type"] == "ordering")
    answer = {name: "1" for name in right_answer(snaps[position - 1])}
    response = save(client, attempt, position, answer, as_json=True)
    assert response.status_code == 400
    assert response.get_json()["error"] == "Use each position exactly once."
    with ctx():
        assert responses(attempt)[position - 1] is None


def test_a_position_outside_the_attempt_is_not_found(client, attempt):
    assert client.get(question_path(attempt, 41)).status_code == 404
    assert client.get(question_path(attempt, 0)).status_code == 404


def test_another_learners_attempt_is_not_found_on_every_exam_route(client, attempt, ctx, intruder):
    with ctx():
        first = snapshots(attempt)[0]
    token = csrf_token(intruder, "/")
    forged_save = {"csrf_token": token, **right_answer(first), "flag": "1", "go": "next"}
    requests = [
        ("GET", question_path(attempt, 1), None),
        ("POST", question_path(attempt, 1), forged_save),
        ("GET", submit_path(attempt), None),
        ("POST", submit_path(attempt), {"csrf_token": token}),
        ("GET", result_path(attempt), None),
    ]
    for method, path, data in requests:
        for headers in ({}, {"Accept": "application/json"}):
            response = intruder.open(path, method=method, data=data, headers=headers)
            assert response.status_code == 404, (method, path, headers)

    with ctx():
        assert all(r is None for r in responses(attempt))
        assert not any(item.flagged for item in item_rows(attempt))
        assert attempt_row(attempt).status == "open"
    assert client.get(question_path(attempt, 1)).status_code == 200  # still the owner's


def test_moving_on_from_an_untouched_matching_question_saves_no_answer(client, attempt, ctx):
    position = first_of_each_type(ctx, attempt)["matching"]
    path = question_path(attempt, position)
    untouched = {name: "" for name in answer_fields(read_form(client.get(path).text, path))}

    moved = save(client, attempt, position, untouched)
    flagged = save(client, attempt, position, {**untouched, "flag": ["1", "0"]}, as_json=True)

    assert moved.headers["Location"] == question_path(attempt, min(position + 1, 40))
    assert flagged.get_json()["flagged"] is True
    assert flagged.get_json()["answered"] is False
    with ctx():
        assert responses(attempt)[position - 1] is None


def test_flagging_an_ordering_question_left_as_shown_saves_no_answer(client, attempt, ctx):
    position = first_of_each_type(ctx, attempt)["ordering"]
    path = question_path(attempt, position)
    as_shown = {
        name: field.selected[0]
        for name, field in answer_fields(read_form(client.get(path).text, path)).items()
    }
    flagged = save(client, attempt, position, {**as_shown, "flag": ["1", "0"]}, as_json=True)
    assert flagged.get_json() == {**flagged.get_json(), "flagged": True, "answered": False}
    with ctx():
        assert responses(attempt)[position - 1] is None


def test_unticking_every_box_of_a_multiple_response_question_clears_its_answer(
    client, attempt, ctx
):
    position = first_of_each_type(ctx, attempt)["multiple"]
    with ctx():
        snapshot = snapshots(attempt)[position - 1]
    save(client, attempt, position, right_answer(snapshot), as_json=True)
    with ctx():
        assert responses(attempt)[position - 1] is not None
    cleared = save(client, attempt, position, {}, as_json=True)
    assert cleared.get_json()["answered"] is False
    with ctx():
        assert responses(attempt)[position - 1] is None
