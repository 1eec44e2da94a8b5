"""Area boundaries from GeoJSON (data/geojson.py reads and checks it), joined to the areas by code and
projected for a city map; features that share a code are one area of several parts.

The projection is a local equirectangular one around the map's centre — x = (λ − λ₀)·cos φ₀,
y = φ − φ₀, in kilometres —, which at the scale of a city (a few tens of kilometres) keeps distances and
areas true to well under one percent; so a scale bar can be drawn and no GIS stack is needed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from conceptgen.diagnostics import Diagnostic, DiagnosticError, Location, diagnostic, relative
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path
from conceptgen.model import Concept
from conceptgen.model.social import Geometry
from conceptgen.paths import project_file

KM_PER_DEGREE_LAT = 110.574
KM_PER_DEGREE_LON = 111.320
MAX_BYTES = 50 * 1024 * 1024

Ring = list[tuple[float, float]]


@dataclass
class Shape:
    """An area's outline: polygons, each an outer ring and its holes (projected, in km)."""

    polygons: list[list[Ring]]
    label: tuple[float, float]  # a point inside the area, for its label
    room: float = 0.0  # the radius (km) of the largest circle around ``label`` inside the area


@dataclass
class Layer:
    """The shapes of one kind of area, the features that match no area, and where they come from."""

    kind: str
    source: str
    shapes: dict[str, Shape] = field(default_factory=dict)  # area ID → shape
    strays: list[Shape] = field(default_factory=list)  # features with a code no area has
    bounds: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0)  # x0, y0, x1, y1


def load_geometry(
    concept: Concept, source: ProjectSource, own: bool = False
) -> tuple[dict[str, Layer], list[Diagnostic]]:
    """Every declared geometry, projected around the centre of all of them: the Sozialraumanalyse's, or
    with ``own`` the project's own (inventory.yaml ``geometry``: a study area and its parts)."""
    if own:
        geometries, at = concept.geometry, ("geometry",)
    else:
        assert concept.social_space is not None
        geometries, at = concept.social_space.geometry, ("social_space", "geometry")
    raw: list[tuple[Geometry, list[tuple[str, str, list[list[Ring]]]]]] = []
    found: list[Diagnostic] = []
    for i, geometry in enumerate(geometries):
        try:
            raw.append((geometry, _read(geometry, source, (*at, i))))
        except DiagnosticError as exc:
            found += exc.diagnostics
    points = [p for _g, features in raw for _c, _n, polys in features for poly in polys for p in poly[0]]
    if not points:
        return {}, found
    lon0 = (min(p[0] for p in points) + max(p[0] for p in points)) / 2
    lat0 = (min(p[1] for p in points) + max(p[1] for p in points)) / 2
    scale = math.cos(math.radians(lat0))

    def project(ring: Ring) -> Ring:
        return [((x - lon0) * KM_PER_DEGREE_LON * scale, (y - lat0) * KM_PER_DEGREE_LAT) for x, y in ring]

    layers: dict[str, Layer] = {}
    for i, (geometry, features) in enumerate(raw):
        by_code = {a.code: a for a in concept.areas if a.kind == geometry.kind and a.code}
        layer = Layer(geometry.kind, geometry.source)
        where = source.locate((*at, i, "file"))
        for code, name, polygons in features:
            projected = [[project(ring) for ring in polygon] for polygon in polygons]
            shape = Shape(projected, *_label_point(projected))
            area = by_code.get(code)
            if area is None:
                layer.strays.append(shape)
                found.append(
                    diagnostic(
                        "CG614",
                        f"Feature „{name or code}“ (Code „{code}“) aus {geometry.file} passt zu keinem "
                        f"Gebiet der Art „{geometry.kind}“",
                        where,
                        hint="es wird grau gezeichnet, ohne Daten",
                    )
                )
                continue
            if name and not _same(name, area.name):
                found.append(
                    diagnostic(
                        "CG611",
                        f"Feature „{name}“ passt nicht zum Namen des Gebiets {code} „{area.name}“",
                        where,
                        hint="Zuordnung über den Code: den Code oder den Namen in inventory.yaml prüfen",
                    )
                )
            layer.shapes[area.id] = shape
        for area in by_code.values():
            if area.id not in layer.shapes:
                found.append(
                    diagnostic(
                        "CG613",
                        f"das Gebiet „{area.name}“ ({area.code}) hat keine Form in {geometry.file}",
                        where,
                        hint="es fehlt auf den Karten",
                    )
                )
        xs = [x for s in [*layer.shapes.values(), *layer.strays] for poly in s.polygons for x, _ in poly[0]]
        ys = [y for s in [*layer.shapes.values(), *layer.strays] for poly in s.polygons for _, y in poly[0]]
        if xs:
            layer.bounds = (min(xs), min(ys), max(xs), max(ys))
        layers[geometry.kind] = layer
    return layers, found


def _same(a: str, b: str) -> bool:
    from conceptgen.data.area_data import same_name

    return same_name(a, b)


def _read(geometry: Geometry, source: ProjectSource, path: tuple) -> list[tuple[str, str, list[list[Ring]]]]:
    """The features of a GeoJSON file: (code, name, polygons) in WGS84 degrees (data/geojson.py checks
    every feature and reprojects a declared reference system)."""
    from conceptgen.data import geojson

    where = source.locate((*path, "file"))
    key = format_path((*path, "file"))
    file = project_file(source.root, geometry.file, "Geometriedatei", where, key)
    if file.stat().st_size > MAX_BYTES:
        raise DiagnosticError(
            diagnostic(
                "CG608", f"„{geometry.file}“ ist größer als {MAX_BYTES // 2**20} MB", where, key_path=key
            )
        )
    display = relative(file)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DiagnosticError(
            diagnostic("CG002", f"„{geometry.file}“ ist kein UTF-8: {exc.reason}", Location(display))
        ) from None
    data = geojson.parse(text, display, where)
    crs_where = source.locate((*path, "crs")) if geometry.crs else where
    merged: dict[str, tuple[str, str, list[list[Ring]]]] = {}
    for f in geojson.features(data, text, display, geometry.code, geometry.name, geometry.crs, crs_where):
        if f.code in merged:  # a district in several features (an exclave): one area of several parts
            merged[f.code][2].extend(f.polygons)
        else:
            merged[f.code] = (f.code, f.name, list(f.polygons))
    return list(merged.values())


def _label_point(polygons: list[list[Ring]]) -> tuple[tuple[float, float], float]:
    """Where the area's label goes: the pole of inaccessibility of its largest polygon (the point
    farthest from its edges, shapely's polylabel, to 10 m), and the room there (the distance to the
    edge, km) — so that a label sits in the area's widest part and the map can tell whether a name fits.
    A polygon polylabel cannot take (self-intersecting) falls back to a representative point."""
    from shapely.errors import GEOSException
    from shapely.geometry import Polygon
    from shapely.ops import polylabel

    shapes = [Polygon(polygon[0], polygon[1:]) for polygon in polygons if len(polygon[0]) >= 3]
    if not shapes:
        return (0.0, 0.0), 0.0
    largest = max(shapes, key=lambda s: s.area)
    try:
        point = polylabel(largest if largest.is_valid else largest.buffer(0), tolerance=0.01)
        if point.is_empty or not largest.buffer(1e-9).contains(point):
            raise ValueError("outside")
    except (ValueError, GEOSException):  # a broken ring: the representative point is always inside
        point = largest.representative_point()
    return (point.x, point.y), float(largest.boundary.distance(point))
