"""The review queue against stored cards, with time frozen: when a card is due, what a
review does to it, and that one version of a card is reviewed once."""

import random
from datetime import UTC, timedelta

from fsrs import Rating
from sqlalchemy import func, select

from app.extensions import db
from app.models import GlossaryTerm, Lesson, Question, Quiz, ReviewCard, ReviewLog, User
from app.progress import review, tracking
from app.progress.services import set_completed
from app.progress.tracking import Answer
from app.quizzes import exams
from tests.factories import make_user
from tests.functional.learning_units.conftest import NOW

DAY = timedelta(days=1)
LESSON = "pmit-risk"


def lesson():
    return db.session.get(Lesson, LESSON)


def card_question(qid):
    return db.session.get(Question, qid)


def answer(user_id, question_id, score, now, seconds=60):
    question = db.session.get(Question, question_id)
    tracking.record_answers(user_id, [Answer(question, score, seconds)], now)
    db.session.commit()


def card_of(user_id, item_id, kind="question") -> ReviewCard | None:
    return db.session.scalar(
        select(ReviewCard).where(
            ReviewCard.user_id == user_id, ReviewCard.kind == kind, ReviewCard.item_id == item_id
        )
    )


def logs(card_id) -> int:
    return db.session.scalar(
        select(func.count()).select_from(ReviewLog).where(ReviewLog.card_id == card_id)
    )


def test_a_wrong_answer_puts_the_question_in_review_for_tomorrow_not_now(
    ctx, user_id, question_ids
):
    qid = question_ids[0]
    with ctx():
        answer(user_id, qid, 0, NOW)
        card = card_of(user_id, qid)
        assert card.due_at == NOW + DAY
        assert (card.reps, card.lapses) == (1, 0)
        assert review.due_count(user_id, NOW) == 0
        assert review.next_due(user_id, NOW) is None
        assert review.due_count(user_id, NOW + DAY) == 1
        assert review.next_due(user_id, NOW + DAY).question.id == qid


def test_a_right_answer_puts_nothing_in_review(ctx, user_id, question_ids):
    with ctx():
        answer(user_id, question_ids[0], 1, NOW)
        answer(user_id, question_ids[1], 0.5, NOW)  # partial credit is not right
        assert card_of(user_id, question_ids[0]) is None
        assert card_of(user_id, question_ids[1]) is not None


def test_after_good_the_card_moves_further_out(ctx, user_id, question_ids):
    qid = question_ids[0]
    with ctx():
        answer(user_id, qid, 0, NOW)
        first_gap = card_of(user_id, qid).due_at - NOW
        due = NOW + DAY
        card = card_of(user_id, qid)
        assert tracking.record_review(
            user_id, card, Rating.Good, due, Answer(card_question(qid), 1)
        )
        db.session.commit()
        db.session.expire_all()
        card = card_of(user_id, qid)
        assert card.due_at - due > first_gap
        assert (card.reps, card.lapses, card.last_review_at) == (2, 0, due)
        assert review.due_count(user_id, due) == 0


def test_again_after_good_brings_the_card_back_soon_and_counts_a_lapse(ctx, user_id, question_ids):
    qid = question_ids[0]
    with ctx():
        answer(user_id, qid, 0, NOW)
        answer(user_id, qid, 1, NOW + DAY)  # due: a right answer in practice reviews it Good
        good = card_of(user_id, qid)
        assert good.reps == 2
        good_due = good.due_at
        assert good_due > NOW + 2 * DAY
        answer(user_id, qid, 0, good_due)  # wrong when it came back
        db.session.expire_all()
        again = card_of(user_id, qid)
        assert (again.reps, again.lapses) == (3, 1)
        assert again.due_at == good_due + DAY
        assert logs(again.id) == 3


def test_a_wrong_answer_before_the_card_is_due_reviews_it_again(ctx, user_id, question_ids):
    qid = question_ids[0]
    with ctx():
        answer(user_id, qid, 0, NOW)
        answer(user_id, qid, 1, NOW + DAY)
        due = card_of(user_id, qid).due_at
        answer(user_id, qid, 0, NOW + DAY + timedelta(hours=1))
        db.session.expire_all()
        card = card_of(user_id, qid)
        assert card.due_at < due
        assert card.lapses == 1


def test_a_right_answer_before_the_card_is_due_leaves_its_schedule_alone(
    ctx, user_id, question_ids
):
    qid = question_ids[0]
    with ctx():
        answer(user_id, qid, 0, NOW)
        before = card_of(user_id, qid)
        due, reps = before.due_at, before.reps
        answer(user_id, qid, 1, NOW + timedelta(hours=2))
        db.session.expire_all()
        after = card_of(user_id, qid)
        assert (after.due_at, after.reps) == (due, reps)


def test_reviewing_the_same_version_of_a_card_twice_counts_once(ctx, user_id, question_ids):
    qid = question_ids[0]
    with ctx():
        answer(user_id, qid, 0, NOW)
        card = card_of(user_id, qid)  # the version the page showed, in two tabs
        due = NOW + DAY
        assert review.review(card, Rating.Good, due)
        assert not review.review(card, Rating.Easy, due + timedelta(seconds=2))
        db.session.commit()
        db.session.expire_all()
        card = card_of(user_id, qid)
        assert card.reps == 2
        assert logs(card.id) == 2  # the wrong answer, then one review
        assert db.session.scalar(select(ReviewLog.rating).order_by(ReviewLog.id.desc())) == 3


def test_a_review_twice_through_tracking_credits_the_answer_once(ctx, user_id, question_ids):
    qid = question_ids[0]
    with ctx():
        answer(user_id, qid, 0, NOW)
        card = card_of(user_id, qid)
        due = NOW + DAY
        right = Answer(card_question(qid), 1, 30)
        assert tracking.record_review(user_id, card, Rating.Good, due, right)
        assert not tracking.record_review(user_id, card, Rating.Good, due, right)
        db.session.commit()
        summary = tracking.activity.study_summary(user_id, "Europe/London", 20, due)
        assert summary.today == 1


def test_the_next_version_of_a_card_can_be_reviewed(ctx, user_id, question_ids):
    qid = question_ids[0]
    with ctx():
        answer(user_id, qid, 0, NOW)
        assert review.review(card_of(user_id, qid), Rating.Good, NOW + DAY)
        db.session.commit()
        db.session.expire_all()
        card = card_of(user_id, qid)
        assert review.review(card, Rating.Good, card.due_at)
        db.session.commit()
        db.session.expire_all()
        assert card_of(user_id, qid).reps == 3


def test_completing_a_lesson_puts_its_key_terms_in_review_due_at_once(ctx, user_id):
    with ctx():
        terms = set(
            db.session.scalars(select(GlossaryTerm.id).where(GlossaryTerm.lesson_id == LESSON))
        )
        assert terms
        set_completed(db.session.get(User, user_id), lesson(), True)
        cards = db.session.scalars(
            select(ReviewCard).where(ReviewCard.user_id == user_id, ReviewCard.kind == "term")
        ).all()
        assert {c.item_id for c in cards} == terms
        assert all(c.due_at == NOW and c.reps == 0 for c in cards)
        assert review.due_count(user_id, NOW) == len(terms)
        assert review.next_due(user_id, NOW).term.id in terms


def test_reopening_a_completed_lesson_keeps_the_term_schedules(ctx, user_id, clock):
    with ctx():
        user = db.session.get(User, user_id)
        set_completed(user, lesson(), True)
        term = review.next_due(user_id, NOW).card
        assert review.review(term, Rating.Good, NOW)
        db.session.commit()
        due = card_of(user_id, term.item_id, "term").due_at
    clock.move_to(NOW + timedelta(hours=1))
    with ctx():
        user = db.session.get(User, user_id)
        set_completed(user, lesson(), False)
        set_completed(user, lesson(), True)
        card = card_of(user_id, term.item_id, "term")
        assert (card.due_at, card.reps) == (due, 1)


def test_the_most_overdue_card_comes_first(ctx, user_id, question_ids):
    first, second = question_ids[:2]
    with ctx():
        answer(user_id, second, 0, NOW)
        answer(user_id, first, 0, NOW + timedelta(hours=3))
        later = NOW + 2 * DAY
        assert review.next_due(user_id, later).question.id == second


def test_cards_of_retired_items_are_skipped_and_not_counted(ctx, user_id, question_ids):
    kept, retired = question_ids[:2]
    with ctx():
        answer(user_id, retired, 0, NOW - 2 * DAY)  # the most overdue
        answer(user_id, kept, 0, NOW - 2 * DAY + timedelta(hours=1))  # next, before the terms
        set_completed(db.session.get(User, user_id), lesson(), True)
        terms = db.session.scalars(
            select(GlossaryTerm).where(GlossaryTerm.lesson_id == LESSON).order_by(GlossaryTerm.id)
        ).all()
        due = NOW + DAY
        assert review.due_count(user_id, due) == 2 + len(terms)
        db.session.get(Question, retired).retired_at = NOW
        terms[0].retired_at = NOW
        db.session.commit()
        assert review.due_count(user_id, due) == 1 + len(terms) - 1
        shown = review.next_due(user_id, due)
        assert shown.question is not None and shown.question.id == kept
        assert card_of(user_id, retired) is not None  # kept, never shown
        seen = set()
        while (item := review.next_due(user_id, due)) is not None:
            seen.add(item.card.item_id)
            assert review.review(item.card, Rating.Good, due)
            db.session.commit()
        assert retired not in seen and terms[0].id not in seen
        assert len(seen) == 1 + len(terms) - 1
        assert review.due_count(user_id, due) == 0


def test_due_count_and_next_due_see_only_the_learners_own_cards(ctx, user_id, question_ids):
    with ctx():
        other = make_user().id
        answer(other, question_ids[0], 0, NOW)
        assert review.due_count(user_id, NOW + DAY) == 0
        assert review.next_due(user_id, NOW + DAY) is None
        card = card_of(other, question_ids[0])
        assert review.get_card(user_id, card.id) is None
        assert review.get_card(other, card.id).id == card.id


def test_reviews_today_counts_the_learners_reviews_since_the_day_began(ctx, user_id, question_ids):
    with ctx():
        for qid in question_ids[:3]:
            answer(user_id, qid, 0, NOW - DAY)
        assert review.reviews_today(user_id, NOW) == 0
        for n, card in enumerate(
            db.session.scalars(select(ReviewCard).where(ReviewCard.user_id == user_id)).all()
        ):
            if n < 2:
                assert review.review(card, Rating.Good, NOW + timedelta(minutes=n))
        db.session.commit()
        assert review.reviews_today(user_id, NOW) == 2


def test_times_read_back_from_the_database_are_in_utc_itself(ctx, user_id, question_ids):
    """fsrs refuses any other zone object, even one that is UTC by another name."""
    with ctx():
        answer(user_id, question_ids[0], 0, NOW)
        db.session.expire_all()
        card = card_of(user_id, question_ids[0])
        assert card.due_at.tzinfo is UTC and card.created_at.tzinfo is UTC
        assert review.review(card, Rating.Good, card.due_at)  # a stored time as "now"


def test_an_exam_that_ran_out_of_time_puts_its_unanswered_questions_in_review(ctx, user_id, clock):
    with ctx():
        user = db.session.get(User, user_id)
        quiz = db.session.get(Quiz, "exam-pmit-mock")
        attempt = exams.start_or_resume(user, quiz, rng=random.Random(3))
        deadline, count = attempt.deadline_at, attempt.question_count
    clock.move_to(deadline + timedelta(hours=2))
    with ctx():
        assert exams.finalize_expired() == 1
        cards = db.session.scalars(select(ReviewCard).where(ReviewCard.user_id == user_id)).all()
        assert len(cards) == count
        assert {c.due_at for c in cards} == {deadline + exams.GRACE + DAY}
