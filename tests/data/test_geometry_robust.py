"""GeoJSON as statistics offices deliver it and as it breaks (issue 25, item 5): a district in two
features, a vertex at 0,0, NaN and Infinity, coordinates in metres (UTM) with and without a declared
CRS, empty coordinates, a feature that is no object — each either drawn right or refused with a located
message, never an internal error."""

from __future__ import annotations

import json
import shutil

import pytest

from conceptgen.cli import INTERNAL_ERROR
from conceptgen.pipeline import check_project
from tests.conftest import ROOT

LUENEN = ROOT / "projects" / "luenen"


@pytest.fixture
def project(tmp_path):
    target = tmp_path / "luenen"
    shutil.copytree(LUENEN, target, ignore=shutil.ignore_patterns("build"))
    return target


def _geojson(project):
    return json.loads((project / "data" / "gebiet.geojson").read_text(encoding="utf-8"))


def _write(project, data, text: str | None = None) -> None:
    path = project / "data" / "gebiet.geojson"
    path.write_text(text if text is not None else json.dumps(data, indent=1), encoding="utf-8")


def _layer(project):
    result = check_project(project)
    assert result.ok, [d.format() for d in result.diagnostics]
    return result.data.geometry["Teilraum"]


def _refused(project, cli, code: str) -> str:
    """Both check and render refuse the file with ``code`` (exit 1); returns check's line."""
    checked = cli("check", project)
    assert checked.exit_code == 1, checked.output
    lines = [x for x in checked.output.splitlines() if code in x]
    assert lines, checked.output
    rendered = cli("render", project, "--no-libreoffice")
    assert rendered.exit_code == 1 and INTERNAL_ERROR not in rendered.output, rendered.output
    return lines[0]


def _box(x0, y0, x1, y1):
    return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]


def test_two_features_with_one_code_are_one_area_of_two_parts(project):
    data = _geojson(project)
    part = {
        "type": "Feature",
        "properties": {"code": "A", "name": "Rund um den Stadtgarten"},
        "geometry": {"type": "Polygon", "coordinates": _box(7.515, 51.611, 7.517, 51.613)},
    }
    data["features"].insert(0, part)
    _write(project, data)
    shape = _layer(project).shapes["stadtgarten"]
    assert len(shape.polygons) == 2  # the first part no longer vanishes


def test_a_vertex_at_zero_zero_is_refused(project, cli):
    data = _geojson(project)
    data["features"][1]["geometry"]["coordinates"][0][2] = [0, 0]
    _write(project, data)
    line = _refused(project, cli, "CG629")
    assert "gebiet.geojson:" in line and "0,0" in line and "Feature 2" in line


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_located(project, cli, token):
    text = (project / "data" / "gebiet.geojson").read_text(encoding="utf-8")
    text = text.replace("[7.5330, 51.6100]", f"[7.5330, {token}]", 1)
    _write(project, None, text)
    line = _refused(project, cli, "CG629")
    number = next(i for i, x in enumerate(text.splitlines(), start=1) if token in x)
    assert f"gebiet.geojson:{number}:" in line and token in line


def _to_utm(data):
    from pyproj import Transformer

    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True)
    for feature in data["features"]:
        rings = feature["geometry"]["coordinates"]
        feature["geometry"]["coordinates"] = [
            [list(to_utm.transform(x, y)) for x, y in ring] for ring in rings
        ]
    return data


def _same_shapes(a, b):
    for key, shape in a.shapes.items():
        for ring_a, ring_b in zip(shape.polygons[0][0], b.shapes[key].polygons[0][0], strict=True):
            assert ring_a == pytest.approx(ring_b, abs=1e-3)  # km: a metre


def test_metres_with_a_declared_crs_are_reprojected(project):
    before = _layer(project)
    data = _to_utm(_geojson(project))
    data["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}}
    _write(project, data)
    _same_shapes(before, _layer(project))


def test_metres_with_the_crs_in_the_yaml_are_reprojected(project):
    before = _layer(project)
    _write(project, _to_utm(_geojson(project)))
    path = project / "inventory.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("    code: code\n", "    code: code\n    crs: EPSG:25832\n", 1), encoding="utf-8"
    )
    _same_shapes(before, _layer(project))


def test_metres_without_a_crs_are_refused(project, cli):
    _write(project, _to_utm(_geojson(project)))
    line = _refused(project, cli, "CG630")
    assert "gebiet.geojson" in line and "crs" in line


def test_an_unknown_crs_is_refused(project, cli):
    data = _geojson(project)
    data["crs"] = {"type": "name", "properties": {"name": "EPSG:999999"}}
    _write(project, data)
    assert "EPSG:999999" in _refused(project, cli, "CG630")


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["features"].__setitem__(1, "kein Objekt"),
        lambda d: d["features"][1].__setitem__("properties", ["code", "B"]),
        lambda d: d["features"][1]["geometry"].__setitem__("coordinates", []),
        lambda d: d["features"][1]["geometry"].__setitem__("coordinates", [[]]),
        lambda d: d["features"][1]["geometry"].__setitem__("coordinates", [[[7.5, 51.6], [7.6]]]),
        lambda d: d["features"][1]["geometry"].__setitem__("coordinates", [[["a", "b"]]]),
        lambda d: d["features"][1].__setitem__("geometry", {"type": "Polygon", "coordinates": {"x": 1}}),
        lambda d: d.__setitem__("features", [None, 3, []]),
    ],
    ids=[
        "not-an-object",
        "properties-list",
        "no-rings",
        "empty-ring",
        "short-vertex",
        "text",
        "mapping",
        "junk",
    ],
)
def test_a_broken_feature_is_located(project, cli, damage):
    data = _geojson(project)
    damage(data)
    _write(project, data)
    line = _refused(project, cli, "gebiet.geojson")
    assert "Feature" in line
