"""Study days in the learner's own calendar: local days, streaks, minutes per week."""

from datetime import UTC, date, datetime, timedelta

import pytest

from app.models import StudyDay
from app.progress.activity import (
    DEFAULT_ANSWER_SECONDS,
    MAX_ANSWER_SECONDS,
    StudySummary,
    answer_seconds,
    local_day,
    streak,
    weekly_minutes,
)

TODAY = date(2026, 3, 11)  # a Wednesday


def days_back(*offsets: int) -> list[date]:
    return [TODAY - timedelta(days=n) for n in offsets]


def test_the_same_instant_is_tomorrow_in_auckland_and_today_in_los_angeles():
    instant = datetime(2026, 3, 2, 20, 0, tzinfo=UTC)
    assert local_day("Pacific/Auckland", instant) == date(2026, 3, 3)
    assert local_day("America/Los_Angeles", instant) == date(2026, 3, 2)
    assert local_day("UTC", instant) == date(2026, 3, 2)


def test_half_past_eleven_at_night_counts_for_that_local_day():
    # 23:30 in Los Angeles (UTC−8) is already 07:30 the next day in UTC.
    assert local_day("America/Los_Angeles", datetime(2026, 3, 3, 7, 30, tzinfo=UTC)) == date(
        2026, 3, 2
    )
    # 23:30 in Auckland (UTC+13) is 10:30 the same day in UTC.
    assert local_day("Pacific/Auckland", datetime(2026, 3, 2, 10, 30, tzinfo=UTC)) == date(
        2026, 3, 2
    )
    # Half an hour later it is the next day there, still the same day in UTC.
    assert local_day("Pacific/Auckland", datetime(2026, 3, 2, 11, 30, tzinfo=UTC)) == date(
        2026, 3, 3
    )


def test_local_days_follow_summer_time():
    # Los Angeles moves to UTC−7 on 8 March 2026: 06:30 UTC is 23:30 the day before after it.
    assert local_day("America/Los_Angeles", datetime(2026, 3, 7, 7, 30, tzinfo=UTC)) == date(
        2026, 3, 6
    )
    assert local_day("America/Los_Angeles", datetime(2026, 3, 9, 6, 30, tzinfo=UTC)) == date(
        2026, 3, 8
    )
    assert local_day("America/Los_Angeles", datetime(2026, 3, 9, 7, 30, tzinfo=UTC)) == date(
        2026, 3, 9
    )


@pytest.mark.parametrize(
    "zone", ["Mars/Olympus_Mons", "", None, "../../etc/passwd", "not a zone", "zone.tab"]
)
def test_an_unknown_time_zone_falls_back_to_utc(zone):
    instant = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)
    assert local_day(zone, instant) == date(2026, 3, 2)


def test_a_streak_counts_consecutive_days_ending_today():
    assert streak(days_back(0, 1, 2, 3), TODAY) == 4


def test_a_streak_still_counts_until_today_is_studied():
    assert streak(days_back(1, 2, 3), TODAY) == 3


def test_a_gap_breaks_the_streak():
    assert streak(days_back(0, 1, 3, 4, 5), TODAY) == 2
    assert streak(days_back(2, 3, 4), TODAY) == 0


def test_no_study_days_is_no_streak():
    assert streak([], TODAY) == 0


def test_a_streak_ignores_order_and_repeats_and_days_after_today():
    assert streak(days_back(2, 0, 1, 0, -1), TODAY) == 3


def test_a_streak_runs_across_a_month_and_a_year_boundary():
    new_year = date(2026, 1, 1)
    days = [new_year - timedelta(days=n) for n in range(40)]
    assert streak(days, new_year) == 40


def study(day: date, minutes: int) -> StudyDay:
    return StudyDay(day=day, actions=1, seconds=minutes * 60)


def test_weekly_minutes_buckets_by_monday_oldest_first():
    rows = [
        study(date(2026, 3, 9), 20),  # Monday this week
        study(date(2026, 3, 11), 15),  # Wednesday this week
        study(date(2026, 3, 8), 30),  # Sunday last week
        study(date(2026, 3, 2), 10),  # Monday last week
    ]
    weeks = weekly_minutes(rows, TODAY, weeks=3)
    assert weeks == [(date(2026, 2, 23), 0), (date(2026, 3, 2), 40), (date(2026, 3, 9), 35)]


def test_weekly_minutes_leaves_out_days_before_the_window():
    weeks = weekly_minutes([study(date(2026, 1, 5), 90)], TODAY, weeks=8)
    assert len(weeks) == 8
    assert weeks[0][0] == date(2026, 1, 19)
    assert all(minutes == 0 for _, minutes in weeks)


def test_weekly_minutes_on_a_sunday_ends_with_the_week_that_started_on_monday():
    sunday = date(2026, 3, 15)
    weeks = weekly_minutes([study(sunday, 25)], sunday, weeks=2)
    assert weeks == [(date(2026, 3, 2), 0), (date(2026, 3, 9), 25)]


def test_weekly_minutes_round_seconds_to_whole_minutes():
    rows = [StudyDay(day=TODAY, actions=1, seconds=89), StudyDay(day=TODAY, actions=1, seconds=2)]
    assert weekly_minutes(rows, TODAY, weeks=1) == [(date(2026, 3, 9), 2)]


def test_answer_seconds_are_capped_and_defaulted():
    assert answer_seconds(None) == DEFAULT_ANSWER_SECONDS
    assert answer_seconds(42) == 42
    assert answer_seconds(5 * 3600) == MAX_ANSWER_SECONDS
    assert answer_seconds(0) == 1
    assert answer_seconds(-30) == 1


def test_the_daily_goal_percent_is_capped_at_100():
    assert StudySummary(today=5, goal=20, streak=1, days=[]).goal_percent == 25
    assert StudySummary(today=45, goal=20, streak=1, days=[]).goal_percent == 100
    assert StudySummary(today=0, goal=0, streak=0, days=[]).goal_percent == 100
