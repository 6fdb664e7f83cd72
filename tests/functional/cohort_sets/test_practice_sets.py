"""A practice set from the cohort's weakest areas: which tags it takes, building it in
one click, learners practising it, and who may do what with it."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from app.auth.services import get_user
from app.cohorts import assignments, practice_sets, services
from app.cohorts.status import DONE, IN_PROGRESS, NOT_STARTED
from app.extensions import db
from app.models import Assignment, Cohort, PracticeRun, Question, SyllabusTag
from app.models._types import utcnow
from app.progress import mastery
from app.quizzes.practice import tags_pool
from tests.conftest import sql_statements
from tests.factories import make_user
from tests.functional.cohort_sets.helpers import (
    answer_right,
    local_input,
    post,
    skill,
    started_run,
    text,
)

UNPOOLED = "tst-unpooled"  # a syllabus tag no practice question is on (made by evidence)


def evidence(ctx, cohort_id: int, enrol) -> dict[str, int]:
    """Three learners with enough answers on four tags; a fourth with too few; two
    learners only on communication; and someone outside the cohort, very weak."""
    with ctx():
        ids = {name: make_user().id for name in ("a", "b", "c", "thin", "outsider")}
        db.session.add(SyllabusTag(id=UNPOOLED, group_id="it-projects", title="No questions"))
        db.session.commit()
    enrol(cohort_id, ids["a"], ids["b"], ids["c"], ids["thin"])
    for name, risk in (("a", -1.5), ("b", -1.0), ("c", -0.5)):
        skill(ctx, ids[name], "it-risk", risk, answers=8)
        skill(ctx, ids[name], "it-planning", 0.0, answers=6)
        skill(ctx, ids[name], "it-scope", 1.0, answers=10)
        skill(ctx, ids[name], UNPOOLED, -6.0, answers=10)
    skill(ctx, ids["thin"], "it-risk", -5.0, answers=2)  # too few answers to weigh in
    for name in ("a", "b"):
        skill(ctx, ids[name], "it-communication", -4.0, answers=10)
    skill(ctx, ids["outsider"], "it-scope", -6.0, answers=50)
    return ids


def standings(ctx, cohort_id: int):
    with ctx():
        return practice_sets.standings(db.session.get(Cohort, cohort_id))


def test_the_weakest_tags_are_those_the_cohorts_learners_with_enough_answers_know_least(
    ctx, cohort, enrol
):
    evidence(ctx, cohort, enrol)

    with ctx():
        weakest = practice_sets.weakest_tags(db.session.get(Cohort, cohort))

    assert [t.tag_id for t in weakest] == ["it-risk", "it-planning", "it-scope"]
    risk = weakest[0]
    assert risk.learners_with_evidence == 3
    assert risk.answers == 3 * 8 + 2
    assert risk.chance == mastery.probability(mastery.Skill(rating=-1.0, variance=0.5))
    assert weakest[2].answers == 30  # the outsider's fifty answers are not the cohort's


def test_tags_short_of_evidence_follow_least_practised_first_and_unpooled_tags_never_appear(
    ctx, cohort, enrol
):
    evidence(ctx, cohort, enrol)

    found = standings(ctx, cohort)

    ids = [t.tag_id for t in found]
    assert UNPOOLED not in ids
    assert all(t.practice_questions > 0 for t in found)
    assert [t.ranked for t in found[:3]] == [True, True, True]
    assert not any(t.ranked for t in found[3:])
    assert ids[-1] == "it-communication"  # two learners only: ranked by its 20 answers
    assert found[3].answers == 0


def test_a_cohort_without_evidence_gets_the_tags_it_has_practised_least(ctx, cohort, enrol):
    with ctx():
        learner = make_user().id
    enrol(cohort, learner)
    skill(ctx, learner, "it-risk", -3.0, answers=40)

    weakest = standings(ctx, cohort)[:3]

    assert "it-risk" not in [t.tag_id for t in weakest]
    assert all(t.answers == 0 and not t.ranked for t in weakest)


def test_the_cohorts_mastery_is_read_in_one_statement(app, ctx, cohort, enrol):
    evidence(ctx, cohort, enrol)

    with sql_statements(app) as sent, ctx():
        found = db.session.get(Cohort, cohort)
        sent.clear()
        practice_sets.standings(found)
        statements = list(sent)

    assert len(statements) == 1


def test_an_instructor_builds_a_practice_set_from_the_weakest_areas_in_one_click(
    owner, ctx, cohort, enrol
):
    evidence(ctx, cohort, enrol)
    due = (utcnow() + timedelta(days=7)).replace(second=0, microsecond=0)

    page = text(owner.client.get(f"/cohorts/{cohort}/assignments"))
    response = post(owner.client, f"/cohorts/{cohort}/practice-set", {"due_at": local_input(due)})

    assert "Build a practice set from the weakest areas" in page
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cohorts/{cohort}/assignments"
    with ctx():
        made = db.session.scalar(select(Assignment).where(Assignment.cohort_id == cohort))
        titles = [db.session.get(SyllabusTag, t).title for t in made.tags]
        assert (made.kind, made.item_id) == ("topics", "topics")
        assert made.tags == ["it-risk", "it-planning", "it-scope"]
        assert made.title == "Practice: " + ", ".join(titles)
        assert made.due_at == due
    assert made.title in text(owner.client.get(f"/cohorts/{cohort}/assignments"))


def test_a_practice_set_without_a_due_date_is_refused_and_nothing_is_assigned(owner, ctx, cohort):
    response = post(owner.client, f"/cohorts/{cohort}/practice-set", {"due_at": "next week"})

    assert response.status_code == 400
    assert "Give the practice set a valid due date." in text(response)
    with ctx():
        assert db.session.scalar(select(Assignment.id)) is None


def test_an_archived_cohort_gets_no_practice_set(owner, ctx, cohort):
    with ctx():
        services.set_archived(db.session.get(Cohort, cohort), True)

    response = post(
        owner.client,
        f"/cohorts/{cohort}/practice-set",
        {"due_at": local_input(utcnow() + timedelta(days=3))},
    )

    assert response.status_code == 400
    assert "This cohort is archived" in text(response)
    with ctx():
        assert db.session.scalar(select(Assignment.id)) is None


def test_no_practice_set_is_built_when_no_topic_has_practice_questions(owner, ctx, cohort):
    with ctx():
        db.session.execute(update(Question).values(in_practice=False))
        db.session.commit()

    response = post(
        owner.client,
        f"/cohorts/{cohort}/practice-set",
        {"due_at": local_input(utcnow() + timedelta(days=3))},
    )

    assert response.status_code == 400
    assert "No syllabus topic has practice questions yet" in text(response)
    with ctx():
        assert db.session.scalar(select(Assignment.id)) is None


def build(ctx, cohort_id: int, days: int = 7) -> Assignment:
    with ctx():
        cohort = db.session.get(Cohort, cohort_id)
        due = (utcnow() + timedelta(days=days)).astimezone(ZoneInfo(cohort.timezone))
        made = practice_sets.create_practice_set(cohort, due.replace(tzinfo=None))
        db.session.refresh(made)
        db.session.expunge(made)
        return made


def cell(ctx, user_id: int, assignment_id: int):
    with ctx():
        assignment = db.session.get(Assignment, assignment_id)
        return services.learner_rows(user_id, [assignment], utcnow())[0].cell


def test_a_learner_practises_the_set_and_it_counts_as_done_with_its_score(member, ctx, cohort):
    made = build(ctx, cohort)
    assert cell(ctx, member.user_id, made.id).state == NOT_STARTED

    page = text(member.client.get(f"/cohorts/{cohort}"))
    run_id = started_run(post(member.client, f"/cohorts/{cohort}/assignments/{made.id}/practise"))

    assert "Practise now" in page
    assert "Practise now" in text(member.client.get("/progress"))  # "Assigned to you"
    with ctx():
        run = db.session.get(PracticeRun, run_id)
        pool = set(tags_pool(made.tags))
        assert run.assignment_id == made.id and run.quiz_id is None and run.tag_id is None
        assert len(run.question_ids) == min(10, len(pool))
        assert set(run.question_ids) <= pool
        total = len(run.question_ids)
    answer_right(member.client, ctx, run_id, range(1, 2))
    assert cell(ctx, member.user_id, made.id).state == IN_PROGRESS

    answer_right(member.client, ctx, run_id, range(2, total + 1))

    done = cell(ctx, member.user_id, made.id)
    assert (done.state, done.score, done.attempts) == (DONE, 1.0, 1)
    assert done.completed_at is not None
    mine = text(member.client.get(f"/cohorts/{cohort}"))
    assert "Done" in mine and "100%" in mine and "Practise again" in mine
    summary = text(member.client.get(f"/practice/runs/{run_id}/summary"))
    assert f"{made.title}: results" in summary
    assert f'href="/cohorts/{cohort}">Back to your cohort' in summary


def test_only_the_cohorts_learners_can_practise_its_set(person, owner, member, ctx, cohort):
    made = build(ctx, cohort)
    stranger = person("stranger@example.com")
    path = f"/cohorts/{cohort}/assignments/{made.id}/practise"

    assert post(stranger.client, path).status_code == 404
    assert post(owner.client, path).status_code == 404
    with ctx():
        assert db.session.scalar(select(PracticeRun.id)) is None


def test_other_work_and_other_cohorts_sets_cannot_be_practised_as_a_set(owner, member, ctx, cohort):
    with ctx():
        other = services.create_cohort(get_user(owner.user_id), "Another team", "UTC").id
        lesson = assignments.create(
            db.session.get(Cohort, cohort),
            "lesson",
            "pmit-why-projects",
            (utcnow() + timedelta(days=3)).replace(tzinfo=None),
        ).id
    theirs = build(ctx, other)

    for assignment_id in (lesson, theirs.id, 999999):
        path = f"/cohorts/{cohort}/assignments/{assignment_id}/practise"
        assert post(member.client, path).status_code == 404, assignment_id
    with ctx():
        assert db.session.scalar(select(PracticeRun.id)) is None
