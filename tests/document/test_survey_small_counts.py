"""No printed figure of a survey reveals a count below the minimum cell size: not as a count, not as a share
of a printed n, in no table and no chart (council review of neubeckum: Tabelle 3 hid „stimme gar nicht
zu“ in its „Gesamt“ column, Tabelle 12 printed 1,1 % of n = 265 = 3 people). Read from the tables and
charts the report prints, for every survey example and the test survey, in German and English."""

from __future__ import annotations

import pytest

from conceptgen.document.survey import SurveyContext
from conceptgen.document.survey_charts import crosstab_chart, question_chart
from conceptgen.language import Language
from conceptgen.model.survey import QuestionType
from conceptgen.pipeline import check_project
from tests.conftest import FIXTURES, ROOT

SURVEYS = [p for p in sorted((ROOT / "projects").iterdir()) if (p / "befragung.yaml").is_file()]
SURVEYS.append(FIXTURES / "survey")


def _number(text: str) -> float:
    """A printed number, German („1.234,5“) or English („1,234.5“)."""
    if "," in text and (("." not in text) or text.rindex(",") > text.rindex(".")):
        return float(text.replace(".", "").replace(",", "."))
    return float(text.replace(",", ""))


def _count(text: str) -> int:
    return int("".join(ch for ch in text if ch.isdigit()))


def _reveals(share: float, n: int, minimum: int) -> bool:
    """A share printed to one decimal of ``n`` people gives away a count from 1 to minimum − 1."""
    count = share * n / 100
    return 0.5 <= count < minimum - 0.5


@pytest.fixture(scope="module", params=[(p, loc) for p in SURVEYS for loc in ("de", "en")],
                ids=lambda p: f"{p[0].name}-{p[1]}")  # fmt: skip
def survey(request):
    project, locale = request.param
    result = check_project(project)
    assert result.ok
    data = result.data.survey
    return data, SurveyContext(data, Language(locale))


def test_no_printed_share_reveals_a_small_count(survey):
    data, context = survey
    minimum, hidden = data.spec.min_cell, context.terms["survey.hidden"]
    checked = 0
    for code, result in data.results.items():
        question = result.question
        table = context.table(code)
        if table is None or question.type is QuestionType.NUMBER:
            continue
        if question.type is QuestionType.SCALE:
            scale = list((question.scale or {}).values())
            for part, row in zip(result.parts, table.rows, strict=True):
                for level, cell in zip(scale, row[1 : 1 + len(scale)], strict=True):
                    checked += 1
                    assert cell == hidden or not _reveals(_number(cell), part.valid, minimum), (
                        code,
                        part.label,
                        level,
                        cell,
                    )
        else:
            part = result.parts[0]
            labels = {context.label(c) for c in part.counts}
            for row in table.rows:
                if row[0] not in labels:
                    continue  # the valid total and the neutral answers (their own base)
                checked += 1
                assert row[1] == hidden or not 0 < _count(row[1]) < minimum, (code, row)
                assert row[2] == hidden or not _reveals(_number(row[2]), part.valid, minimum), (code, row)
            for c in part.neutral:
                [row] = [r for r in table.rows if r[0] == c.label] or [[c.label, "0", "0"]]
                assert row[1] == hidden or not 0 < _count(row[1]) < minimum, (code, row)
        chart = question_chart(context, code)
        if chart is None:
            continue
        for name, values in chart.series:
            for i, value in enumerate(values):
                base = result.parts[i].valid if question.type is QuestionType.SCALE else result.parts[0].valid
                if value is not None and name != "\u200b":
                    assert not _reveals(value, base, minimum), (code, name, chart.categories[i], value)
    assert checked


def test_a_hidden_count_cannot_be_computed_back(survey):
    """Where counts add up to a printed n (one answer, a scale's levels), none is hidden alone."""
    data, context = survey
    hidden = context.terms["survey.hidden"]
    for code, result in data.results.items():
        question = result.question
        if question.type not in (QuestionType.SINGLE, QuestionType.SCALE):
            continue
        table = context.table(code)
        if question.type is QuestionType.SCALE:
            n = len(question.scale or {})
            groups = [row[1 : 1 + n] for row in table.rows]
        else:
            labels = {context.label(c) for c in result.parts[0].counts}
            groups = [[row[2] for row in table.rows if row[0] in labels]]
        for cells in groups:
            assert sum(c == hidden for c in cells) != 1, (code, cells)


def test_a_cell_is_hidden_in_the_cross_table_as_in_the_frequencies(survey):
    """The cross-tab's „Gesamt“ column and the question's own table hide the same answers."""
    data, context = survey
    hidden = context.terms["survey.hidden"]
    assert data.crosstabs or not data.spec.crosstabs
    for cross in data.crosstabs:
        code, _, item = cross.question.partition("[")
        result = data.results[code]
        table = context.table(code)
        if item:
            items = list(result.question.items or {})
            row = table.rows[items.index(item.rstrip("]"))]
            scale = list((result.question.scale or {}).values())
            frequencies = dict(zip(scale, row[1 : 1 + len(scale)], strict=True))
        else:
            frequencies = {r[0]: r[2] for r in table.rows}
        crossed = context.crosstab_table(cross)
        for label, row in zip(cross.rows, crossed.rows, strict=True):
            assert (row[-1] == hidden) == (frequencies[label] == hidden), (cross.question, label, row[-1])
        chart = crosstab_chart(context, cross)
        for group, values in chart.series if chart else []:
            c = cross.columns.index(group)
            for value in values:
                if value is not None:
                    assert not _reveals(value, cross.totals[c], data.spec.min_cell), (cross.question, group)
