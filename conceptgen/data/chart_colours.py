"""The colour of every bar, segment and slice a chart draws, and of the value written on it.

One place for both, so that the chart Word shows (render/charts.py) and ``check``'s document pass
(CG326) read the same colours: a value written inside a segment (a stacked column, a Likert bar, a pie
slice) is black or white, whichever contrasts more with that segment (WCAG 2, ≥ 4.5:1 for any fill); a
value written beyond a bar or above a line's point stands on the page and is dark grey.
"""

from __future__ import annotations

from dataclasses import dataclass

from conceptgen.colours import WHITE, best_text, contrast
from conceptgen.data.charts import ChartResult
from conceptgen.model.charts import ChartType, PieLabels, Stacking
from conceptgen.model.template import PRIORITY_COLOURS

NEUTRAL_GREY = "A6A6A6"  # a survey's „weiß nicht“ and a Likert battery's neutral answers
OUTSIDE_TEXT = "404040"  # a value beside its bar or point, on the page (10.4:1 on white)
PAGE = WHITE  # a chart's area is transparent: what stands outside its bars stands on the page
MIN_LABELLED = 7.5  # percent: narrower Likert segments carry no label


def diverging(count: int, first: str, last: str, middle: str = "D9D9D9") -> list[str]:
    """``count`` colours from ``first`` through ``middle`` to ``last`` (hex RGB)."""

    def mix(a: str, b: str, t: float) -> str:
        pa, pb = (tuple(int(c[i : i + 2], 16) for i in (0, 2, 4)) for c in (a, b))
        return "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(pa, pb, strict=True))

    if count == 1:
        return [first]
    found = []
    for i in range(count):
        t = i / (count - 1)
        found.append(mix(first, middle, t * 2) if t <= 0.5 else mix(middle, last, (t - 0.5) * 2))
    return found


@dataclass(frozen=True)
class ValueLabel:
    """A value written on a chart: its series and point, what it is read on (the segment's colour, or
    the page) and its own colour."""

    series: int
    point: int
    fill: str
    text: str
    inside: bool

    @property
    def contrast(self) -> float:
        return contrast(self.fill, self.text)


def _is_pie(result: ChartResult) -> bool:
    return result.chart.type in (ChartType.PIE, ChartType.DOUGHNUT)


def _is_line(result: ChartResult, series: int) -> bool:
    return result.chart.type in (ChartType.LINE, ChartType.INDICATOR) or series in result.secondary


def series_fill(result: ChartResult, palette: list[str], series: int) -> str | None:
    """The colour a series is drawn in (a line's colour for a line), None for an invisible one (a Gantt
    chart's start, the gap before a Likert battery's neutral answers)."""
    if result.likert:
        if series == result.likert:
            return None
        if series > result.likert:
            return NEUTRAL_GREY
        return diverging(result.likert, palette[0], palette[1 % len(palette)])[series]
    if result.chart.type is ChartType.TIMELINE:
        if series == 0:
            return None
        priority = sorted({bar[3] for bar in result.bars})[series - 1]
        return PRIORITY_COLOURS.get(priority, "A5A5A5")
    return palette[series % len(palette)]


def point_fill(result: ChartResult, palette: list[str], series: int, point: int) -> str | None:
    """The colour of one bar, segment or slice: a pie's slices each in their own colour, the highlighted
    category in the accent colour, grey categories grey; otherwise the series' colour."""
    if _is_pie(result):
        return palette[point % len(palette)]
    fill = series_fill(result, palette, series)
    if fill is None or result.likert or result.chart.type is ChartType.TIMELINE or _is_line(result, series):
        return fill
    if point in result.grey:
        return NEUTRAL_GREY
    if result.highlight is not None and point == result.highlight:
        return palette[1 % len(palette)]
    return fill


def labels_inside(result: ChartResult, series: int) -> bool:
    """Whether the values of a series are written inside its shapes (stacked bars, Likert bars, slices,
    a Gantt chart's bars) rather than beyond a bar or above a point."""
    if _is_pie(result) or result.likert or result.chart.type is ChartType.TIMELINE:
        return True
    if _is_line(result, series):
        return False
    return result.chart.stacking is not Stacking.NONE


def _labelled(result: ChartResult, series: int, point: int) -> bool:
    chart = result.chart
    if _is_pie(result):
        return chart.labels is not PieLabels.NONE and series == 0
    if chart.type is ChartType.TIMELINE:
        return chart.data_labels and result.bars[point][3] == _drawn_series(result)[series]
    values = result.series[series][1] if series < len(result.series) else []
    value = values[point] if point < len(values) else None
    if result.likert:
        return (value or 0.0) >= MIN_LABELLED
    return chart.data_labels and value is not None


def label_colour(fill: str, inside: bool) -> str:
    """The colour of a value written on ``fill`` (inside a segment) or on the page (outside)."""
    return best_text(fill)[0] if inside else OUTSIDE_TEXT


def value_labels(result: ChartResult, palette: list[str]) -> list[ValueLabel]:
    """Every value a native chart writes, with what it is read on and its colour."""
    found: list[ValueLabel] = []
    series_count = len(_drawn_series(result))
    for series in range(series_count):
        inside = labels_inside(result, series)
        for point in range(_points(result, series)):
            fill = point_fill(result, palette, series, point)
            if fill is None or not _labelled(result, series, point):
                continue
            background = fill if inside else PAGE
            found.append(ValueLabel(series, point, background, label_colour(background, inside), inside))
    return found


def _drawn_series(result: ChartResult) -> list[object]:
    """The series the chart draws (a Gantt chart: its invisible start, then one per priority)."""
    if result.chart.type is ChartType.TIMELINE:
        return [None, *sorted({bar[3] for bar in result.bars})]
    return list(result.series)


def _points(result: ChartResult, series: int) -> int:
    if result.chart.type is ChartType.TIMELINE:
        return len(result.bars)
    return len(result.series[series][1])
