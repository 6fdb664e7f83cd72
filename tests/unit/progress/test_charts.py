"""Chart geometry: everything inside the view box, scaled to the data, empty when it is."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.progress.charts import (
    BOTTOM,
    HEIGHT,
    LEFT,
    RIGHT,
    TOP,
    WIDTH,
    mastery_bars,
    score_trend,
    weekly_columns,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MONDAY = date(2026, 3, 2)
PLOT_BOTTOM = HEIGHT - BOTTOM


def inside(chart, x, y):
    return 0 <= x <= chart.width and 0 <= y <= chart.height


def test_no_mocks_make_an_empty_trend_without_date_ticks():
    chart = score_trend([])
    assert chart.empty
    assert chart.series == [] and chart.axis.x_ticks == []
    assert chart.axis.guide is None


def test_the_trend_runs_from_the_first_mock_to_the_last_and_from_0_to_100_percent():
    chart = score_trend([("Mock", T0, 0), ("Mock", T0 + timedelta(days=9), 100)])
    first, last = chart.series[0].points
    assert (first.x, first.y) == (LEFT, PLOT_BOTTOM)
    assert (last.x, last.y) == (WIDTH - RIGHT, TOP)
    assert chart.series[0].path == f"M{LEFT:.1f},{PLOT_BOTTOM:.1f} L{WIDTH - RIGHT:.1f},{TOP:.1f}"


def test_trend_points_are_placed_in_time_order_whatever_the_input_order():
    mocks = [("Mock", T0 + timedelta(days=d), p) for d, p in [(6, 70), (0, 40), (3, 55)]]
    points = score_trend(mocks).series[0].points
    assert [p.label for p in points] == ["02 Mar: 40%", "05 Mar: 55%", "08 Mar: 70%"]
    assert [p.x for p in points] == sorted(p.x for p in points)
    assert points[1].x == pytest.approx((points[0].x + points[2].x) / 2)
    assert points[0].y > points[1].y > points[2].y  # higher score, higher on the chart


def test_a_single_mock_sits_in_the_middle():
    (point,) = score_trend([("Mock", T0, 50)]).series[0].points
    assert point.x == pytest.approx(LEFT + (WIDTH - LEFT - RIGHT) / 2)
    assert point.y == pytest.approx((TOP + PLOT_BOTTOM) / 2)


def test_each_exam_gets_its_own_line():
    chart = score_trend(
        [("A", T0, 40), ("B", T0 + timedelta(days=1), 60), ("A", T0 + timedelta(days=2), 80)]
    )
    assert [(s.name, len(s.points)) for s in chart.series] == [("A", 2), ("B", 1)]


def test_the_pass_mark_is_a_guide_at_its_height():
    chart = score_trend([("Mock", T0, 50)], pass_percent=65)
    y, text = chart.axis.guide
    assert text == "pass 65%"
    assert TOP < y < PLOT_BOTTOM
    assert y == pytest.approx(TOP + (PLOT_BOTTOM - TOP) * 0.35)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B"]),
            st.integers(min_value=0, max_value=400 * 86400),
            st.integers(min_value=0, max_value=100),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_every_trend_point_and_tick_is_inside_the_view_box(mocks):
    chart = score_trend([(n, T0 + timedelta(seconds=s), p) for n, s, p in mocks], 60)
    for series in chart.series:
        for point in series.points:
            assert LEFT <= point.x <= WIDTH - RIGHT
            assert TOP <= point.y <= PLOT_BOTTOM
    for x, _ in chart.axis.x_ticks:
        assert inside(chart, x, PLOT_BOTTOM)
    for y, _ in chart.axis.y_ticks:
        assert inside(chart, LEFT, y)


def test_no_weeks_make_an_empty_column_chart():
    assert weekly_columns([]).empty


def test_columns_scale_to_the_largest_week_rounded_up_to_whole_hours():
    weeks = [(MONDAY + timedelta(weeks=n), m) for n, m in enumerate([0, 45, 90, 120])]
    chart = weekly_columns(weeks)
    heights = [c.height for c in chart.columns]
    assert heights[0] == 0
    assert chart.columns[3].y == pytest.approx(TOP)  # 120 min is the top of the scale
    assert heights[1] == pytest.approx(heights[3] * 45 / 120)
    assert heights[2] == pytest.approx(heights[3] * 90 / 120)
    assert chart.axis.y_ticks[-1][1] == "120"


def test_a_largest_week_between_hours_leaves_headroom():
    chart = weekly_columns([(MONDAY, 61)])
    assert chart.axis.y_ticks[-1][1] == "120"
    assert chart.columns[0].height == pytest.approx((PLOT_BOTTOM - TOP) * 61 / 120)


def test_light_weeks_are_drawn_against_at_least_an_hour():
    chart = weekly_columns([(MONDAY, 30)])
    assert chart.columns[0].height == pytest.approx((PLOT_BOTTOM - TOP) / 2)


@given(st.lists(st.integers(min_value=0, max_value=5000), min_size=1, max_size=53))
def test_every_column_stands_on_the_axis_inside_the_view_box(minutes):
    chart = weekly_columns([(MONDAY + timedelta(weeks=n), m) for n, m in enumerate(minutes)])
    for column in chart.columns:
        assert column.x >= LEFT and column.x + column.width <= WIDTH - RIGHT
        assert TOP <= column.y <= PLOT_BOTTOM
        assert column.y + column.height == pytest.approx(PLOT_BOTTOM)
    assert max(c.height for c in chart.columns) <= PLOT_BOTTOM - TOP
    lefts = [c.x for c in chart.columns]
    assert lefts == sorted(lefts)
    assert all(a.x + a.width < b.x for a, b in zip(chart.columns, chart.columns[1:], strict=False))


def test_no_tags_make_an_empty_mastery_chart():
    assert mastery_bars([]).empty


def test_mastery_bars_are_as_long_as_the_chance_with_the_band_around_their_end():
    chart = mastery_bars([("Risk", 0.8, 0.6, 0.9), ("Change", 0.4, 0.2, 0.6)])
    risk, change = chart.columns
    assert risk.width == pytest.approx(2 * change.width)
    assert (risk.value, change.value) == (80, 40)
    for column in chart.columns:
        low, high = column.band
        assert low < column.x + column.width < high
    assert risk.y < change.y  # in the order given


@given(
    st.lists(
        st.tuples(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1)).map(sorted),
        max_size=25,
    )
)
def test_the_mastery_chart_grows_with_its_rows_and_keeps_them_inside(rows):
    chart = mastery_bars([(f"tag {n}", c, lo, hi) for n, (lo, c, hi) in enumerate(rows)])
    for column in chart.columns:
        assert inside(chart, column.x, column.y)
        assert inside(chart, column.x + column.width, column.y + column.height)
        assert inside(chart, column.band[0], column.y) and inside(chart, column.band[1], column.y)
    assert chart.height >= TOP + len(rows) * 18 + BOTTOM
