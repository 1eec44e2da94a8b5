"""The progress report's blocks (monitoring.yaml): the summary, each indicator against its path with a
traffic light in symbol and word (never colour alone), a chart per indicator, and the measures' status
with its change since the last report."""

from __future__ import annotations

from typing import Any

from conceptgen.data.charts import ChartResult
from conceptgen.document.tables import DataTable
from conceptgen.language import Language
from conceptgen.model import Concept
from conceptgen.model.monitoring import (
    IndicatorState,
    Light,
    actual_values,
    counts,
    indicator_state,
    measure_change,
    path_value,
)

FLAGS = {Light.ON_TRACK: "good", Light.AT_RISK: "risk", Light.OFF_TRACK: "off"}


def states(concept: Concept, data: Any) -> list[IndicatorState]:
    """Every indicator in the report year: actual values from monitoring.yaml, the indicator's own and
    its data (in that order of precedence)."""
    monitoring = concept.monitoring
    computed = getattr(data, "indicator_values", None) or {}
    found = []
    for indicator in concept.indicators:
        actuals = actual_values(indicator, monitoring, computed)
        baseline = indicator.baseline
        value = None
        if baseline is not None:
            value = baseline.value if baseline.value is not None else actuals.get(baseline.year)
        found.append(indicator_state(indicator, actuals, value, monitoring.year, monitoring.rule))
    return found


def _actuals(concept: Concept, data: Any, ident: str) -> dict[int, float]:
    computed = getattr(data, "indicator_values", None) or {}
    indicator = next(k for k in concept.indicators if k.id == ident)
    return actual_values(indicator, concept.monitoring, computed)


def _mark(concept: Concept, language: Language) -> str:
    return language.terms["sample_mark"] if concept.monitoring.sample else ""


def _source(concept: Concept, language: Language) -> str:
    return f"{language.terms['source']}: {language.terms('monitoring.source', year=concept.monitoring.year)}"


def summary_table(concept: Concept, data: Any, language: Language) -> DataTable:
    terms, monitoring = language.terms, concept.monitoring
    lights = [s.light for s in states(concept, data)]
    rows = [
        [
            terms["monitoring.indicators"],
            terms[f"monitoring.{light.value}"],
            language.number(lights.count(light)),
        ]
        for light in Light
        if lights.count(light)
    ]
    flags = [FLAGS.get(light, "") for light in Light if lights.count(light)]
    statuses = [r.status.get(monitoring.year) for r in monitoring.measures]
    for status in dict.fromkeys(s for s in statuses if s is not None):
        rows.append([terms["monitoring.measures"], status.value, language.number(statuses.count(status))])
        flags.append("")
    return DataTable(
        "monitoring-stand",
        terms("monitoring.summary_title", year=monitoring.year),
        [terms["monitoring.summary_part"], terms["monitoring.status"], terms["monitoring.count"]],
        [False, False, True],
        rows,
        source=_source(concept, language),
        flags=flags,
    )


def indicator_table(concept: Concept, data: Any, language: Language) -> DataTable:
    terms, monitoring, year = language.terms, concept.monitoring, concept.monitoring.year
    mark = _mark(concept, language)
    rows, flags, rounded = [], [], False
    for state in states(concept, data):
        k = state.indicator
        rounded = rounded or _rounded(state, year)

        def fmt(value: float | None) -> str:
            return terms["none"] if value is None else language.number(value, 1 if value % 1 else 0)

        rows.append(
            [
                f"{k.id} {k.name} ({k.unit})",
                f"{fmt(state.baseline)} ({k.baseline.year})" if k.baseline else terms["none"],
                f"{fmt(k.target.value)} ({k.target.year})" if k.target else terms["none"],
                fmt(state.expected),
                fmt(state.actual) + (mark if state.actual is not None else ""),
                terms["none"] if state.lag is None else language.number(state.lag, 0),
                terms[f"monitoring.{state.light.value}"],
            ]
        )
        flags.append(FLAGS.get(state.light, ""))
    note = terms(
        "monitoring.rule",
        on=language.number(monitoring.rule.on_track),
        risk=language.number(monitoring.rule.at_risk),
    )
    if rounded:
        note += " " + terms["monitoring.rounded"]
    if mark:
        note += " " + terms["sample_legend"]
    return DataTable(
        "kennzahlen-stand",
        terms("monitoring.indicators_title", year=year),
        [
            terms["monitoring.indicator"],
            terms["monitoring.baseline"],
            terms["monitoring.target"],
            terms("monitoring.expected", year=year),
            terms("monitoring.actual", year=year),
            terms["monitoring.lag"],
            terms["monitoring.status"],
        ],
        [False, True, True, True, True, True, False],
        rows,
        source=_source(concept, language),
        note=note,
        flags=flags,
        widths=[3.4, 1.4, 1.4, 1.0, 1.0, 1.0, 1.6],
    )


def _rounded(state: IndicatorState, year: int) -> bool:
    """Whether the value on a count's path (model/monitoring.py ``counts``) was rounded to a whole number
    (Neuss K5 in 2026: 6,25 → 6 Kommunen)."""
    k = state.indicator
    if state.expected is None or k.baseline is None or k.target is None or state.baseline is None:
        return False
    exact = path_value(k.baseline.year, state.baseline, k.target.year, k.target.value, year)
    return counts(k.unit) and exact != state.expected


def indicator_charts(concept: Concept, data: Any, language: Language) -> list[ChartResult]:
    """A line chart per indicator with a target: its actual values and its path."""
    from conceptgen.model.charts import Chart, InlineData, InlineSeries

    terms = language.terms
    charts = []
    for state in states(concept, data):
        k = state.indicator
        if k.target is None or k.baseline is None or state.baseline is None:
            continue
        actuals = _actuals(concept, data, k.id)
        actuals.setdefault(k.baseline.year, state.baseline)
        first = min([k.baseline.year, *actuals])
        years = list(range(first, max(k.target.year, concept.monitoring.year, *actuals) + 1))
        path = [
            None
            if y < k.baseline.year
            else round(path_value(k.baseline.year, state.baseline, k.target.year, k.target.value, y), 2)
            for y in years
        ]  # the path begins at the baseline
        actual = [actuals.get(y) for y in years]
        shown = ", ".join(f"{language.number(v)} ({y})" for y, v in sorted(actuals.items()))
        chart = Chart(
            id=f"pfad-{k.id}",
            type="line",
            title=terms("monitoring.chart_title", id=k.id, name=k.name),
            alt=terms(
                "monitoring.chart_alt",
                name=k.name,
                actuals=shown,
                baseline=language.number(state.baseline),
                baseline_year=k.baseline.year,
                target=language.number(k.target.value),
                target_year=k.target.year,
                year=concept.monitoring.year,
                status=terms[f"monitoring.{state.light.value}"],
            ),
            data=InlineData(
                categories=[str(y) for y in years],
                series=[
                    InlineSeries(name=terms["monitoring.path"], values=[v for v in path if v is not None])
                ],
            ),
            y_title=k.unit,
            data_labels=True,
            decimals=1 if any(v is not None and v % 1 for v in actual) else 0,
            height_cm=6,
        )
        charts.append(
            ChartResult(
                chart,
                [str(y) for y in years],
                [(terms["actual"], actual), (terms["monitoring.path"], path)],
                source=_source(concept, language).split(": ", 1)[1],
            )
        )
    return charts


def measure_table(concept: Concept, language: Language) -> DataTable:
    terms, monitoring = language.terms, concept.monitoring
    titles = {i.id: i.title for m in concept.measures for i in (m, *m.tasks)}
    previous = monitoring.previous
    rows = []
    for report in monitoring.measures:
        now = report.status.get(monitoring.year)
        before = report.status.get(previous) if previous else None
        row = [f"{report.measure} {titles.get(report.measure, '')}".strip()]
        if previous:
            row.append(before.value if before else terms["none"])
        row += [
            now.value if now else terms["none"],
            terms[f"monitoring.change_{measure_change(before, now)}"],
        ]
        row.append(report.note or "")
        rows.append(row)
    headers = [terms["monitoring.measure"]]
    if previous:
        headers.append(terms("monitoring.before", year=previous))
    headers += [
        terms("monitoring.now", year=monitoring.year),
        terms["monitoring.change"],
        terms["monitoring.note"],
    ]
    title = (
        terms("monitoring.measures_title", year=monitoring.year, previous=previous)
        if previous
        else terms("monitoring.measures_title_first", year=monitoring.year)
    )
    return DataTable(
        "massnahmen-stand",
        title,
        headers,
        [False] * len(headers),
        rows,
        source=_source(concept, language),
        note=terms["sample_legend"] if monitoring.sample else "",
    )
