"""Two line series' value labels never sit on one spot: where both series of a line chart have a value
(a Fortschrittsbericht's actual values and target path), one label is above its point and the other
below — both above printed „24,6“ over „24,1“ as one unreadable figure. Over every example document."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from tests.examples import documents, rendered

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS = {"c": C}


def _positions(ser) -> dict[int, str | None]:
    """Each point's label position (None: no label), from the point's own dLbl or the series'."""
    labels = ser.find("c:dLbls", NS)
    values = {int(pt.get("idx")) for pt in ser.findall("c:val//c:pt", NS)}
    if (
        labels is None
        or labels.find("c:showVal", NS) is None
        or labels.find("c:showVal", NS).get("val") != "1"
    ):
        return dict.fromkeys(values)
    shared = labels.find("c:dLblPos", NS)
    found = {}
    for point in values:
        own = [d for d in labels.findall("c:dLbl", NS) if d.find("c:idx", NS).get("val") == str(point)]
        if own and own[0].find("c:delete", NS) is not None:
            found[point] = None
            continue
        place = own[0].find("c:dLblPos", NS) if own and own[0].find("c:dLblPos", NS) is not None else shared
        found[point] = place.get("val") if place is not None else "r"
    return found


def _line_charts(docx: bytes):
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        for name in package.namelist():
            if name.startswith("word/charts/chart") and name.endswith(".xml"):
                root = etree.fromstring(package.read(name))
                for line in root.iterfind(".//c:lineChart", NS):
                    yield name, line.findall("c:ser", NS)


@pytest.mark.slow  # renders every example
@pytest.mark.parametrize(("project", "name"), documents())
def test_two_line_series_do_not_label_a_point_in_one_place(project, name):
    for part, series in _line_charts(rendered(project)[name]):
        if len(series) != 2:
            continue
        first, second = (_positions(s) for s in series)
        clashes = [p for p in first if p in second and first[p] and first[p] == second[p]]
        assert clashes == [], f"{name} {part}: points {clashes} labelled twice at {first[clashes[0]]}"
