"""Every value written on a chart reads on what it stands on (WCAG 2, ≥ 4.5:1): for every chart of every
example project (charts.yaml's and those blocks draw: surveys, profiles, financing, monitoring) in every
palette a design gives (the built-in templates', the projects' own, the default), read back from the chart
XML the render writes — the fill of each segment and the colour of its label, not a sample."""

from __future__ import annotations

import dataclasses
from functools import cache

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conceptgen.colours import AA_TEXT, contrast
from conceptgen.data.chart_colours import value_labels
from conceptgen.document import build_context
from conceptgen.document.proofread import document_charts
from conceptgen.language import Language
from conceptgen.model.template import DEFAULT_PALETTE
from conceptgen.pipeline import check_project
from conceptgen.render.charts import native_chart
from tests.conftest import ROOT
from tests.examples import PROJECTS

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"c": C, "a": A}
OUTSIDE = {"t", "outEnd", "b", "l", "r", "inBase"}  # positions beside the shape („inBase“ aside)


def palettes() -> dict[str, list[str]]:
    """Every palette a design gives: the default and each template.yaml's (built-in and projects')."""
    found = {"default": list(DEFAULT_PALETTE)}
    for path in sorted(
        [*ROOT.glob("templates/*/template.yaml"), *ROOT.glob("projects/*/templates/*/template.yaml")]
    ):
        palette = yaml.safe_load(path.read_text(encoding="utf-8")).get("palette")
        if palette:
            found[str(path.parent.relative_to(ROOT))] = [str(c).upper() for c in palette]
    return found


@cache
def project_charts(project: str) -> tuple[Language, list]:
    """Every chart the documents of an example project draw, each once."""
    result = check_project(ROOT / "projects" / project)
    assert result.concept is not None and result.language is not None
    charts: dict[int, object] = {}
    for index, spec in enumerate(result.concept.project.documents):
        outline = result.outlines[index] if result.outlines else None
        context = build_context(
            result.concept, result.source, spec, result.data, result.charts, result.language, outline
        )
        for chart in document_charts(context):
            charts.setdefault(id(chart), chart)
    return result.language, list(charts.values())


def _fill(sp_pr) -> str | None:
    """The solid fill of a c:spPr (None: no fill, or none given)."""
    if sp_pr is None:
        return None
    colour = sp_pr.find("a:solidFill/a:srgbClr", NS)
    return colour.get("val") if colour is not None else None


def _text_colour(element) -> str | None:
    colour = element.find("c:txPr//a:defRPr/a:solidFill/a:srgbClr", NS)
    return colour.get("val") if colour is not None else None


def written_labels(space) -> list[tuple[str, int, str, str]]:
    """(series name, point, background, label colour) of every value label the chart XML shows."""
    found = []
    for ser in space.iter(f"{{{C}}}ser"):
        labels = ser.find("c:dLbls", NS)
        if labels is None:
            continue
        show = any(labels.find(f"c:{flag}", NS).get("val") == "1" for flag in ("showVal", "showPercent"))
        line = ser.getparent().tag == f"{{{C}}}lineChart"
        position = labels.find("c:dLblPos", NS)
        outside = line or (position is not None and position.get("val") in OUTSIDE)
        series_fill = _fill(ser.find("c:spPr", NS))
        if ser.find("c:spPr/a:noFill", NS) is not None:
            continue  # an invisible series (a Gantt chart's start, a Likert battery's gap)
        points = {int(p.get("idx")): p for p in ser.findall("c:val//c:pt", NS)}
        fills = {
            int(d.find("c:idx", NS).get("val")): _fill(d.find("c:spPr", NS)) for d in ser.findall("c:dPt", NS)
        }
        own = {int(d.find("c:idx", NS).get("val")): d for d in labels.findall("c:dLbl", NS)}
        title = ser.find("c:tx//c:v", NS)
        name = title.text if title is not None else ""
        for point in sorted(points):
            label = own.get(point)
            if label is not None and label.find("c:delete", NS) is not None:
                continue
            if not show and label is None:
                continue
            text = (_text_colour(label) if label is not None else None) or _text_colour(labels)
            background = "FFFFFF" if outside else (fills.get(point) or series_fill)
            assert text is not None and background is not None, (name, point)
            found.append((name, point, background, text))
    return found


# the default palette in the fast lane; every other design's palette in the slow one
CASES = [
    pytest.param(project, name, marks=() if name == "default" else pytest.mark.slow)
    for project in PROJECTS
    for name in palettes()
]


@pytest.mark.parametrize(("project", "palette"), CASES)
def test_every_label_reads_on_its_segment(project, palette):
    language, charts = project_charts(project)
    colours = palettes()[palette]
    checked = 0
    for result in charts:
        space, _workbook = native_chart(result, palette=colours, font="Arial", language=language)
        for name, point, background, text in written_labels(space):
            ratio = contrast(background, text)
            assert ratio >= AA_TEXT, (
                f"{project} {result.chart.id} „{name}“ point {point}: {text} on {background} {ratio:.2f}:1"
            )
            checked += 1
        # the shared function and the written XML agree label for label
        assert len(value_labels(result, colours)) == len(written_labels(space)), result.chart.id
    if charts and any(r.chart.data_labels or r.likert for r in charts):
        assert checked


def test_stacked_columns_on_the_default_blue_were_unreadable_and_are_not():
    """The defect of issue 24: values on stacked columns in #404040 on 1F4E79 (1.20:1)."""
    assert contrast("404040", "1F4E79") < 1.3
    language, charts = project_charts("luenen")
    stacked = [r for r in charts if r.chart.stacking.value == "stacked" and r.chart.type.value == "column"]
    assert stacked
    for found in stacked:
        labelled = found.chart.model_copy(update={"data_labels": True})
        result = dataclasses.replace(found, chart=labelled)
        space, _ = native_chart(result, palette=list(DEFAULT_PALETTE), font="Arial", language=language)
        written = written_labels(space)
        assert written and all(contrast(bg, text) >= AA_TEXT for _n, _p, bg, text in written)
        assert {text for _n, _p, bg, text in written if bg == "1F4E79"} == {"FFFFFF"}


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(st.lists(st.from_regex(r"[0-9A-F]{6}", fullmatch=True), min_size=1, max_size=8))
def test_any_palette_keeps_every_label_readable(palette):
    """A client's design (`template new --from`) may bring any colours: every label still reads."""
    language, charts = project_charts("neubeckum")  # Likert bars, grey answers, bars
    _language, more = project_charts("neuss")  # stacked, lines, doughnut, highlights
    for result in [*charts, *more]:
        space, _ = native_chart(result, palette=palette, font="Arial", language=language)
        for name, point, background, text in written_labels(space):
            assert contrast(background, text) >= AA_TEXT, (result.chart.id, name, point, background, text)
