"""A map draws every ring of its outlines: Dortmund's Stadtbezirke, dissolved from the Statistische
Bezirke, kept 24 holes of 0–190 m² where the districts did not quite meet, and the map printed them as
dark specks under „Marten“ (read as an overprinted label). No example's geometry holds a hole too small
to be a real enclave (below 1.000 m²)."""

from __future__ import annotations

import pytest

from conceptgen.pipeline import check_project
from tests.conftest import ROOT
from tests.examples import PROJECTS

SLIVER_KM2 = 0.001  # 1.000 m²


def ring_area(ring: list[tuple[float, float]]) -> float:
    """The area a ring encloses (shoelace; km² for projected km)."""
    return (
        abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2
    )


def slivers(layers: dict) -> list[str]:
    return [
        f"{kind} {area}: a hole of {ring_area(hole) * 1e6:.0f} m²"
        for kind, layer in layers.items()
        for area, shape in layer.shapes.items()
        for polygon in shape.polygons
        for hole in polygon[1:]
        if ring_area(hole) < SLIVER_KM2
    ]


@pytest.mark.parametrize("project", PROJECTS)
def test_no_geometry_holds_a_sliver(project):
    data = check_project(ROOT / "projects" / project).data
    layers = {**(data.geometry if data else {})}
    if data is not None and data.social is not None:
        layers |= data.social.geometry
    assert slivers(layers) == []


def test_ring_area():
    assert ring_area([(0, 0), (1, 0), (1, 1), (0, 1)]) == 1
    assert ring_area([(0, 0), (0.01, 0), (0.01, 0.01)]) == pytest.approx(0.00005)
