"""CG443: axis titles the wrong way round (data/axis_titles.py). Every example's charts as written are
clean; each with its titles swapped is found — except where no title names a column of either side
(said here, so that the list cannot grow unnoticed)."""

from __future__ import annotations

import shutil
from functools import cache

import pytest

from conceptgen.data.analysis import analyse
from conceptgen.data.axis_titles import swapped_titles, view_labels, words
from conceptgen.data.charts import compute_charts
from conceptgen.language import Language
from conceptgen.loading import load_project
from conceptgen.model.charts import Chart, ChartType
from conceptgen.model.validate import validate_concept
from conceptgen.pipeline import check_project
from tests.conftest import ROOT, replace_in
from tests.examples import PROJECTS

# swapped, these say nothing either way: Dortmund's „Personen“ over years of „SGB-II-Leistungsberechtigte“
# (no column is named or labelled „Personen“)
UNFOUND = {("dortmund", "entwicklung")}


@cache
def _charts(project: str):
    source, _ = load_project(ROOT / "projects" / project)
    concept, _ = validate_concept(source)
    assert concept is not None
    terms = Language.of("de").terms
    data, _ = analyse(concept, source, terms)
    results, found = compute_charts(concept, source, data.frames, data.indicator_values, terms)
    return concept, source, data, results, found


def _found(project: str, chart: Chart) -> list:
    concept, source, data, results, _ = _charts(project)
    result = results[chart.id]
    names = [chart.category or "", *(s.column for s in chart.series), chart.value or ""]
    labels = view_labels(data.frames[chart.view], names) if chart.view in data.frames else {}
    indicator = next((k for k in concept.indicators if k.id == chart.indicator), None)
    unit = f"{indicator.name} {indicator.unit}" if indicator else ""
    series = [name for name, _values in result.series]
    path = ("charts", concept.charts.index(next(c for c in concept.charts if c.id == chart.id)))
    return swapped_titles(chart, result.categories, series, labels, unit, source, path)


@pytest.mark.parametrize("project", PROJECTS)
def test_every_examples_titles_right_and_swapped(project):
    concept, _source, _data, results, found = _charts(project)
    assert not [d for d in found if d.code == "CG443"]
    unfound = set()
    for chart in concept.charts:
        if chart.id not in results or not (chart.x_title or chart.y_title):
            continue
        assert _found(project, chart) == []
        swapped = chart.model_copy(update={"x_title": chart.y_title, "y_title": chart.x_title})
        said = _found(project, swapped)
        if not said:
            unfound.add((project, chart.id))
            continue
        [d] = said
        assert d.code == "CG443" and chart.id in d.message
        assert d.key_path.split(".")[-1] in ("x_title", "y_title")
    assert unfound == {u for u in UNFOUND if u[0] == project}


def test_bottrops_bar_chart_as_it_was(tmp_path):
    """Bottrop's Abb. 2 before c084c08: a bar chart with the values' title on its category axis."""
    project = tmp_path / "bottrop"
    shutil.copytree(ROOT / "projects" / "bottrop-inklusion", project, ignore=shutil.ignore_patterns("build"))
    charts = project / "charts.yaml"
    replace_in(
        charts,
        "    x_title: Personen\n    y_title: Grad der Behinderung\n",
        "    x_title: Grad der Behinderung\n    y_title: Personen\n",
    )
    found = [d for d in check_project(project).diagnostics if d.code == "CG443"]
    assert [(d.key_path, d.location.line) for d in found] == [("charts[1].y_title", 25)]
    assert "„Personen“" in found[0].message and found[0].hint


@pytest.mark.parametrize(
    ("kind", "x", "y", "categories", "wrong"),
    [
        ("column", "Anzahl", None, ["Nord", "Süd"], "x_title"),  # a unit under names
        ("column", "%", "Jahr", ["2022", "2023"], "x_title"),  # a unit under years
        ("column", "Grad in %", None, ["10 %", "20 %"], None),  # numbers as categories may carry one
        ("column", "Kommune", "Personen", ["Nord", "Süd"], None),  # the right way round
        ("bar", "Kommune", "Personen", ["Nord", "Süd"], "y_title"),  # bars lie across
        ("bar", "Personen", "Kommune", ["Nord", "Süd"], None),
        ("line", None, "Jahr", ["2022", "2023"], "y_title"),  # the values' axis named after the years
        ("column", "Stadtteil", "Einwohner", ["Nord", "Süd"], None),  # matches neither side
        ("pie", "Anzahl", None, ["Nord", "Süd"], None),  # no axes
    ],
)
def test_titles_by_hand(kind, x, y, categories, wrong):
    chart = Chart.model_validate(
        {
            "id": "c",
            "type": kind,
            "title": "T",
            "alt": "A",
            "data": {
                "categories": categories,
                "series": [{"name": "Personen", "values": [1] * len(categories)}],
            },
            "x_title": x,
            "y_title": y,
        }
    )
    source, _ = load_project(ROOT / "tests" / "fixtures" / "minimal")
    found = swapped_titles(
        chart, categories, ["Personen"], {"kommune": ("Kommune", "")}, "", source, ("charts", 0)
    )
    assert [d.key_path.split(".")[-1] for d in found] == ([wrong] if wrong else [])
    assert ChartType(kind) in ChartType


def test_words():
    assert words("Untergebrachte Personen je 10.000 EW") == {"untergebrachte", "personen"}
    assert words("je_10000") == set()
