"""A survey's cells below the minimum size are withheld in its charts as in its tables (cross-tabs and, since
the council's review of neubeckum, the questions' own charts): no bar — never
one of 0 % — in the native Word chart (no point, an empty cell in its workbook) and in the picture (no
bar, the mark „< 5“ in its place), with the note „ohne Säule: < 5, nicht ausgewiesen“. Checked for every
survey chart of every example project with a survey, and of the test survey.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conceptgen.document.survey import SurveyContext
from conceptgen.document.survey_charts import crosstab_chart, question_chart
from conceptgen.language import Language
from conceptgen.pipeline import check_project
from conceptgen.render.chart_images import draw
from conceptgen.render.charts import native_chart
from tests.conftest import FIXTURES, ROOT

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
PALETTE = ["1F4E79", "C00000", "70AD47", "FFC000", "5B9BD5", "A5A5A5"]
SURVEYS = [p for p in sorted((ROOT / "projects").iterdir()) if (p / "befragung.yaml").is_file()]
SURVEYS.append(FIXTURES / "survey")


def charts_of(project: Path, locale: str):
    """The survey, its context and every chart its questions and cross-tabs draw."""
    result = check_project(project)
    assert result.ok, [d.format() for d in result.diagnostics]
    survey = result.data.survey
    context = SurveyContext(survey, Language(locale))
    questions = [question_chart(context, code) for code in survey.results]
    crosses = [(cross, crosstab_chart(context, cross)) for cross in survey.crosstabs]
    return survey, [q for q in questions if q is not None], [(c, r) for c, r in crosses if r is not None]


def native_values(result) -> tuple[list[dict[int, float]], list[list[str | None]]]:
    """Per series the points the native chart has (index → value), and its workbook's cells."""
    space, workbook = native_chart(result, palette=PALETTE, font="Arial", language=Language("de"))
    points = [
        {int(pt.get("idx")): float(pt.find(f"{C}v").text) for pt in ser.findall(f"{C}val//{C}pt")}
        for ser in space.iter(f"{C}ser")
    ]
    sheet = etree.fromstring(zipfile.ZipFile(io.BytesIO(workbook)).read("xl/worksheets/sheet1.xml"))
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rows = [
        [None if c.find(f"{main}v") is None else c.find(f"{main}v").text for c in row]
        for row in sheet.iter(f"{main}row")
    ]
    return points, rows


@pytest.mark.parametrize("project", SURVEYS, ids=lambda p: p.name)
@pytest.mark.parametrize("locale", ["de", "en"])
def test_no_withheld_cell_is_drawn_as_zero(project, locale):
    survey, questions, crosses = charts_of(project, locale)
    assert questions
    withheld_somewhere = False
    for cross, result in crosses:
        minimum = survey.spec.min_cell
        mark = f"< {minimum}"
        points, cells = native_values(result)
        figure = draw(result, palette=PALETTE, language=Language(locale), width_emu=5_400_000)
        axes = figure.axes[0]
        marks = [t.get_text() for t in axes.texts]
        data = {s.name: s.values for s in result.chart.data.series}
        withheld = 0
        for n, (group, values) in enumerate(result.series):
            c = cross.columns.index(group)
            assert not cross.hidden_totals[c]  # a group too small is left out, not drawn
            for r, value in enumerate(values):
                if cross.hidden[r][c]:
                    withheld += 1
                    assert value is None and data[group][r] is None, (cross.question, group, r)
                    assert r not in points[n]  # no point: no bar, not one of 0
                    assert cells[r + 1][n + 1] is None  # the workbook's cell is empty
                else:
                    expected = round(100 * cross.counts[r][c] / cross.totals[c], 1)
                    assert value == expected and points[n][r] == expected  # 0 only where 0 were counted
        drawn = sum(v is not None for _g, values in result.series for v in values)
        assert len(axes.patches) == drawn  # a bar per value shown, none for a withheld one
        assert marks.count(mark) == withheld
        if withheld:
            withheld_somewhere = True
            assert result.suppressed == mark
            words = "nicht ausgewiesen" if locale == "de" else "not shown"
            assert f"{mark}, {words}" in result.note
        else:
            assert result.suppressed == "" and not marks
    for result in questions:  # a question chart withholds the counts its table hides, and draws no 0 for them
        missing = sum(v is None for _n, vals in result.series for v in vals)
        points, _cells = native_values(result)
        assert sum(len(p) for p in points) == sum(v is not None for _n, vals in result.series for v in vals)
        if missing:
            withheld_somewhere = True
            assert result.suppressed == f"< {survey.spec.min_cell}" and result.suppressed in result.note
        else:
            assert result.suppressed == ""
    if project.name == "neubeckum":
        assert withheld_somewhere  # the example does withhold cells: the test sees them
