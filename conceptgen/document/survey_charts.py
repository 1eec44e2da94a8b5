"""A survey's charts, native Word charts: bars for single and multiple choice (the neutral answers grey),
100 % stacked bars for a Likert battery with its neutral answer apart, grouped columns for a cross-tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from conceptgen.data.charts import ChartResult
from conceptgen.data.survey import CrosstabResult, QuestionResult
from conceptgen.model.survey import QuestionType
from conceptgen.outline.survey_labels import cross_id, slug

if TYPE_CHECKING:
    from conceptgen.document.survey import SurveyContext

BAR_CM, CHART_MARGIN_CM = 0.75, 2.0  # height of a bar with its gap, and of legend and axis


def question_chart(survey: SurveyContext, code: str) -> ChartResult | None:
    """The chart of a question: bars for single and multiple choice, stacked bars for a scale."""
    result = survey.result.results[code]
    question = result.question
    if not question.chart or question.type in (QuestionType.TEXT, QuestionType.NUMBER):
        return None
    if not any(p.valid for p in result.parts):
        return None
    if question.type is QuestionType.SCALE:
        return likert_chart(survey, result)
    from conceptgen.model.charts import Chart, InlineData, InlineSeries

    part = result.parts[0]
    shown_counts = part.counts + [c for c in part.neutral if c.count]
    labels = [survey.label(c) for c in shown_counts]
    values: list[float | None] = [None if c.hidden else round(c.percent or 0.0, 1) for c in shown_counts]
    title = question.text or code
    shown = ", ".join(
        f"{label} {survey.share(c)}{'' if c.hidden else ' %'}"
        for label, c in zip(labels, shown_counts, strict=True)
    )
    chart = Chart(
        id=f"frage-{slug(code)}",
        type="bar",
        title=title,
        alt=survey.terms("survey.alt_bars", question=title, values=shown),
        data=InlineData(
            categories=labels, series=[InlineSeries(name=survey.terms["survey.share"], values=values)]
        ),
        legend=False,
        data_labels=True,
        height_cm=min(max(CHART_MARGIN_CM + BAR_CM * len(labels), 4.0), 20.0),
    )
    return ChartResult(
        chart,
        labels,
        [(survey.terms["survey.share"], values)],
        source=survey.source_text(),
        percent=True,
        note=survey.line(survey.base(question, part), _withheld_note(survey, result)),
        grey=list(range(len(part.counts), len(shown_counts))),
        suppressed=_mark(survey, result),
    )


def _mark(survey: SurveyContext, result: QuestionResult) -> str:
    hidden = any(c.hidden for p in result.parts for c in p.counts + p.neutral)
    return survey.terms("survey.suppressed_mark", min=survey.spec.min_cell) if hidden else ""


def _withheld_note(survey: SurveyContext, result: QuestionResult) -> str:
    """„ohne Balken: < 5, nicht ausgewiesen …“ where a count of the chart is hidden."""
    mark = _mark(survey, result)
    return survey.terms("survey.hidden_chart_note", mark=mark, min=survey.spec.min_cell) if mark else ""


def likert_chart(survey: SurveyContext, result: QuestionResult) -> ChartResult:
    """Items as 100 % stacked bars of the scale's levels (from the first to the last), then apart,
    after a gap, the neutral answers as a share of all answers."""
    from conceptgen.model.charts import Chart, InlineData, InlineSeries

    question = result.question
    fmt = survey.language
    scale = list((question.scale or {}).values())
    neutral = list(question.neutral.values())
    categories = []
    for part in result.parts:
        label = part.label
        extras = [survey.terms("survey.n_short", n=fmt.number(part.valid))]
        if question.mean and part.mean is not None:
            extras.append(survey.terms("survey.mean_short", value=fmt.number(part.mean, 1)))
        categories.append(f"{label} ({', '.join(extras)})")

    series: list[tuple[str, list[float | None]]] = [
        (label, _shares([p.counts[i] for p in result.parts])) for i, label in enumerate(scale)
    ]
    if neutral:
        series.append(("\u200b", [4.0] * len(result.parts)))  # the gap before the neutral answers
        series += [(label, _shares([p.neutral[i] for p in result.parts])) for i, label in enumerate(neutral)]
    title = question.text or question.code
    upper = scale[: max(len(scale) // 2, 1)]
    tops = "; ".join(
        survey.terms(
            "survey.top",
            item=p.label,
            share=_top(survey, p.counts[: len(upper)]),
            labels=f" {survey.terms['survey.or']} ".join(survey.quote(u) for u in upper),
        )
        for p in result.parts
    )
    neutral_words = f" {survey.terms['survey.or']} ".join(survey.quote(n) for n in neutral) or "–"
    chart = Chart(
        id=f"frage-{slug(question.code)}",
        type="bar",
        stacking="stacked",
        title=title,
        alt=survey.terms(
            "survey.alt_likert",
            question=title,
            first=scale[0],
            last=scale[-1],
            neutral=neutral_words,
            values=tops,
        ),
        data=InlineData(
            categories=categories,
            series=[InlineSeries(name=name, values=list(values)) for name, values in series],
        ),
        data_labels=True,
        height_cm=min(max(CHART_MARGIN_CM + 0.4 + BAR_CM * len(categories), 4.5), 20.0),
    )
    return ChartResult(
        chart,
        categories,
        series,
        source=survey.source_text(),
        percent=True,
        likert=len(scale),
        note=survey.line(survey.base(question, result.parts[0]), _withheld_note(survey, result)),
        suppressed=_mark(survey, result),
    )


def _shares(counts: list[Any]) -> list[float | None]:
    """The counts' shares as drawn: none for a hidden one (no bar, not one of 0)."""
    return [None if c.hidden else round(c.percent or 0.0, 1) for c in counts]


def _top(survey: SurveyContext, counts: list[Any]) -> str:
    """The share of the upper levels together; hidden when one of them is (the sum would give it away)."""
    if any(c.hidden for c in counts):
        return survey.terms["survey.hidden"]
    return f"{survey.percent(sum(c.percent or 0.0 for c in counts))} %"


def crosstab_chart(survey: SurveyContext, cross: CrosstabResult) -> ChartResult | None:
    """Grouped columns: the answers along the axis, a column per group (groups too small left out,
    hidden cells as gaps)."""
    from conceptgen.model.charts import Chart, InlineData, InlineSeries

    series = []
    for c, group in enumerate(cross.columns):
        if cross.hidden_totals[c] or not cross.totals[c]:
            continue
        values = [
            None if cross.hidden[r][c] else round(100 * cross.counts[r][c] / cross.totals[c], 1)
            for r in range(len(cross.rows))
        ]
        if any(v is not None for v in values):  # a group with every cell hidden shows nothing
            series.append((group, values))
    if not series:
        return None
    title = survey.terms("survey.cross_title", question=survey.cross_name(cross), by=cross.by_title)
    shown = "; ".join(
        f"{group}: "
        + ", ".join(
            f"{row} {survey.terms['survey.hidden'] if v is None else survey.percent(v) + ' %'}"
            for row, v in zip(cross.rows, values, strict=True)
        )
        for group, values in series
    )
    chart = Chart(
        id=cross_id(cross),
        type="column",
        title=title,
        alt=survey.terms(
            "survey.alt_cross", question=survey.cross_name(cross), by=cross.by_title, values=shown
        ),
        data=InlineData(
            categories=cross.rows,
            series=[InlineSeries(name=g, values=list(vals)) for g, vals in series],
        ),
        legend=True,
        height_cm=7.5,
    )
    minimum = survey.spec.min_cell
    withheld = any(v is None for _g, vals in series for v in vals)
    mark = survey.terms("survey.suppressed_mark", min=minimum) if withheld else ""
    note = (
        survey.terms("survey.cross_chart_note", mark=mark, min=minimum)
        if withheld
        else survey.terms("survey.cross_note", symbol=survey.terms["survey.hidden"], min=minimum)
    )
    return ChartResult(
        chart, list(cross.rows), series, source=survey.source_text(), percent=True, note=note, suppressed=mark
    )
