"""Every category of every chart gets its label: a chart whose categories cannot each have a line of room
along their axis drops labels (Word and LibreOffice skip them) — Dortmund's profile comparison of 62 bars
labelled only every third area code, so a reader could not find their area. Over every native chart of
every example document: the categories times the labels' line (9 pt text) fit the plot's side."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from lxml import etree

from tests.examples import PROJECTS, rendered

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
EMU_PER_CM = 360000
LINE_CM = 9 * 1.17 / 72 * 2.54  # a 9-pt label's line
AXIS_CM = 1.5  # what the value axis, its numbers and the chart's margins take from the plot


def charts(docx: bytes) -> list[tuple[str, float, float, etree._Element]]:
    """(part, width cm, height cm, chart space) of each chart in the document's body."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{{{PR}}}Relationship")}
        body = etree.fromstring(package.read("word/document.xml"))
        found = []
        for inline in body.iter(f"{{{WP}}}inline", f"{{{WP}}}anchor"):
            chart = next(inline.iter(f"{{{C}}}chart"), None)
            if chart is None:
                continue
            extent = inline.find(f"{{{WP}}}extent")
            part = "word/" + targets[chart.get(f"{{{R}}}id")]
            space = etree.fromstring(package.read(part))
            width, height = (int(extent.get(k)) / EMU_PER_CM for k in ("cx", "cy"))
            found.append((part, width, height, space))
        return found


def crowded(space: etree._Element, width: float, height: float) -> list[str]:
    """The category axes whose labels cannot each have a line's room: ``n labels > room``."""
    problems = []
    for chart in space.iter():
        if not isinstance(chart.tag, str) or not re.search(r"}(bar|line|area)Chart$", chart.tag):
            continue
        direction = chart.find(f"{{{C}}}barDir")
        horizontal = direction is not None and direction.get("val") == "bar"
        ser = chart.find(f"{{{C}}}ser")
        count = ser.find(f"{{{C}}}cat//{{{C}}}ptCount") if ser is not None else None
        if count is None:
            continue
        n = int(count.get("val"))
        side = (height if horizontal else width) - AXIS_CM
        if n * LINE_CM > side:
            problems.append(f"{n} categories on {side:.1f} cm")
    return problems


@pytest.mark.slow  # renders every example
@pytest.mark.parametrize("project", PROJECTS)
def test_no_chart_drops_category_labels(project):
    wrong = []
    for name, docx in rendered(project).items():
        for part, width, height, space in charts(docx):
            for problem in crowded(space, width, height):
                wrong.append((name, part, problem))
    assert not wrong, wrong[:5]
