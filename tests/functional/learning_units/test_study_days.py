"""Study days stored in the learner's own calendar: answers near midnight, streaks and
minutes per week for learners on opposite sides of the date line."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.extensions import db
from app.models import Question, StudyDay
from app.progress import activity, tracking
from app.progress.tracking import Answer
from tests.factories import make_user

AUCKLAND = ZoneInfo("Pacific/Auckland")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def local(zone, *parts) -> datetime:
    return datetime(*parts, tzinfo=zone).astimezone(UTC)


def answer(user_id, question_id, now, seconds=40):
    question = db.session.get(Question, question_id)
    tracking.record_answers(user_id, [Answer(question, 1, seconds)], now)
    db.session.commit()


def study_days(user_id) -> dict[date, tuple[int, int]]:
    rows = db.session.scalars(select(StudyDay).where(StudyDay.user_id == user_id))
    return {row.day: (row.actions, row.seconds) for row in rows}


def test_an_answer_at_half_past_eleven_at_night_counts_for_that_local_day(ctx, question_ids):
    with ctx():
        auckland = make_user(timezone="Pacific/Auckland").id
        los_angeles = make_user(timezone="America/Los_Angeles").id
        answer(auckland, question_ids[0], local(AUCKLAND, 2026, 3, 2, 23, 30))
        answer(los_angeles, question_ids[0], local(LOS_ANGELES, 2026, 3, 2, 23, 30))
        assert study_days(auckland) == {date(2026, 3, 2): (1, 40)}
        assert study_days(los_angeles) == {date(2026, 3, 2): (1, 40)}


def test_the_same_instant_falls_on_different_days_either_side_of_the_date_line(ctx, question_ids):
    instant = datetime(2026, 3, 2, 20, 0, tzinfo=UTC)
    with ctx():
        auckland = make_user(timezone="Pacific/Auckland").id
        los_angeles = make_user(timezone="America/Los_Angeles").id
        answer(auckland, question_ids[0], instant)
        answer(los_angeles, question_ids[0], instant)
        assert list(study_days(auckland)) == [date(2026, 3, 3)]
        assert list(study_days(los_angeles)) == [date(2026, 3, 2)]


def test_morning_and_night_on_two_utc_dates_are_one_local_study_day(ctx, question_ids):
    morning = local(AUCKLAND, 2026, 3, 2, 8, 0)
    night = local(AUCKLAND, 2026, 3, 2, 23, 30)
    assert morning.date() != night.date()
    with ctx():
        learner = make_user(timezone="Pacific/Auckland").id
        answer(learner, question_ids[0], morning, seconds=20)
        answer(learner, question_ids[1], night, seconds=900)  # capped at five minutes
        assert study_days(learner) == {date(2026, 3, 2): (2, 20 + activity.MAX_ANSWER_SECONDS)}


def test_a_streak_counts_local_days_and_survives_until_the_local_day_ends(ctx, question_ids):
    with ctx():
        learner = make_user(timezone="Pacific/Auckland").id
        for day in (1, 2, 3):
            answer(learner, question_ids[0], local(AUCKLAND, 2026, 3, day, 23, 30))
        # Noon on the 4th in Auckland, nothing done yet today: the streak still stands.
        noon = local(AUCKLAND, 2026, 3, 4, 12, 0)
        summary = activity.study_summary(learner, "Pacific/Auckland", 20, noon)
        assert (summary.streak, summary.today) == (3, 0)
        # A day with nothing in it breaks it.
        later = local(AUCKLAND, 2026, 3, 5, 0, 30)
        assert activity.study_summary(learner, "Pacific/Auckland", 20, later).streak == 0


def test_the_same_answers_make_a_different_streak_in_another_time_zone(ctx, question_ids):
    instants = [
        datetime(2026, 3, 1, 11, 30, tzinfo=UTC),  # Auckland 2 Mar 00:30, LA 1 Mar 03:30
        datetime(2026, 3, 2, 11, 30, tzinfo=UTC),  # Auckland 3 Mar 00:30, LA 2 Mar 03:30
        datetime(2026, 3, 3, 10, 29, tzinfo=UTC),  # Auckland 3 Mar 23:29, LA 3 Mar 02:29
    ]
    now = datetime(2026, 3, 3, 20, 0, tzinfo=UTC)  # Auckland 4 Mar 09:00, LA 3 Mar 12:00
    with ctx():
        auckland = make_user(timezone="Pacific/Auckland").id
        los_angeles = make_user(timezone="America/Los_Angeles").id
        for instant in instants:
            answer(auckland, question_ids[0], instant)
            answer(los_angeles, question_ids[0], instant)
        assert sorted(study_days(auckland)) == [date(2026, 3, 2), date(2026, 3, 3)]
        assert sorted(study_days(los_angeles)) == [date(2026, 3, d) for d in (1, 2, 3)]
        assert activity.study_summary(auckland, "Pacific/Auckland", 20, now).streak == 2
        assert activity.study_summary(los_angeles, "America/Los_Angeles", 20, now).streak == 3


def test_the_daily_goal_counts_todays_actions_in_the_learners_day(ctx, question_ids):
    with ctx():
        learner = make_user(timezone="America/Los_Angeles").id
        for minute in range(5):
            answer(learner, question_ids[0], local(LOS_ANGELES, 2026, 3, 2, 23, minute))
        just_after_midnight = local(LOS_ANGELES, 2026, 3, 3, 0, 5)
        before = activity.study_summary(learner, "America/Los_Angeles", 20, just_after_midnight)
        assert (before.today, before.streak) == (0, 1)
        evening = local(LOS_ANGELES, 2026, 3, 2, 23, 59)
        today = activity.study_summary(learner, "America/Los_Angeles", 20, evening)
        assert (today.today, today.goal_percent) == (5, 25)


def test_minutes_per_week_come_from_the_stored_local_days(ctx, question_ids):
    with ctx():
        learner = make_user(timezone="Pacific/Auckland").id
        # Sunday 23:30 and Monday 00:30 in Auckland: two weeks, though one UTC day.
        answer(learner, question_ids[0], local(AUCKLAND, 2026, 3, 8, 23, 30), seconds=120)
        answer(learner, question_ids[1], local(AUCKLAND, 2026, 3, 9, 0, 30), seconds=180)
        today = date(2026, 3, 10)
        days = activity.recent_days(learner, today)
        assert activity.weekly_minutes(days, today, weeks=2) == [
            (date(2026, 3, 2), 2),
            (date(2026, 3, 9), 3),
        ]


def test_a_learner_with_an_unknown_time_zone_studies_on_utc_days(ctx, question_ids):
    with ctx():
        learner = make_user(timezone="Mars/Olympus_Mons").id
        answer(learner, question_ids[0], datetime(2026, 3, 2, 23, 30, tzinfo=UTC))
        assert list(study_days(learner)) == [date(2026, 3, 2)]


def test_study_days_older_than_a_year_are_not_read(ctx, question_ids):
    with ctx():
        learner = make_user(timezone="UTC").id
        answer(learner, question_ids[0], datetime(2025, 1, 2, 12, tzinfo=UTC))
        answer(learner, question_ids[0], datetime(2026, 3, 1, 12, tzinfo=UTC))
        days = activity.recent_days(learner, date(2026, 3, 2))
        assert [d.day for d in days] == [date(2026, 3, 1)]
