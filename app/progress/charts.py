"""Geometry for the dashboard's charts, drawn as SVG by Jinja (autoescaped, no
chart library). Each chart also comes with the rows of its table equivalent."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 24, 12, 36
LABEL_WIDTH = 240  # room for a tag's title left of its mastery bar


@dataclass
class Point:
    x: float
    y: float
    label: str  # for the tooltip (<title>)


@dataclass
class Series:
    name: str
    points: list[Point] = field(default_factory=list)

    @property
    def path(self) -> str:
        return " ".join(
            f"{'M' if i == 0 else 'L'}{p.x:.1f},{p.y:.1f}" for i, p in enumerate(self.points)
        )


@dataclass
class Column:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int
    band: tuple[float, float] | None = None  # x from..to of an uncertainty whisker


@dataclass
class Axis:
    y_ticks: list[tuple[float, str]]  # (y, text)
    x_ticks: list[tuple[float, str]]
    guide: tuple[float, str] | None = None  # a horizontal line (the pass mark)


@dataclass
class Chart:
    axis: Axis
    series: list[Series] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def empty(self) -> bool:
        return not self.columns and not any(s.points for s in self.series)


def _y(value: float, top: float) -> float:
    """Chart y for a value on a 0..top scale."""
    inner = HEIGHT - TOP - BOTTOM
    return TOP + inner * (1 - (value / top if top else 0))


def _y_ticks(top: float, unit: str = "") -> list[tuple[float, str]]:
    return [(_y(top * k / 4, top), f"{round(top * k / 4)}{unit}") for k in range(5)]


def score_trend(mocks: list[tuple[str, datetime, int]], pass_percent: int | None = None) -> Chart:
    """Mock exam scores (percent) over time, a line per exam."""
    inner = WIDTH - LEFT - RIGHT
    times = sorted(t for _, t, _ in mocks)
    first, last = (times[0], times[-1]) if times else (None, None)
    span = (last - first).total_seconds() if times and last != first else 0

    def x(moment: datetime) -> float:
        return LEFT + (inner * (moment - first).total_seconds() / span if span else inner / 2)

    by_exam: dict[str, Series] = {}
    for name, moment, percent in sorted(mocks, key=lambda m: m[1]):
        series = by_exam.setdefault(name, Series(name))
        series.points.append(Point(x(moment), _y(percent, 100), f"{moment:%d %b}: {percent}%"))
    x_ticks = [(x(t), f"{t:%d %b}") for t in ({first, last} if times else set())]
    x_ticks = [(min(max(pos, LEFT + 24), WIDTH - RIGHT - 24), text) for pos, text in x_ticks]
    guide = (_y(pass_percent, 100), f"pass {pass_percent}%") if pass_percent else None
    return Chart(Axis(_y_ticks(100, "%"), sorted(x_ticks), guide), list(by_exam.values()))


def weekly_columns(weeks: list[tuple[date, int]]) -> Chart:
    """Minutes studied per week, a column each."""
    inner = WIDTH - LEFT - RIGHT
    top = max([minutes for _, minutes in weeks] + [60])
    top = ((top + 59) // 60) * 60  # whole hours
    slot = inner / max(1, len(weeks))
    columns = []
    for i, (monday, minutes) in enumerate(weeks):
        y = _y(minutes, top)
        columns.append(
            Column(
                LEFT + i * slot + slot * 0.15,
                y,
                slot * 0.7,
                HEIGHT - BOTTOM - y,
                f"{monday:%d %b}",
                minutes,
            )
        )
    x_ticks = [(c.x + c.width / 2, c.label) for c in columns]
    return Chart(Axis(_y_ticks(top), x_ticks), columns=columns)


def mastery_bars(rows: list[tuple[str, float, float, float]]) -> Chart:
    """Horizontal bars of mastery (percent) with the 80% band as a whisker; rows are
    (label, chance, low, high)."""
    bar, gap = 18, 8
    height = TOP + len(rows) * (bar + gap) + BOTTOM
    left, inner = LABEL_WIDTH, WIDTH - LABEL_WIDTH - RIGHT
    columns = []
    for i, (label, chance, low, high) in enumerate(rows):
        y = TOP + i * (bar + gap)
        band = (left + inner * low, left + inner * high)
        columns.append(Column(left, y, inner * chance, bar, label, round(100 * chance), band))
    x_ticks = [(left + inner * k / 4, f"{25 * k}%") for k in range(5)]
    return Chart(Axis([], x_ticks), columns=columns, height=height)
