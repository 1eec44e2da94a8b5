"""The values behind each chart: from a view, inline data, an indicator, or the measure timeline.

Plain results (categories, series of numbers, bars); pandas is touched only through frames that the
data stage already loaded, so projects with inline charts only never import it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from conceptgen.data.frames import filter_rows, frame_by_id, need_columns, source_line
from conceptgen.diagnostics import Diagnostic, DiagnosticError, diagnostic, did_you_mean
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path
from conceptgen.model import Concept
from conceptgen.model.charts import Aggregate, Axis, Chart, ChartType
from conceptgen.terms import Terms

MAX_SLICES = 7


@dataclass
class ChartResult:
    """Everything needed to draw a chart, in plain values."""

    chart: Chart
    categories: list[str] = field(default_factory=list)
    series: list[tuple[str, list[float | None]]] = field(default_factory=list)
    # timeline: label, start, end, priority, open (a period without an end)
    bars: list[tuple[str, float, float, int, bool]] = field(default_factory=list)
    source: str = ""
    secondary: list[int] = field(default_factory=list)  # series drawn as lines on a second axis
    highlight: int | None = None  # the category drawn in the accent colour (a profile's own area)
    captioned: bool = True  # False: no caption and source line (a chart inside a profile)
    heading: str = ""  # a short title above an uncaptioned chart, in its paragraph
    percent: bool = False  # the values are percentages (0–100): labels and axis say „%“
    likert: int = 0  # a Likert battery: this many scale levels, then a gap and the neutral answers
    note: str = ""  # a line before the source (the base of a survey's percentages)
    grey: list[int] = field(default_factory=list)  # categories drawn grey (a survey's „weiß nicht“)
    # a value withheld (a survey's cell below the minimum size): the mark drawn in its place („< 5“),
    # where its series holds None; no bar is drawn there, never one of 0
    suppressed: str = ""
    problems: list[Diagnostic] = field(default_factory=list, repr=False)  # warnings about its data
    beside: Any = None  # a small map drawn to the chart's right, in its paragraph (a profile's locator)


def compute_charts(
    concept: Concept,
    source: ProjectSource,
    frames: dict[str, Any],
    values: dict[str, dict[int, float]],
    terms: Terms,
) -> tuple[dict[str, ChartResult], list[Diagnostic]]:
    """The data of every chart, and the diagnostics (unknown views, columns, indicators; warnings)."""
    results: dict[str, ChartResult] = {}
    found: list[Diagnostic] = []
    for i, chart in enumerate(concept.charts):
        path = ("charts", i)
        try:
            if chart.type is ChartType.TIMELINE:
                result = _timeline(chart, concept, terms)
            elif chart.type is ChartType.INDICATOR:
                result = _indicator(chart, concept, values, source, path, terms)
            elif chart.data is not None:
                result = ChartResult(
                    chart,
                    list(chart.data.categories),
                    [(s.name, list(s.values)) for s in chart.data.series],
                    source=chart.source or "",
                    secondary=[i for i, s in enumerate(chart.data.series) if s.axis is Axis.SECONDARY],
                )
                _repeated_inline(chart, source, path)
                for j, series in enumerate(chart.data.series):
                    if len(series.values) != len(chart.data.categories):
                        raise DiagnosticError(
                            diagnostic(
                                "CG103",
                                f"die Reihe „{series.name}“ hat {len(series.values)} Werte für "
                                f"{len(chart.data.categories)} Kategorien",
                                source.locate((*path, "data", "series", j)),
                                key_path=format_path((*path, "data", "series", j)),
                            )
                        )
            else:
                result = _from_view(chart, frames, source, path, terms)
        except DiagnosticError as exc:
            found += exc.diagnostics
            continue
        if chart.type in (ChartType.PIE, ChartType.DOUGHNUT) and len(result.categories) > MAX_SLICES:
            found.append(
                diagnostic(
                    "CG307",
                    f"das Kreisdiagramm „{chart.id}“ hat {len(result.categories)} Segmente",
                    source.locate(path),
                    key_path=format_path(path),
                    hint=f"mehr als {MAX_SLICES} Segmente sind schwer zu lesen; ein Balkendiagramm verwenden",
                )
            )
        found += _untitled_second_axis(chart, result, source, path)
        found += _swapped(chart, result, concept, frames, source, path)
        found += result.problems
        results[chart.id] = result
    return results, found


def _untitled_second_axis(chart: Chart, result: ChartResult, source: ProjectSource, path: tuple) -> list:
    """CG442: series on a right-hand axis whose title the chart does not give."""
    if not result.secondary or chart.y2_title:
        return []
    return [
        diagnostic(
            "CG442",
            f"das Diagramm „{chart.id}“ hat eine zweite Achse (rechts) ohne Titel: wofür sie steht, sagt "
            "dann nur die Legende",
            source.locate(path),
            key_path=format_path(path),
            hint="y2_title: angeben, z. B. y2_title: Anteil in %",
        )
    ]


def _swapped(
    chart: Chart,
    result: ChartResult,
    concept: Concept,
    frames: dict[str, Any],
    source: ProjectSource,
    path: tuple,
) -> list[Diagnostic]:
    """CG443: axis titles the wrong way round (data/axis_titles.py), judged by the chart's own columns."""
    from conceptgen.data.axis_titles import swapped_titles, view_labels

    names = [chart.category or "", *(s.column for s in chart.series), chart.value or ""]
    labels = view_labels(frames[chart.view], names) if chart.view in frames else {}
    indicator = next((k for k in concept.indicators if k.id == chart.indicator), None)
    unit = f"{indicator.name} {indicator.unit}" if indicator and chart.indicator else ""
    series = [name for name, _values in result.series]
    return swapped_titles(chart, result.categories, series, labels, unit, source, path)


def _from_view(
    chart: Chart, frames: dict[str, Any], source: ProjectSource, path: tuple, terms: Terms
) -> ChartResult:
    frame = frame_by_id(frames, chart.view or "", source, (*path, "view"))
    wanted = [chart.category or ""] + [s.column for s in chart.series]
    wanted += [c for c in (chart.series_by, chart.value) if c]
    need_columns(frame, wanted, source, (*path, "series"))
    data = filter_rows(frame, chart.filter, source, (*path, "filter"))
    if data.empty:
        raise DiagnosticError(
            diagnostic(
                "CG602",
                f"das Diagramm „{chart.id}“ hat nach dem Filtern keine Daten",
                source.locate(path),
                key_path=format_path(path),
            )
        )

    def label(value: Any) -> str:
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)

    categories = list(dict.fromkeys(label(v) for v in data[chart.category]))
    _repeated_categories(chart, data, label, source, path)
    series: list[tuple[str, list[float | None]]] = []
    if chart.series_by and chart.value:
        for key in dict.fromkeys(data[chart.series_by]):
            part = data[data[chart.series_by] == key]
            by_category = _by_category(chart, part[chart.category], part[chart.value], label)
            series.append((label(key), [by_category.get(c) for c in categories]))
    else:
        for spec in chart.series:
            by_category = _by_category(chart, data[chart.category], data[spec.column], label)
            name = spec.label or (
                frame.columns[spec.column].label if spec.column in frame.columns else spec.column
            )
            series.append((name, [by_category.get(c) for c in categories]))
    secondary = [i for i, s in enumerate(chart.series) if s.axis is Axis.SECONDARY]
    result = ChartResult(
        chart,
        categories,
        series,
        source=chart.source or source_line(frame, terms, [c for c in wanted if c]),
        secondary=secondary,
    )
    from conceptgen.data.years import chart_gaps

    return chart_gaps(result, source, path)


def _by_category(chart: Chart, categories: Any, values: Any, label: Any) -> dict[str, float | None]:
    """The value of each category; a category of several rows (allowed by ``aggregate``) summed or
    averaged over its rows with values."""
    found: dict[str, list[float]] = {}
    for category, value in zip(categories, values, strict=True):
        number = _number(value)
        found.setdefault(label(category), [])
        if number is not None:
            found[label(category)].append(number)
    if chart.aggregate is Aggregate.MEAN:
        return {c: sum(v) / len(v) if v else None for c, v in found.items()}
    return {c: sum(v) if v else None for c, v in found.items()}


def _repeated_categories(chart: Chart, data: Any, label: Any, source: ProjectSource, path: tuple) -> None:
    """A category that several rows of the filtered data share (within a series of ``series_by``) is an
    error unless the chart says how to combine them: a chart would show one value per category, while a
    table of the same rows shows them all."""
    if chart.aggregate is not None:
        return
    keys = [chart.category, *([chart.series_by] if chart.series_by and chart.value else [])]
    labels = [tuple(label(v) for v in row) for row in data[keys].itertuples(index=False)]
    counts: dict[tuple, int] = {}
    for key in labels:
        counts[key] = counts.get(key, 0) + 1
    repeated = {key: n for key, n in counts.items() if n > 1}
    if not repeated:
        return
    names = ", ".join(f"„{' / '.join(k)}“ ({n}×)" for k, n in list(repeated.items())[:5])
    raise DiagnosticError(
        diagnostic(
            "CG311",
            f"Diagramm „{chart.id}“: {len(labels)} Zeilen, aber nur {len(counts)} verschiedene Kategorien "
            f"in „{chart.category}“ — mehrfach: {names}; jede Säule zeigte nur den Wert einer Zeile",
            source.locate((*path, "category")),
            key_path=format_path((*path, "category")),
            hint="den Filter enger fassen (filter:), die Kategorie eindeutig machen oder angeben, wie die "
            "Zeilen zusammengefasst werden: `aggregate: sum` (oder `aggregate: mean`)",
        )
    )


def _repeated_inline(chart: Chart, source: ProjectSource, path: tuple) -> None:
    """Inline data with a category twice: two bars of one name (a reader cannot tell them apart)."""
    assert chart.data is not None
    seen: dict[str, int] = {}
    for j, category in enumerate(chart.data.categories):
        if category in seen:
            raise DiagnosticError(
                diagnostic(
                    "CG311",
                    f"Diagramm „{chart.id}“: die Kategorie „{category}“ steht zweimal in data.categories "
                    f"(an Stelle {seen[category] + 1} und {j + 1})",
                    source.locate((*path, "data", "categories", j)),
                    key_path=format_path((*path, "data", "categories", j)),
                    hint="jede Kategorie einmal nennen und die Werte zusammenfassen",
                )
            )
        seen[category] = j


def _number(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if number != number else number


def _indicator(
    chart: Chart,
    concept: Concept,
    values: dict[str, dict[int, float]],
    source: ProjectSource,
    path: tuple,
    terms: Terms,
) -> ChartResult:
    indicator = next((k for k in concept.indicators if k.id == chart.indicator), None)
    if indicator is None:
        known = [k.id for k in concept.indicators]
        raise DiagnosticError(
            diagnostic(
                "CG202",
                f"unbekannter Indikator „{chart.indicator}“",
                source.locate((*path, "indicator")),
                key_path=format_path((*path, "indicator")),
                hint=did_you_mean(chart.indicator or "", known) or "",
            )
        )
    actuals = {**indicator.actuals, **values.get(indicator.id, {})}
    baseline = indicator.baseline
    base_value = (
        baseline.value
        if baseline and baseline.value is not None
        else (actuals.get(baseline.year) if baseline else None)
    )
    years = set(actuals)
    if baseline:
        years.add(baseline.year)
    if indicator.target:
        years.add(indicator.target.year)
    if not years:
        raise DiagnosticError(
            diagnostic(
                "CG602",
                f"der Indikator „{indicator.id}“ hat keine Werte für ein Diagramm",
                source.locate(path),
                key_path=format_path(path),
            )
        )
    span = list(range(min(years), max(years) + 1))
    series: list[tuple[str, list[float | None]]] = [(terms["actual"], [actuals.get(y) for y in span])]
    if indicator.target and baseline and base_value is not None:
        start, end = baseline.year, indicator.target.year
        path_values: list[float | None] = []
        for year in span:
            if year < start or end == start:
                path_values.append(None if year != end else indicator.target.value)
            else:
                path_values.append(
                    base_value + (indicator.target.value - base_value) * (year - start) / (end - start)
                )
        series.append((terms["target_path"], path_values))
    return ChartResult(chart, [str(y) for y in span], series, source=chart.source or (indicator.source or ""))


def _bar_label(text: str, width: int = 34) -> str:
    """A timeline label wrapped into lines of at most ``width`` characters at its spaces (never cut, a
    compound's hyphen kept inside its line: render/charts.py joins the lines again to wrap them wider)."""
    import textwrap

    return "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)) or text


HORIZONS = {"kurzfristig": (0, 2), "mittelfristig": (2, 5), "langfristig": (5, 8), "dauerhaft": (0, None)}


def _timeline(chart: Chart, concept: Concept, terms: Terms) -> ChartResult:
    """Bars of every measure and task with a period; open periods (``ab 07/2024``) reach the axis end,
    which is the last year any period ends or starts in, plus one. An item with only a horizon gets the
    horizon's window counted from the concept's year (kurzfristig: 0–2 years, mittelfristig: 2–5,
    langfristig: 5–8, dauerhaft: from the start), drawn fading out, and the source line says so."""

    def point(value: str, end: bool) -> float:
        year = int(value[:4])
        month = int(value[5:7]) if len(value) > 4 else (12 if end else 1)
        return year + (month if end else month - 1) / 12

    base = float(concept.project.date.year)
    items = [
        item
        for measure in concept.measures
        for item in (measure, *measure.tasks)
        if item.period or item.horizon
    ]
    if not items:
        return ChartResult(chart)
    ends = [point(i.period.end, True) for i in items if i.period and i.period.end]
    starts = [point(i.period.start, False) for i in items if i.period]
    windows = [HORIZONS[i.horizon.value] for i in items if not i.period and i.horizon]
    ends += [base + end for _start, end in windows if end is not None]
    latest = float(math.ceil(max([*ends, *(s + 1 for s in starts), base + 1])))
    bars = []
    for item in items:
        if item.period:
            start = point(item.period.start, False)
            end = point(item.period.end, True) if item.period.end else latest
            bars.append(
                (_bar_label(f"{item.id} {item.title}"), start, end, item.priority, item.period.end is None)
            )
            continue
        first, last = HORIZONS[item.horizon.value]
        label = _bar_label(f"{item.id} {item.title} ({item.horizon.value})")
        bars.append((label, base + first, base + last if last is not None else latest, item.priority, True))
    source = chart.source or terms["measure_planning"]
    if windows and not chart.source:
        source += "; " + terms("timeline.horizons", year=concept.project.date.year)
    return ChartResult(chart, bars=bars, source=source)
